import type { ImpactMetric, StatisticsInput } from '@anliegen/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { expectAppError } from '../../test/app-errors.js';
import { callerFor } from '../../test/callers.js';
import { insertTestFeedback, insertTestInvitation } from '../../test/feedback-fixtures.js';
import { insertTestCase } from '../../test/fixtures.js';
import { insertStatisticsTown } from '../../test/statistics-town.js';
import { createTestDatabase, type TestDatabase } from '../../test/test-db.js';
import type { SessionUser } from '../../trpc/context.js';

/** The instant of a Berlin wall-clock time, written with its offset. */
const at = (iso: string) => Date.parse(iso);
const day = (date: string, time = '09:00') => at(`2026-${date}T${time}:00+01:00`);

let database: TestDatabase;
let buergeramt: number;
let ordnungsamt: number;
let pass: number;
let parken: number;
let citizen: number;
let supervisor: SessionUser;
let admin: SessionUser;
let lea: SessionUser;

beforeEach(async () => {
  database = await createTestDatabase();
  const db = database.db;
  ({ buergeramt, ordnungsamt, pass, parken, citizen, supervisor, admin, lea } = await insertStatisticsTown(db));
  await db
    .insertInto('contact_points')
    .values([
      {
        citizen_id: citizen,
        kind: 'email',
        value: 'berta.berg@example.com',
        normalized: 'berta.berg@example.com',
        is_primary: 1,
        created_at: 1,
      },
      { citizen_id: citizen, kind: 'phone', value: '030 1234567', normalized: '+49301234567', is_primary: 0, created_at: 1 },
    ])
    .execute();
  // "Now": Friday after the range, for targets that have passed.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(at('2026-03-20T12:00:00+01:00'));
});
afterEach(async () => {
  vi.useRealTimers();
  await database.destroy();
});

let references = 0;
const addCase = (fields: Omit<Parameters<typeof insertTestCase>[1], 'citizen_id' | 'reference'>) =>
  insertTestCase(database.db, { citizen_id: citizen, reference: `A-2026-${String(++references).padStart(6, '0')}`, ...fields });

/** Mon 2026-03-02 … Sun 03-15: ISO weeks 10 and 11. */
const RANGE: StatisticsInput = { from: '2026-03-02', to: '2026-03-15', groupBy: 'week' };

const figure = <F extends { metric: ImpactMetric }>(result: { figures: F[] }, metric: ImpactMetric): F =>
  result.figures.find((item) => item.metric === metric)!;
const fraction = (result: { figures: { metric: ImpactMetric; part: number; total: number }[] }, metric: ImpactMetric) => {
  const { part, total } = figure(result, metric);
  return { part, total };
};

/**
 * | case | team | origin | created      | first answer (business min.) | contacts | resolved (due)          | survey                                         |
 * | c1   | B    | email  | Mon 03-02    | 100                          | 1        | 03-03 (03-04): met      | invited 03-03, answered 03-03: 5, yes, comment |
 * | c2   | B    | email  | Tue 03-03    | 480 (a business day exactly) | 2        | 03-10 (03-05): late     | invited 03-10, answered 03-16 (after): 2, no   |
 * | c3   | B    | email  | Tue 03-10    | 481                          | 0        | – (03-12): passed       | not invited; in person 03-12: 3, partly        |
 * | c4   | B    | email  | Wed 03-11    | –                            | 1        | – (no target)           | invited 03-11, no answer                       |
 * | c5   | B    | email  | 02-20        | 10                           | 1        | 03-04                   | invited 03-04, answered 03-05: 4, no "solved"  |
 * | c6   | B    | email  | Thu 03-05    | 10 (merged into c1)          | 1        | 03-05                   | invited 03-06, answered 03-06: 1 (nowhere)     |
 * | c7   | B    | email  | 02-01        | –                            | 1        | 02-02                   | invited 02-02 (before), answered 03-02: 1, no  |
 * | c8   | O    | phone  | Wed 03-04    | 30                           | 1        | –                       | in person 03-05: 2                             |
 */
async function seedScenario() {
  const db = database.db;
  const b = { team_id: buergeramt, category_id: pass, origin_channel: 'email' as const };
  const c1 = await addCase({
    ...b,
    status: 'resolved',
    created_at: day('03-02'),
    first_response_minutes: 100,
    contact_count: 1,
    resolved_at: day('03-03'),
    resolution_due_at: day('03-04'),
  });
  const c2 = await addCase({
    ...b,
    status: 'resolved',
    created_at: day('03-03'),
    first_response_minutes: 480,
    contact_count: 2,
    resolved_at: day('03-10'),
    resolution_due_at: day('03-05'),
  });
  const c3 = await addCase({
    ...b,
    status: 'open',
    created_at: day('03-10'),
    first_response_minutes: 481,
    contact_count: 0,
    resolution_due_at: day('03-12'),
  });
  const c4 = await addCase({ ...b, status: 'new', created_at: day('03-11'), contact_count: 1 });
  const c5 = await addCase({
    ...b,
    status: 'resolved',
    created_at: day('02-20'),
    first_response_minutes: 10,
    contact_count: 1,
    resolved_at: day('03-04'),
  });
  const c6 = await addCase({
    ...b,
    status: 'closed',
    created_at: day('03-05'),
    first_response_minutes: 10,
    contact_count: 1,
    resolved_at: day('03-05', '12:00'),
    merged_into_id: c1,
  });
  const c7 = await addCase({ ...b, status: 'closed', created_at: day('02-01'), contact_count: 1, resolved_at: day('02-02') });
  const c8 = await addCase({
    team_id: ordnungsamt,
    category_id: parken,
    origin_channel: 'phone',
    status: 'open',
    created_at: day('03-04'),
    first_response_minutes: 30,
    contact_count: 1,
  });
  await insertTestInvitation(db, c1, day('03-03', '10:00'));
  await insertTestFeedback(db, c1, day('03-03', '12:00'), {
    rating: 5,
    solved: 'yes',
    comment: 'Frau Berg dankt: schnelle Hilfe! Schreiben Sie an berta.berg@example.com oder rufen Sie 030 1234567 an.',
  });
  await insertTestInvitation(db, c2, day('03-10', '10:00'));
  await insertTestFeedback(db, c2, day('03-16', '10:00'), { rating: 2, solved: 'no', comment: 'Zu langsam.' });
  await insertTestFeedback(db, c3, day('03-12'), { rating: 3, solved: 'partly', source: 'in_person' });
  await insertTestInvitation(db, c4, day('03-11', '10:00'));
  await insertTestInvitation(db, c5, day('03-04', '10:00'));
  await insertTestFeedback(db, c5, day('03-05'), { rating: 4 });
  await insertTestInvitation(db, c6, day('03-06'));
  await insertTestFeedback(db, c6, day('03-06', '10:00'), { rating: 1, solved: 'no', comment: 'Verschmolzen' });
  await insertTestInvitation(db, c7, day('02-02'));
  await insertTestFeedback(db, c7, day('03-02', '10:00'), { rating: 1, solved: 'no', comment: 'Nie wieder.' });
  await insertTestFeedback(db, c8, day('03-05'), { rating: 2, source: 'in_person' });
}

describe('impact.figures', () => {
  it('defines each figure on hand-made cases, and shares the dashboard’s where it has one', async () => {
    await seedScenario();
    const api = callerFor(database.db, supervisor);
    const result = await api.impact.figures({ question: RANGE });

    // Answered cases created in the range: c1 (100), c2 (480: within), c3 (481), c8 (30); not c4 (unanswered), c5
    // (created before), c6 (merged).
    expect(fraction(result, 'first_response_within_day')).toEqual({ part: 3, total: 4 });
    // Resolved in the range: c1, c2, c5 (created before, resolved in it); once in touch: c1, c5.
    expect(fraction(result, 'first_contact_resolution')).toEqual({ part: 2, total: 3 });
    // Targets met or passed: c1 met, c2 late, c3 passed unresolved; c4 and c8 have none.
    expect(fraction(result, 'resolved_within_sla')).toEqual({ part: 1, total: 3 });
    // Created in the range: c1, c2, c3, c4, c8; c2 came back.
    expect(fraction(result, 'recontact_rate')).toEqual({ part: 1, total: 5 });
    // Answers first given in the range: c1 5, c3 3, c5 4, c7 1 (invited before, answered in it), c8 2; not c2 (after
    // the range) nor c6 (merged). Mean 15 / 5.
    expect(fraction(result, 'satisfaction')).toEqual({ part: 15, total: 5 });
    expect(figure(result, 'satisfaction')).toMatchObject({ value: 3 });
    // Answers saying whether it was solved: c1 yes, c3 partly, c7 no.
    expect(fraction(result, 'solved_share')).toEqual({ part: 1, total: 3 });
    expect(result.satisfaction).toEqual({ answers: 5, ratings: [1, 1, 1, 1, 1], solved: { yes: 1, partly: 1, no: 1 } });
    // Invited in the range: c1, c2, c4, c5 (not c6: merged; not c7: before); answered (at any time): c1, c2, c5.
    expect(fraction(result, 'response_rate')).toEqual({ part: 3, total: 4 });
    expect(result.survey).toEqual({ invited: 4, answered: 3 });

    const dashboard = await api.statistics.dashboard(RANGE);
    const share = (s: { part: number; total: number }) => ({ part: s.part, total: s.total });
    expect(fraction(result, 'first_contact_resolution')).toEqual(share(dashboard.firstContactResolution));
    expect(fraction(result, 'resolved_within_sla')).toEqual(share(dashboard.slaResolution));
    expect(fraction(result, 'recontact_rate')).toEqual(share(dashboard.recontacts));
    // Below ten cases nothing is judged, even with a target.
    expect(result.figures.every((item) => item.verdict === null)).toBe(true);
  });

  it('gives each figure per period of the range', async () => {
    await seedScenario();
    const result = await callerFor(database.db, supervisor).impact.figures({ question: RANGE });
    expect(result.series.map((row) => row.period)).toEqual(['2026-W10', '2026-W11']);
    const [w10, w11] = result.series;
    expect(w10!.figures.first_response_within_day).toEqual({ part: 3, total: 3 });
    expect(w11!.figures.first_response_within_day).toEqual({ part: 0, total: 1 });
    expect(w10!.figures.satisfaction).toEqual({ part: 12, total: 4 });
    expect(w11!.figures.satisfaction).toEqual({ part: 3, total: 1 });
    expect(w10!.figures.response_rate).toEqual({ part: 2, total: 2 });
    expect(w11!.figures.response_rate).toEqual({ part: 1, total: 2 });
  });

  it('has no satisfaction figures without answers, and filters by team, category and the channel a case came in on', async () => {
    const api = callerFor(database.db, supervisor);
    const empty = await api.impact.figures({ question: RANGE });
    expect(figure(empty, 'satisfaction')).toMatchObject({ part: 0, total: 0, value: null, verdict: null });
    expect(empty.satisfaction).toEqual({ answers: 0, ratings: [0, 0, 0, 0, 0], solved: { yes: 0, partly: 0, no: 0 } });

    await seedScenario();
    const phone = await api.impact.figures({ question: { ...RANGE, channel: 'phone' } });
    expect(fraction(phone, 'satisfaction')).toEqual({ part: 2, total: 1 });
    expect(fraction(phone, 'recontact_rate')).toEqual({ part: 0, total: 1 });
    const ordnung = await api.impact.figures({ question: { ...RANGE, teamId: ordnungsamt } });
    expect(fraction(ordnung, 'satisfaction')).toEqual(fraction(phone, 'satisfaction'));
    const passCases = await api.impact.figures({ question: { ...RANGE, categoryId: pass } });
    expect(fraction(passCases, 'satisfaction')).toEqual({ part: 13, total: 4 });
    // A team lead sees their own teams only.
    const own = await callerFor(database.db, lea).impact.figures({ question: RANGE });
    expect(fraction(own, 'satisfaction')).toEqual({ part: 13, total: 4 });
    await expectAppError(
      callerFor(database.db, lea).impact.figures({ question: { ...RANGE, teamId: ordnungsamt } }),
      'FORBIDDEN',
      'auth.forbidden',
    );
  });

  it('judges against the team’s own target when the question names the team, else the desk’s; not below ten cases', async () => {
    // Ten cases of the Bürgeramt created in week 10, eight answered within a business day (80 %); two of the
    // Ordnungsamt, both within.
    for (let index = 0; index < 10; index++) {
      await addCase({
        team_id: buergeramt,
        category_id: pass,
        status: 'open',
        created_at: day('03-03'),
        first_response_minutes: index < 8 ? 60 : 600,
        contact_count: 1,
      });
    }
    for (let index = 0; index < 2; index++) {
      await addCase({ team_id: ordnungsamt, status: 'open', created_at: day('03-03'), first_response_minutes: 60 });
    }
    const adminApi = callerFor(database.db, admin);
    await adminApi.impact.saveTarget({ metric: 'first_response_within_day', teamId: null, target: 80 });
    await adminApi.impact.saveTarget({ metric: 'first_response_within_day', teamId: buergeramt, target: 85 });
    const api = callerFor(database.db, supervisor);

    // The desk: 10 of 12 (83.3 %) against 80 %.
    const desk = figure(await api.impact.figures({ question: RANGE }), 'first_response_within_day');
    expect(desk).toMatchObject({ part: 10, total: 12, target: { value: 80, scope: 'desk' }, verdict: 'met' });
    // The Bürgeramt: 80 % against its own 85 %, within 5 points.
    const team = figure(await api.impact.figures({ question: { ...RANGE, teamId: buergeramt } }), 'first_response_within_day');
    expect(team).toMatchObject({ part: 8, total: 10, target: { value: 85, scope: 'team' }, verdict: 'near' });
    // The Ordnungsamt has no target of its own: the desk's, but two cases are too few to judge.
    const other = figure(await api.impact.figures({ question: { ...RANGE, teamId: ordnungsamt } }), 'first_response_within_day');
    expect(other).toMatchObject({ part: 2, total: 2, target: { value: 80, scope: 'desk' }, verdict: null });

    const byTeam = await api.impact.figures({ question: RANGE, by: 'team' });
    expect(byTeam.breakdown?.rows.map((row) => [row.name, figure(row, 'first_response_within_day')])).toEqual([
      [
        'Bürgeramt',
        expect.objectContaining({ part: 8, total: 10, verdict: 'near', target: expect.objectContaining({ scope: 'team' }) }),
      ],
      [
        'Ordnungsamt',
        expect.objectContaining({ part: 2, total: 2, verdict: null, target: expect.objectContaining({ scope: 'desk' }) }),
      ],
    ]);
    const byChannel = await api.impact.figures({ question: RANGE, by: 'channel' });
    expect(byChannel.breakdown?.rows.map((row) => [row.key, figure(row, 'first_response_within_day').total])).toEqual([
      ['email', 12],
      ['webform', 0],
      ['phone', 0],
      ['counter', 0],
    ]);
    const byCategory = await api.impact.figures({ question: RANGE, by: 'category' });
    // Pass and Parken by name, then the Ordnungsamt's cases without a category.
    expect(byCategory.breakdown?.rows.map((row) => [row.name, figure(row, 'first_response_within_day').total])).toEqual([
      ['Parken', 0],
      ['Pass', 10],
      [null, 2],
    ]);
  });
});

describe('impact targets', () => {
  it('are the admins’: others are refused, and bad input changes nothing', async () => {
    const valid = { metric: 'satisfaction' as const, teamId: null, target: 4 };
    for (const user of [supervisor, lea]) {
      await expectAppError(callerFor(database.db, user).impact.saveTarget(valid), 'FORBIDDEN', 'auth.forbidden');
      await expectAppError(
        callerFor(database.db, user).impact.setPublicFigures({ enabled: true }),
        'FORBIDDEN',
        'auth.forbidden',
      );
      await expectAppError(callerFor(database.db, user).impact.targets(), 'FORBIDDEN', 'auth.forbidden');
    }
    const api = callerFor(database.db, admin);
    const bad: unknown[] = [
      { ...valid, metric: 'speed' },
      { ...valid, target: 5.5 },
      { ...valid, target: 0.5 },
      { metric: 'recontact_rate', teamId: null, target: 101 },
      { metric: 'recontact_rate', teamId: null, target: 10.05 },
      { metric: 'recontact_rate', teamId: -1, target: 10 },
      { metric: 'recontact_rate', teamId: null, target: Number.NaN },
    ];
    for (const input of bad) {
      await expectAppError(api.impact.saveTarget(input as typeof valid), 'BAD_REQUEST', 'input.invalid');
    }
    await expectAppError(api.impact.saveTarget({ ...valid, teamId: 9999 }), 'BAD_REQUEST', 'teams.unknown');
    expect(await database.db.selectFrom('impact_targets').selectAll().execute()).toEqual([]);
    expect(await database.db.selectFrom('audit_events').select('action').where('action', 'like', 'impact.%').execute()).toEqual(
      [],
    );
    expect(await api.impact.targets()).toEqual({ targets: [], publicFigures: false });
  });

  it('are set per figure and scope, replaced when set again, removed, and audited without free text', async () => {
    const api = callerFor(database.db, admin);
    await api.impact.saveTarget({ metric: 'satisfaction', teamId: null, target: 4 });
    await api.impact.saveTarget({ metric: 'recontact_rate', teamId: buergeramt, target: 12.5 });
    await api.impact.saveTarget({ metric: 'satisfaction', teamId: null, target: 4.2 });
    const { targets } = await api.impact.targets();
    expect(targets).toEqual([
      expect.objectContaining({ metric: 'satisfaction', teamId: null, teamName: null, target: 4.2 }),
      expect.objectContaining({ metric: 'recontact_rate', teamId: buergeramt, teamName: 'Bürgeramt', target: 12.5 }),
    ]);
    await api.impact.removeTarget({ id: targets[1]!.id });
    await expectAppError(api.impact.removeTarget({ id: targets[1]!.id }), 'NOT_FOUND', 'notFound');
    expect((await api.impact.targets()).targets).toHaveLength(1);

    await api.impact.setPublicFigures({ enabled: true });
    expect((await api.impact.targets()).publicFigures).toBe(true);
    const audit = await database.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('action', 'like', 'impact.%')
      .orderBy('id')
      .execute();
    expect(audit.map((row) => [row.action, JSON.parse(row.details ?? 'null')])).toEqual([
      ['impact.targetSaved', { metric: 'satisfaction', teamId: null, targetMilli: 4000, previousMilli: null }],
      ['impact.targetSaved', { metric: 'recontact_rate', teamId: buergeramt, targetMilli: 125, previousMilli: null }],
      ['impact.targetSaved', { metric: 'satisfaction', teamId: null, targetMilli: 4200, previousMilli: 4000 }],
      ['impact.targetRemoved', { metric: 'recontact_rate', teamId: buergeramt }],
      ['impact.publicFiguresChanged', { enabled: true }],
    ]);
  });
});

describe('impact.comments', () => {
  it('gives supervisors the words, rating, answer, day, team and category, never a name, address or phone number', async () => {
    await seedScenario();
    const page = await callerFor(database.db, supervisor).impact.comments({ question: RANGE });
    // Newest first; c2's comment was given after the range, c6's case is merged.
    expect(page.items).toEqual([
      {
        at: day('03-03', '12:00'),
        rating: 5,
        solved: 'yes',
        comment: 'Frau […] dankt: schnelle Hilfe! Schreiben Sie an […] oder rufen Sie […] an.',
        teamName: 'Bürgeramt',
        categoryName: 'Pass',
      },
      { at: day('03-02', '10:00'), rating: 1, solved: 'no', comment: 'Nie wieder.', teamName: 'Bürgeramt', categoryName: 'Pass' },
    ]);
    const text = JSON.stringify(page);
    for (const personal of ['Berta', 'Berg', 'berta.berg', 'example.com', '1234567', 'A-2026'])
      expect(text).not.toContain(personal);
    expect(page.nextCursor).toBeNull();

    const ones = await callerFor(database.db, supervisor).impact.comments({ question: RANGE, rating: 1 });
    expect(ones.items.map((item) => item.comment)).toEqual(['Nie wieder.']);
    // Each page read is recorded (how many, which rating), never the words.
    const audit = await database.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('action', '=', 'impact.commentsListed')
      .execute();
    expect(audit.map((row) => JSON.parse(row.details ?? 'null'))).toEqual([{ comments: 2 }, { comments: 1, rating: 1 }]);
  });

  it('pages by keyset, leaves out anonymised cases and keeps team leads to their teams', async () => {
    const db = database.db;
    for (let index = 0; index < 53; index++) {
      const caseId = await addCase({
        team_id: index % 2 === 0 ? buergeramt : ordnungsamt,
        status: 'resolved',
        created_at: day('03-02'),
        resolved_at: day('03-03'),
        anonymised_at: index === 0 ? day('03-20') : null,
      });
      // Two answers share each instant: the case id orders them.
      await insertTestFeedback(db, caseId, day('03-04') + Math.floor(index / 2) * 60_000, {
        rating: 4,
        comment: `Kommentar ${index}`,
      });
    }
    const api = callerFor(db, supervisor);
    const first = await api.impact.comments({ question: RANGE });
    expect(first.items).toHaveLength(50);
    const second = await api.impact.comments({ question: RANGE, cursor: first.nextCursor! });
    expect(second.nextCursor).toBeNull();
    const comments = [...first.items, ...second.items].map((item) => item.comment);
    expect(comments).toHaveLength(52);
    expect(new Set(comments).size).toBe(52);
    expect(comments).not.toContain('Kommentar 0');
    expect(comments[0]).toBe('Kommentar 52');

    const own = await callerFor(db, lea).impact.comments({ question: RANGE });
    expect(own.items.every((item) => item.teamName === 'Bürgeramt')).toBe(true);
    expect(own.items).toHaveLength(26);
  });
});
