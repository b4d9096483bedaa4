import type { Kysely } from 'kysely';

/**
 * The dashboard counts by value (return channel, switch path, duration, owner) as index range counts per value
 * instead of grouping a year of cases, which SQLite does by sorting them (60–100 ms each at 300,000 cases in
 * pnpm bench). Each index holds the value and merged_into_id, then the time range, then the filters (team,
 * category, origin channel), so a count reads exactly the cases it counts, from the index alone.
 * Frozen: add new migrations.
 */
// biome-ignore lint/suspicious/noExplicitAny: a frozen migration must not depend on today's table types (Kysely docs)
export async function up(db: Kysely<any>): Promise<void> {
  const index = (name: string, columns: string[]) => db.schema.createIndex(name).on('cases').columns(columns).execute();
  const filters = ['team_id', 'category_id', 'origin_channel'];
  await index('cases_stats_return_idx', ['merged_into_id', 'return_channel', 'created_at', ...filters]);
  await index('cases_stats_switch_idx', [
    'merged_into_id',
    'switch_channel',
    'origin_channel',
    'created_at',
    'team_id',
    'category_id',
  ]);
  // Durations lead, so that "the next larger value" is one seek on both databases.
  await index('cases_stats_first_response_idx', ['first_response_minutes', 'merged_into_id', 'created_at', ...filters]);
  await index('cases_stats_resolution_idx', ['resolution_minutes', 'merged_into_id', 'created_at', ...filters]);
  await index('cases_stats_assignee_resolved_idx', ['merged_into_id', 'assignee_id', 'resolved_at', ...filters]);
  await index('cases_stats_team_resolved_idx', ['merged_into_id', 'team_id', 'resolved_at', 'category_id', 'origin_channel']);
}

export async function down(): Promise<void> {
  throw new Error('Released migrations are not reverted; restore a backup instead.');
}
