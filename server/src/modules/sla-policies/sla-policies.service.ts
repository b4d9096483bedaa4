import { type createSlaPolicyInput, PRIORITIES, type Priority, type updateSlaPolicyInput } from '@anliegen/shared';
import type { z } from 'zod';
import type { DB } from '../../db/database.js';
import { appError, notFound } from '../../trpc/errors.js';
import { insertAuditEvent, type Actor } from '../audit/audit.repo.js';
import { categoryExists } from '../categories/categories.repo.js';
import {
  deleteSlaPolicy,
  findSlaPolicyById,
  findSlaPolicyForScope,
  insertSlaPolicy,
  listSlaPoliciesWithCategory,
  type SlaPolicyValues,
  updateSlaPolicy,
} from './sla-policies.repo.js';

/** "Any" first, then in the order of the list. */
const priorityRank = (priority: Priority | null) => (priority === null ? -1 : PRIORITIES.indexOf(priority));

/** Policies by category (any first, then by name), then by priority (any first, then low … urgent). */
export async function listSlaPolicyDtos(db: DB) {
  const rows = await listSlaPoliciesWithCategory(db);
  return rows
    .map((row) => ({
      id: row.id,
      priority: row.priority,
      categoryId: row.category_id,
      categoryName: row.category_name,
      firstResponseMinutes: row.first_response_minutes === null ? null : Number(row.first_response_minutes),
      resolutionMinutes: row.resolution_minutes === null ? null : Number(row.resolution_minutes),
    }))
    .sort(
      (a, b) =>
        Number(a.categoryId !== null) - Number(b.categoryId !== null) ||
        (a.categoryName ?? '').localeCompare(b.categoryName ?? '', 'de') ||
        priorityRank(a.priority) - priorityRank(b.priority),
    );
}

async function assertCategoryExists(db: DB, categoryId: number | null): Promise<void> {
  if (categoryId !== null && !(await categoryExists(db, categoryId))) {
    throw appError('BAD_REQUEST', 'categories.unknown', 'The selected category does not exist');
  }
}

/**
 * One policy per combination of priority and category (null = any). Checked inside the writing transaction: SQLite
 * has one writer; on PostgreSQL two admins saving the same combination in the same instant could both pass.
 */
async function assertScopeFree(db: DB, policy: SlaPolicyValues, exceptId: number | null): Promise<void> {
  if (await findSlaPolicyForScope(db, policy, exceptId)) {
    throw appError('CONFLICT', 'conflict.slaPolicyExists', 'A policy for this priority and category exists');
  }
}

function valuesOf(input: z.output<typeof createSlaPolicyInput>): SlaPolicyValues {
  return {
    priority: input.priority,
    categoryId: input.categoryId,
    firstResponseMinutes: input.firstResponseMinutes,
    resolutionMinutes: input.resolutionMinutes,
  };
}

export async function createSlaPolicy(db: DB, actor: Actor, input: z.output<typeof createSlaPolicyInput>): Promise<number> {
  const values = valuesOf(input);
  await assertCategoryExists(db, values.categoryId);
  return db.transaction().execute(async (trx) => {
    await assertScopeFree(trx, values, null);
    const id = await insertSlaPolicy(trx, { ...values, now: Date.now() });
    await insertAuditEvent(trx, {
      actorId: actor.id,
      action: 'slaPolicy.created',
      entityType: 'sla_policy',
      entityId: id,
      ip: actor.ip,
      details: { ...values },
    });
    return id;
  });
}

export async function updateSlaPolicyTargets(db: DB, actor: Actor, input: z.output<typeof updateSlaPolicyInput>): Promise<void> {
  const values = valuesOf(input);
  if (!(await findSlaPolicyById(db, input.id))) throw notFound('SLA policy');
  await assertCategoryExists(db, values.categoryId);
  await db.transaction().execute(async (trx) => {
    await assertScopeFree(trx, values, input.id);
    if (!(await updateSlaPolicy(trx, input.id, values))) throw notFound('SLA policy');
    await insertAuditEvent(trx, {
      actorId: actor.id,
      action: 'slaPolicy.updated',
      entityType: 'sla_policy',
      entityId: input.id,
      ip: actor.ip,
      details: { ...values },
    });
  });
}

export async function removeSlaPolicy(db: DB, actor: Actor, id: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (!(await deleteSlaPolicy(trx, id))) throw notFound('SLA policy');
    await insertAuditEvent(trx, {
      actorId: actor.id,
      action: 'slaPolicy.removed',
      entityType: 'sla_policy',
      entityId: id,
      ip: actor.ip,
    });
  });
}
