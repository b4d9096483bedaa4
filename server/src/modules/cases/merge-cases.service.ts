import type { mergeCasesInput } from '@anliegen/shared';
import type { z } from 'zod';
import type { DB } from '../../db/database.js';
import { DomainError, notFound } from '../../domain/domain-error.js';
import { unitOfWork, type Work } from '../../domain/unit-of-work.js';
import { refreshContactFacts } from './interactions.repo.js';
import { businessMinutesSince } from '../sla/sla.service.js';
import { findCaseRow } from './cases.repo.js';
import { copyCaseTags } from '../tags/tags.service.js';
import type { Actor } from '../../domain/actor.js';

/**
 * Merges a case into another of the same citizen: the timelines combine in the target, links move with them,
 * and the source is closed and redirects to the target.
 */
export async function mergeCases(db: DB, actor: Actor, input: z.output<typeof mergeCasesInput>) {
  return unitOfWork(db, actor, (work) => mergeCaseInto(work, input));
}

/** The merge as part of the caller's unit of work (the inbox's bulk "merge into one" merges several in one). */
export async function mergeCaseInto(work: Work, input: z.output<typeof mergeCasesInput>) {
  const { sourceId, targetId } = input;
  const trx = work.db;
  const now = Date.now();
  // Both rows at once: a concurrent merge or edit of either waits, then sees the new versions (see mergeCitizens).
  const claimed = await trx
    .updateTable('cases')
    .set((eb) => ({ version: eb('version', '+', 1), updated_at: now }))
    .where('id', 'in', [sourceId, targetId])
    .where('merged_into_id', 'is', null)
    .executeTakeFirst();
  const [source, target] = await Promise.all([findCaseRow(trx, sourceId), findCaseRow(trx, targetId)]);
  if (!source || !target) throw notFound('Case');
  if (Number(claimed.numUpdatedRows) !== 2) throw new DomainError('cases.merged', 'One of the cases was already merged');
  if (source.citizen_id !== target.citizen_id) {
    throw new DomainError('cases.differentCitizens', 'Only cases of the same citizen can be merged');
  }

  const moved = await trx
    .updateTable('interactions')
    .set({ case_id: targetId })
    .where('case_id', '=', sourceId)
    .executeTakeFirst();
  const sourceLinks = await trx
    .selectFrom('case_links')
    .selectAll()
    .where((eb) => eb.or([eb('case_id', '=', sourceId), eb('related_case_id', '=', sourceId)]))
    .execute();
  await trx
    .deleteFrom('case_links')
    .where((eb) => eb.or([eb('case_id', '=', sourceId), eb('related_case_id', '=', sourceId)]))
    .execute();
  for (const link of sourceLinks) {
    const other = link.case_id === sourceId ? link.related_case_id : link.case_id;
    if (other === targetId) continue;
    const [low, high] = other < targetId ? [other, targetId] : [targetId, other];
    await trx
      .insertInto('case_links')
      .values({ case_id: low, related_case_id: high, created_at: link.created_at })
      .onConflict((oc) => oc.columns(['case_id', 'related_case_id']).doNothing())
      .execute();
  }

  // The target carries the source's tags too.
  await copyCaseTags(work, sourceId, targetId);
  // Statistics: the combined timeline's contacts, in time order.
  await refreshContactFacts(trx, targetId);
  const earliest = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.min(a, b));
  const firstResponseAt = earliest(target.first_response_at, source.first_response_at);
  await trx
    .updateTable('cases')
    .set({
      first_response_at: firstResponseAt,
      // Statistics: the minutes follow the first answer (counted from the target's creation).
      ...(firstResponseAt !== target.first_response_at && firstResponseAt !== null
        ? { first_response_minutes: await businessMinutesSince(trx, target.team_id, target.created_at, firstResponseAt) }
        : {}),
    })
    .where('id', '=', targetId)
    .execute();
  await trx
    .updateTable('cases')
    .set({ merged_into_id: targetId, status: 'closed', closed_at: now, resolved_at: source.resolved_at ?? now })
    .where('id', '=', sourceId)
    .execute();
  await work.audit('case.merged', { entityId: targetId, details: { sourceId, interactions: Number(moved.numUpdatedRows) } });
  work.emit({ type: 'case.changed', caseIds: [sourceId, targetId] });
  return { targetId, reference: target.reference, interactionsMoved: Number(moved.numUpdatedRows) };
}
