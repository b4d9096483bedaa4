import { useQuery } from '@tanstack/react-query';
import { trpc } from './trpc';

/**
 * Whether outgoing mail works (admins, agents and team leads; see mail-state.ts): the admins' notice, the reply box's
 * warning and the timeline's delivery labels share one query. `enabled: false` until something needs it.
 */
export const useMailStatus = (enabled = true) => useQuery(trpc.mail.status.queryOptions(undefined, { enabled }));
