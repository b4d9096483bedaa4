import type { setCategoryRetentionInput } from '@anliegen/shared';
import type { z } from 'zod';
import type { DB } from '../../db/database.js';
import { notFound } from '../../domain/domain-error.js';
import { unitOfWork } from '../../domain/unit-of-work.js';
import { findRetentionDays, updateRetentionDays } from './categories.repo.js';
import type { Actor } from '../../domain/actor.js';

/**
 * Sets how long a category's closed cases are kept (null = until erased on request). The retention job and its
 * preview read it from the next run on; the change is audited with the old and the new period.
 */
export async function setCategoryRetention(
  db: DB,
  actor: Actor,
  input: z.output<typeof setCategoryRetentionInput>,
): Promise<void> {
  await unitOfWork(db, actor, async (work) => {
    const current = await findRetentionDays(work.db, input.categoryId);
    if (!current) throw notFound('Category');
    await updateRetentionDays(work.db, input.categoryId, input.retentionDays);
    await work.audit('category.retention_changed', {
      entityId: input.categoryId,
      details: { from: current.retentionDays, to: input.retentionDays },
    });
  });
}

// For the routing rules' list: the categories module's repository stays its own.
export { categoryNamesByIds } from './categories.repo.js';
