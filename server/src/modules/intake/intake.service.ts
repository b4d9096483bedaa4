import { contactPointInput, normaliseEmail, type ContactKind } from '@anliegen/shared';
import type { DB } from '../../db/database.js';
import { isUniqueViolation } from '../../db/unique-violation.js';
import { unitOfWork, type Work } from '../../domain/unit-of-work.js';
import { insertNewCase, resolveCaseById, statusChanges } from '../cases/cases.service.js';
import { insertCitizenRecord, matchCitizen, resolveCitizenRow, type NewCitizen } from '../citizens/citizens.service.js';
import { insertAttachments, insertInteraction, touchCase } from '../cases/cases.service.js';
import { bumpsVersion, caseChangesFor } from '../cases/interactions.service.js';
import type { Actor } from '../../domain/actor.js';

export interface InboundContact {
  channel: 'email' | 'webform' | 'phone' | 'counter';
  /** Whatever the channel knows about the sender; the email or phone number decides who it is. */
  from: { email?: string | null; phone?: string | null; name?: string | null };
  /** The citizen, when an agent already picked them; otherwise found by email or phone, or created. */
  citizenId?: number | null;
  /** The case it belongs to (chosen by an agent, or found by email threading); otherwise a new case opens. */
  caseId?: number | null;
  subject: string;
  text: string;
  htmlSanitized?: string | null;
  occurredAt?: number;
  /** Email Message-ID: the same message delivered twice is stored once. */
  externalMessageId?: string | null;
  durationSeconds?: number | null;
  metadata?: Record<string, string> | null;
  categoryId?: number | null;
  teamId?: number | null;
  /** The address the mail was sent to: routing rules may pick the team by it. */
  recipient?: string | null;
  /** What the message says (content hash): tells a different message that reuses a Message-ID from a redelivery. */
  contentHash?: string | null;
  /** The original mail in the content-addressed store. */
  rawSha256?: string | null;
  /** Sent by a machine (auto-reply, list, delivery report): kept, but it neither reopens a case nor counts as contact. */
  machine?: boolean;
  /**
   * The sender is the author even on an existing case (email threading): a sender who is not a contact of the case's
   * citizen is recorded as themselves, not as that citizen. Off where an agent chose case and citizen (phone, counter).
   */
  authorIsSender?: boolean;
  /**
   * An answer from an office the case was forwarded to (email threading found it, issue 16): filed in the case under
   * its citizen's history but marked as the office's (metadata.external); it is no contact of the citizen's (no
   * re-contact, no reopening, "Wartet auf Rückmeldung" and a follow-up date stay), and the office's address is never
   * added to anybody. Only a case waiting for someone else ("Wartet intern") is open again: what it waited for came.
   */
  externalParty?: boolean;
  /** Files already in the attachment store (content-addressed); recorded in the same transaction. */
  attachments?: { filename: string; contentType: string; sizeBytes: number; sha256: string; contentId?: string | null }[];
}

export interface IntakeResult {
  interactionId: number;
  caseId: number;
  citizenId: number;
  createdCase: boolean;
  createdCitizen: boolean;
  /** True when this Message-ID was stored before: nothing new was written. */
  duplicate: boolean;
}

/** "Anna Maria Berg" → given "Anna Maria", family "Berg": good enough for a record an agent will confirm. */
function splitName(name: string | null | undefined): { givenName: string | null; familyName: string | null } {
  const words = (name ?? '').trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { givenName: null, familyName: null };
  if (words.length === 1) return { givenName: null, familyName: words[0]! };
  return { givenName: words.slice(0, -1).join(' '), familyName: words[words.length - 1]! };
}

/** The sender's contact points that parse; a malformed one is dropped rather than failing the whole message. */
function contactsOf(from: InboundContact['from']): NewCitizen['contacts'] {
  const raw: { kind: ContactKind; value: string | null | undefined }[] = [
    { kind: 'email', value: from.email },
    { kind: 'phone', value: from.phone },
  ];
  return raw.flatMap(({ kind, value }) => {
    const parsed = value ? contactPointInput.safeParse({ kind, value }) : null;
    return parsed?.success ? [parsed.data] : [];
  });
}

async function existingByMessageId(db: DB, messageId: string) {
  return db
    .selectFrom('interactions')
    .select(['id', 'case_id', 'citizen_id', 'content_hash'])
    .where('external_message_id', '=', messageId)
    .executeTakeFirst();
}

/**
 * The id a message is stored under: its Message-ID, unless a different message (another content hash) already has
 * it. Senders reuse Message-IDs (broken clients, scripts, templates), and such a message is new, not a redelivery:
 * it gets an id derived from its content, so its own redelivery is still recognised. Null when the same message was
 * stored before. Messages stored before content hashes existed count as the same.
 */
async function storageMessageId(db: DB, contact: InboundContact) {
  const messageId = contact.externalMessageId;
  if (!messageId) return { id: null, existing: null };
  const existing = await existingByMessageId(db, messageId);
  if (!existing) return { id: messageId, existing: null };
  if (!contact.contentHash || existing.content_hash === null || existing.content_hash === contact.contentHash)
    return { id: messageId, existing };
  const derived = `<reused.${contact.contentHash.slice(0, 40)}@anliegen.invalid>`;
  return { id: derived, existing: (await existingByMessageId(db, derived)) ?? null };
}

/**
 * Who wrote a message that threads onto an existing case: the case's citizen when the sender's address is one of
 * theirs; otherwise the sender as themselves (an existing citizen with that address, or a new unverified one). A
 * stranger who knows a reference never writes under another citizen's name.
 */
async function authorOnCase(trx: DB, caseCitizenId: number, from: InboundContact['from']): Promise<number | null> {
  const email = from.email ? normaliseEmail(from.email) : null;
  if (email) {
    const own = await trx
      .selectFrom('contact_points')
      .select('id')
      .where('citizen_id', '=', caseCitizenId)
      .where('kind', '=', 'email')
      .where('normalized', '=', email)
      .executeTakeFirst();
    if (own) return caseCitizenId;
  }
  return matchCitizen(trx, from);
}

/** More work that must commit or fail together with the contact (e.g. the web form's status link). */
export type Alongside = (work: Work, result: IntakeResult) => Promise<void>;

/**
 * Every channel's way in. Finds the citizen by exact email or phone (or creates one, flagged as unverified),
 * adds the contact to the given case or opens a new one, and records it in the case's and the citizen's history,
 * all in one unit of work.
 */
export async function recordInboundContact(
  db: DB,
  actor: Actor,
  contact: InboundContact,
  alongside?: Alongside,
): Promise<IntakeResult> {
  try {
    return await unitOfWork(db, actor, (work) => storeInboundContact(work, contact, alongside));
  } catch (error) {
    const existing = await storedBefore(db, contact, error);
    if (existing) return existing;
    throw error;
  }
}

/**
 * The same message delivered twice at the same moment: the second insert loses the race on the unique Message-ID,
 * and the answer is the first one's result. Null for any other error. Call it after rolling back the failed insert.
 */
export async function storedBefore(db: DB, contact: InboundContact, error: unknown): Promise<IntakeResult | null> {
  if (!contact.externalMessageId || !isUniqueViolation(error)) return null;
  const { existing } = await storageMessageId(db, contact);
  return existing ? duplicateResult(existing) : null;
}

/**
 * recordInboundContact's work in a unit of work the caller owns (email ingest stores several mails in one). Emits
 * `case.opened` (and `case.assigned` for the team's automatic assignment) for a new case, `case.changed` for an
 * existing one; a message stored before changes nothing and emits nothing.
 */
export async function storeInboundContact(work: Work, contact: InboundContact, alongside?: Alongside): Promise<IntakeResult> {
  const { db: trx, actor } = work;
  const messageId = await storageMessageId(trx, contact);
  if (messageId.existing) return duplicateResult(messageId.existing);
  const now = Date.now();
  const occurredAt = contact.occurredAt ?? now;
  const existingCase = contact.caseId ? (await resolveCaseById(trx, contact.caseId)).row : null;

  const externalParty = existingCase !== null && contact.externalParty === true;
  let citizenId = existingCase
    ? externalParty
      ? existingCase.citizen_id
      : contact.authorIsSender
        ? await authorOnCase(trx, existingCase.citizen_id, contact.from)
        : existingCase.citizen_id
    : contact.citizenId
      ? (await resolveCitizenRow(trx, contact.citizenId)).row.id
      : await matchCitizen(trx, contact.from);
  const createdCitizen = citizenId === null;
  if (citizenId === null) {
    const contacts = contactsOf(contact.from);
    citizenId = await insertCitizenRecord(
      work,
      { ...splitName(contact.from.name), birthDate: null, contacts },
      { unverified: true },
    );
  }

  const target =
    existingCase ??
    (await insertNewCase(work, {
      citizenId,
      subject: contact.subject,
      categoryId: contact.categoryId,
      teamId: contact.teamId,
      priority: 'normal',
      originChannel: contact.channel,
      status: 'new',
      assigneeId: null,
      createdById: actor.id,
      now,
      routing: {
        channel: contact.channel,
        address: contact.recipient ?? null,
        categoryId: contact.categoryId ?? null,
        subject: contact.subject,
        text: contact.text,
      },
    }));
  const interactionId = await insertInteraction(
    trx,
    {
      case_id: target.id,
      citizen_id: citizenId,
      channel: contact.channel,
      direction: 'inbound',
      author_id: contact.channel === 'phone' || contact.channel === 'counter' ? actor.id : null,
      subject: contact.channel === 'email' || contact.channel === 'webform' ? contact.subject : null,
      text: contact.text,
      html_sanitized: contact.htmlSanitized ?? null,
      occurred_at: occurredAt,
      duration_seconds: contact.durationSeconds ?? null,
      external_message_id: messageId.id,
      delivery_status: null,
      metadata: externalParty
        ? JSON.stringify({ ...contact.metadata, external: 'forward' })
        : contact.metadata
          ? JSON.stringify(contact.metadata)
          : null,
      created_at: now,
      raw_sha256: contact.rawSha256 ?? null,
      content_hash: contact.contentHash ?? null,
    },
    { countsAsContact: !contact.machine && !externalParty },
  );
  await insertAttachments(trx, interactionId, contact.attachments ?? [], now);
  if (existingCase) {
    // An out-of-office note or a delivery report is no answer from the citizen: the case stays as it is.
    const changes = contact.machine
      ? { updated_at: now }
      : externalParty
        ? {
            updated_at: now,
            ...(existingCase.status === 'waiting_internal' ? await statusChanges(trx, existingCase, 'open', now) : {}),
          }
        : await caseChangesFor(trx, existingCase, 'inbound', contact.channel, now);
    await touchCase(trx, existingCase.id, changes, bumpsVersion(changes));
    work.emit({ type: 'case.changed', caseIds: [existingCase.id] });
  }
  await work.audit('interaction.received', {
    entityId: target.id,
    details: {
      interactionId,
      channel: contact.channel,
      createdCase: !existingCase,
      createdCitizen,
      ...(existingCase && citizenId !== existingCase.citizen_id ? { otherSender: true } : {}),
      ...(externalParty ? { externalParty: true } : {}),
    },
  });
  const result = {
    interactionId,
    caseId: target.id,
    citizenId,
    createdCase: !existingCase,
    createdCitizen,
    duplicate: false,
  };
  await alongside?.(work, result);
  return result;
}

function duplicateResult(existing: { id: number; case_id: number; citizen_id: number }): IntakeResult {
  return {
    interactionId: existing.id,
    caseId: existing.case_id,
    citizenId: existing.citizen_id,
    createdCase: false,
    createdCitizen: false,
    duplicate: true,
  };
}
