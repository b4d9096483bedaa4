import { proposeSubject, type recordContactInput } from '@anliegen/shared';
import type { z } from 'zod';
import type { DB } from '../../db/database.js';
import { assertReferencesExist } from '../../domain/assert-references-exist.js';
import { DomainError } from '../../domain/domain-error.js';
import { type CaseAccess, mayAccessCase } from '../cases/case-access.js';
import { categoryNamesByIds } from '../categories/categories.service.js';
import { recordInboundContact } from './intake.service.js';
import type { Actor } from '../../domain/actor.js';

type RecordContactInput = z.output<typeof recordContactInput>;

/**
 * The subject of the new case a contact opens: the one the agent typed, else the one proposed from the note's first
 * line or the topic's name (issue 16: a known caller without an open case, captured as "number, Enter, note,
 * Ctrl+Enter", was refused for want of a subject). The input schema lets a contact without either through only with
 * a topic, which must then exist.
 */
async function subjectOfNewCase(db: DB, input: RecordContactInput): Promise<string> {
  if (input.subject !== undefined) return input.subject;
  const categoryId = input.categoryId ?? null;
  const categoryName = categoryId === null ? null : ((await categoryNamesByIds(db, [categoryId])).get(categoryId) ?? null);
  const proposal = proposeSubject(input.text, categoryName);
  if (proposal !== null) return proposal;
  await assertReferencesExist(db, { categoryId });
  throw new DomainError('input.invalid', 'A new case needs a subject');
}

/**
 * A call or counter visit as an agent captures it: the picked citizen or the caller's number decides who it is
 * (a new, unverified citizen otherwise); the contact goes to the chosen case or opens one. Returns the case's
 * reference so the agent can go straight there, and whether they may (routing can send a new case to a team whose
 * cases they cannot open with CASE_ACCESS=team: the contact is recorded all the same).
 */
export async function recordAgentContact(db: DB, actor: Actor, access: CaseAccess, input: RecordContactInput) {
  const subject = input.caseId === undefined ? await subjectOfNewCase(db, input) : (input.subject ?? '');
  const result = await recordInboundContact(db, actor, {
    channel: input.channel,
    citizenId: input.citizenId ?? null,
    from: { phone: input.phone ?? null, name: input.name ?? null },
    caseId: input.caseId ?? null,
    subject,
    categoryId: input.categoryId ?? null,
    text: input.text,
    durationSeconds: input.durationSeconds ?? null,
    metadata: {
      ...(input.outcome ? { outcome: input.outcome } : {}),
      ...(input.location ? { location: input.location } : {}),
    },
  });
  const target = await db
    .selectFrom('cases')
    .leftJoin('teams', 'teams.id', 'cases.team_id')
    .select(['cases.reference', 'cases.team_id', 'cases.assignee_id', 'teams.name as teamName'])
    .where('cases.id', '=', result.caseId)
    .executeTakeFirstOrThrow();
  return { ...result, reference: target.reference, accessible: mayAccessCase(access, target), teamName: target.teamName };
}
