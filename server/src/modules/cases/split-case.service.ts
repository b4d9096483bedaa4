import type { splitMessageInput } from '@anliegen/shared';
import type { z } from 'zod';
import type { DB } from '../../db/database.js';
import type { Actor } from '../../domain/actor.js';
import { now as clockNow } from '../../domain/clock.js';
import { DomainError, notFound } from '../../domain/domain-error.js';
import { unitOfWork, type Work } from '../../domain/unit-of-work.js';
import { findCaseRow } from './cases.repo.js';
import { insertNewCase } from './cases.service.js';
import { insertInteraction, refreshContactFacts } from './interactions.repo.js';

/** What the new case is to be: the agent's choices (the dialog), or the defaults for a stranger's mail. */
interface SplitChoice {
  interactionId: number;
  /** The case's version the agent saw; absent when the caller does not edit from a form (a stranger's mail). */
  caseVersion?: number;
  subject: string;
  teamId: number | null;
  categoryId: number | null;
}

async function messageToSplit(trx: DB, interactionId: number) {
  const row = await trx
    .selectFrom('interactions')
    .innerJoin('cases', 'cases.id', 'interactions.case_id')
    .select([
      'interactions.id',
      'interactions.case_id as caseId',
      'interactions.citizen_id as citizenId',
      'interactions.channel',
      'interactions.direction',
      'interactions.occurred_at as occurredAt',
      'cases.anonymised_at as anonymisedAt',
    ])
    .where('interactions.id', '=', interactionId)
    .executeTakeFirst();
  if (!row || row.anonymisedAt !== null) throw notFound('Message');
  return row;
}

/** How a split's note's metadata begins: `{"splitTo":…}` or `{"splitFrom":…}`. */
const SPLIT_NOTE_PREFIX = '{"split';

/** A note in a timeline that says where a message went or came from (the timeline shows it as a badge). */
async function splitNote(
  trx: DB,
  actor: Actor,
  caseId: number,
  citizenId: number,
  at: number,
  metadata: { splitTo: string } | { splitFrom: string },
) {
  await insertInteraction(trx, {
    case_id: caseId,
    citizen_id: citizenId,
    channel: 'note',
    direction: 'internal',
    author_id: actor.id,
    subject: null,
    text: '',
    html_sanitized: null,
    occurred_at: at,
    duration_seconds: null,
    external_message_id: null,
    delivery_status: null,
    metadata: JSON.stringify(metadata),
    created_at: at,
  });
}

/**
 * Moves one message (with its attachments) out of its case into a new case of the message's citizen: the other half
 * of merging. The new case is made as any new case is (`insertNewCase`: next reference, routing of an unassigned
 * case, SLA targets), its clock starting at the message's time, not at the split. Both cases are linked, both
 * timelines say what happened, both are audited.
 *
 * What may move: a citizen's message (on any channel) while the case keeps another one, and an internal note. An
 * answer to the citizen stays where it was given: it is the case's first response or a later one, and moving it would
 * leave the case claiming an answer it no longer holds. So the case's first response, its status and its SLA targets
 * stay as they are; its contact facts are recounted. A closed case keeps its messages; a merged one has none left.
 */
export async function splitInto(work: Work, actor: Actor & { id: number }, choice: SplitChoice) {
  const trx = work.db;
  const at = clockNow();
  const message = await messageToSplit(trx, choice.interactionId);
  if (message.direction === 'outbound') {
    throw new DomainError('cases.splitOutbound', 'An answer to the citizen stays in the case it was given in');
  }
  // Claims the case first (its version, as an edit does): a concurrent split or edit waits, then sees a conflict.
  let claim = trx
    .updateTable('cases')
    .set((eb) => ({ version: eb('version', '+', 1), updated_at: at }))
    .where('id', '=', message.caseId)
    .where('merged_into_id', 'is', null);
  if (choice.caseVersion !== undefined) claim = claim.where('version', '=', choice.caseVersion);
  const claimed = await claim.executeTakeFirst();
  const source = await findCaseRow(trx, message.caseId);
  if (!source) throw notFound('Case');
  if (Number(claimed.numUpdatedRows) !== 1) {
    if (source.merged_into_id !== null) throw new DomainError('cases.merged', 'The case was merged meanwhile');
    throw new DomainError('conflict.staleVersion', 'Someone else changed this case meanwhile');
  }
  if (source.status === 'closed') throw new DomainError('cases.splitClosed', 'A closed case keeps its messages');
  // The case keeps one of the citizen's messages (a citizen's message is moving), or at least something of its own
  // besides the notes of earlier splits (a note is moving out of a case that has no message of the citizen's).
  const fromCitizen = message.direction === 'inbound' && message.channel !== 'note';
  let remaining = trx
    .selectFrom('interactions')
    .select('id')
    .where('case_id', '=', source.id)
    .where('id', '<>', message.id)
    .where((eb) => eb.or([eb('metadata', 'is', null), eb('metadata', 'not like', `${SPLIT_NOTE_PREFIX}%`)]));
  if (fromCitizen) remaining = remaining.where('direction', '=', 'inbound').where('channel', '<>', 'note');
  if (!(await remaining.executeTakeFirst())) {
    throw new DomainError('interactions.onlyMessage', 'The case would be left without a message of its own');
  }

  const created = await insertNewCase(work, {
    citizenId: message.citizenId,
    subject: choice.subject,
    categoryId: choice.categoryId,
    teamId: choice.teamId,
    priority: 'normal',
    originChannel: message.channel === 'note' ? source.origin_channel : message.channel,
    status: 'new',
    assigneeId: null,
    createdById: actor.id,
    now: at,
    // A message from before the split: the new case's SLA runs from when it came, as if it had opened the case then.
    startedAt: Math.min(message.occurredAt, at),
  });
  await trx.updateTable('interactions').set({ case_id: created.id }).where('id', '=', message.id).execute();
  const [low, high] = source.id < created.id ? [source.id, created.id] : [created.id, source.id];
  await trx.insertInto('case_links').values({ case_id: low, related_case_id: high, created_at: at }).execute();
  await splitNote(trx, actor, source.id, source.citizen_id, at, { splitTo: created.reference });
  await splitNote(trx, actor, created.id, message.citizenId, at, { splitFrom: source.reference });
  await refreshContactFacts(trx, source.id);
  await refreshContactFacts(trx, created.id);

  await work.audit('interaction.split', {
    entityId: source.id,
    details: { interactionId: message.id, newCaseId: created.id, citizenId: message.citizenId },
  });
  await work.audit('case.splitFrom', {
    entityId: created.id,
    details: { interactionId: message.id, sourceCaseId: source.id },
  });
  // insertNewCase emitted the new case's case.opened; both timelines changed.
  work.emit({ type: 'case.changed', caseIds: [source.id, created.id] });
  return { caseId: created.id, reference: created.reference, sourceCaseId: source.id };
}

/** "In neuen Vorgang verschieben": the agent confirmed subject, team and category in the dialog. */
export function splitMessage(db: DB, actor: Actor & { id: number }, input: z.output<typeof splitMessageInput>) {
  return unitOfWork(db, actor, (work) => splitInto(work, actor, input));
}
