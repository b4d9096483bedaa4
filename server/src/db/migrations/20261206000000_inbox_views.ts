import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect.js';

/**
 * Every inbox view reads its first page in index order, whatever the sort, on both databases and with or without
 * planner statistics (pnpm bench before: "all" by last update 230–500 ms at 300,000 cases, because SQLite sought
 * `merged_into_id IS NULL`, which is nearly every row, in an index that leads with it, and sorted the result).
 *
 * - `priority_rank` is the priority as a number (a generated column), so "most urgent first" has a column to index
 *   and a keyset cursor to compare. `next_due_at` is the next SLA target (the first response while none was given
 *   and it comes first, else the resolution), so "due soon" (a few cases) is a range in an index of open cases.
 * - Per sort, an index over all cases (updated and created exist; the reference's unique index serves its sort), one
 *   over open cases ("open") and one over open cases by assignee ("mine", and "my teams' unassigned" as assignee IS
 *   NULL); the id last for the keyset tie-break (the reference is unique and needs none). The open condition is a
 *   partial-index predicate with literal values, and the list query writes it the same way (a bound parameter does
 *   not prove a predicate on SQLite).
 * - `merged_into_id` is indexed only where it is set: merged cases are few and are looked up by it.
 * - Indexes these replace are dropped: every index costs each write. The targets' own indexes held every case ever
 *   (PostgreSQL read 60,000 closed ones for the team board); the SLA escalation reads open cases by `next_due_at`.
 *   A status filter reads the sort's index too (an open status the open one): a status index made SQLite seek the
 *   open statuses in it and sort what it found.
 * Frozen: add new migrations.
 */
const PRIORITY_RANK = `case priority when 'urgent' then 3 when 'high' then 2 when 'normal' then 1 else 0 end`;
const NEXT_DUE = `case when first_response_at is null and first_response_due_at is not null
  and (resolution_due_at is null or first_response_due_at < resolution_due_at)
  then first_response_due_at else resolution_due_at end`;
const OPEN = `status in ('new', 'open', 'waiting_citizen', 'waiting_internal')`;
const SORTS = ['updated_at, id', 'created_at, id', 'priority_rank, id', 'reference'];

// biome-ignore lint/suspicious/noExplicitAny: a frozen migration must not depend on today's table types (Kysely docs)
export async function up(db: Kysely<any>): Promise<void> {
  // SQLite adds only virtual generated columns to an existing table; PostgreSQL only stored ones.
  const kind = dialectOf(db) === 'sqlite' ? 'virtual' : 'stored';
  const generated = [
    { column: 'priority_rank', type: 'integer', expression: PRIORITY_RANK },
    { column: 'next_due_at', type: 'bigint', expression: NEXT_DUE },
  ];
  for (const { column, type, expression } of generated) {
    await sql`alter table cases add column ${sql.ref(column)} ${sql.raw(type)} generated always as (${sql.raw(expression)}) ${sql.raw(kind)}`.execute(
      db,
    );
  }

  for (const name of ['status', 'team', 'assignee', 'assignee_updated', 'merged', 'resolution_due', 'first_response_due']) {
    await db.schema.dropIndex(`cases_${name}_idx`).execute();
  }
  const index = (name: string, columns: string, where?: string) =>
    sql`create index ${sql.ref(name)} on cases (${sql.raw(columns)})${sql.raw(where ? ` where ${where}` : '')}`.execute(db);
  await index('cases_priority_idx', 'priority_rank, id');
  for (const columns of SORTS) {
    const sort = columns.split('_')[0];
    await index(`cases_open_${sort}_idx`, columns, OPEN);
    await index(`cases_open_assignee_${sort}_idx`, `assignee_id, ${columns}`, OPEN);
  }
  await index('cases_open_next_due_idx', 'next_due_at', OPEN);
  // The team board and the overview: each member's open, overdue and due-today counts from the index alone, and the
  // team's open cases by resolution target.
  await index('cases_open_assignee_due_idx', 'assignee_id, resolution_due_at, merged_into_id, status', OPEN);
  await index('cases_open_team_due_idx', 'team_id, resolution_due_at, id', OPEN);
  await index('cases_merged_idx', 'merged_into_id', 'merged_into_id is not null');
}

export async function down(): Promise<void> {
  throw new Error('Released migrations are not reverted; restore a backup instead.');
}
