import { type FeedbackSource, SURVEY_DAYS } from '@anliegen/shared';
import type { DB } from '../../db/database.js';
import { newSecretToken, tokenHash } from '../../domain/secret-token.js';
import { copySurveyToCases } from './feedback.repo.js';

// The unit of work's type written inline: the unit of work's subscribers read this file (feedback.subscriber.ts), and an
// import of unit-of-work.ts here would close a cycle through them (as in domain-events.ts).
type Work = import('../../domain/unit-of-work.js').Work;

/**
 * A case's one invitation to give feedback (issue 18): made when the case is resolved (the resolution mail), when the
 * citizen first answers on the status page, when an agent prints a counter receipt or records what the citizen said.
 * Its links take answers for SURVEY_DAYS; the case's one answer can be changed until then.
 */
export const SURVEY_MS = SURVEY_DAYS * 86_400_000;

/** Whether the case asks for feedback: the desk does, and so does its category (a case without one does). */
export async function surveyEnabledFor(db: DB, caseId: number): Promise<boolean> {
  const row = await db
    .selectFrom('desk_settings')
    .innerJoin('cases', (join) => join.on('cases.id', '=', caseId))
    .leftJoin('categories', 'categories.id', 'cases.category_id')
    .select(['desk_settings.survey_enabled as desk', 'categories.survey_enabled as category'])
    .where('desk_settings.id', '=', 1)
    .executeTakeFirst();
  return row !== undefined && row.desk === 1 && row.category !== 0;
}

/**
 * A new invitation for the case unless it has one (two at the same moment: one wins, on the primary key), audited:
 * its link's token (only the hash is stored), or null. A receipt's invitation is reached by the receipt's token.
 */
export async function createInvitation(work: Work, caseId: number, via: FeedbackSource, now: number): Promise<string | null> {
  const token = newSecretToken();
  const inserted = await work.db
    .insertInto('survey_invitations')
    .values({
      case_id: caseId,
      // A receipt's invitation has no mail link: a token nobody holds keeps the column's meaning (and uniqueness).
      token_hash: tokenHash(via === 'receipt' ? newSecretToken() : token),
      receipt_token_hash: via === 'receipt' ? tokenHash(token) : null,
      via,
      created_at: now,
      expires_at: now + SURVEY_MS,
    })
    .onConflict((conflict) => conflict.column('case_id').doNothing())
    .returning('case_id')
    .executeTakeFirst();
  if (!inserted) return null;
  await copySurveyToCases(work.db, [caseId]);
  await work.audit('feedback.invited', { entityId: caseId, details: { via } });
  return token;
}

/** What the resolution mail is written from: the case, where it goes, the survey link's token. */
export interface ResolutionMailRequest {
  caseId: number;
  citizenId: number;
  to: string;
  surveyToken: string;
  now: number;
  /** The page language the intake recorded (the web form's), as stored: the mail checks it is one it writes. */
  intakeLang: unknown;
}

/** Writes and queues the resolution mail in the resolving change's transaction. */
export type ResolutionMail = (work: Work, request: ResolutionMailRequest) => Promise<void>;

let resolutionMail: ResolutionMail | null = null;

/**
 * The resolution mail is the public pages' to write (channels/webform/resolution-mail.ts: their texts in the citizen's
 * language, the desk's public address, a status link), and a module never calls a channel: main.ts plugs it in at
 * start. Without it (the demo seed, tests that do not ask for it) resolving a case invites nobody by mail.
 */
export function useResolutionMail(mail: ResolutionMail | null): void {
  resolutionMail = mail;
}

/**
 * What the intake recorded with the case's first message from outside ({} without any): a machine's mail says so
 * (`machine`), the web form the page's language (`lang`).
 */
async function intakeMetadata(db: DB, caseId: number): Promise<{ machine?: unknown; lang?: unknown }> {
  const first = await db
    .selectFrom('interactions')
    .select('metadata')
    .where('case_id', '=', caseId)
    .where('direction', '=', 'inbound')
    .orderBy('occurred_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return first?.metadata ? (JSON.parse(first.metadata) as { machine?: unknown; lang?: unknown }) : {};
}

/**
 * Where a resolved case's invitation goes: the citizen's email address (the primary one first, as replies), unless
 * the case was opened by a machine's mail (an out-of-office note, a list, a delivery report: nobody to ask) or the last
 * mail of the case to that address failed (bounced or undeliverable). Null: no mail.
 */
async function invitationAddress(db: DB, caseId: number): Promise<{ citizenId: number; to: string; intakeLang: unknown } | null> {
  const found = await db
    .selectFrom('cases')
    .select(['citizen_id', 'merged_into_id', 'anonymised_at'])
    .where('id', '=', caseId)
    .executeTakeFirst();
  if (!found || found.merged_into_id !== null || found.anonymised_at !== null) return null;
  const emails = await db
    .selectFrom('contact_points')
    .select(['normalized', 'is_primary'])
    .where('citizen_id', '=', found.citizen_id)
    .where('kind', '=', 'email')
    .orderBy('is_primary', 'desc')
    .orderBy('id')
    .limit(1)
    .execute();
  const to = emails[0]?.normalized;
  if (!to) return null;
  const intake = await intakeMetadata(db, caseId);
  if (intake.machine) return null;
  const mails = await db
    .selectFrom('interactions')
    .select(['delivery_status', 'metadata'])
    .where('case_id', '=', caseId)
    .where('direction', '=', 'outbound')
    .where('channel', '=', 'email')
    .orderBy('id', 'desc')
    .limit(20)
    .execute();
  const last = mails.find((mail) => {
    const fields = JSON.parse(mail.metadata ?? '{}') as { to?: string; forward?: unknown };
    return fields.to === to && !fields.forward;
  });
  if (last?.delivery_status === 'failed') return null;
  return { citizenId: found.citizen_id, to, intakeLang: intake.lang };
}

/**
 * A case was resolved (the `case.resolved` event, in the resolving change's transaction): when it asks for feedback and
 * has no invitation yet (resolved again after a reopening, it asks no second time), an invitation and the resolution
 * mail with its one-click links, to a citizen who can receive mail.
 */
export async function inviteOnResolution(work: Work, caseId: number, now: number): Promise<void> {
  const mail = resolutionMail;
  if (!mail) return;
  const existing = await work.db
    .selectFrom('survey_invitations')
    .select('case_id')
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  if (existing || !(await surveyEnabledFor(work.db, caseId))) return;
  const address = await invitationAddress(work.db, caseId);
  if (!address) return;
  const token = await createInvitation(work, caseId, 'email', now);
  if (token) await mail(work, { ...address, caseId, surveyToken: token, now });
}
