import { contactPointInput } from '@anliegen/shared';
import type { DB } from '../../db/database.js';
import { DomainError, notFound } from '../../domain/domain-error.js';
import { unitOfWork } from '../../domain/unit-of-work.js';
import { resolveCaseById } from './cases.service.js';
import { splitInto } from './split-case.service.js';
import { contactPointsOf, insertContactPoint } from '../citizens/citizens.service.js';
import { mergeCitizensIn } from '../citizens/merge-citizens.service.js';
import { refreshDisplayName } from '../citizens/citizens.service.js';
import type { Actor } from '../../domain/actor.js';

/** An incoming message with its case's citizen: the two differ when someone else wrote into the case. */
async function inboundMessage(trx: DB, interactionId: number) {
  const row = await trx
    .selectFrom('interactions')
    .innerJoin('cases', 'cases.id', 'interactions.case_id')
    .innerJoin('citizens', 'citizens.id', 'interactions.citizen_id')
    .select([
      'interactions.id',
      'interactions.case_id as caseId',
      'interactions.citizen_id as senderId',
      'interactions.subject',
      'interactions.channel',
      'interactions.metadata',
      'cases.citizen_id as caseCitizenId',
      'cases.anonymised_at as anonymisedAt',
      'citizens.unverified as senderUnverified',
    ])
    .where('interactions.id', '=', interactionId)
    .where('interactions.direction', '=', 'inbound')
    .executeTakeFirst();
  if (!row || row.anonymisedAt !== null) throw notFound('Message');
  return row;
}

/** Whether the citizen still has anything of their own: a case or a message. */
async function hasHistory(trx: DB, citizenId: number): Promise<boolean> {
  const [caseRow, message] = await Promise.all([
    trx.selectFrom('cases').select('id').where('citizen_id', '=', citizenId).executeTakeFirst(),
    trx.selectFrom('interactions').select('id').where('citizen_id', '=', citizenId).executeTakeFirst(),
  ]);
  return caseRow !== undefined || message !== undefined;
}

/**
 * "This address belongs to the case's citizen": the sender's address becomes one of the citizen's contact points,
 * and the message (with the sender's other messages in this case) is theirs. A sender record the desk made only for
 * this message (unverified, nothing else of its own) is merged into the citizen, so no empty duplicate stays behind.
 * Later mail from the address is the citizen's own.
 */
export async function addSenderToCitizen(db: DB, actor: Actor, interactionId: number) {
  await unitOfWork(db, actor, async (work) => {
    const trx = work.db;
    const message = await inboundMessage(trx, interactionId);
    if (message.senderId === message.caseCitizenId)
      throw new DomainError('interactions.senderIsCitizen', 'The message is already the citizen’s own');
    const address = (JSON.parse(message.metadata ?? '{}') as { from?: string }).from;
    const contact = address ? contactPointInput.safeParse({ kind: 'email', value: address }) : null;
    if (!contact?.success) throw new DomainError('interactions.noSenderAddress', 'The message has no usable sender address');
    const own = await contactPointsOf(trx, [message.caseCitizenId]);
    if (!own.some((point) => point.kind === 'email' && point.normalized === contact.data.normalized)) {
      await insertContactPoint(trx, {
        citizen_id: message.caseCitizenId,
        ...contact.data,
        is_primary: own.some((point) => point.kind === 'email') ? 0 : 1,
        created_at: Date.now(),
      });
      await refreshDisplayName(trx, message.caseCitizenId);
    }
    const moved = await trx
      .updateTable('interactions')
      .set({ citizen_id: message.caseCitizenId })
      .where('case_id', '=', message.caseId)
      .where('citizen_id', '=', message.senderId)
      .executeTakeFirst();
    const mergedSender = message.senderUnverified === 1 && !(await hasHistory(trx, message.senderId));
    if (mergedSender) await mergeCitizensIn(work, { survivorId: message.caseCitizenId, mergedId: message.senderId });
    await work.audit('interaction.senderAdded', {
      entityId: message.caseId,
      details: {
        interactionId,
        citizenId: message.caseCitizenId,
        senderId: message.senderId,
        messages: Number(moved.numUpdatedRows),
        mergedSender,
      },
    });
    work.emit({ type: 'case.changed', caseIds: [message.caseId], citizenIds: [message.caseCitizenId, message.senderId] });
  });
  return { ok: true as const };
}

/**
 * Moves an incoming message out of its case into a new case of its own sender (someone else wrote into the case,
 * or the citizen raised a new matter in a reply), with the message's subject and the case's team; the dialog's
 * "In neuen Vorgang verschieben" (split-case.service.ts) lets the agent choose them.
 */
export async function splitInteraction(db: DB, actor: Actor & { id: number }, interactionId: number) {
  return unitOfWork(db, actor, async (work) => {
    const message = await inboundMessage(work.db, interactionId);
    const { row: source } = await resolveCaseById(work.db, message.caseId);
    const created = await splitInto(work, actor, {
      interactionId,
      subject: (message.subject ?? '').trim() || source.subject,
      teamId: source.team_id,
      categoryId: null,
    });
    return { caseId: created.caseId, reference: created.reference };
  });
}
