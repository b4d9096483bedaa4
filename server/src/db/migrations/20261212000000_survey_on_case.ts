import { type Kysely, sql } from 'kysely';

/**
 * What the impact figures count of the survey, kept on the case (issue 18): when it was invited
 * (`survey_invited_at`, the invitation's created_at), when it was first answered (`feedback_at`, the answer's
 * created_at) and the answer's rating and "solved" (`feedback_rating`, `feedback_solved`). The statistics read them
 * in covering indexes of the cases with the case's filters (team, category, channel, merged), as they read the cases
 * created and resolved, instead of looking up the case of every answer and invitation (a year at 300,000 cases: about
 * 210 ms of lookups). The feedback module writes them with the invitation and the answer; here they are filled from
 * the existing rows. The indexes by answer and invitation time the lookups used are no longer read.
 * Frozen: add new migrations.
 */
// biome-ignore lint/suspicious/noExplicitAny: a frozen migration must not depend on today's table types (Kysely docs)
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cases').addColumn('survey_invited_at', 'bigint').execute();
  await db.schema.alterTable('cases').addColumn('feedback_at', 'bigint').execute();
  await db.schema.alterTable('cases').addColumn('feedback_rating', 'integer').execute();
  await db.schema.alterTable('cases').addColumn('feedback_solved', 'text').execute();
  await sql`update cases set survey_invited_at =
      (select survey_invitations.created_at from survey_invitations where survey_invitations.case_id = cases.id)
    where cases.id in (select case_id from survey_invitations)`.execute(db);
  await sql`update cases set
      feedback_at = (select feedback.created_at from feedback where feedback.case_id = cases.id),
      feedback_rating = (select feedback.rating from feedback where feedback.case_id = cases.id),
      feedback_solved = (select feedback.solved from feedback where feedback.case_id = cases.id)
    where cases.id in (select case_id from feedback)`.execute(db);
  // Only the cases with an answer or an invitation are in these (a range on the time implies it is not null).
  await db.schema
    .createIndex('cases_stats_feedback_idx')
    .on('cases')
    .columns(['merged_into_id', 'feedback_at', 'team_id', 'category_id', 'origin_channel', 'feedback_rating', 'feedback_solved'])
    .where(sql.ref('feedback_at'), 'is not', null)
    .execute();
  await db.schema
    .createIndex('cases_stats_survey_idx')
    .on('cases')
    .columns(['merged_into_id', 'survey_invited_at', 'team_id', 'category_id', 'origin_channel', 'feedback_at'])
    .where(sql.ref('survey_invited_at'), 'is not', null)
    .execute();
  await db.schema.dropIndex('feedback_stats_idx').execute();
  await db.schema.dropIndex('survey_invitations_created_idx').execute();
}

export async function down(): Promise<void> {
  throw new Error('Released migrations are not reverted; restore a backup instead.');
}
