import type { QueryClient } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { errorCodeOf } from './errors';

/*
 * Whether the server says its database is away (503 `service.unavailable`: stopped, unreachable, unable to store).
 * Any request that fails so sets it, any that succeeds clears it; the app shell shows a banner meanwhile
 * (components/domain/outage-banner.tsx) while queries keep trying (retry.ts). Nothing typed is lost: forms keep
 * their input when a send fails, and the reply box its draft.
 */
let down = false;
const listeners = new Set<() => void>();

export function isDatabaseOutage(error: unknown): boolean {
  return errorCodeOf(error) === 'service.unavailable';
}

export function reportDatabaseOutage(isDown: boolean): void {
  if (down === isDown) return;
  down = isDown;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function databaseDown(): boolean {
  return down;
}

export function useDatabaseOutage(): boolean {
  return useSyncExternalStore(subscribe, databaseDown);
}

/** Every attempt of the client's queries and mutations tells whether the database is there (a retry too). */
export function watchDatabaseOutages(client: QueryClient): void {
  client.getQueryCache().subscribe((event) => {
    if (event.type !== 'updated') return;
    const { action } = event;
    if ((action.type === 'failed' || action.type === 'error') && isDatabaseOutage(action.error)) reportDatabaseOutage(true);
    else if (action.type === 'success' && !action.manual) reportDatabaseOutage(false);
  });
  client.getMutationCache().subscribe((event) => {
    if (event.type !== 'updated') return;
    const { action } = event;
    if ((action.type === 'failed' || action.type === 'error') && isDatabaseOutage(action.error)) reportDatabaseOutage(true);
    else if (action.type === 'success') reportDatabaseOutage(false);
  });
}
