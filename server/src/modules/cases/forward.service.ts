import { type forwardCaseInput, type forwardMessageInput, formatBerlin, normaliseEmail, withSignature } from '@anliegen/shared';
import type { z } from 'zod';
import type { DB } from '../../db/database.js';
import type { Actor } from '../../domain/actor.js';
import { DomainError, notFound } from '../../domain/domain-error.js';
import { unitOfWork } from '../../domain/unit-of-work.js';
import { touchCase } from './cases.repo.js';
import { resolveCaseById } from './cases.service.js';
import { attachmentsOf, insertAttachments, insertInteraction, timelineOfCase } from './interactions.repo.js';
import { forwardTexts as T } from './forward.texts.js';
import { type OutgoingMailFields, type ReplyLimits, signatureFor } from './interactions.service.js';

/**
 * Forwarding to another office (issue 16): a case (its contacts with the citizen, never internal notes) or one of
 * its messages (with its attachments) goes out as mail to an external address, with the agent's covering note, the
 * case reference in the subject and the team's signature. The forward is an outgoing mail of the case like a reply
 * (queued, sent, retried by the outbound worker), but to someone else: it is not the first response to the citizen
 * and changes no status. When the office answers (In-Reply-To/References of the forward, or the reference in the
 * subject), email ingest files the answer in this case as theirs (see `externalPartyOf` in channels/email).
 */

type TimelineEntry = Awaited<ReturnType<typeof timelineOfCase>>[number];

function who(entry: TimelineEntry, citizenName: string): string {
  const details = entry.metadata ? (JSON.parse(entry.metadata) as { from?: string; to?: string }) : {};
  if (entry.direction === 'outbound') {
    const author = entry.authorName ?? T.administration;
    return details.to ? T.sentTo(author, details.to) : author;
  }
  return details.from ?? citizenName;
}

/** One forwarded entry as plain text, as mail clients show a forwarded message. */
function entryText(entry: TimelineEntry, citizenName: string, files: string[]): string {
  const lines = [
    `${T.date}: ${formatBerlin(entry.occurredAt, 'de', 'dateTime')}`,
    `${T.kind}: ${T.channel[entry.channel] ?? entry.channel}, ${T.direction[entry.direction] ?? entry.direction}`,
    `${T.from}: ${who(entry, citizenName)}`,
    ...(entry.subject ? [`${T.subject}: ${entry.subject}`] : []),
    ...(files.length > 0 ? [`${T.attachments}: ${files.join(', ')}`] : []),
    '',
    entry.text,
  ];
  return lines.join('\n');
}

async function queueForward(
  db: DB,
  actor: Actor & { id: number },
  caseId: number,
  forward: { to: string; note: string; interactionId: number | null; entries: TimelineEntry[]; subject: string },
  limits: ReplyLimits,
) {
  const { row } = await resolveCaseById(db, caseId);
  const citizen = await db.selectFrom('citizens').select('display_name').where('id', '=', row.citizen_id).executeTakeFirst();
  const citizenName = citizen?.display_name ?? '';
  const files = await attachmentsOf(
    db,
    forward.entries.map((entry) => entry.id),
  );
  const total = files.reduce((sum, file) => sum + file.sizeBytes, 0);
  if (total > limits.maxAttachmentBytes)
    throw new DomainError('uploads.tooLarge', 'The attachments are too large for one email; forward single messages');
  const shas =
    files.length > 0
      ? await db
          .selectFrom('attachments')
          .select(['id', 'sha256'])
          .where(
            'id',
            'in',
            files.map((file) => file.id),
          )
          .execute()
      : [];
  const shaOf = new Map(shas.map((file) => [file.id, file.sha256]));
  const heading =
    forward.interactionId === null
      ? [T.caseHeading, `${T.reference}: ${row.reference}`, `${T.subject}: ${row.subject}`, `${T.citizen}: ${citizenName}`].join(
          '\n',
        )
      : T.messageHeading;
  const body = forward.entries
    .map((entry) =>
      entryText(
        entry,
        citizenName,
        files.filter((file) => file.interactionId === entry.id).map((file) => file.filename),
      ),
    )
    .join('\n\n----------\n\n');
  const note = forward.note.trim();
  const text = withSignature([...(note ? [note, ''] : []), heading, '', body].join('\n'), await signatureFor(db, row, actor.id));
  const metadata: OutgoingMailFields = {
    to: normaliseEmail(forward.to),
    forward: {
      kind: forward.interactionId === null ? 'case' : 'message',
      ...(forward.interactionId !== null ? { interactionId: forward.interactionId } : {}),
    },
  };
  const now = Date.now();
  return unitOfWork(db, actor, async (work) => {
    const id = await insertInteraction(work.db, {
      case_id: row.id,
      citizen_id: row.citizen_id,
      channel: 'email',
      direction: 'outbound',
      author_id: actor.id,
      subject: `[${row.reference}] WG: ${forward.subject}`,
      text,
      html_sanitized: null,
      occurred_at: now,
      duration_seconds: null,
      external_message_id: null,
      delivery_status: 'pending',
      metadata: JSON.stringify(metadata),
      created_at: now,
    });
    await insertAttachments(
      work.db,
      id,
      files.map((file) => ({
        filename: file.filename,
        contentType: file.contentType,
        sizeBytes: file.sizeBytes,
        sha256: shaOf.get(file.id)!,
      })),
      now,
    );
    // Activity only: a forward is no answer to the citizen and leaves status and SLA as they are.
    await touchCase(work.db, row.id, { updated_at: now }, false);
    await work.audit('interaction.forwarded', {
      entityId: row.id,
      details: { interactionId: id, forwardedId: forward.interactionId, attachments: files.length },
    });
    work.emit({ type: 'case.changed', caseIds: [row.id] });
    return { id, caseId: row.id };
  });
}

/** Forwards the case: every contact with the citizen and every answer, oldest first, without internal notes. */
export async function forwardCase(
  db: DB,
  actor: Actor & { id: number },
  input: z.output<typeof forwardCaseInput>,
  limits: ReplyLimits,
) {
  const { row } = await resolveCaseById(db, input.caseId);
  const entries = (await timelineOfCase(db, row.id, 'asc')).filter(
    (entry) => entry.channel !== 'note' && !(JSON.parse(entry.metadata ?? '{}') as { forward?: unknown }).forward,
  );
  return queueForward(
    db,
    actor,
    row.id,
    { to: input.to, note: input.note, interactionId: null, entries, subject: row.subject },
    limits,
  );
}

/** Forwards one message of a case (not an internal note) with its attachments. */
export async function forwardMessage(
  db: DB,
  actor: Actor & { id: number },
  input: z.output<typeof forwardMessageInput>,
  limits: ReplyLimits,
) {
  const message = await db
    .selectFrom('interactions')
    .select(['case_id', 'channel'])
    .where('id', '=', input.interactionId)
    .executeTakeFirst();
  if (!message || message.channel === 'note') throw notFound('Message');
  const { row } = await resolveCaseById(db, message.case_id);
  const entry = (await timelineOfCase(db, message.case_id, 'asc')).find((item) => item.id === input.interactionId);
  if (!entry) throw notFound('Message');
  return queueForward(
    db,
    actor,
    row.id,
    {
      to: input.to,
      note: input.note,
      interactionId: input.interactionId,
      entries: [entry],
      subject: entry.subject?.replace(/^\[A-\d{4}-\d{6,}\]\s*/, '') || row.subject,
    },
    limits,
  );
}
