import type { Priority } from '@anliegen/shared';
import type { DB } from '../../db/database.js';

export interface SlaPolicyValues {
  priority: Priority | null;
  categoryId: number | null;
  firstResponseMinutes: number | null;
  resolutionMinutes: number | null;
}

export function listSlaPoliciesWithCategory(db: DB) {
  return db
    .selectFrom('sla_policies')
    .leftJoin('categories', 'categories.id', 'sla_policies.category_id')
    .select([
      'sla_policies.id',
      'sla_policies.priority',
      'sla_policies.category_id',
      'categories.name as category_name',
      'sla_policies.first_response_minutes',
      'sla_policies.resolution_minutes',
    ])
    .orderBy('sla_policies.id')
    .execute();
}

export function findSlaPolicyById(db: DB, id: number) {
  return db.selectFrom('sla_policies').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The policy for exactly this priority and category (null = any), other than `exceptId`. */
export function findSlaPolicyForScope(
  db: DB,
  scope: { priority: Priority | null; categoryId: number | null },
  exceptId: number | null = null,
) {
  let query = db
    .selectFrom('sla_policies')
    .select('id')
    .where('priority', scope.priority === null ? 'is' : '=', scope.priority)
    .where('category_id', scope.categoryId === null ? 'is' : '=', scope.categoryId);
  if (exceptId !== null) query = query.where('id', '!=', exceptId);
  return query.executeTakeFirst();
}

export async function insertSlaPolicy(db: DB, policy: SlaPolicyValues & { now: number }): Promise<number> {
  const row = await db
    .insertInto('sla_policies')
    .values({
      priority: policy.priority,
      category_id: policy.categoryId,
      first_response_minutes: policy.firstResponseMinutes,
      resolution_minutes: policy.resolutionMinutes,
      created_at: policy.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateSlaPolicy(db: DB, id: number, policy: SlaPolicyValues): Promise<boolean> {
  const result = await db
    .updateTable('sla_policies')
    .set({
      priority: policy.priority,
      category_id: policy.categoryId,
      first_response_minutes: policy.firstResponseMinutes,
      resolution_minutes: policy.resolutionMinutes,
    })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteSlaPolicy(db: DB, id: number): Promise<boolean> {
  const result = await db.deleteFrom('sla_policies').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
