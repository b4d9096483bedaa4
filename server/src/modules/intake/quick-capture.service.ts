import type { recordContactInput } from '@anliegen/shared';
import type { z } from 'zod';
import type { DB } from '../../db/database.js';
import type { Actor } from '../audit/audit.repo.js';
import { recordInboundContact } from './intake.service.js';

/**
 * A call or counter visit as an agent captures it: the picked citizen or the caller's number decides who it is
 * (a new, unverified citizen otherwise); the contact goes to the chosen case or opens one. Returns the case's
 * reference so the agent can go straight there.
 */
export async function recordAgentContact(db: DB, actor: Actor, input: z.output<typeof recordContactInput>) {
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
  const { reference } = await db
    .selectFrom('cases')
    .select('reference')
    .where('id', '=', result.caseId)
    .executeTakeFirstOrThrow();
  return { ...result, reference };
}
