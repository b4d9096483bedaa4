import { OPEN_CASE_STATUSES } from '@anliegen/shared';
import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { DialectName } from '../../db/dialect.js';

/**
 * Open cases, written exactly as the predicate of the inbox's partial indexes (migration 20261206000000_inbox_views),
 * with literal values: SQLite uses a partial index only when the query repeats its predicate, and a bound parameter
 * does not count.
 */
export const OPEN_CASE = sql<SqlBool>`cases.status in (${sql.join(OPEN_CASE_STATUSES.map((status) => sql.lit(status)))})`;

/**
 * A column the planner must only filter by, never pick an index for: on SQLite a unary plus. Without it SQLite
 * (without statistics, and often with them) seeks `merged_into_id IS NULL` or a filter's value in some index and
 * sorts what it finds (hundreds of milliseconds for "all") instead of reading the sort's index and stopping after a
 * page. PostgreSQL weighs this with its statistics and gets the column as it is.
 */
export function filterOnly(dialect: DialectName, column: string): RawBuilder<unknown> {
  return dialect === 'sqlite' ? sql`+${sql.ref(column)}` : sql`${sql.ref(column)}`;
}

/** Not merged into another case, as a condition the planner only filters by (see filterOnly). */
export function notMerged(dialect: DialectName): RawBuilder<SqlBool> {
  return sql<SqlBool>`${filterOnly(dialect, 'cases.merged_into_id')} is null`;
}

/**
 * A whole condition the planner may only filter by (see filterOnly): on SQLite in a unary plus, so an "or" (the team
 * rule of `visibleCases`) is not read through several indexes whose union is then sorted.
 */
export function filterOnlyCondition(dialect: DialectName, condition: Expression<SqlBool>): Expression<SqlBool> {
  return dialect === 'sqlite' ? sql<SqlBool>`+(${condition})` : condition;
}

/**
 * Not waiting for a follow-up date that is still to come: the inbox's working views ("mine", "my teams' unassigned",
 * "open") and the start page's counters of them leave such cases out until the day begins. Filter-only (see
 * filterOnly): the rows are read in the view's index, the few cases with a date have an index of their own.
 */
export function noFollowUpPending(dialect: DialectName, now: number): Expression<SqlBool> {
  const column = filterOnly(dialect, 'cases.follow_up_at');
  return filterOnlyCondition(dialect, sql<SqlBool>`(${column} is null or ${column} <= ${now})`);
}
