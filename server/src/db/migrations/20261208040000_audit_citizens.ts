import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect.js';

/**
 * "Who looked at this person's data?" (the question an Art. 15 request asks, issue 17): `audit_event_citizens` names,
 * for each audit event, the citizens whose data it touched: the citizen it is about, the citizens in its details
 * (a list's, a search's), the citizen of the case, message or attachment it is about. The writer fills it with the
 * event (modules/audit/audit-subjects.ts); the viewer's citizen filter reads it from its (citizen, event) key, newest
 * first, without reading the log. Events written before it are filled in here, from the same facts (a case's citizen
 * as it is now). Ids only, like the log. Frozen: add new migrations.
 */
// biome-ignore lint/suspicious/noExplicitAny: a frozen migration must not depend on today's table types (Kysely docs)
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('audit_event_citizens')
    .addColumn('citizen_id', 'integer', (c) => c.notNull())
    .addColumn('audit_event_id', 'integer', (c) => c.notNull().references('audit_events.id'))
    .addPrimaryKeyConstraint('audit_event_citizens_pk', ['citizen_id', 'audit_event_id'])
    .execute();

  const postgres = dialectOf(db) === 'postgres';
  // An id in the log's text column or its JSON details, as an integer; anything else is no id.
  const entityId = postgres
    ? sql`case when e.entity_id ~ '^[0-9]{1,9}$' then e.entity_id::integer end`
    : sql`case when e.entity_id not glob '*[^0-9]*' and length(e.entity_id) between 1 and 9 then cast(e.entity_id as integer) end`;
  const detail = (key: string) =>
    postgres
      ? sql`case when e.details::jsonb->>${key} ~ '^[0-9]{1,9}$' then (e.details::jsonb->>${key})::integer end`
      : sql`case when json_type(e.details, ${`$.${key}`}) = 'integer' then json_extract(e.details, ${`$.${key}`}) end`;
  const insert = (select: ReturnType<typeof sql>) =>
    sql`insert into audit_event_citizens (citizen_id, audit_event_id)
      select distinct citizen_id, id from (${select}) concerned where citizen_id is not null
      on conflict do nothing`.execute(db);

  await insert(sql`select ${entityId} as citizen_id, e.id from audit_events e where e.entity_type = 'citizen'`);
  await insert(sql`select c.citizen_id, e.id from audit_events e join cases c on c.id = ${entityId}
    where e.entity_type = 'case'`);
  await insert(sql`select i.citizen_id, e.id from audit_events e join interactions i on i.id = ${entityId}
    where e.entity_type = 'interaction'`);
  await insert(sql`select i.citizen_id, e.id from audit_events e join interactions i on i.id = ${detail('interactionId')}
    where e.entity_type = 'attachment'`);
  for (const key of ['citizenId', 'mergedId', 'senderId', 'redirectedFrom']) {
    await insert(sql`select ${detail(key)} as citizen_id, e.id from audit_events e where e.details is not null`);
  }
  await insert(
    postgres
      ? sql`select ids.value::integer as citizen_id, e.id from audit_events e
          cross join lateral jsonb_array_elements_text(e.details::jsonb->'citizenIds') ids(value)
          where e.details is not null and jsonb_typeof(e.details::jsonb->'citizenIds') = 'array'`
      : sql`select ids.value as citizen_id, e.id from audit_events e, json_each(e.details, '$.citizenIds') ids
          where e.details is not null and json_type(e.details, '$.citizenIds') = 'array' and ids.type = 'integer'`,
  );
}

export async function down(): Promise<void> {
  throw new Error('Released migrations are not reverted; restore a backup instead.');
}
