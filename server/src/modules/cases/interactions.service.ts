import {
  type addInteractionInput,
  attachmentBytesLimit,
  type CaseStatus,
  type Channel,
  type Direction,
  OPEN_CASE_STATUSES,
  renderSignature,
  withSignature,
} from '@anliegen/shared';
import type { Updateable } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/database.js';
import { mentionedUsers } from '../notifications/notifications.service.js';
import type { CasesTable } from '../../db/schema.js';
import { DomainError } from '../../domain/domain-error.js';
import { unitOfWork } from '../../domain/unit-of-work.js';
import { touchCase } from './cases.repo.js';
import { announceStatus, resolveCaseById, statusChanges } from './cases.service.js';
import { contactPointsOf } from '../citizens/citizens.service.js';
import { businessMinutesSince } from '../sla/sla.service.js';
import { insertAttachments, insertInteraction } from './interactions.repo.js';
import { claimUploads } from '../uploads/uploads.service.js';
import { teamSignatureOf } from '../teams/teams.service.js';
import { mailWithoutContent } from '../mailbox/mail-without-content.service.js';
import type { Actor } from '../../domain/actor.js';

type CaseRow = Awaited<ReturnType<typeof resolveCaseById>>['row'];

/**
 * The status after a new interaction: a citizen who answers or comes back to a finished case reopens it
 * (a re-contact); a new case that an agent works on is open.
 */
function statusAfter(current: CaseStatus, direction: Direction, channel: Channel): CaseStatus {
  const fromCitizen = direction === 'inbound' && channel !== 'note';
  if (fromCitizen && (current === 'waiting_citizen' || !OPEN_CASE_STATUSES.includes(current))) return 'open';
  if (!fromCitizen && current === 'new') return 'open';
  return current;
}

/**
 * What a new interaction does to its case: recent activity, the first response, the status above, and the end of a
 * follow-up date when the citizen gets in touch.
 */
export async function caseChangesFor(
  db: DB,
  row: CaseRow,
  direction: Direction,
  channel: Channel,
  now: number,
): Promise<Updateable<CasesTable>> {
  const changes: Updateable<CasesTable> = { updated_at: now };
  if (direction === 'outbound' && row.first_response_at === null) {
    changes.first_response_at = now;
    // Statistics: business minutes to the first answer, on the team's calendar.
    changes.first_response_minutes = await businessMinutesSince(db, row.team_id, row.created_at, now);
  }
  Object.assign(changes, await statusChanges(db, row, statusAfter(row.status, direction, channel), now));
  // The citizen answered (the documents came) before the follow-up date: the case is back in the inbox at once.
  if (direction === 'inbound' && channel !== 'note' && row.follow_up_at !== null) changes.follow_up_at = null;
  return changes;
}

/** Cases change version when a field an editor could be looking at changes, not merely their activity time. */
export const bumpsVersion = (changes: Updateable<CasesTable>) => Object.keys(changes).some((key) => key !== 'updated_at');

/** The parsed input; copies and uploads may be left out by callers inside the server. */
type AddInteraction = Omit<z.output<typeof addInteractionInput>, 'cc' | 'bcc' | 'uploadIds'> &
  Partial<Pick<z.output<typeof addInteractionInput>, 'cc' | 'bcc' | 'uploadIds'>>;

/** Limits of a reply's attachments (the router passes the server's: attachmentBytesLimit of MAIL_MAX_BYTES). */
export interface ReplyLimits {
  maxAttachmentBytes: number;
}
const DEFAULT_LIMITS: ReplyLimits = { maxAttachmentBytes: attachmentBytesLimit(25 * 1024 * 1024) };

/**
 * What an outgoing mail stores in `metadata` besides its delivery state (outbound-mail.service keeps all of it
 * through every attempt and a retry): recipient, copies, and for a forward what was forwarded.
 */
export interface OutgoingMailFields {
  to: string;
  cc?: string[];
  bcc?: string[];
  forward?: { kind: 'case' | 'message'; interactionId?: number };
}

/** The team's signature for a mail of this case, rendered for the sending caseworker; null when the team has none. */
export async function signatureFor(
  db: DB,
  row: Pick<CaseRow, 'team_id' | 'reference' | 'subject'>,
  userId: number,
): Promise<string | null> {
  const team = await teamSignatureOf(db, row.team_id);
  if (!team?.signature) return null;
  const user = await db.selectFrom('users').select('display_name').where('id', '=', userId).executeTakeFirst();
  return renderSignature(team.signature, {
    Name: user?.display_name ?? '',
    Team: team.name,
    'Team-E-Mail': team.emailAddress,
    Aktenzeichen: row.reference,
    Betreff: row.subject,
  });
}

/**
 * An agent adds to a case: a reply to the citizen (queued as an outgoing email, with the team's signature, copies
 * and the agent's uploads as attachments), an internal note, or a record of a phone call or counter visit; with
 * `thenStatus`, the case's status in the same unit of work ("Senden und Status setzen"). Returns the new
 * interaction's id.
 */
export async function addInteraction(
  db: DB,
  actor: Actor & { id: number },
  parsed: AddInteraction,
  limits: ReplyLimits = DEFAULT_LIMITS,
) {
  const input = { cc: [], bcc: [], uploadIds: [], ...parsed };
  const { row } = await resolveCaseById(db, input.caseId);
  const now = Date.now();
  let channel: Channel;
  let direction: Direction;
  let subject: string | null = null;
  let metadata: OutgoingMailFields | null = null;
  let deliveryStatus: string | null = null;
  let text = input.text;
  switch (input.kind) {
    case 'reply': {
      const contacts = await contactPointsOf(db, [row.citizen_id]);
      const email = contacts.find((c) => c.kind === 'email' && c.is_primary === 1) ?? contacts.find((c) => c.kind === 'email');
      if (!email) throw new DomainError('citizens.noEmail', 'The citizen has no email address; add a note instead');
      channel = 'email';
      direction = 'outbound';
      subject = `[${row.reference}] ${row.subject}`;
      // The citizen is the recipient; a copy to them (or a BCC that is also a CC) goes once.
      const cc = input.cc.filter((address) => address !== email.normalized);
      const bcc = input.bcc.filter((address) => address !== email.normalized && !cc.includes(address));
      // Without content (issue 18) the mail is only a notice with the citizen's own status link: nothing for copies.
      if ((cc.length > 0 || bcc.length > 0) && (await mailWithoutContent(db, row.id)))
        throw new DomainError(
          'interactions.copiesWithoutContent',
          'This case sends mail without content: copies (CC/BCC) are not possible; forward the message instead',
        );
      metadata = { to: email.normalized, ...(cc.length > 0 ? { cc } : {}), ...(bcc.length > 0 ? { bcc } : {}) };
      text = withSignature(text, await signatureFor(db, row, actor.id));
      // Sent by the outbound mail worker; until then (and if sending fails) the timeline shows its state.
      deliveryStatus = 'pending';
      break;
    }
    case 'note':
      channel = 'note';
      direction = 'internal';
      break;
    case 'phone':
    case 'counter':
      channel = input.kind;
      direction = input.direction;
      break;
  }
  // "@Anna Schmidt" in an internal note tells Anna.
  const mentioned = input.kind === 'note' ? await mentionedUsers(db, input.text, actor.id) : [];
  return unitOfWork(db, actor, async (work) => {
    const trx = work.db;
    const files = await claimUploads(work, actor.id, input.uploadIds, limits.maxAttachmentBytes);
    const id = await insertInteraction(trx, {
      case_id: row.id,
      citizen_id: row.citizen_id,
      channel,
      direction,
      author_id: actor.id,
      subject,
      text,
      html_sanitized: null,
      occurred_at: now,
      duration_seconds: input.kind === 'phone' || input.kind === 'counter' ? (input.durationSeconds ?? null) : null,
      external_message_id: null,
      delivery_status: deliveryStatus,
      metadata: metadata ? JSON.stringify(metadata) : null,
      created_at: now,
    });
    await insertAttachments(trx, id, files, now);
    const changes = await caseChangesFor(trx, row, direction, channel, now);
    if (input.thenStatus) Object.assign(changes, await statusChanges(trx, row, input.thenStatus, now));
    await touchCase(trx, row.id, changes, bumpsVersion(changes));
    await work.audit('interaction.added', {
      entityId: row.id,
      details: {
        interactionId: id,
        channel,
        direction,
        ...(files.length > 0 ? { attachments: files.length } : {}),
        ...(metadata?.cc ? { cc: metadata.cc.length } : {}),
        ...(metadata?.bcc ? { bcc: metadata.bcc.length } : {}),
        ...(input.thenStatus ? { thenStatus: input.thenStatus } : {}),
      },
    });
    work.emit({ type: 'case.changed', caseIds: [row.id] });
    announceStatus(work, row.id, changes);
    if (mentioned.length > 0) work.emit({ type: 'note.mentioned', caseId: row.id, userIds: mentioned, byId: actor.id });
    return { id, caseId: row.id };
  });
}

/** Delivery bookkeeping in an outgoing mail's metadata; everything else there describes the mail and is kept. */
const DELIVERY_STATE_KEYS = ['attempts', 'nextAttemptAt', 'lastError', 'claimedAt'] as const;
export function mailFieldsOf(metadata: string | null): Record<string, unknown> {
  const state = JSON.parse(metadata ?? '{}') as Record<string, unknown>;
  for (const key of DELIVERY_STATE_KEYS) delete state[key];
  return state;
}

/**
 * An agent asks for another try of a failed mail: it is pending again, with a fresh count of attempts, for the
 * outbound mail worker (channels/email) to send.
 */
export async function retryFailedReply(db: DB, interactionId: number): Promise<boolean> {
  const row = await db
    .selectFrom('interactions')
    .select('metadata')
    .where('id', '=', interactionId)
    .where('delivery_status', '=', 'failed')
    .executeTakeFirst();
  if (!row) return false;
  // Recipient, copies (CC, BCC) and what a forward carries stay as they were; attachments are rows of their own.
  await db
    .updateTable('interactions')
    .set({ delivery_status: 'pending', metadata: JSON.stringify({ ...mailFieldsOf(row.metadata), attempts: 0 }) })
    .where('id', '=', interactionId)
    .execute();
  return true;
}
