import { sql } from 'kysely';
import type { DB } from '../db/database.js';
import type { AuditAction } from '@anliegen/shared';
import type { DomainEvent, EventSubscriber } from './domain-events.js';
import { EVENT_SUBSCRIBERS } from './event-subscribers.js';
import type { Actor } from './actor.js';
import { type AuditRecord, recordAudit } from '../modules/audit/audit.service.js';

/** One change in the making: its transaction, who makes it, and what it records and announces. */
export interface Work {
  /** The transaction: every write of the change goes through it. */
  readonly db: DB;
  readonly actor: Actor;
  /** Writes an audit event in the transaction, with the change's actor and address. */
  audit<A extends AuditAction>(action: A, record: AuditRecord<A>): Promise<void>;
  /** Says what happened; subscribers react in the transaction and after the commit, never for a rollback. */
  emit(event: DomainEvent): void;
  /** Something to do once the change is safe (a live update, a file to delete). Never runs after a rollback. */
  afterCommit(effect: () => void): void;
  /**
   * A part of the change that may fail alone (one mail of a batch): under a savepoint, its writes roll back and its
   * events and effects are dropped when it throws; the error is the caller's to handle.
   */
  savepoint<T>(part: (work: Work) => Promise<T>): Promise<T>;
}

/** The work of one transaction, collecting its events and effects into the given lists. */
function workOf(trx: DB, actor: Actor, events: DomainEvent[], effects: (() => void)[]): Work {
  return {
    db: trx,
    actor,
    audit: (action, record) => recordAudit(trx, actor, action, record),
    emit: (event) => void events.push(event),
    afterCommit: (effect) => void effects.push(effect),
    async savepoint(part) {
      const partEvents: DomainEvent[] = [];
      const partEffects: (() => void)[] = [];
      await sql`savepoint unit_part`.execute(trx);
      try {
        const value = await part(workOf(trx, actor, partEvents, partEffects));
        await sql`release savepoint unit_part`.execute(trx);
        events.push(...partEvents);
        effects.push(...partEffects);
        return value;
      } catch (error) {
        await sql`rollback to savepoint unit_part`.execute(trx);
        await sql`release savepoint unit_part`.execute(trx);
        throw error;
      }
    },
  };
}

/**
 * Runs a change as one unit: one transaction with its audit events, then (only after the commit) its domain events'
 * side effects. `subscribers` is for tests; the app's are listed in event-subscribers.ts.
 */
export async function unitOfWork<T>(
  db: DB,
  actor: Actor,
  change: (work: Work) => Promise<T>,
  subscribers: readonly EventSubscriber[] = EVENT_SUBSCRIBERS,
): Promise<T> {
  const events: DomainEvent[] = [];
  const effects: (() => void)[] = [];
  const result = await db.transaction().execute(async (trx) => {
    const work = workOf(trx, actor, events, effects);
    const value = await change(work);
    for (const subscriber of subscribers) if (events.length > 0) await subscriber.inTransaction?.(events, work);
    return value;
  });
  for (const subscriber of subscribers) {
    if (events.length > 0 && subscriber.afterCommit) effects.push(() => subscriber.afterCommit!(events, db));
  }
  for (const effect of effects) {
    // The change has committed: a failing side effect must not turn it into an error for the caller.
    try {
      effect();
    } catch (error) {
      process.emitWarning(error instanceof Error ? error : new Error(String(error)), 'AfterCommitWarning');
    }
  }
  return result;
}
