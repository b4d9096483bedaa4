import type { setBarrierCategoryInput } from '@anliegen/shared';
import type { z } from 'zod';
import type { DB } from '../../db/database.js';
import type { Actor } from '../../domain/actor.js';
import { assertReferencesExist } from '../../domain/assert-references-exist.js';
import { unitOfWork } from '../../domain/unit-of-work.js';

/*
 * The category a reported barrier (the public "Barriere melden" form of the Erklärung zur Barrierefreiheit, issue 18)
 * is filed under: `desk_settings.barrier_category_id`, set by an admin. Without one (or once its category is deleted:
 * the column is set null) a report becomes a case without category, routed like any other.
 */

export async function barrierCategoryId(db: DB): Promise<number | null> {
  const row = await db.selectFrom('desk_settings').select('barrier_category_id').where('id', '=', 1).executeTakeFirst();
  return row?.barrier_category_id ?? null;
}

/** Sets or clears it; audited with the previous one. An unknown category is `categories.unknown` and changes nothing. */
export async function setBarrierCategory(db: DB, actor: Actor, input: z.output<typeof setBarrierCategoryInput>): Promise<void> {
  await assertReferencesExist(db, { categoryId: input.categoryId });
  await unitOfWork(db, actor, async (work) => {
    const previousId = await barrierCategoryId(work.db);
    await work.db
      .updateTable('desk_settings')
      .set({ barrier_category_id: input.categoryId, updated_at: Date.now() })
      .where('id', '=', 1)
      .execute();
    await work.audit('category.barrierCategoryChanged', { entityId: input.categoryId, details: { previousId } });
  });
}
