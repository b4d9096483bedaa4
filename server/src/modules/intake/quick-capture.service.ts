import type { recordContactInput } from '@anliegen/shared';
import type { z } from 'zod';
import type { DB } from '../../db/database.js';
import { type CaseAccess, mayAccessCase } from '../cases/case-access.js';
import { recordInboundContact } from './intake.service.js';
import type { Actor } from '../../domain/actor.js';

/**
 * A call or counter visit as an agent captures it: the picked citizen or the caller's number decides who it is
 * (a new, unverified citizen otherwise); the contact goes to the chosen case or opens one. Returns the case's
 * reference so the agent can go straight there, and whether they may (routing can send a new case to a team whose
 * cases they cannot open with CASE_ACCESS=team: the contact is recorded all the same).
 */
export async function recordAgentContact(db: DB, actor: Actor, access: CaseAccess, input: z.output<typeof recordContactInput>) {
  const result = await recordInboundContact(db, actor, {
    channel: input.channel,
    citizenId: input.citizenId ?? null,
    from: { phone: input.phone ?? null, name: input.name ?? null },
    caseId: input.caseId ?? null,
    subject: input.subject ?? '',
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
