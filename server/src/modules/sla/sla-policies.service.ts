import { type createSlaPolicyInput, PRIORITIES, type Priority, type updateSlaPolicyInput } from '@anliegen/shared';
import type { z } from 'zod';
import type { DB } from '../../db/database.js';
import { DomainError, notFound } from '../../domain/domain-error.js';
import { assertReferencesExist } from '../../domain/assert-references-exist.js';
import { unitOfWork } from '../../domain/unit-of-work.js';
import {
  deleteSlaPolicy,
  findSlaPolicyById,
  findSlaPolicyForScope,
  insertSlaPolicy,
  listSlaPoliciesWithCategory,
  type SlaPolicyValues,
  updateSlaPolicy,
} from './sla-policies.repo.js';
import type { Actor } from '../../domain/actor.js';

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

/**
 * One policy per combination of priority and category (null = any). Checked inside the writing transaction: SQLite
 * has one writer; on PostgreSQL two admins saving the same combination in the same instant could both pass.
 */
async function assertScopeFree(db: DB, policy: SlaPolicyValues, exceptId: number | null): Promise<void> {
  if (await findSlaPolicyForScope(db, policy, exceptId)) {
    throw new DomainError('conflict.slaPolicyExists', 'A policy for this priority and category exists');
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
  await assertReferencesExist(db, { categoryId: values.categoryId });
  return unitOfWork(db, actor, async (work) => {
    await assertScopeFree(work.db, values, null);
    const id = await insertSlaPolicy(work.db, { ...values, now: Date.now() });
    await work.audit('slaPolicy.created', { entityId: id, details: { ...values } });
    return id;
  });
}

export async function updateSlaPolicyTargets(db: DB, actor: Actor, input: z.output<typeof updateSlaPolicyInput>): Promise<void> {
  const values = valuesOf(input);
  if (!(await findSlaPolicyById(db, input.id))) throw notFound('SLA policy');
  await assertReferencesExist(db, { categoryId: values.categoryId });
  await unitOfWork(db, actor, async (work) => {
    await assertScopeFree(work.db, values, input.id);
    if (!(await updateSlaPolicy(work.db, input.id, values))) throw notFound('SLA policy');
    await work.audit('slaPolicy.updated', { entityId: input.id, details: { ...values } });
  });
}

export async function removeSlaPolicy(db: DB, actor: Actor, id: number): Promise<void> {
  await unitOfWork(db, actor, async (work) => {
    if (!(await deleteSlaPolicy(work.db, id))) throw notFound('SLA policy');
    await work.audit('slaPolicy.removed', { entityId: id });
  });
}
