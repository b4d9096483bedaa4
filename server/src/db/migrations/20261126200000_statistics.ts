import { sql, type Kysely } from 'kysely';

/**
 * Supervisor statistics: facts about each case that the dashboard would otherwise have to work out case by case
 * from a million interactions, stored with the case by the write path, and indexes for the dashboard's range scans.
 * Frozen: add new migrations.
 */
// biome-ignore lint/suspicious/noExplicitAny: a frozen migration must not depend on today's table types (Kysely docs)
export async function up(db: Kysely<any>): Promise<void> {
  const schema = db.schema;
  // Business minutes from the case's creation to its first answer and to its resolution, rounded. SQL cannot count
  // business hours (opening hours, public holidays, Berlin's clock), so the write path stores them. Existing rows
  // keep null (they count in no duration figure): a backfill would need the SLA clock, which lives in TypeScript.
  // SQLite adds one column per statement.
  await schema.alterTable('cases').addColumn('first_response_minutes', 'integer').execute();
  await schema.alterTable('cases').addColumn('resolution_minutes', 'integer').execute();
  // The citizen's contacts (inbound interactions other than notes) on the case: how many, the channel of the second
  // (the first return) and of the first on another channel than the case's origin (the first channel switch).
  await schema
    .alterTable('cases')
    .addColumn('contact_count', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await schema.alterTable('cases').addColumn('return_channel', 'text').execute();
  await schema.alterTable('cases').addColumn('switch_channel', 'text').execute();
  // Existing cases get theirs from their interactions (the same statement as refreshContactFacts).
  const contacts = sql`from interactions i where i.case_id = cases.id and i.direction = 'inbound' and i.channel <> 'note'`;
  await sql`update cases set
      contact_count = (select count(*) ${contacts}),
      return_channel = (select i.channel ${contacts} order by i.occurred_at, i.id limit 1 offset 1),
      switch_channel = (select i.channel ${contacts} and i.channel <> cases.origin_channel order by i.occurred_at, i.id limit 1)`.execute(
    db,
  );

  // The dashboard reads cases by creation, by resolution and while open, with its filters (never merged; team,
  // category, origin channel): these indexes hold every column those figures need, so a year of cases is read from
  // them alone (SQLite would otherwise also prefer the merged_into_id index to the time range).
  await schema
    .createIndex('cases_stats_created_idx')
    .on('cases')
    .columns([
      'merged_into_id',
      'created_at',
      'team_id',
      'category_id',
      'origin_channel',
      'contact_count',
      'return_channel',
      'switch_channel',
      'first_response_minutes',
      'resolution_minutes',
      'first_response_at',
      'first_response_due_at',
      'resolved_at',
      'resolution_due_at',
      'sla_paused_at',
    ])
    .execute();
  await schema
    .createIndex('cases_stats_resolved_idx')
    .on('cases')
    .columns(['merged_into_id', 'resolved_at', 'team_id', 'category_id', 'origin_channel', 'assignee_id', 'contact_count'])
    .execute();
  await schema
    .createIndex('cases_stats_open_idx')
    .on('cases')
    .columns([
      'merged_into_id',
      'status',
      'team_id',
      'assignee_id',
      'category_id',
      'origin_channel',
      'resolution_due_at',
      'sla_paused_at',
    ])
    .execute();
  // Contacts per day and channel: index-only range counts.
  await schema
    .createIndex('interactions_stats_contacts_idx')
    .on('interactions')
    .columns(['direction', 'channel', 'occurred_at', 'case_id'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Released migrations are not reverted; restore a backup instead.');
}
