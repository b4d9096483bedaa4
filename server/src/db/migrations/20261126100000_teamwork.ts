import { sql, type Kysely } from 'kysely';
import { dialectOf, primaryKeyId } from '../dialect.js';

/**
 * Teams as queues: routing rules, assignment inside a team, SLA policies in business hours, canned responses and
 * in-app notifications. Frozen: add new migrations.
 */
// biome-ignore lint/suspicious/noExplicitAny: a frozen migration must not depend on today's table types (Kysely docs)
export async function up(db: Kysely<any>): Promise<void> {
  const id = primaryKeyId(dialectOf(db));
  const schema = db.schema;

  // How a team hands out new cases, its opening hours (JSON, null = Monday to Friday 8–16) and its Bundesland
  // (public holidays). SQLite adds one column per statement.
  await schema
    .alterTable('teams')
    .addColumn('assignment_mode', 'text', (c) =>
      c.notNull().defaultTo('none').check(sql`assignment_mode in ('none', 'round_robin', 'least_open')`),
    )
    .execute();
  await schema.alterTable('teams').addColumn('business_hours', 'text').execute();
  await schema
    .alterTable('teams')
    .addColumn('bundesland', 'text', (c) => c.notNull().defaultTo('NW'))
    .execute();
  // Round robin remembers whom it gave the last case to.
  await schema.alterTable('teams').addColumn('last_assigned_user_id', 'integer').execute();

  // The case was reported to the team lead as overdue (once per case).
  await schema.alterTable('cases').addColumn('escalated_at', 'bigint').execute();
  await schema.createIndex('cases_resolution_due_idx').on('cases').column('resolution_due_at').execute();
  await schema.createIndex('cases_first_response_due_idx').on('cases').column('first_response_due_at').execute();

  await schema
    .createTable('routing_rules')
    .addColumn('id', 'integer', id)
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('channel', 'address', 'category', 'keyword')`))
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('team_id', 'integer', (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await schema
    .createTable('sla_policies')
    .addColumn('id', 'integer', id)
    .addColumn('priority', 'text', (c) => c.check(sql`priority in ('low', 'normal', 'high', 'urgent')`))
    .addColumn('category_id', 'integer', (c) => c.references('categories.id').onDelete('cascade'))
    .addColumn('first_response_minutes', 'integer')
    .addColumn('resolution_minutes', 'integer')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await schema
    .createTable('canned_responses')
    .addColumn('id', 'integer', id)
    .addColumn('team_id', 'integer', (c) => c.references('teams.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await schema
    .createTable('notifications')
    .addColumn('id', 'integer', id)
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('assigned', 'mention', 'escalation')`))
    .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('actor_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('read_at', 'bigint')
    .execute();
  await schema.createIndex('notifications_user_idx').on('notifications').columns(['user_id', 'read_at', 'id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Released migrations are not reverted; restore a backup instead.');
}
