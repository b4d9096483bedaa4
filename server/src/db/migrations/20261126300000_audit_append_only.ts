import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect.js';

/**
 * The audit log is append-only: the database itself refuses UPDATE and DELETE on `audit_events`, so neither a bug
 * nor a compromised application process can rewrite who read or changed personal data (only someone with the rights
 * to drop the trigger can). Users are deactivated, never deleted, so `actor_id`'s ON DELETE SET NULL never fires; if
 * someone tried to delete a user with audit history, the trigger refuses that too. Plus indexes for the admin viewer's
 * filters (by actor, and by action prefix), newest first. Frozen: add new migrations.
 */
// biome-ignore lint/suspicious/noExplicitAny: a frozen migration must not depend on today's table types (Kysely docs)
export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'sqlite') {
    await sql`create trigger audit_events_no_update before update on audit_events
      begin select raise(abort, 'audit_events is append-only'); end`.execute(db);
    await sql`create trigger audit_events_no_delete before delete on audit_events
      begin select raise(abort, 'audit_events is append-only'); end`.execute(db);
  } else {
    await sql`create function audit_events_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'audit_events is append-only' using errcode = 'insufficient_privilege';
      end $$`.execute(db);
    await sql`create trigger audit_events_no_update before update or delete on audit_events
      for each row execute function audit_events_append_only()`.execute(db);
    // TRUNCATE bypasses row triggers: refuse it with a statement trigger.
    await sql`create trigger audit_events_no_truncate before truncate on audit_events
      for each statement execute function audit_events_append_only()`.execute(db);
  }
  // The viewer pages newest first (by id) within an actor or an action prefix.
  await db.schema.createIndex('audit_events_actor_idx').on('audit_events').columns(['actor_id', 'id']).execute();
  await db.schema.createIndex('audit_events_action_idx').on('audit_events').columns(['action', 'id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Released migrations are not reverted; restore a backup instead.');
}
