import { randomBytes } from 'node:crypto';
import { mailDisplayName } from '@anliegen/shared';
import type { Transporter } from 'nodemailer';
import type { DB } from '../../db/database.js';
import type { Updateable } from 'kysely';
import type { InteractionsTable } from '../../db/schema.js';
import { NO_ACTOR } from '../../domain/actor.js';
import { unitOfWork } from '../../domain/unit-of-work.js';
import type { Logger } from '../../logger.js';
import { mailWithoutContent } from '../../modules/mailbox/mail-without-content.service.js';
import { issueStatusToken, statusPath } from '../../modules/mailbox/status-links.service.js';
import { contentFreeMail } from './content-free-mail.js';
import { emailTexts } from './email.texts.js';
import { attachmentsOfMail, mailAttachmentsFromStore } from './mail-attachments.js';

/** Waits between attempts; after the last one the mail is marked failed (and shown so in the timeline). */
export const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000] as const;

interface DeliveryState {
  to: string;
  /** Copies: CC shows in the mail's header, BCC only in the SMTP envelope (issue 16). */
  cc?: string[];
  bcc?: string[];
  /** A forward to another office (forward.service): its own thread, not the citizen's. */
  forward?: { kind: 'case' | 'message'; interactionId?: number };
  /** A confirmation the system sent on its own (RFC 3834: Auto-Submitted), not an agent's answer. */
  automatic?: boolean;
  /**
   * Composed without anything of the case but its reference and a status link (a receipt, a renewed link): sent as it
   * is when the case's mail goes without content (issue 18).
   */
  contentFree?: boolean;
  /** It went without content (issue 18): the citizen got a notice with a status link; this copy keeps the message. */
  withoutContent?: boolean;
  attempts?: number;
  nextAttemptAt?: number;
  lastError?: string;
  /** Set while a process sends it; a claim this old means that process died mid-send. */
  claimedAt?: number;
}

const STALE_CLAIM_MS = 10 * 60_000;

export interface OutboundMailOptions {
  transport: Pick<Transporter, 'sendMail'>;
  from: string;
  log: Logger;
  /** The attachment store (ATTACHMENTS_DIR): a mail's attachments are read from it when it is sent. */
  attachmentsDir: string;
  /** The app's public address (PUBLIC_URL): a mail without content links to the citizen's status page there. */
  publicUrl: string;
  now?: () => number;
}

function domainOf(from: string): string {
  return /@([^>\s]+)/.exec(from)?.[1] ?? 'localhost';
}

/**
 * The Message-IDs a reply threads under: it answers the citizen's latest mail (In-Reply-To), and References name the
 * case's mails with the citizen, ours included, oldest first. Forwards to another office and that office's answers
 * are a conversation of their own: a reply to the citizen never names them.
 */
async function threadOf(db: DB, caseId: number) {
  const rows = await db
    .selectFrom('interactions')
    .select(['external_message_id', 'metadata', 'direction'])
    .where('case_id', '=', caseId)
    .where('channel', '=', 'email')
    .where('external_message_id', 'is not', null)
    .orderBy('occurred_at', 'desc')
    .limit(50)
    .execute();
  const thread = rows
    .filter((row) => {
      const fields = JSON.parse(row.metadata ?? '{}') as { forward?: unknown; external?: unknown };
      return !fields.forward && !fields.external;
    })
    .slice(0, 20);
  const answered = thread.find((row) => row.direction === 'inbound') ?? thread[0];
  return {
    inReplyTo: answered?.external_message_id ?? undefined,
    references: thread.map((row) => row.external_message_id!).reverse(),
  };
}

/** What a mail's metadata keeps through every attempt: recipients and what it is; the rest is delivery state. */
function mailFields(state: DeliveryState) {
  const { attempts: _attempts, nextAttemptAt: _next, lastError: _error, claimedAt: _claimed, ...fields } = state;
  return fields;
}

/**
 * Sends every queued reply that is due. Each mail is claimed first (pending → sending), so several server
 * processes never send the same mail twice. A failure is retried later; the timeline shows the state throughout.
 * Returns how many were sent.
 */
export async function sendDueReplies(db: DB, options: OutboundMailOptions): Promise<number> {
  const now = options.now?.() ?? Date.now();
  const queued = await db
    .selectFrom('interactions')
    .innerJoin('cases', 'cases.id', 'interactions.case_id')
    .select([
      'interactions.id',
      'interactions.case_id as caseId',
      'interactions.subject',
      'interactions.text',
      'interactions.metadata',
      'cases.reference',
    ])
    .select('interactions.delivery_status as status')
    .where('interactions.delivery_status', 'in', ['pending', 'sending'])
    .where('interactions.direction', '=', 'outbound')
    .where('interactions.channel', '=', 'email')
    .orderBy('interactions.id')
    .limit(100)
    .execute();
  let sent = 0;
  for (const mail of queued) {
    const state = JSON.parse(mail.metadata ?? '{}') as DeliveryState;
    if ((state.nextAttemptAt ?? 0) > now) continue;
    if (mail.status === 'sending' && (state.claimedAt ?? 0) > now - STALE_CLAIM_MS) continue;
    // Claim exactly the state we read: of several processes, one wins, the others skip this mail.
    const claim = await db
      .updateTable('interactions')
      .set({ delivery_status: 'sending', metadata: JSON.stringify({ ...state, claimedAt: now }) })
      .where('id', '=', mail.id)
      .where('delivery_status', '=', mail.status)
      .where('metadata', mail.metadata === null ? 'is' : '=', mail.metadata)
      .executeTakeFirst();
    if (Number(claim.numUpdatedRows) !== 1) continue;

    const messageId = `<anliegen.${mail.id}.${randomBytes(6).toString('hex')}@${domainOf(options.from)}>`;
    // A forward starts a conversation with the office; a reply continues the citizen's.
    const thread = state.forward ? { inReplyTo: undefined, references: [] } : await threadOf(db, mail.caseId);
    // Mail without content (issue 18), decided when the mail leaves: the citizen gets a notice with a status link of its
    // own (tokens are stored hashed, so each notice gets a new one) instead of subject, text and files; copies are not
    // sent (the link opens the citizen's case). Forwards to an office are outside the mode.
    let withoutContent = false;
    try {
      withoutContent = !state.forward && !state.contentFree && (await mailWithoutContent(db, mail.caseId));
      const content = withoutContent
        ? {
            ...contentFreeMail({
              reference: mail.reference,
              statusUrl: `${options.publicUrl}${statusPath(await issueStatusToken(db, mail.caseId, now))}`,
              sender: mailDisplayName(options.from),
            }),
            attachments: [],
          }
        : {
            // Nodemailer puts BCC recipients into the envelope only, never into a header.
            ...(state.cc?.length ? { cc: state.cc } : {}),
            ...(state.bcc?.length ? { bcc: state.bcc } : {}),
            subject: mail.subject ?? `[${mail.reference}]`,
            text: mail.text,
            attachments: mailAttachmentsFromStore(options.attachmentsDir, await attachmentsOfMail(db, mail.id)),
          };
      await options.transport.sendMail({
        from: options.from,
        to: state.to,
        ...content,
        messageId,
        ...(thread.inReplyTo ? { inReplyTo: thread.inReplyTo, references: thread.references } : {}),
        // Marks our mail as a human reply (RFC 3834 is for automatic ones): other systems may answer it.
        headers: { 'X-Anliegen-Case': mail.reference, ...(state.automatic ? { 'Auto-Submitted': 'auto-generated' } : {}) },
      });
      await recordDelivery(db, mail, {
        delivery_status: 'sent',
        external_message_id: messageId,
        metadata: JSON.stringify({
          ...mailFields(state),
          attempts: (state.attempts ?? 0) + 1,
          ...(withoutContent ? { withoutContent: true } : {}),
        }),
      });
      sent++;
    } catch (error) {
      const attempts = (state.attempts ?? 0) + 1;
      const delay = RETRY_DELAYS_MS[attempts - 1];
      const failed = delay === undefined;
      // The error text names the relay's answer, never the recipient's address.
      const lastError = (error as Error).message.slice(0, 300);
      options.log.warn({ interactionId: mail.id, attempts, failed }, 'outgoing mail not delivered');
      await recordDelivery(db, mail, {
        delivery_status: failed ? 'failed' : 'pending',
        metadata: JSON.stringify({
          ...mailFields(state),
          attempts,
          lastError,
          ...(failed ? {} : { nextAttemptAt: now + delay }),
        }),
      });
    }
  }
  return sent;
}

/** A mail's new delivery state; open case pages learn of it (their timeline shows the state). */
async function recordDelivery(
  db: DB,
  mail: { id: number; caseId: number },
  changes: Updateable<InteractionsTable>,
): Promise<void> {
  await unitOfWork(db, NO_ACTOR, async (work) => {
    await work.db.updateTable('interactions').set(changes).where('id', '=', mail.id).execute();
    work.emit({ type: 'case.changed', caseIds: [mail.caseId] });
  });
}

/**
 * A delivery report came back for a mail we sent: it failed, whatever the relay said at the time. The timeline shows
 * it as failed, and an agent can correct the address and send it again.
 */
export async function markUndeliverable(trx: DB, interactionId: number): Promise<void> {
  const row = await trx.selectFrom('interactions').select('metadata').where('id', '=', interactionId).executeTakeFirst();
  if (!row) return;
  const state = JSON.parse(row.metadata ?? '{}') as DeliveryState;
  await trx
    .updateTable('interactions')
    .set({
      delivery_status: 'failed',
      metadata: JSON.stringify({ ...state, lastError: emailTexts.bounced }),
    })
    .where('id', '=', interactionId)
    .execute();
}

/** At most one automatic mail per address in this time: nobody can use the desk to send mail to someone else. */
export const AUTOMATIC_MAIL_INTERVAL_MS = 60 * 60_000;

/**
 * Claims the address's automatic mail for this hour, in one statement (two mails at the same moment cannot both
 * win): true when the address got none within AUTOMATIC_MAIL_INTERVAL_MS.
 */
async function claimAutomaticMail(trx: DB, address: string, now: number): Promise<boolean> {
  const claimed = await trx
    .insertInto('automatic_mail_throttle')
    .values({ address, last_sent_at: now })
    .onConflict((conflict) =>
      conflict
        .column('address')
        .doUpdateSet({ last_sent_at: now })
        .where('automatic_mail_throttle.last_sent_at', '<=', now - AUTOMATIC_MAIL_INTERVAL_MS),
    )
    .returning('address')
    .executeTakeFirst();
  return claimed !== undefined;
}

/**
 * Forgets the throttle entries that no longer hold anything back (they name addresses: keep them no longer); returns
 * how many.
 */
export async function pruneAutomaticMailThrottle(db: DB, now: number): Promise<number> {
  const result = await db
    .deleteFrom('automatic_mail_throttle')
    .where('last_sent_at', '<=', now - AUTOMATIC_MAIL_INTERVAL_MS)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Queues a mail the system sends on its own (a confirmation). It does not count as the first response and carries
 * Auto-Submitted, so the citizen's auto-responder stays quiet. At most one per address and hour: a flood of forms or
 * forged mails naming a third party's address sends that party one mail. Runs in the caller's transaction; returns
 * whether the mail was queued.
 */
export async function queueAutomaticMail(
  trx: DB,
  mail: {
    caseId: number;
    citizenId: number;
    to: string;
    subject: string;
    text: string;
    now: number;
    /** It names nothing of the case but reference and status link: sent as it is in the mode without content. */
    contentFree?: boolean;
  },
  /**
   * `throttled: false` for a mail an agent's act causes (the resolution mail with its survey): the hourly limit guards
   * against strangers' forms, and would swallow the survey of a case answered within the hour of its confirmation.
   */
  options: { throttled: boolean } = { throttled: true },
): Promise<boolean> {
  if (options.throttled && !(await claimAutomaticMail(trx, mail.to.toLowerCase(), mail.now))) return false;
  await trx
    .insertInto('interactions')
    .values({
      case_id: mail.caseId,
      citizen_id: mail.citizenId,
      channel: 'email',
      direction: 'outbound',
      author_id: null,
      subject: mail.subject,
      text: mail.text,
      html_sanitized: null,
      occurred_at: mail.now,
      duration_seconds: null,
      external_message_id: null,
      delivery_status: 'pending',
      metadata: JSON.stringify({ to: mail.to, automatic: true, ...(mail.contentFree ? { contentFree: true } : {}) }),
      created_at: mail.now,
    })
    .execute();
  return true;
}
