import { sql, type Kysely } from 'kysely';

/**
 * A user's own choice of keyboard shortcuts (issue 24, WCAG 2.1.4 "Character Key Shortcuts"):
 * `users.character_shortcuts` says whether the single-character shortcuts (j, k, r, s, m, x, /, ?) act; 1 (on) for
 * everyone until they switch them off. Shortcuts with Ctrl (⌘) are not character key shortcuts and always act.
 * Frozen: add new migrations.
 */
// biome-ignore lint/suspicious/noExplicitAny: a frozen migration must not depend on today's table types (Kysely docs)
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('character_shortcuts', 'integer', (c) => c.notNull().defaultTo(1).check(sql`character_shortcuts in (0, 1)`))
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Released migrations are not reverted; restore a backup instead.');
}
