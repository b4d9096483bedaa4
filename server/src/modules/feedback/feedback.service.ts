import type {
  FeedbackSolved,
  FeedbackSource,
  recordFeedbackInput,
  SurveyFormAnswer,
  setSurveyEnabledInput,
} from '@anliegen/shared';
import type { z } from 'zod';
import type { DB } from '../../db/database.js';
import { type Actor, NO_ACTOR } from '../../domain/actor.js';
import { DomainError, notFound } from '../../domain/domain-error.js';
import { tokenHash } from '../../domain/secret-token.js';
import { unitOfWork, type Work } from '../../domain/unit-of-work.js';
import { type CategorySwitch, categorySwitchSettings, setCategorySwitch } from '../categories/category-switches.js';
import { teamLeadsByTeam } from '../users/users.service.js';
import {
  type AnswerBeforeLinks,
  claimInvitationByToken,
  claimInvitationOfCase,
  copySurveyToCases,
  endLinkRun,
  type FeedbackRow,
  type FeedbackWrite,
  findFeedback,
  findInvitationByToken,
  findInvitationOfCase,
  type InvitationRow,
  restoreFeedback,
  saveFeedback,
  setLinkRun,
  takeBackNotSolvedNotices,
} from './feedback.repo.js';
import { createInvitation, SURVEY_MS, surveyEnabledFor } from './invitations.js';

/**
 * The citizen's answers (issue 18): one per case (`feedback.case_id`), given through the resolution mail's one-click
 * links and the form behind them, the status page, a counter receipt's QR code, or told to an agent; changeable until
 * the case's invitation expires. A "nein" reopens nothing, but the leads of the case's team are told. The comment is
 * personal data like a message (privacy/anonymise.ts clears it); the audit log records the answer's fixed values only.
 */

/**
 * Mail security scanners (Microsoft Safe Links, Proofpoint, Mimecast …) open every link of a mail as it is delivered,
 * before the citizen has read it. One click of a one-click link records its answer at once; so, to tell the scanner
 * from the citizen: when a link of the same invitation records a DIFFERENT answer within SCANNER_WINDOW_MS of the
 * previous click, a machine is at it. Then every answer those clicks recorded is taken back (the answer is what it was
 * before the first of them), and this and each further click within the window show the form with nothing chosen, asking
 * the citizen to choose. The same answer clicked twice is no sign (a double click, a scanner and then the citizen). An
 * answer sent with the form (POST), on the status page or by an agent always counts and ends the run of clicks; HEAD
 * requests (scanners probing) record nothing at all (feedback.routes.ts).
 */
export const SCANNER_WINDOW_MS = 60_000;

/** The case's answer as the citizen's pages show it (their own comment included). */
export interface AnswerView {
  solved: FeedbackSolved | null;
  rating: number | null;
  comment: string | null;
}
const viewOf = (row: FeedbackRow | undefined): AnswerView | null =>
  row ? { solved: row.solved, rating: row.rating, comment: row.comment } : null;

/** A survey open to the citizen: its case, where its link came from, until when, and the answer so far. */
export interface OpenSurvey {
  caseId: number;
  reference: string;
  /** The source of answers through this link: the resolution mail's or a counter receipt's. */
  source: Extract<FeedbackSource, 'email' | 'receipt'>;
  expiresAt: number;
  answer: AnswerView | null;
}

export type SurveyLookup = { kind: 'unknown' } | { kind: 'expired' } | { kind: 'open'; survey: OpenSurvey };

/** What one click of a one-click link did: recorded its answer, or (a scanner's burst) asks the citizen to choose. */
export type LinkOutcome = SurveyLookup | { kind: 'recorded'; survey: OpenSurvey } | { kind: 'choose'; survey: OpenSurvey };

const expired = (invitation: InvitationRow, now: number) => invitation.expires_at <= now;

async function openSurvey(db: DB, invitation: InvitationRow, source: OpenSurvey['source']): Promise<OpenSurvey> {
  const [row, found] = await Promise.all([
    findFeedback(db, invitation.case_id),
    db.selectFrom('cases').select('reference').where('id', '=', invitation.case_id).executeTakeFirstOrThrow(),
  ]);
  return {
    caseId: invitation.case_id,
    reference: found.reference,
    source,
    expiresAt: invitation.expires_at,
    answer: viewOf(row),
  };
}

/** Which of the invitation's two links a token is: the mail's, or the latest receipt's. */
const sourceOf = (invitation: InvitationRow, token: string): OpenSurvey['source'] =>
  invitation.receipt_token_hash === tokenHash(token) ? 'receipt' : 'email';

/** The survey behind a link, read only (a page that records nothing: no answer in the link, a HEAD request). */
export async function surveyOfToken(db: DB, token: string, now: number): Promise<SurveyLookup> {
  const invitation = await findInvitationByToken(db, token);
  if (!invitation) return { kind: 'unknown' };
  if (expired(invitation, now)) return { kind: 'expired' };
  return { kind: 'open', survey: await openSurvey(db, invitation, sourceOf(invitation, token)) };
}

/**
 * Saves an answer in the caller's unit of work: the row, the audit event (the answer's values and source, never the
 * comment), and for an answer that turned to "nein" a notice to the leads of the case's team; open case pages update.
 */
async function saveAnswer(work: Work, caseId: number, write: FeedbackWrite, previous: FeedbackRow | undefined, now: number) {
  await saveFeedback(work.db, caseId, write, now);
  const rating = write.rating !== undefined ? write.rating : (previous?.rating ?? null);
  await work.audit('feedback.recorded', { entityId: caseId, details: { solved: write.solved, rating, source: write.source } });
  work.emit({ type: 'case.changed', caseIds: [caseId] });
  if (write.solved === 'no' && previous?.solved !== 'no') {
    const team = await work.db.selectFrom('cases').select('team_id').where('id', '=', caseId).executeTakeFirstOrThrow();
    const leadIds = (await teamLeadsByTeam(work.db))(team.team_id);
    work.emit({ type: 'feedback.notSolved', caseId, leadIds });
  }
}

/** A click of a one-click link (`?antwort=`): records its answer at once, unless the scanner rule above says otherwise. */
export async function answerByLink(db: DB, token: string, solved: FeedbackSolved, now: number): Promise<LinkOutcome> {
  return unitOfWork(db, NO_ACTOR, async (work): Promise<LinkOutcome> => {
    const invitation = await claimInvitationByToken(work.db, token);
    if (!invitation) return { kind: 'unknown' };
    if (expired(invitation, now)) return { kind: 'expired' };
    const source = sourceOf(invitation, token);
    const caseId = invitation.case_id;
    const previous = await findFeedback(work.db, caseId);
    const inRun = invitation.link_answer_at !== null && now - invitation.link_answer_at < SCANNER_WINDOW_MS;
    const before = invitation.answer_before_links ? (JSON.parse(invitation.answer_before_links) as AnswerBeforeLinks) : null;
    if (inRun && invitation.link_answer !== solved) {
      if (invitation.link_answer !== 'discarded') {
        // The clicks disagree: a machine. What they recorded is taken back, with the notices they caused.
        await restoreFeedback(work.db, caseId, before?.answer ?? null);
        for (const userId of await takeBackNotSolvedNotices(work.db, caseId, before?.since ?? now))
          work.emit({ type: 'notifications.read', userId });
        await work.audit('feedback.linkAnswersDiscarded', { entityId: caseId });
        work.emit({ type: 'case.changed', caseIds: [caseId] });
      }
      // Every further click of the burst extends it: the citizen chooses on the form.
      await setLinkRun(work.db, caseId, { answer: 'discarded', at: now, before: null });
      return { kind: 'choose', survey: await openSurvey(work.db, invitation, source) };
    }
    // A new run remembers the answer as it was before it; the same answer again keeps what the run remembered.
    const runBefore: AnswerBeforeLinks =
      inRun && before
        ? before
        : {
            since: now,
            answer: previous
              ? {
                  solved: previous.solved,
                  source: previous.source,
                  recordedById: previous.recorded_by_id,
                  updatedAt: previous.updated_at,
                }
              : null,
          };
    await saveAnswer(work, caseId, { solved, source, recordedById: null }, previous, now);
    await setLinkRun(work.db, caseId, { answer: solved, at: now, before: runBefore });
    return { kind: 'recorded', survey: await openSurvey(work.db, invitation, source) };
  });
}

/** The form behind a link (POST): the whole answer, which always counts. Nothing changes once the survey expired. */
export async function answerByForm(db: DB, token: string, answer: SurveyFormAnswer, now: number): Promise<LinkOutcome> {
  return unitOfWork(db, NO_ACTOR, async (work): Promise<LinkOutcome> => {
    const invitation = await claimInvitationByToken(work.db, token);
    if (!invitation) return { kind: 'unknown' };
    if (expired(invitation, now)) return { kind: 'expired' };
    const source = sourceOf(invitation, token);
    await saveAnswer(
      work,
      invitation.case_id,
      { ...answer, source, recordedById: null },
      await findFeedback(work.db, invitation.case_id),
      now,
    );
    await endLinkRun(work.db, invitation.case_id);
    return { kind: 'recorded', survey: await openSurvey(work.db, invitation, source) };
  });
}

/**
 * The status page's part of the survey: its form while the case is finished and the survey open, with the answer so far
 * and until when it can change; null: no form.
 */
export async function statusPageSurvey(
  db: DB,
  caseId: number,
  now: number,
): Promise<{ answer: AnswerView | null; expiresAt: number } | null> {
  const found = await db.selectFrom('cases').select('status').where('id', '=', caseId).executeTakeFirst();
  if (!found || (found.status !== 'resolved' && found.status !== 'closed')) return null;
  const invitation = await findInvitationOfCase(db, caseId);
  if (invitation) {
    if (expired(invitation, now)) return null;
    return { answer: viewOf(await findFeedback(db, caseId)), expiresAt: invitation.expires_at };
  }
  // No invitation yet (no mail went): a resolved case of a category that asks gets one with the first answer.
  return found.status === 'resolved' && (await surveyEnabledFor(db, caseId))
    ? { answer: null, expiresAt: now + SURVEY_MS }
    : null;
}

/**
 * An answer on the status page: the case's invitation, made now if the case had none (a case without mail, say), and the
 * answer with source `status_page`. False when the page has no form for this case (any more): nothing changed.
 */
export async function answerOnStatusPage(db: DB, caseId: number, answer: SurveyFormAnswer, now: number): Promise<boolean> {
  if (!(await statusPageSurvey(db, caseId, now))) return false;
  return unitOfWork(db, NO_ACTOR, async (work) => {
    await createInvitation(work, caseId, 'status_page', now);
    const invitation = await claimInvitationOfCase(work.db, caseId);
    if (!invitation || expired(invitation, now)) return false;
    await saveAnswer(
      work,
      caseId,
      { ...answer, source: 'status_page', recordedById: null },
      await findFeedback(work.db, caseId),
      now,
    );
    await endLinkRun(work.db, caseId);
    return true;
  });
}

/**
 * "Rückmeldung erfassen": what the citizen told an agent at the counter or on the phone, with the agent's name. The case
 * must ask for feedback; the survey is made now if it had none, and an expired one takes no more answers.
 */
export async function recordInPerson(
  db: DB,
  actor: Actor & { id: number },
  input: z.output<typeof recordFeedbackInput>,
  now = Date.now(),
): Promise<void> {
  await unitOfWork(db, actor, async (work) => {
    if (!(await work.db.selectFrom('cases').select('id').where('id', '=', input.caseId).executeTakeFirst()))
      throw notFound('Case');
    if (!(await surveyEnabledFor(work.db, input.caseId)))
      throw new DomainError('feedback.surveyOff', 'This case does not ask for feedback (switched off for its category)');
    await createInvitation(work, input.caseId, 'in_person', now);
    const invitation = (await claimInvitationOfCase(work.db, input.caseId))!;
    if (expired(invitation, now))
      throw new DomainError('feedback.expired', 'The survey of this case has expired: its answer can no longer change');
    await saveAnswer(
      work,
      input.caseId,
      { solved: input.solved, rating: input.rating, comment: input.comment, source: 'in_person', recordedById: actor.id },
      await findFeedback(work.db, input.caseId),
      now,
    );
    await endLinkRun(work.db, input.caseId);
  });
}

/**
 * The feedback part of a case's page (agents with access to the case): whether it asks, its invitation and its answer
 * with who recorded it. Shown in the timeline; the comment is the citizen's own words, like a message.
 */
export async function caseSurvey(db: DB, caseId: number) {
  const [enabled, invitation, answer] = await Promise.all([
    surveyEnabledFor(db, caseId),
    findInvitationOfCase(db, caseId),
    db
      .selectFrom('feedback')
      .leftJoin('users', 'users.id', 'feedback.recorded_by_id')
      .select([
        'feedback.solved',
        'feedback.rating',
        'feedback.comment',
        'feedback.source',
        'feedback.created_at as createdAt',
        'feedback.updated_at as updatedAt',
        'users.display_name as recordedBy',
      ])
      .where('feedback.case_id', '=', caseId)
      .executeTakeFirst(),
  ]);
  return {
    enabled,
    invitation: invitation ? { via: invitation.via, createdAt: invitation.created_at, expiresAt: invitation.expires_at } : null,
    answer: answer ?? null,
  };
}

/** The survey's switches: the desk-wide one and each category's. */
const SURVEY_SWITCH: CategorySwitch = { column: 'survey_enabled', audit: 'category.surveyChanged' };

/** The admin's view: the desk-wide switch and each category's. */
export const surveySettings = (db: DB) => categorySwitchSettings(db, SURVEY_SWITCH);

/** Switches the survey for the desk (`categoryId: null`) or one category (e.g. off for enforcement); audited. */
export async function setSurveyEnabled(db: DB, actor: Actor, input: z.output<typeof setSurveyEnabledInput>): Promise<void> {
  await setCategorySwitch(db, actor, SURVEY_SWITCH, input);
}

/**
 * The comments of these cases go (anonymisation and erasure, in the caller's transaction, like message texts): the
 * answer's values stay for the statistics, and so do the invitations (the survey's response rate), expired at once:
 * no link of an anonymised case takes answers any more.
 */
export async function eraseFeedbackComments(trx: DB, caseIds: readonly number[], now: number): Promise<void> {
  if (caseIds.length === 0) return;
  await trx.updateTable('feedback').set({ comment: null }).where('case_id', 'in', caseIds).execute();
  await trx
    .updateTable('survey_invitations')
    .set({ expires_at: now, receipt_token_hash: null, link_answer: null, link_answer_at: null, answer_before_links: null })
    .where('case_id', 'in', caseIds)
    .where('expires_at', '>', now)
    .execute();
}

/**
 * Copies every case's invitation and answer onto the case as the statistics count them: for invitations and answers
 * written in bulk, not through this module (the generated towns of seed/generator.ts).
 */
export async function copyAllSurveysToCases(db: DB): Promise<void> {
  await copySurveyToCases(db, 'all');
}
