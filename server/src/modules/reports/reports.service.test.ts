import nodemailer from 'nodemailer';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startWeeklyReports } from '../../jobs/weekly-report.job.js';
import { createLogger } from '../../logger.js';
import { callerFor, insertTestUser } from '../../test/callers.js';
import { insertTestCase, insertTestCitizen, insertTestTeam } from '../../test/fixtures.js';
import { startSmtpSink, type SmtpSink } from '../../test/smtp-sink.js';
import { twoProcessDatabase } from '../../test/test-db.js';
import { testEnv } from '../../test/test-env.js';
import type { SessionUser } from '../../trpc/context.js';
import { insertInteraction } from '../cases/interactions.repo.js';
import { deliveriesOfWeek } from './reports.repo.js';
import { queueWeeklyReport, RETRY_DELAYS_MS, sendDueWeeklyReports } from './reports.service.js';

/**
 * The weekly statistics report by email (issue 16), on both databases, through a real SMTP server: the week
 * 2026-11-23 … 2026-11-29 in Berlin, sent on Monday 2026-11-30 at 07:00.
 */
const at = (iso: string) => Date.parse(iso);
const MONDAY_MORNING = at('2026-11-30T07:00:00+01:00');
const FROM = 'Bürgerservice Musterstadt <buergerservice@musterstadt.example>';
const log = createLogger('silent');

const handles = twoProcessDatabase();
let sink: SmtpSink;
let sina: SessionUser;
let sven: SessionUser;
let lea: SessionUser;
let olaf: SessionUser;
let buergeramt: number;

beforeEach(async () => {
  sink = await startSmtpSink();
  const db = handles.database.db;
  buergeramt = await insertTestTeam(db, 'Bürgeramt');
  const ordnungsamt = await insertTestTeam(db, 'Ordnungsamt');
  sina = await insertTestUser(db, { email: 'sina@musterstadt.example', role: 'supervisor', displayName: 'Sina Super' });
  sven = await insertTestUser(db, { email: 'sven@musterstadt.example', role: 'supervisor', displayName: 'Sven Stat' });
  lea = await insertTestUser(db, {
    email: 'lea@musterstadt.example',
    role: 'team_lead',
    displayName: 'Lea Lead',
    teamIds: [buergeramt],
  });
  olaf = await insertTestUser(db, {
    email: 'olaf@musterstadt.example',
    role: 'team_lead',
    displayName: 'Olaf Ordnung',
    teamIds: [ordnungsamt],
  });
  await insertTestUser(db, { email: 'adam@musterstadt.example', role: 'admin' });
  await insertTestUser(db, { email: 'anna@musterstadt.example', role: 'agent', teamIds: [buergeramt] });
  await insertTestUser(db, { email: 'ina@musterstadt.example', role: 'supervisor', active: false });

  // Sven does not want it; Lea (a team lead: off unless switched on) does.
  await callerFor(db, sven).reports.setMySetting({ enabled: false });
  await callerFor(db, lea).reports.setMySetting({ enabled: true });

  const citizen = await insertTestCitizen(db, 'Berg', 'Berta');
  let reference = 0;
  const addCase = async (fields: Parameters<typeof insertTestCase>[1] extends infer F ? Partial<F & object> : never) => {
    const id = await insertTestCase(db, {
      citizen_id: citizen,
      reference: `A-2026-${String(++reference).padStart(6, '0')}`,
      ...fields,
    });
    await insertInteraction(db, {
      case_id: id,
      citizen_id: citizen,
      channel: fields.origin_channel ?? 'email',
      direction: 'inbound',
      author_id: null,
      subject: null,
      text: 'Text',
      html_sanitized: null,
      occurred_at: fields.created_at!,
      duration_seconds: null,
      external_message_id: null,
      delivery_status: null,
      metadata: null,
      created_at: fields.created_at!,
    });
  };
  // Sunday 23:59 of the week before: not in the report.
  await addCase({
    team_id: buergeramt,
    created_at: at('2026-11-22T23:59:00+01:00'),
    status: 'resolved',
    resolved_at: at('2026-11-22T23:59:30+01:00'),
  });
  // Monday 00:30 in Berlin (Sunday 23:30 UTC): in the report. Answered late.
  await addCase({
    team_id: ordnungsamt,
    origin_channel: 'phone',
    created_at: at('2026-11-23T00:30:00+01:00'),
    first_response_due_at: at('2026-11-23T09:00:00+01:00'),
    first_response_at: at('2026-11-23T12:00:00+01:00'),
    first_response_minutes: 180,
    status: 'open',
  });
  // Answered in time and resolved.
  await addCase({
    team_id: buergeramt,
    created_at: at('2026-11-24T10:00:00+01:00'),
    first_response_due_at: at('2026-11-24T11:00:00+01:00'),
    first_response_at: at('2026-11-24T10:30:00+01:00'),
    first_response_minutes: 30,
    status: 'resolved',
    resolved_at: at('2026-11-25T10:00:00+01:00'),
    resolution_minutes: 480,
  });
  // Sunday 23:30: in the report; its first answer is overdue.
  await addCase({
    team_id: buergeramt,
    origin_channel: 'webform',
    created_at: at('2026-11-29T23:30:00+01:00'),
    first_response_due_at: at('2026-11-29T23:45:00+01:00'),
    status: 'new',
  });
  // Monday 00:10: the new week, not in the report.
  await addCase({ team_id: buergeramt, created_at: at('2026-11-30T00:10:00+01:00'), status: 'new' });
});
afterEach(async () => {
  await sink.close();
});

const mailOptions = () => ({
  transport: nodemailer.createTransport(sink.url),
  from: FROM,
  publicUrl: 'https://anliegen.musterstadt.example',
  log,
});

/** A CSV attachment as bytes and as lines. */
function csvOf(mail: SmtpSink['messages'][number], name: string) {
  const attachment = mail.attachments.find((file) => file.filename?.includes(`-${name}-`));
  expect(attachment, name).toBeDefined();
  const bytes = attachment!.content;
  return { bytes, lines: bytes.subarray(3).toString('utf8').split('\r\n'), type: attachment!.contentType };
}

describe('the weekly statistics report', () => {
  it('goes to the supervisors and the team leads who want it, once, with CSV files for German Excel', async () => {
    const { week, queued } = await queueWeeklyReport(handles.database.db, MONDAY_MORNING);
    expect(week).toMatchObject({ monday: '2026-11-23', sunday: '2026-11-29', isoWeek: '2026-W48' });
    expect(queued).toBe(2);
    expect(await sendDueWeeklyReports(handles.database.db, mailOptions(), MONDAY_MORNING)).toEqual({
      sent: 2,
      retried: 0,
      failed: 0,
      skipped: 0,
    });
    expect(sink.messages.map((mail) => mail.to && 'text' in mail.to && mail.to.text).sort()).toEqual([
      'lea@musterstadt.example',
      'sina@musterstadt.example',
    ]);
    const toSina = sink.messages.find((mail) => JSON.stringify(mail.to).includes('sina@'))!;
    expect(toSina.subject).toBe('Anliegen: Wochenbericht KW 48/2026 (23.11.2026 – 29.11.2026)');
    expect(toSina.headers.get('auto-submitted')).toBe('auto-generated');
    expect(toSina.text).toContain('Neue Vorgänge: 3');
    expect(toSina.text).toContain('https://anliegen.musterstadt.example/statistics');
    expect(toSina.attachments.map((file) => file.filename)).toEqual([
      'anliegen-wochenbericht-kennzahlen-2026-11-23-2026-11-29.csv',
      'anliegen-wochenbericht-tage-2026-11-23-2026-11-29.csv',
      'anliegen-wochenbericht-teams-2026-11-23-2026-11-29.csv',
    ]);

    // The bytes Excel opens: a UTF-8 byte order mark, semicolons, decimal commas, CRLF, umlauts in UTF-8.
    const figures = csvOf(toSina, 'kennzahlen');
    expect(figures.type).toBe('text/csv');
    expect([...figures.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(figures.bytes.includes(Buffer.from('Vorgänge', 'utf8'))).toBe(true);
    expect(figures.lines[0]).toBe('Kennzahl;Wert;Einheit');
    expect(figures.lines).toContain('Neue Vorgänge;3;Vorgänge');
    expect(figures.lines).toContain('Erledigte Vorgänge;1;Vorgänge');
    expect(figures.lines).toContain('Kontakte Telefon;1;Kontakte');
    // Three first answers due: one in time, one late, one overdue; the median of 30 and 180 minutes by nearest rank.
    expect(figures.lines).toContain('Erste Antwort in der Frist;33,3;%');
    expect(figures.lines).toContain('Erste Antwort, Median;30;Geschäftsminuten');
    // Nothing to measure: an empty cell, not 0.
    expect(figures.lines).toContain('Erledigung in der Frist;;%');
    expect(figures.lines[figures.lines.length - 1]).toBe('');

    const days = csvOf(toSina, 'tage');
    expect(days.lines[0]).toBe(
      'Tag;Neue Vorgänge;Erledigte Vorgänge;Offen am Tagesende;Kontakte E-Mail;Kontakte Webformular;Kontakte Telefon;Kontakte Schalter',
    );
    expect(days.lines.slice(1, 8).map((line) => line.split(';').slice(0, 3).join(';'))).toEqual([
      '23.11.2026;1;0',
      '24.11.2026;1;0',
      '25.11.2026;0;1',
      '26.11.2026;0;0',
      '27.11.2026;0;0',
      '28.11.2026;0;0',
      '29.11.2026;1;0',
    ]);
    expect(csvOf(toSina, 'teams').lines.slice(0, 3)).toEqual([
      'Team;Offen bei Versand;Überfällig bei Versand;Erledigt in der Woche',
      'Bürgeramt;2;0;1',
      'Ordnungsamt;1;0;0',
    ]);

    // Lea's report holds her team's figures only: one in time of two.
    const toLea = sink.messages.find((mail) => JSON.stringify(mail.to).includes('lea@'))!;
    const leaFigures = csvOf(toLea, 'kennzahlen');
    expect(leaFigures.lines).toContain('Neue Vorgänge;2;Vorgänge');
    expect(leaFigures.lines).toContain('Erste Antwort in der Frist;50;%');
    expect(toLea.text).toContain('Ihre Teams: Bürgeramt');

    // Later runs in the same week make and send nothing more; the send is recorded.
    expect((await queueWeeklyReport(handles.database.db, MONDAY_MORNING + 3_600_000)).queued).toBeNull();
    expect((await sendDueWeeklyReports(handles.database.db, mailOptions(), MONDAY_MORNING + 3_600_000)).sent).toBe(0);
    expect(sink.messages).toHaveLength(2);
    const sent = await handles.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'user.weekly_report_sent')
      .execute();
    expect(sent.map((event) => JSON.parse(String(event.details)))).toEqual([
      { week: '2026-11-23', attempts: 1 },
      { week: '2026-11-23', attempts: 1 },
    ]);
    // The next Monday: the next week's report.
    expect((await queueWeeklyReport(handles.database.db, MONDAY_MORNING + 7 * 86_400_000)).queued).toBe(2);
  });

  it('is made and sent once when two server processes run the job at the same moment', async () => {
    const { database, second } = handles;
    const [first, other] = await Promise.all([
      queueWeeklyReport(database.db, MONDAY_MORNING),
      queueWeeklyReport(second.db, MONDAY_MORNING),
    ]);
    expect([first.queued, other.queued].sort()).toEqual([2, null]);
    const outcomes = await Promise.all([
      sendDueWeeklyReports(database.db, mailOptions(), MONDAY_MORNING),
      sendDueWeeklyReports(second.db, mailOptions(), MONDAY_MORNING),
      sendDueWeeklyReports(second.db, mailOptions(), MONDAY_MORNING),
    ]);
    expect(outcomes.reduce((sum, outcome) => sum + outcome.sent, 0)).toBe(2);
    expect(sink.messages).toHaveLength(2);
    expect((await deliveriesOfWeek(database.db, '2026-11-23')).map((row) => [row.user_id, row.status, row.attempts])).toEqual([
      [sina.id, 'sent', 1],
      [lea.id, 'sent', 1],
    ]);
  });

  it('retries a failed mail after 1, 5, 15 and 60 minutes and then gives up', async () => {
    const db = handles.database.db;
    await queueWeeklyReport(db, MONDAY_MORNING);
    await callerFor(db, lea).reports.setMySetting({ enabled: false });
    // Lea switched it off after the report was made: her mail is skipped, not sent.
    sink.rejectNext(1);
    expect(await sendDueWeeklyReports(db, mailOptions(), MONDAY_MORNING)).toEqual({ sent: 0, retried: 1, failed: 0, skipped: 1 });
    // Not before its time; then sent on the second attempt.
    expect((await sendDueWeeklyReports(db, mailOptions(), MONDAY_MORNING + RETRY_DELAYS_MS[0]! - 1)).sent).toBe(0);
    expect((await sendDueWeeklyReports(db, mailOptions(), MONDAY_MORNING + RETRY_DELAYS_MS[0]!)).sent).toBe(1);
    expect((await deliveriesOfWeek(db, '2026-11-23')).map((row) => [row.user_id, row.status, row.attempts])).toEqual([
      [sina.id, 'sent', 2],
      [lea.id, 'skipped', 1],
    ]);

    // The next week the relay refuses everything: five attempts, then the mail is given up.
    const nextMonday = MONDAY_MORNING + 7 * 86_400_000;
    await queueWeeklyReport(db, nextMonday);
    sink.rejectNext(100);
    let time = nextMonday;
    const outcomes = [];
    for (const delay of [0, ...RETRY_DELAYS_MS]) {
      time += delay;
      outcomes.push(await sendDueWeeklyReports(db, mailOptions(), time));
    }
    expect(outcomes.map((outcome) => [outcome.retried, outcome.failed])).toEqual([
      [1, 0],
      [1, 0],
      [1, 0],
      [1, 0],
      [0, 1],
    ]);
    expect((await sendDueWeeklyReports(db, mailOptions(), time + 86_400_000)).failed).toBe(0);
    expect((await deliveriesOfWeek(db, '2026-11-30')).map((row) => [row.status, row.attempts])).toEqual([['failed', 5]]);
    expect(sink.messages).toHaveLength(1);
  });

  it('lets recipients switch it, admins see who gets it, and says when mail is not set up', async () => {
    const db = handles.database.db;
    const withSmtp = { env: testEnv({ SMTP_URL: sink.url }) };
    expect(await callerFor(db, sina).reports.mySetting()).toEqual({ enabled: true, mailConfigured: false, lastSentAt: null });
    expect(await callerFor(db, olaf, withSmtp).reports.mySetting()).toEqual({
      enabled: false,
      mailConfigured: true,
      lastSentAt: null,
    });
    expect(await callerFor(db, sina).reports.setMySetting({ enabled: false })).toMatchObject({ enabled: false });
    const changed = await db
      .selectFrom('audit_events')
      .select(['actor_id', 'entity_id', 'details'])
      .where('action', '=', 'user.weekly_report_changed')
      .orderBy('id')
      .execute();
    expect(changed.at(-1)).toEqual({
      actor_id: sina.id,
      entity_id: String(sina.id),
      details: JSON.stringify({ enabled: false }),
    });

    await queueWeeklyReport(db, MONDAY_MORNING);
    await sendDueWeeklyReports(db, mailOptions(), MONDAY_MORNING);
    expect(sink.messages.map((mail) => JSON.stringify(mail.to))).toEqual([expect.stringContaining('lea@')]);

    const admin = (await db.selectFrom('users').select('id').where('role', '=', 'admin').executeTakeFirstOrThrow()).id;
    const adminUser = {
      id: admin,
      email: 'adam@musterstadt.example',
      displayName: 'adam',
      role: 'admin' as const,
      locale: 'de' as const,
      characterShortcuts: true,
      teams: [],
    };
    const list = await callerFor(db, adminUser).reports.recipients();
    expect(list.mailConfigured).toBe(false);
    expect(list.recipients.map((row) => [row.name, row.role, row.enabled, row.lastSentAt])).toEqual([
      ['Lea Lead', 'team_lead', true, MONDAY_MORNING],
      ['Olaf Ordnung', 'team_lead', false, null],
      ['Sina Super', 'supervisor', false, null],
      ['Sven Stat', 'supervisor', false, null],
    ]);
  });

  it('is not made at all without SMTP_URL (the job does not start)', async () => {
    const warnings: string[] = [];
    const spyLog = Object.assign(createLogger('silent'), { warn: (message: string) => warnings.push(message) });
    const stop = startWeeklyReports(handles.database.db, testEnv(), spyLog);
    stop();
    expect(warnings).toEqual(['SMTP_URL is not set: no weekly statistics reports are sent']);
    expect(await handles.database.db.selectFrom('weekly_reports').selectAll().execute()).toEqual([]);
  });
});
