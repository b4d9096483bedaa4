import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../http/app.js';
import { createLogger } from '../../logger.js';
import type { PublicFigures } from '../../modules/statistics/public-figures.service.js';
import { callerFor, insertTestUser } from '../../test/callers.js';
import { insertTestFeedback, insertTestInvitation } from '../../test/feedback-fixtures.js';
import { insertTestCase, insertTestCitizen, insertTestTeam } from '../../test/fixtures.js';
import { createTestDatabase, type TestDatabase, unreachableDatabase } from '../../test/test-db.js';
import { testEnv } from '../../test/test-env.js';
import type { SessionUser } from '../../trpc/context.js';

const at = (iso: string) => Date.parse(iso);
/** "Now" for the page: the last 30 Berlin days are 2026-02-19 … 2026-03-20. */
const NOW = at('2026-03-20T12:00:00+01:00');
const PERIOD = { from: '2026-02-19', to: '2026-03-20' };

let database: TestDatabase;
let server: Server;
let base: string;
let admin: SessionUser;
let supervisor: SessionUser;

async function start() {
  server = createApp({ db: database.db, env: testEnv(), log: createLogger('silent'), isReady: () => true }).listen(
    0,
    '127.0.0.1',
  );
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
  database = await createTestDatabase();
  admin = await insertTestUser(database.db, { email: 'adam@musterstadt.example', role: 'admin' });
  supervisor = await insertTestUser(database.db, { email: 'sina@musterstadt.example', role: 'supervisor' });
  await start();
});
afterEach(async () => {
  vi.useRealTimers();
  await new Promise((resolve) => server?.close(resolve));
  await database.destroy();
});

/**
 * Twelve mails answered in the period (ten within a business day), ten of them resolved in time; eleven answers
 * (ratings 5 ×6, 4 ×3, 2 ×2; solved yes ×8, no ×3); three calls, too few to publish; no web form or counter visit.
 */
async function seedTown() {
  const db = database.db;
  const team = await insertTestTeam(db, 'Grünflächenamt');
  const citizen = await insertTestCitizen(db, 'Berg', 'Berta');
  let serial = 0;
  const addCase = (fields: Omit<Parameters<typeof insertTestCase>[1], 'citizen_id' | 'reference'>) =>
    insertTestCase(db, {
      citizen_id: citizen,
      reference: `A-2026-${String(++serial).padStart(6, '0')}`,
      team_id: team,
      ...fields,
    });
  const ratings = [5, 5, 5, 5, 5, 5, 4, 4, 4, 2, 2];
  for (let index = 0; index < 12; index++) {
    const created = at(`2026-03-${String(2 + index).padStart(2, '0')}T09:00:00+01:00`);
    const caseId = await addCase({
      origin_channel: 'email',
      status: 'resolved',
      created_at: created,
      first_response_minutes: index < 10 ? 30 + index * 30 : 600,
      contact_count: 1,
      resolved_at: created + 86_400_000,
      resolution_due_at: created + (index < 10 ? 2 : 0.5) * 86_400_000,
    });
    await insertTestInvitation(db, caseId, created + 86_400_000);
    const rating = ratings[index];
    if (rating !== undefined) {
      await insertTestFeedback(db, caseId, created + 90_000_000, { rating, solved: index < 8 ? 'yes' : 'no' });
    }
  }
  for (let index = 0; index < 3; index++) {
    await addCase({
      origin_channel: 'phone',
      status: 'open',
      created_at: at('2026-03-10T10:00:00+01:00'),
      first_response_minutes: 20,
    });
  }
  const api = callerFor(db, admin);
  await api.impact.saveTarget({ metric: 'first_response_within_day', teamId: null, target: 80 });
  await api.impact.saveTarget({ metric: 'satisfaction', teamId: null, target: 4 });
  await api.impact.saveTarget({ metric: 'solved_share', teamId: null, target: 90 });
}

const json = async (path = '/anliegen/kennzahlen.json') => {
  const response = await fetch(`${base}${path}`);
  return { response, body: (await response.json()) as PublicFigures & { error?: string } };
};

describe('/anliegen/kennzahlen', () => {
  it('is not found, as a page and as JSON, until the admins publish the figures', async () => {
    await seedTown();
    const page = await fetch(`${base}/anliegen/kennzahlen`);
    expect(page.status).toBe(404);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(await page.text()).toContain('Die Stadtverwaltung veröffentlicht hier zurzeit keine Kennzahlen.');
    const data = await json();
    expect(data.response.status).toBe(404);
    expect(data.body).toEqual({ error: 'not_published' });

    await callerFor(database.db, admin).impact.setPublicFigures({ enabled: true });
    expect((await fetch(`${base}/anliegen/kennzahlen`)).status).toBe(200);
    expect((await json()).response.status).toBe(200);
    // Switched off again: gone at once, although the figures are still in the cache.
    await callerFor(database.db, admin).impact.setPublicFigures({ enabled: false });
    expect((await fetch(`${base}/anliegen/kennzahlen`)).status).toBe(404);
    expect((await json()).response.status).toBe(404);
  });

  it('publishes the last 30 days as open data that any site may read, equal to the dashboard’s figures for those days', async () => {
    await seedTown();
    await callerFor(database.db, admin).impact.setPublicFigures({ enabled: true });
    const { response, body } = await json();
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    expect(body.period).toEqual({ ...PERIOD, days: 30 });

    const api = callerFor(database.db, supervisor);
    const question = { ...PERIOD, groupBy: 'week' as const };
    const impact = await api.impact.figures({ question });
    const dashboard = await api.statistics.dashboard(question);
    const figure = (metric: string) => impact.figures.find((item) => item.metric === metric)!;

    expect(body.firstResponseWithinDay).toEqual({
      value: figure('first_response_within_day').value,
      base: figure('first_response_within_day').total,
      target: 0.8,
      verdict: figure('first_response_within_day').verdict,
      withheld: null,
    });
    // Every channel's answers: ten mails and three calls within a business day, of fifteen.
    expect(body.firstResponseWithinDay).toMatchObject({ value: 13 / 15, verdict: 'met' });
    expect(body.resolvedWithinTarget).toEqual({
      value: dashboard.slaResolution.rate,
      base: dashboard.slaResolution.total,
      target: null,
      verdict: null,
      withheld: null,
    });
    expect(body.resolvedWithinTarget.value).toBe(10 / 12);
    expect(body.satisfaction).toEqual({
      answers: impact.satisfaction.answers,
      mean: { value: figure('satisfaction').value, base: 11, target: 4, verdict: 'met', withheld: null },
      solved: { value: figure('solved_share').value, base: 11, target: 0.9, verdict: 'missed', withheld: null },
    });
    expect(body.satisfaction.mean.value).toBe(46 / 11);

    // Per channel: the dashboard's median first response for the same days and that channel; fewer than ten withheld.
    for (const row of body.firstResponse) {
      const perChannel = await api.statistics.dashboard({ ...question, channel: row.channel });
      expect(row.cases, row.channel).toBe(perChannel.firstResponse.count);
      expect(row.medianMinutes, row.channel).toBe(row.cases >= 10 ? perChannel.firstResponse.median : null);
    }
    expect(body.firstResponse).toEqual([
      { channel: 'email', cases: 12, medianMinutes: 180, withheld: null },
      { channel: 'webform', cases: 0, medianMinutes: null, withheld: 'too_few_cases' },
      { channel: 'phone', cases: 3, medianMinutes: null, withheld: 'too_few_cases' },
      { channel: 'counter', cases: 0, medianMinutes: null, withheld: 'too_few_cases' },
    ]);
  });

  it('shows each figure beside its target in words, and "too few cases" for small groups, in the chosen language', async () => {
    await seedTown();
    await callerFor(database.db, admin).impact.setPublicFigures({ enabled: true });
    const response = await fetch(`${base}/anliegen/kennzahlen`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    // Numbers are written with a no-break space before "%" (as German does): compared as plain spaces here.
    const page = (await response.text()).replace(/\u00a0/g, ' ');
    expect(page).toContain('<h1>Unsere Kennzahlen</h1>');
    expect(page).toContain('Zeitraum: 19.02.2026 bis 20.03.2026 (die letzten 30 Tage)');
    // E-Mail: median 180 business minutes; the others too few.
    expect(page).toMatch(/<th scope="row">E-Mail<\/th><td>3 Stunden<\/td><td>12<\/td>/);
    expect(page).toMatch(
      /<th scope="row">Telefon<\/th><td>Zu wenige Anliegen für eine Angabe \(weniger als 10\)<\/td><td>3<\/td>/,
    );
    expect(page).toContain(
      '<p class="figure">86,7 %</p><p>Unser Ziel: mindestens 80 % – <strong class="verdict"><span aria-hidden="true">✓ </span>Ziel erreicht</strong></p>',
    );
    expect(page).toContain(
      '<p class="figure">4,2 von 5</p><p>Unser Ziel: mindestens 4,0 – <strong class="verdict"><span aria-hidden="true">✓ </span>Ziel erreicht</strong></p>',
    );
    expect(page).toContain(
      '<p class="figure">72,7 %</p><p>Unser Ziel: mindestens 90 % – <strong class="verdict"><span aria-hidden="true">✗ </span>Ziel verfehlt</strong></p>',
    );
    expect(page).toContain('Dafür haben wir kein Ziel festgelegt.');
    expect(page).toContain('href="/anliegen/kennzahlen.json"');
    // Nothing about a person.
    for (const personal of ['Berta', 'Berg', 'A-2026']) expect(page).not.toContain(personal);

    const english = await (await fetch(`${base}/anliegen/kennzahlen?lang=en`)).text();
    expect(english).toContain('<h1>Our figures</h1>');
    expect(english).toContain('Target met');
  });

  it('says the figures are away for a while when the database is, never with a 5xx page', async () => {
    const unreachable = await unreachableDatabase();
    const db = database.db;
    try {
      database.db = unreachable.db;
      await new Promise((resolve) => server.close(resolve));
      await start();
      const page = await fetch(`${base}/anliegen/kennzahlen`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Deshalb können die Kennzahlen gerade nicht angezeigt werden.');
      const data = await fetch(`${base}/anliegen/kennzahlen.json`);
      expect(data.status).toBe(503);
      expect(data.headers.get('retry-after')).toBe('60');
    } finally {
      database.db = db;
      await unreachable.db.destroy();
    }
  });
});
