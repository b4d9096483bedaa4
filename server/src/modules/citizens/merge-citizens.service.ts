import type { mergeCitizensInput } from '@anliegen/shared';
import type { z } from 'zod';
import type { DB } from '../../db/database.js';
import { DomainError, notFound } from '../../domain/domain-error.js';
import { unitOfWork, type Work } from '../../domain/unit-of-work.js';
import { contactPointsOf, findCitizenRow, updateCitizenRow } from './citizens.repo.js';
import { refreshDisplayName } from './citizens.service.js';
import type { Actor } from '../../domain/actor.js';

/**
 * Merges `mergedId` into `survivorId`: contact points, cases and interactions move to the survivor (identical
 * contact points are kept once), blank fields of the survivor are filled from the merged record, and the merged
 * id redirects to the survivor from now on. Nothing is deleted but exact duplicate contact points.
 */
export function mergeCitizens(db: DB, actor: Actor, input: z.output<typeof mergeCitizensInput>) {
  return unitOfWork(db, actor, (work) => mergeCitizensIn(work, input));
}

/** mergeCitizens in the caller's unit of work. */
export async function mergeCitizensIn(work: Work, input: z.output<typeof mergeCitizensInput>) {
  const trx = work.db;
  const { survivorId, mergedId } = input;
  const now = Date.now();
  // Claims both rows at once. A concurrent merge of either waits for this one (PostgreSQL row locks), then
  // finds a row already merged and gets the conflict below: no cycles, no half-merged citizens.
  const claimed = await trx
    .updateTable('citizens')
    .set({ updated_at: now })
    .where('id', 'in', [survivorId, mergedId])
    .where('merged_into_id', 'is', null)
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 2) {
    const [survivor, merged] = await Promise.all([findCitizenRow(trx, survivorId), findCitizenRow(trx, mergedId)]);
    if (!survivor || !merged) throw notFound('Citizen');
    throw new DomainError('citizens.merged', 'One of the citizens was already merged into another one');
  }
  const survivor = (await findCitizenRow(trx, survivorId))!;
  const merged = (await findCitizenRow(trx, mergedId))!;

  const [survivorContacts, mergedContacts] = await Promise.all([
    contactPointsOf(trx, [survivorId]),
    contactPointsOf(trx, [mergedId]),
  ]);
  let contactsMoved = 0;
  for (const contact of mergedContacts) {
    const duplicate = survivorContacts.some((own) => own.kind === contact.kind && own.normalized === contact.normalized);
    if (duplicate) {
      await trx.deleteFrom('contact_points').where('id', '=', contact.id).execute();
      continue;
    }
    const survivorHasPrimary = survivorContacts.some((own) => own.kind === contact.kind && own.is_primary === 1);
    await trx
      .updateTable('contact_points')
      .set({ citizen_id: survivorId, is_primary: survivorHasPrimary ? 0 : contact.is_primary })
      .where('id', '=', contact.id)
      .execute();
    contactsMoved++;
  }
  const cases = await trx
    .updateTable('cases')
    .set({ citizen_id: survivorId })
    .where('citizen_id', '=', mergedId)
    .executeTakeFirst();
  const interactions = await trx
    .updateTable('interactions')
    .set({ citizen_id: survivorId })
    .where('citizen_id', '=', mergedId)
    .executeTakeFirst();

  const givenName = survivor.given_name ?? merged.given_name;
  const familyName = survivor.family_name ?? merged.family_name;
  await updateCitizenRow(trx, survivorId, {
    given_name: givenName,
    family_name: familyName,
    birth_date: survivor.birth_date ?? merged.birth_date,
    // An agent has looked at both and decided they are one person: the survivor is now a known citizen.
    unverified: 0,
    updated_at: now,
  });
  await updateCitizenRow(trx, mergedId, { merged_into_id: survivorId, updated_at: now });
  await refreshDisplayName(trx, survivorId);

  const moved = {
    contacts: contactsMoved,
    cases: Number(cases.numUpdatedRows),
    interactions: Number(interactions.numUpdatedRows),
  };
  await work.audit('citizen.merged', { entityId: survivorId, details: { mergedId, ...moved } });
  return { survivorId, moved };
}
