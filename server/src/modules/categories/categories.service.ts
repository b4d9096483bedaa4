import type { setCategoryRetentionInput } from '@anliegen/shared';
import type { z } from 'zod';
import type { DB } from '../../db/database.js';
import { notFound } from '../../trpc/errors.js';
import { type Actor, insertAuditEvent } from '../audit/audit.repo.js';
import { findRetentionDays, updateRetentionDays } from './categories.repo.js';

/**
 * Sets how long a category's closed cases are kept (null = until erased on request). The retention job and its
 * preview read it from the next run on; the change is audited with the old and the new period.
 */
export async function setCategoryRetention(
  db: DB,
  actor: Actor,
  input: z.output<typeof setCategoryRetentionInput>,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const current = await findRetentionDays(trx, input.categoryId);
    if (!current) throw notFound('Category');
    await updateRetentionDays(trx, input.categoryId, input.retentionDays);
    await insertAuditEvent(trx, {
      actorId: actor.id,
      ip: actor.ip,
      action: 'category.retention_changed',
      entityType: 'category',
      entityId: input.categoryId,
      details: { from: current.retentionDays, to: input.retentionDays },
    });
  });
}
