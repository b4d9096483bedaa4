import { sql, type Kysely } from 'kysely';
import { dialectOf, primaryKeyId } from '../dialect.js';

/**
 * Impact figures against targets (issue 18, part 2):
 * - `impact_targets`: the targets the service committed to, one per figure (`metric`, a fixed list in
 *   shared/src/impact.ts) for the whole desk (`team_id` null) or one team, the value in thousandths of the figure's
 *   unit (`target_milli`: 800 = 80 % for a share, 4000 = 4.0 for the mean rating). One row per figure and scope: the
 *   unique index treats "the whole desk" as team 0, since NULLs never collide in a unique index on either database.
 * - indexes for the statistics of the feedback the citizen side writes (migration 20261211000000_citizen_side): the
 *   answers given per day with their rating and "solved" (read from the index alone; the case id joins the filters),
 *   the invitations sent per day (the survey's response rate), and the answers with a comment in the order the
 *   supervisors' list reads them.
 * Frozen: add new migrations.
 */
const IMPACT_METRICS_AT_CREATION = [
  'first_response_within_day',
  'first_contact_resolution',
  'resolved_within_sla',
  'recontact_rate',
  'satisfaction',
  'solved_share',
  'response_rate',
] as const;

// biome-ignore lint/suspicious/noExplicitAny: a frozen migration must not depend on today's table types (Kysely docs)
export async function up(db: Kysely<any>): Promise<void> {
  const metrics = sql.join(IMPACT_METRICS_AT_CREATION.map((metric) => sql.lit(metric)));
  await db.schema
    .createTable('impact_targets')
    .addColumn('id', 'integer', primaryKeyId(dialectOf(db)))
    .addColumn('metric', 'text', (c) => c.notNull().check(sql`metric in (${metrics})`))
    .addColumn('team_id', 'integer', (c) => c.references('teams.id').onDelete('cascade'))
    .addColumn('target_milli', 'integer', (c) => c.notNull().check(sql`target_milli between 0 and 5000`))
    .addColumn('updated_by_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await sql`create unique index impact_targets_scope_idx on impact_targets (metric, (coalesce(team_id, 0)))`.execute(db);
  await db.schema
    .createIndex('feedback_stats_idx')
    .on('feedback')
    .columns(['created_at', 'rating', 'solved', 'case_id'])
    .execute();
  // The supervisors' list of comments, newest first by keyset: only answers with a comment, in the list's order.
  await db.schema
    .createIndex('feedback_comments_idx')
    .on('feedback')
    .columns(['created_at', 'case_id'])
    .where(sql.ref('comment'), 'is not', null)
    .execute();
  await db.schema
    .createIndex('survey_invitations_created_idx')
    .on('survey_invitations')
    .columns(['created_at', 'case_id'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Released migrations are not reverted; restore a backup instead.');
}
