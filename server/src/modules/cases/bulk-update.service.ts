import type { bulkUpdateInput } from '@anliegen/shared';
import type { Updateable } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/database.js';
import type { CasesTable } from '../../db/schema.js';
import type { Actor } from '../../domain/actor.js';
import { assertReferencesExist } from '../../domain/assert-references-exist.js';
import { DomainError, notFound } from '../../domain/domain-error.js';
import { unitOfWork, type Work } from '../../domain/unit-of-work.js';
import { dueDates } from '../sla/sla.service.js';
import { changeCaseTags, findTag, tagsForNames } from '../tags/tags.service.js';
import { assignableCaseworker, type CaseAccess } from './case-access.js';
import { announceStatus, statusChanges } from './cases.service.js';
import { followUpAtFor } from './follow-up.service.js';
import { mergeCaseInto } from './merge-cases.service.js';

type Input = z.output<typeof bulkUpdateInput>;

/**
 * One action on many cases from the inbox (issue 16), all or nothing: one unit of work, so a case the action does not
 * fit (a follow-up date on a closed case, a merge across citizens, an assignee outside a case's team) refuses the whole
 * action and nothing changes. Access to every case was checked before (the router's caseAccess over all ids: one
 * case the agent may not open answers "not found" for all). Each changed case gets a new version (an agent editing one
 * of them meanwhile gets a conflict instead of overwriting) and an audit event of its own marked with the bulk's size;
 * the live update is one event for all of them. The bulk itself does not name versions: it sets values (a status, a
 * tag, an assignee), which mean the same whatever the case looked like a second ago.
 */
export async function bulkUpdateCases(db: DB, actor: Actor & { id: number }, access: CaseAccess, input: Input) {
  return unitOfWork(db, actor, async (work) => {
    const rows = await work.db.selectFrom('cases').selectAll().where('id', 'in', input.ids).execute();
    if (rows.length !== input.ids.length) throw notFound('Case');
    if (rows.some((row) => row.merged_into_id !== null)) {
      throw new DomainError('cases.merged', 'A selected case was merged into another one');
    }
    const bulk = input.ids.length;
    const now = Date.now();
    const changed: number[] = [];
    const save = async (row: (typeof rows)[number], changes: Updateable<CasesTable>) => {
      await work.db
        .updateTable('cases')
        .set((eb) => ({ ...changes, updated_at: now, version: eb('version', '+', 1) }))
        .where('id', '=', row.id)
        .execute();
      changed.push(row.id);
    };
    const action = input.action;
    switch (action.kind) {
      case 'status':
        for (const row of rows) {
          const changes = await statusChanges(work.db, row, action.status, now);
          if (Object.keys(changes).length === 0) continue;
          await save(row, changes);
          announceStatus(work, row.id, changes);
          await work.audit('case.updated', {
            entityId: row.id,
            details: { status: action.status, fromStatus: row.status, bulk },
          });
        }
        break;
      case 'assign':
        if (action.assigneeId !== null) {
          await assignableCaseworker(
            work.db,
            access.mode,
            action.assigneeId,
            rows.map((row) => row.team_id),
          );
        }
        for (const row of rows) {
          if (row.assignee_id === action.assigneeId) continue;
          await save(row, { assignee_id: action.assigneeId });
          await work.audit('case.updated', {
            entityId: row.id,
            details: { assigneeId: action.assigneeId, fromStatus: row.status, bulk },
          });
          if (action.assigneeId !== null) {
            work.emit({ type: 'case.assigned', caseId: row.id, assigneeId: action.assigneeId, byId: actor.id });
          }
        }
        break;
      case 'team':
        await assertReferencesExist(work.db, { teamId: action.teamId });
        for (const row of rows) {
          if (row.team_id === action.teamId) continue;
          // New targets for the new team's hours, counted from the case's creation (as a single edit does).
          const targets = await dueDates(work.db, {
            priority: row.priority,
            categoryId: row.category_id,
            teamId: action.teamId,
            since: row.created_at,
          });
          await save(row, { team_id: action.teamId, ...targets });
          await work.audit('case.updated', {
            entityId: row.id,
            details: { teamId: action.teamId, fromStatus: row.status, bulk },
          });
        }
        break;
      case 'followUp':
        for (const row of rows) {
          const followUpAt = followUpAtFor(action.followUpOn, row.status);
          if (row.follow_up_at === followUpAt) continue;
          await save(row, { follow_up_at: followUpAt });
          await work.audit('case.updated', {
            entityId: row.id,
            details: { followUpAt, fromStatus: row.status, bulk },
          });
        }
        break;
      case 'addTag':
      case 'removeTag': {
        const tagId =
          action.kind === 'addTag' ? (await tagsForNames(work, [action.name]))[0]!.id : await existingTag(work, action.tagId);
        const change = action.kind === 'addTag' ? { add: [tagId], remove: [] } : { add: [], remove: [tagId] };
        const perCase = await changeCaseTags(work, input.ids, change);
        for (const row of rows) {
          const { added, removed } = perCase.get(row.id)!;
          if (added.length === 0 && removed.length === 0) continue;
          await save(row, {});
          await work.audit('case.tagged', { entityId: row.id, details: { added, removed, bulk } });
        }
        break;
      }
      case 'merge':
        // Into the chosen one, oldest first: each merge is the single merge (same citizen, timelines combined).
        for (const id of [...input.ids].sort((a, b) => a - b)) {
          if (id === action.targetId) continue;
          await mergeCaseInto(work, { sourceId: id, targetId: action.targetId });
          changed.push(id);
        }
        changed.push(action.targetId);
        break;
    }
    if (changed.length > 0) work.emit({ type: 'case.changed', caseIds: [...new Set(changed)] });
    return { changed: new Set(changed).size };
  });
}

async function existingTag(work: Work, tagId: number): Promise<number> {
  if (!(await findTag(work.db, tagId))) throw notFound('Tag');
  return tagId;
}
