import { sql, type Kysely } from 'kysely';
import { dialectOf, primaryKeyId } from '../dialect.js';

/** The whole domain from the start, so later work extends rather than reworks it. Frozen: add new migrations. */
// biome-ignore lint/suspicious/noExplicitAny: a frozen migration must not depend on today's table types (Kysely docs)
export async function up(db: Kysely<any>): Promise<void> {
  const id = primaryKeyId(dialectOf(db));
  const schema = db.schema;

  await schema
    .createTable('users')
    .addColumn('id', 'integer', id)
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sqlIn('role', ['agent', 'team_lead', 'supervisor', 'admin'])))
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('de'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('absent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await schema
    .createTable('teams')
    .addColumn('id', 'integer', id)
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('email_address', 'text', (c) => c.unique())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await schema
    .createTable('team_memberships')
    .addColumn('team_id', 'integer', (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('team_memberships_pk', ['team_id', 'user_id'])
    .execute();
  await schema.createIndex('team_memberships_user_idx').on('team_memberships').column('user_id').execute();

  await schema
    .createTable('citizens')
    .addColumn('id', 'integer', id)
    .addColumn('given_name', 'text')
    .addColumn('family_name', 'text')
    .addColumn('display_name', 'text', (c) => c.notNull())
    // foldName("family given"): spelling-insensitive lookups and duplicate detection, with an index.
    .addColumn('name_key', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('birth_date', 'text')
    .addColumn('unverified', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('merged_into_id', 'integer', (c) => c.references('citizens.id'))
    .addColumn('anonymised_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await schema.createIndex('citizens_name_key_idx').on('citizens').column('name_key').execute();

  await schema
    .createTable('contact_points')
    .addColumn('id', 'integer', id)
    .addColumn('citizen_id', 'integer', (c) => c.notNull().references('citizens.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sqlIn('kind', ['email', 'phone', 'address'])))
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('normalized', 'text', (c) => c.notNull())
    .addColumn('is_primary', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await schema.createIndex('contact_points_lookup_idx').on('contact_points').columns(['kind', 'normalized']).execute();
  // One citizen has each email, number and address once (concurrent adds cannot duplicate it).
  await schema
    .createIndex('contact_points_citizen_idx')
    .on('contact_points')
    .columns(['citizen_id', 'kind', 'normalized'])
    .unique()
    .execute();

  await schema
    .createTable('categories')
    .addColumn('id', 'integer', id)
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('default_team_id', 'integer', (c) => c.references('teams.id').onDelete('set null'))
    .addColumn('retention_days', 'integer')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await schema
    .createTable('cases')
    .addColumn('id', 'integer', id)
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('citizen_id', 'integer', (c) => c.notNull().references('citizens.id'))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sqlIn('status', ['new', 'open', 'waiting_citizen', 'waiting_internal', 'resolved', 'closed'])),
    )
    .addColumn('priority', 'text', (c) => c.notNull().check(sqlIn('priority', ['low', 'normal', 'high', 'urgent'])))
    .addColumn('category_id', 'integer', (c) => c.references('categories.id').onDelete('set null'))
    .addColumn('team_id', 'integer', (c) => c.references('teams.id').onDelete('set null'))
    .addColumn('assignee_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('origin_channel', 'text', (c) => c.notNull().check(sqlIn('origin_channel', CHANNELS)))
    .addColumn('created_by_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('merged_into_id', 'integer', (c) => c.references('cases.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('first_response_at', 'bigint')
    .addColumn('resolved_at', 'bigint')
    .addColumn('closed_at', 'bigint')
    .addColumn('first_response_due_at', 'bigint')
    .addColumn('resolution_due_at', 'bigint')
    .addColumn('sla_paused_at', 'bigint')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await schema.createIndex('cases_citizen_idx').on('cases').columns(['citizen_id', 'status']).execute();
  await schema.createIndex('cases_team_idx').on('cases').columns(['team_id', 'status', 'updated_at']).execute();
  await schema.createIndex('cases_assignee_idx').on('cases').columns(['assignee_id', 'status', 'updated_at']).execute();
  await schema.createIndex('cases_status_idx').on('cases').columns(['status', 'updated_at']).execute();
  await schema.createIndex('cases_created_idx').on('cases').columns(['created_at', 'id']).execute();
  // The inbox's default order (all cases by last activity) and the "merged into this case" lookup.
  await schema.createIndex('cases_updated_idx').on('cases').columns(['updated_at', 'id']).execute();
  await schema.createIndex('cases_merged_idx').on('cases').column('merged_into_id').execute();

  await schema
    .createTable('case_links')
    .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('related_case_id', 'integer', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_links_pk', ['case_id', 'related_case_id'])
    .execute();
  await schema.createIndex('case_links_related_idx').on('case_links').column('related_case_id').execute();

  await schema
    .createTable('case_reference_counters')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('last_serial', 'integer', (c) => c.notNull())
    .execute();

  // The citizen's private status link: only the hash of its token is stored.
  await schema
    .createTable('case_access_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await schema.createIndex('case_access_tokens_case_idx').on('case_access_tokens').column('case_id').execute();

  await schema
    .createTable('interactions')
    .addColumn('id', 'integer', id)
    .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
    .addColumn('citizen_id', 'integer', (c) => c.notNull().references('citizens.id'))
    .addColumn('channel', 'text', (c) => c.notNull().check(sqlIn('channel', CHANNELS)))
    .addColumn('direction', 'text', (c) => c.notNull().check(sqlIn('direction', ['inbound', 'outbound', 'internal'])))
    .addColumn('author_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('subject', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('html_sanitized', 'text')
    .addColumn('occurred_at', 'bigint', (c) => c.notNull())
    .addColumn('duration_seconds', 'integer')
    .addColumn('external_message_id', 'text', (c) => c.unique())
    .addColumn('delivery_status', 'text')
    .addColumn('metadata', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await schema.createIndex('interactions_case_idx').on('interactions').columns(['case_id', 'occurred_at']).execute();
  await schema.createIndex('interactions_citizen_idx').on('interactions').columns(['citizen_id', 'occurred_at']).execute();
  await schema.createIndex('interactions_occurred_idx').on('interactions').column('occurred_at').execute();

  await schema
    .createTable('attachments')
    .addColumn('id', 'integer', id)
    .addColumn('interaction_id', 'integer', (c) => c.notNull().references('interactions.id').onDelete('cascade'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await schema.createIndex('attachments_interaction_idx').on('attachments').column('interaction_id').execute();
  await schema.createIndex('attachments_sha_idx').on('attachments').column('sha256').execute();

  await schema
    .createTable('audit_events')
    .addColumn('id', 'integer', id)
    .addColumn('occurred_at', 'bigint', (c) => c.notNull())
    .addColumn('actor_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('ip', 'text')
    .addColumn('details', 'text')
    .execute();
  await schema.createIndex('audit_events_occurred_idx').on('audit_events').column('occurred_at').execute();
  await schema.createIndex('audit_events_entity_idx').on('audit_events').columns(['entity_type', 'entity_id']).execute();

  await schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();
  await schema.createIndex('sessions_expires_idx').on('sessions').column('expires_at').execute();

  await schema
    .createTable('login_throttles')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('locked_until', 'bigint')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
}

const CHANNELS = ['email', 'webform', 'phone', 'counter', 'note'];

/** A CHECK (column IN (...)) expression; values are constants of this file, never user input. */
function sqlIn(column: string, values: readonly string[]) {
  return sql.raw(`${column} in (${values.map((value) => `'${value}'`).join(', ')})`);
}

export async function down(): Promise<void> {
  throw new Error('The initial migration cannot be reverted; restore a backup instead.');
}
