import { Migrator } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { resolutionMail } from '../../channels/webform/resolution-mail.js';
import { caseForToken } from '../../channels/webform/webform.service.js';
import { migrations } from '../../db/migrations/index.js';
import { expectAppError } from '../../test/app-errors.js';
import { callerFor, insertTestUser } from '../../test/callers.js';
import { insertTestCase, insertTestCitizen, insertTestTeam } from '../../test/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../../test/test-db.js';
import { testEnv } from '../../test/test-env.js';
import type { SessionUser } from '../../trpc/context.js';
import { anonymiseCases } from '../privacy/anonymise.js';
import {
  answerByForm,
  answerByLink,
  answerOnStatusPage,
  SCANNER_WINDOW_MS,
  statusPageSurvey,
  surveyOfToken,
} from './feedback.service.js';
import { SURVEY_MS, useResolutionMail } from './invitations.js';

const PUBLIC_URL = 'https://anliegen.musterstadt.example';
const DAY = 86_400_000;

let database: TestDatabase;
let agent: SessionUser;
let lead: SessionUser;
let team: number;
let category: number;
let serial = 0;

beforeAll(() => useResolutionMail(resolutionMail({ publicUrl: PUBLIC_URL })));
afterAll(() => useResolutionMail(null));

beforeEach(async () => {
  database = await createTestDatabase();
  team = await insertTestTeam(database.db, 'Bürgerbüro');
  agent = await insertTestUser(database.db, { email: 'agent@musterstadt.example', role: 'agent', teamIds: [team] });
  lead = await insertTestUser(database.db, { email: 'lead@musterstadt.example', role: 'team_lead', teamIds: [team] });
  category = (
    await database.db
      .insertInto('categories')
      .values({ name: 'Meldewesen', default_team_id: team, retention_days: null, created_at: 1 })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
});
afterEach(async () => {
  // Whatever a test did, each case carries its invitation and answer as the statistics count them.
  const cases = await database.db
    .selectFrom('cases')
    .leftJoin('survey_invitations', 'survey_invitations.case_id', 'cases.id')
    .leftJoin('feedback', 'feedback.case_id', 'cases.id')
    .select([
      'cases.survey_invited_at',
      'cases.feedback_at',
      'cases.feedback_rating',
      'cases.feedback_solved',
      'survey_invitations.created_at as invitedAt',
      'feedback.created_at as answeredAt',
      'feedback.rating',
      'feedback.solved',
    ])
    .execute();
  for (const row of cases) {
    expect([row.survey_invited_at, row.feedback_at, row.feedback_rating, row.feedback_solved]).toEqual([
      row.invitedAt,
      row.answeredAt,
      row.rating,
      row.solved,
    ]);
  }
  await database.destroy();
});

const db = () => database.db;
const api = (user: SessionUser = agent) => callerFor(db(), user);

/**
 * An open case of a citizen (with an email address unless `email: null`), with the citizen's first message (from a
 * machine when `machine` is set) and, like every web form or mail case, a status link.
 */
async function openCase(options: { email?: string | null; machine?: string; categoryId?: number | null; lang?: string } = {}) {
  const citizen = await insertTestCitizen(db(), 'Yılmaz', 'Aylin');
  const email = options.email === undefined ? 'aylin@example.org' : options.email;
  if (email) {
    await db()
      .insertInto('contact_points')
      .values({ citizen_id: citizen, kind: 'email', value: email, normalized: email, is_primary: 1, created_at: 1 })
      .execute();
  }
  serial++;
  const caseId = await insertTestCase(db(), {
    citizen_id: citizen,
    reference: `A-2026-${String(serial).padStart(6, '0')}`,
    status: 'open',
    team_id: team,
    category_id: options.categoryId === undefined ? category : options.categoryId,
  });
  await db()
    .insertInto('interactions')
    .values({
      case_id: caseId,
      citizen_id: citizen,
      channel: 'email',
      direction: 'inbound',
      author_id: null,
      subject: 'Meldebescheinigung',
      text: 'Ich brauche eine Meldebescheinigung.',
      html_sanitized: null,
      occurred_at: 1,
      duration_seconds: null,
      external_message_id: `<m${serial}@example.org>`,
      delivery_status: null,
      metadata: JSON.stringify({
        from: email ?? 'x@example.org',
        ...(options.machine ? { machine: options.machine } : {}),
        ...(options.lang ? { lang: options.lang } : {}),
      }),
      created_at: 1,
    })
    .execute();
  await db()
    .insertInto('case_access_tokens')
    .values({ token_hash: `hash-${serial}`, case_id: caseId, created_at: 1 })
    .execute();
  return { caseId, citizen };
}

async function version(caseId: number) {
  return (await db().selectFrom('cases').select('version').where('id', '=', caseId).executeTakeFirstOrThrow()).version;
}
const resolveByEdit = async (caseId: number) =>
  api().cases.update({ id: caseId, version: await version(caseId), status: 'resolved' });
const reopen = async (caseId: number) => api().cases.update({ id: caseId, version: await version(caseId), status: 'open' });

/** The resolution mails queued for the case (automatic, with the survey's subject). */
async function resolutionMails(caseId: number) {
  const rows = await db()
    .selectFrom('interactions')
    .select(['subject', 'text', 'metadata', 'delivery_status'])
    .where('case_id', '=', caseId)
    .where('direction', '=', 'outbound')
    .execute();
  return rows.filter((row) => row.subject?.includes('Ihr Anliegen ist erledigt'));
}
const invitations = (caseId: number) => db().selectFrom('survey_invitations').selectAll().where('case_id', '=', caseId).execute();
/** The survey link's token from the case's resolution mail. */
async function mailToken(caseId: number) {
  const [mail] = await resolutionMails(caseId);
  return /\/anliegen\/rueckmeldung\/([\w-]+)\?antwort=ja/.exec(mail!.text)![1]!;
}
const feedbackOf = (caseId: number) => db().selectFrom('feedback').selectAll().where('case_id', '=', caseId).executeTakeFirst();

describe('the invitation when a case is resolved', () => {
  it('comes once with a plain-text mail of one-click links and a new status link, by an edit', async () => {
    const { caseId } = await openCase();
    await resolveByEdit(caseId);

    const [invitation] = await invitations(caseId);
    expect(invitation).toMatchObject({ via: 'email', case_id: caseId });
    expect(Number(invitation!.expires_at) - Number(invitation!.created_at)).toBe(SURVEY_MS);
    const mails = await resolutionMails(caseId);
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(JSON.parse(mail.metadata!)).toMatchObject({ to: 'aylin@example.org', automatic: true, contentFree: true });
    expect(mail.delivery_status).toBe('pending');
    expect(mail.text).toContain('Wurde Ihr Anliegen gelöst?');
    for (const word of ['ja', 'teilweise', 'nein'])
      expect(mail.text).toMatch(new RegExp(`${PUBLIC_URL}/anliegen/rueckmeldung/[\\w-]{32}\\?antwort=${word}\\n`));
    // Only the hash is stored; the mail's token opens the survey.
    const token = await mailToken(caseId);
    expect(invitation!.token_hash).not.toContain(token);
    expect((await surveyOfToken(db(), token, Date.now())).kind).toBe('open');
    // A status link of its own (the case has one), which opens the case's status page.
    const statusToken = /\/anliegen\/status\/([\w-]+)/.exec(mail.text)![1]!;
    expect((await caseForToken(db(), statusToken))?.id).toBe(caseId);
    expect(mail.text).not.toMatch(/<img|<html/i);
  });

  it('comes by a bulk action and by "Senden und Status setzen", once per case', async () => {
    const first = await openCase();
    const second = await openCase();
    await api().cases.bulkUpdate({ ids: [first.caseId, second.caseId], action: { kind: 'status', status: 'resolved' } });
    const third = await openCase();
    await api().cases.addInteraction({
      caseId: third.caseId,
      kind: 'reply',
      text: 'Die Bescheinigung liegt bei.',
      thenStatus: 'resolved',
    });

    for (const { caseId } of [first, second, third]) {
      expect(await invitations(caseId)).toHaveLength(1);
      expect(await resolutionMails(caseId)).toHaveLength(1);
    }
  });

  it('is written in the language the citizen used on the web form', async () => {
    const { caseId } = await openCase({ lang: 'en' });
    await resolveByEdit(caseId);
    const rows = await db()
      .selectFrom('interactions')
      .select(['subject', 'text'])
      .where('case_id', '=', caseId)
      .where('direction', '=', 'outbound')
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.subject).toMatch(/^\[A-2026-\d{6}\] Your request has been dealt with$/);
    expect(rows[0]!.text).toContain('Was your request solved?');
  });

  it('asks no second time when a reopened case is resolved again', async () => {
    const { caseId } = await openCase();
    await resolveByEdit(caseId);
    await reopen(caseId);
    await resolveByEdit(caseId);
    await reopen(caseId);
    await api().cases.bulkUpdate({ ids: [caseId], action: { kind: 'status', status: 'resolved' } });
    expect(await invitations(caseId)).toHaveLength(1);
    expect(await resolutionMails(caseId)).toHaveLength(1);
  });

  it('is not sent within the hourly limit of automatic mails either: an agent resolved the case', async () => {
    const { caseId } = await openCase();
    await db().insertInto('automatic_mail_throttle').values({ address: 'aylin@example.org', last_sent_at: Date.now() }).execute();
    await resolveByEdit(caseId);
    expect(await resolutionMails(caseId)).toHaveLength(1);
  });

  it.each([
    ['a citizen without an email address', { email: null }],
    ['a case opened by an automatic mail', { machine: 'auto-reply' }],
  ])('does not come for %s', async (_label, options) => {
    const { caseId } = await openCase(options);
    await resolveByEdit(caseId);
    expect(await invitations(caseId)).toEqual([]);
    expect(await resolutionMails(caseId)).toEqual([]);
  });

  it('does not come when the last mail to the address bounced', async () => {
    const { caseId, citizen } = await openCase();
    await db()
      .insertInto('interactions')
      .values({
        case_id: caseId,
        citizen_id: citizen,
        channel: 'email',
        direction: 'outbound',
        author_id: agent.id,
        subject: 'Rückfrage',
        text: 'Bitte senden Sie uns Ihre Unterlagen.',
        html_sanitized: null,
        occurred_at: 2,
        duration_seconds: null,
        external_message_id: null,
        delivery_status: 'failed',
        metadata: JSON.stringify({ to: 'aylin@example.org', lastError: 'bounced' }),
        created_at: 2,
      })
      .execute();
    await resolveByEdit(caseId);
    expect(await invitations(caseId)).toEqual([]);
  });

  it('does not come when the category or the whole desk has the survey switched off (a case without one asks)', async () => {
    const admin = await insertTestUser(db(), { email: 'admin@musterstadt.example', role: 'admin' });
    await callerFor(db(), admin).feedback.setEnabled({ categoryId: category, enabled: false });
    const ofCategory = await openCase();
    await resolveByEdit(ofCategory.caseId);
    const withoutCategory = await openCase({ categoryId: null });
    await resolveByEdit(withoutCategory.caseId);
    expect(await invitations(ofCategory.caseId)).toEqual([]);
    expect(await invitations(withoutCategory.caseId)).toHaveLength(1);

    await callerFor(db(), admin).feedback.setEnabled({ categoryId: null, enabled: false });
    const afterDesk = await openCase({ categoryId: null });
    await resolveByEdit(afterDesk.caseId);
    expect(await invitations(afterDesk.caseId)).toEqual([]);
    expect(await callerFor(db(), admin).feedback.settings()).toEqual({
      deskWide: false,
      categories: [{ id: category, name: 'Meldewesen', enabled: false }],
    });
    const events = await db()
      .selectFrom('audit_events')
      .select(['entity_id', 'details'])
      .where('action', '=', 'category.surveyChanged')
      .orderBy('id')
      .execute();
    expect(events).toEqual([
      { entity_id: String(category), details: JSON.stringify({ enabled: false }) },
      { entity_id: null, details: JSON.stringify({ enabled: false }) },
    ]);
  });

  it('is changed by admins only', async () => {
    await expectAppError(api().feedback.setEnabled({ categoryId: null, enabled: false }), 'FORBIDDEN', 'auth.forbidden');
  });
});

describe('answers through the links', () => {
  async function invited() {
    const { caseId } = await openCase();
    await resolveByEdit(caseId);
    return { caseId, token: await mailToken(caseId) };
  }

  it('records a click at once, and the form changes the whole answer until the survey expires', async () => {
    const { caseId, token } = await invited();
    const start = Date.now();
    expect((await answerByLink(db(), token, 'partly', start)).kind).toBe('recorded');
    expect(await feedbackOf(caseId)).toMatchObject({ solved: 'partly', rating: null, comment: null, source: 'email' });

    const later = start + 10 * DAY;
    expect((await answerByForm(db(), token, { solved: 'yes', rating: 4, comment: 'Sehr freundlich.' }, later)).kind).toBe(
      'recorded',
    );
    expect(await feedbackOf(caseId)).toMatchObject({ solved: 'yes', rating: 4, comment: 'Sehr freundlich.', source: 'email' });

    const expiresAt = Number((await invitations(caseId))[0]!.expires_at);
    expect((await answerByForm(db(), token, { solved: 'no', rating: 1, comment: null }, expiresAt)).kind).toBe('expired');
    expect((await answerByLink(db(), token, 'no', expiresAt + DAY)).kind).toBe('expired');
    expect((await surveyOfToken(db(), token, expiresAt)).kind).toBe('expired');
    expect(await feedbackOf(caseId)).toMatchObject({ solved: 'yes', rating: 4, comment: 'Sehr freundlich.' });
  });

  it('does not know a token it never made', async () => {
    await invited();
    expect((await answerByLink(db(), 'x'.repeat(32), 'yes', Date.now())).kind).toBe('unknown');
    expect((await answerByForm(db(), 'x'.repeat(32), { solved: 'yes', rating: null, comment: null }, Date.now())).kind).toBe(
      'unknown',
    );
    expect(await db().selectFrom('feedback').selectAll().execute()).toEqual([]);
  });

  it('takes back the answers of a scanner that opens every link at once, and the citizen chooses', async () => {
    const { caseId, token } = await invited();
    // Before: the citizen answered on the form (it always counts).
    const start = Date.now() - 10 * 60_000;
    await answerByForm(db(), token, { solved: 'partly', rating: 3, comment: 'Es dauerte.' }, start);
    const before = await feedbackOf(caseId);

    const t = start + 5 * 60_000;
    expect((await answerByLink(db(), token, 'no', t)).kind).toBe('recorded');
    expect((await feedbackOf(caseId))?.solved).toBe('no');
    // A different answer within the window: a machine. Taken back, and so is the notice to the lead.
    expect((await answerByLink(db(), token, 'yes', t + 1_000)).kind).toBe('choose');
    expect(await feedbackOf(caseId)).toEqual(before);
    // The rest of the burst asks too, even the same answer again.
    expect((await answerByLink(db(), token, 'partly', t + 2_000)).kind).toBe('choose');
    expect((await answerByLink(db(), token, 'partly', t + 3_000)).kind).toBe('choose');
    expect(await feedbackOf(caseId)).toEqual(before);
    const notices = await db().selectFrom('notifications').selectAll().where('kind', '=', 'feedback_not_solved').execute();
    expect(notices).toEqual([]);
    // The citizen's own click, later, counts.
    expect((await answerByLink(db(), token, 'yes', t + 3_000 + SCANNER_WINDOW_MS)).kind).toBe('recorded');
    expect(await feedbackOf(caseId)).toMatchObject({ solved: 'yes', rating: 3, comment: 'Es dauerte.' });
    const actions = await db()
      .selectFrom('audit_events')
      .select('action')
      .where('action', 'like', 'feedback.%')
      .orderBy('id')
      .execute();
    expect(actions.map((row) => row.action)).toEqual([
      'feedback.invited',
      'feedback.recorded',
      'feedback.recorded',
      'feedback.linkAnswersDiscarded',
      'feedback.recorded',
    ]);
  });

  it('counts the same answer clicked twice, and a form sent within the window', async () => {
    const { caseId, token } = await invited();
    const t = Date.now();
    expect((await answerByLink(db(), token, 'yes', t)).kind).toBe('recorded');
    expect((await answerByLink(db(), token, 'yes', t + 500)).kind).toBe('recorded');
    expect((await answerByForm(db(), token, { solved: 'no', rating: 2, comment: null }, t + 1_000)).kind).toBe('recorded');
    // The form ended the clicks' run: a click after it starts a new one.
    expect((await answerByLink(db(), token, 'partly', t + 2_000)).kind).toBe('recorded');
    expect(await feedbackOf(caseId)).toMatchObject({ solved: 'partly', rating: 2 });
  });

  it('takes back every click of a burst that arrives at once (each judged after the other)', async () => {
    const { caseId, token } = await invited();
    const t = Date.now();
    const outcomes = await Promise.all(
      (['yes', 'partly', 'no'] as const).map((solved, index) => answerByLink(db(), token, solved, t + index)),
    );
    expect(outcomes.filter((outcome) => outcome.kind === 'recorded')).toHaveLength(1);
    expect(await feedbackOf(caseId)).toBeUndefined();
  });

  it('tells the leads of the case\'s team of a "nein", once', async () => {
    const { caseId, token } = await invited();
    const t = Date.now();
    await answerByLink(db(), token, 'no', t);
    await answerByForm(db(), token, { solved: 'no', rating: 1, comment: 'Nichts ist passiert.' }, t + SCANNER_WINDOW_MS);
    const notices = await db().selectFrom('notifications').select(['user_id', 'case_id', 'kind']).execute();
    expect(notices).toEqual([{ user_id: lead.id, case_id: caseId, kind: 'feedback_not_solved' }]);
    // Nothing reopened.
    expect((await db().selectFrom('cases').select('status').where('id', '=', caseId).executeTakeFirstOrThrow()).status).toBe(
      'resolved',
    );
  });
});

describe('the status page, the counter and the phone', () => {
  it('makes the invitation with the first answer on the status page of a resolved case without one', async () => {
    const { caseId } = await openCase({ email: null });
    expect(await statusPageSurvey(db(), caseId, Date.now())).toBeNull();
    await resolveByEdit(caseId);
    expect(await invitations(caseId)).toEqual([]);
    expect(await statusPageSurvey(db(), caseId, Date.now())).toMatchObject({ answer: null });
    expect(await answerOnStatusPage(db(), caseId, { solved: 'yes', rating: 5, comment: null }, Date.now())).toBe(true);
    expect((await invitations(caseId))[0]).toMatchObject({ via: 'status_page' });
    expect(await feedbackOf(caseId)).toMatchObject({ solved: 'yes', rating: 5, source: 'status_page' });
    // Reopened, the page shows no form; answered after the survey expired, nothing changes.
    await reopen(caseId);
    expect(await answerOnStatusPage(db(), caseId, { solved: 'no', rating: 1, comment: null }, Date.now())).toBe(false);
    await resolveByEdit(caseId);
    expect(await answerOnStatusPage(db(), caseId, { solved: 'no', rating: 1, comment: null }, Date.now() + SURVEY_MS)).toBe(
      false,
    );
    expect(await feedbackOf(caseId)).toMatchObject({ solved: 'yes', rating: 5 });
  });

  it('prints a receipt with a new status link and the survey as a QR code, whose link counts as the receipt', async () => {
    const { caseId } = await openCase({ email: null });
    const receipt = await callerFor(db(), agent, { env: testEnv({ PUBLIC_URL }) }).feedback.receipt({ caseId });
    expect(receipt.statusUrl).toMatch(new RegExp(`^${PUBLIC_URL}/anliegen/status/[\\w-]{32}$`));
    expect((await caseForToken(db(), receipt.statusUrl.split('/').pop()!))?.id).toBe(caseId);
    expect(receipt.survey?.url).toMatch(new RegExp(`^${PUBLIC_URL}/anliegen/rueckmeldung/[\\w-]{32}$`));
    expect(receipt.survey?.qrSvg).toMatch(/^<svg [^>]*viewBox/);
    const token = receipt.survey!.url.split('/').pop()!;
    expect(await answerByLink(db(), token, 'partly', Date.now())).toMatchObject({
      kind: 'recorded',
      survey: { source: 'receipt' },
    });
    expect(await feedbackOf(caseId)).toMatchObject({ solved: 'partly', source: 'receipt' });
    expect((await invitations(caseId))[0]).toMatchObject({ via: 'receipt' });

    // A second receipt: its own link; the first one's stops working. No mail comes on resolving (it has an invitation).
    const again = await api().feedback.receipt({ caseId });
    expect((await surveyOfToken(db(), token, Date.now())).kind).toBe('unknown');
    expect((await surveyOfToken(db(), again.survey!.url.split('/').pop()!, Date.now())).kind).toBe('open');
    const audited = await db()
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', 'feedback.receiptIssued')
      .execute();
    expect(audited.map((row) => row.details)).toEqual([
      JSON.stringify({ surveyLink: true }),
      JSON.stringify({ surveyLink: true }),
    ]);
  });

  it('prints a receipt without a survey when the case does not ask', async () => {
    const admin = await insertTestUser(db(), { email: 'admin@musterstadt.example', role: 'admin' });
    await callerFor(db(), admin).feedback.setEnabled({ categoryId: category, enabled: false });
    const { caseId } = await openCase();
    expect((await api().feedback.receipt({ caseId })).survey).toBeNull();
    await expectAppError(
      api().feedback.record({ caseId, solved: 'yes', rating: 5, comment: null }),
      'BAD_REQUEST',
      'feedback.surveyOff',
    );
  });

  it('records what the citizen said in person, with the agent, and shows it with the case', async () => {
    const { caseId } = await openCase();
    await api().feedback.record({ caseId, solved: 'partly', rating: 3, comment: '  Am Telefon: die Wartezeit war lang.  ' });
    expect(await feedbackOf(caseId)).toMatchObject({
      solved: 'partly',
      rating: 3,
      comment: 'Am Telefon: die Wartezeit war lang.',
      source: 'in_person',
      recorded_by_id: agent.id,
    });
    const detail = await api().cases.byReference({ reference: `A-2026-${String(serial).padStart(6, '0')}` });
    expect(detail.survey).toMatchObject({
      enabled: true,
      invitation: { via: 'in_person' },
      answer: { solved: 'partly', rating: 3, comment: 'Am Telefon: die Wartezeit war lang.', recordedBy: 'agent' },
    });
    // The audit log holds the answer's values, never the comment.
    const events = await db()
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('action', 'like', 'feedback.%')
      .execute();
    expect(events).toEqual([
      { action: 'feedback.invited', details: JSON.stringify({ via: 'in_person' }) },
      { action: 'feedback.recorded', details: JSON.stringify({ solved: 'partly', rating: 3, source: 'in_person' }) },
    ]);
    expect(JSON.stringify(await db().selectFrom('audit_events').selectAll().execute())).not.toContain('Wartezeit');
  });

  it('refuses an answer for a case the agent may not open, and a comment too long', async () => {
    const { caseId } = await openCase();
    await expectAppError(
      api().feedback.record({ caseId, solved: 'yes', rating: null, comment: 'x'.repeat(2001) }),
      'BAD_REQUEST',
      'input.invalid',
    );
    await expectAppError(
      api().feedback.record({ caseId: caseId + 100, solved: 'yes', rating: null, comment: null }),
      'NOT_FOUND',
      'notFound',
    );
    expect(await feedbackOf(caseId)).toBeUndefined();
  });
});

describe('erasure', () => {
  it('clears the comment with the case and stops its links; the answer stays for the statistics', async () => {
    const { caseId } = await openCase();
    await resolveByEdit(caseId);
    const token = await mailToken(caseId);
    await answerByForm(db(), token, { solved: 'no', rating: 2, comment: 'Frau Müller war unfreundlich.' }, Date.now());
    await db()
      .transaction()
      .execute((trx) => anonymiseCases(trx, [caseId], Date.now()));
    expect(await feedbackOf(caseId)).toMatchObject({ solved: 'no', rating: 2, comment: null });
    expect((await surveyOfToken(db(), token, Date.now())).kind).toBe('expired');
    expect(await invitations(caseId)).toHaveLength(1);
  });

  it('erases the comment when the citizen is erased, and exports it before', async () => {
    const admin = await insertTestUser(db(), { email: 'admin@musterstadt.example', role: 'admin' });
    const { caseId, citizen } = await openCase();
    await api().feedback.record({ caseId, solved: 'yes', rating: 5, comment: 'Danke an Herrn Özdemir!' });
    const exported = await callerFor(db(), admin).privacy.exportCitizen({ citizenId: citizen });
    expect(exported.json).toContain('Danke an Herrn Özdemir!');
    expect(exported.html).toContain('Danke an Herrn Özdemir!');
    await callerFor(db(), admin).privacy.eraseCitizen({ citizenId: citizen, confirm: true });
    expect(await feedbackOf(caseId)).toMatchObject({ solved: 'yes', rating: 5, comment: null });
  });
});

describe('the migration that keeps the survey on the case', () => {
  it('copies every existing invitation and answer to its case, and nothing to cases without', async () => {
    await database.destroy();
    database = await createTestDatabase({ migrate: false });
    const names = Object.keys(migrations);
    const before = names[names.indexOf('20261212000000_survey_on_case') - 1]!;
    const migrator = new Migrator({ db: database.db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo(before)).error).toBeUndefined();
    const citizen = await insertTestCitizen(db(), 'Berg', 'Berta');
    const [answered, invited, untouched] = await Promise.all(
      [1, 2, 3].map((serial) => insertTestCase(db(), { citizen_id: citizen, reference: `A-2026-00000${serial}` })),
    );
    for (const [caseId, at] of [
      [answered, 100],
      [invited, 200],
    ] as const) {
      await db()
        .insertInto('survey_invitations')
        .values({ case_id: caseId!, token_hash: `hash-${caseId}`, created_at: at, expires_at: at + SURVEY_MS })
        .execute();
    }
    await db()
      .insertInto('feedback')
      .values({
        case_id: answered!,
        solved: 'partly',
        rating: 4,
        comment: null,
        source: 'email',
        recorded_by_id: null,
        created_at: 150,
        updated_at: 170,
      })
      .execute();

    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    const survey = (caseId: number) =>
      db()
        .selectFrom('cases')
        .select(['survey_invited_at', 'feedback_at', 'feedback_rating', 'feedback_solved'])
        .where('id', '=', caseId)
        .executeTakeFirstOrThrow();
    expect(await survey(answered!)).toEqual({
      survey_invited_at: 100,
      feedback_at: 150,
      feedback_rating: 4,
      feedback_solved: 'partly',
    });
    expect(await survey(invited!)).toEqual({
      survey_invited_at: 200,
      feedback_at: null,
      feedback_rating: null,
      feedback_solved: null,
    });
    expect(await survey(untouched!)).toEqual({
      survey_invited_at: null,
      feedback_at: null,
      feedback_rating: null,
      feedback_solved: null,
    });
  });
});
