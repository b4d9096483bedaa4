import type { DB } from '../../db/database.js';
import type { Actor } from '../../domain/actor.js';
import { assertReferencesExist } from '../../domain/assert-references-exist.js';
import { unitOfWork } from '../../domain/unit-of-work.js';

/**
 * A choice about citizens (issue 18) the admin switches for the whole desk and per category: its column, of the same
 * name in `desk_settings` and in `categories`, and the audit action of a change. What the two switches together mean
 * for a case is the owning module's decision (the survey asks when both are on, mail goes without content when
 * either is): `surveyEnabledFor` in modules/feedback, `mailWithoutContent` in modules/mailbox.
 */
export interface CategorySwitch {
  column: 'survey_enabled' | 'mail_without_content';
  audit: 'category.surveyChanged' | 'category.mailWithoutContentChanged';
}

/** The admin's view of a switch: the desk-wide one and each category's, by name. */
export async function categorySwitchSettings(db: DB, { column }: CategorySwitch) {
  const desk = await db.selectFrom('desk_settings').select(`${column} as enabled`).where('id', '=', 1).executeTakeFirst();
  const categories = await db
    .selectFrom('categories')
    .select(['id', 'name', `${column} as enabled`])
    .orderBy('name')
    .orderBy('id')
    .execute();
  return {
    deskWide: desk?.enabled === 1,
    categories: categories.map((row) => ({ id: row.id, name: row.name, enabled: row.enabled === 1 })),
  };
}

/** Switches it for the desk (`categoryId: null`) or one category; audited with the switch's own action. */
export async function setCategorySwitch(
  db: DB,
  actor: Actor,
  { column, audit }: CategorySwitch,
  input: { categoryId: number | null; enabled: boolean },
): Promise<void> {
  if (input.categoryId !== null) await assertReferencesExist(db, { categoryId: input.categoryId });
  const value = input.enabled ? 1 : 0;
  await unitOfWork(db, actor, async (work) => {
    if (input.categoryId === null) {
      await work.db.updateTable('desk_settings').set(column, value).set('updated_at', Date.now()).where('id', '=', 1).execute();
    } else {
      await work.db.updateTable('categories').set(column, value).where('id', '=', input.categoryId).execute();
    }
    await work.audit(audit, { entityId: input.categoryId, details: { enabled: input.enabled } });
  });
}
