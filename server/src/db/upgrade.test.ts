import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { berlinDayRange, berlinIsoDay } from '@anliegen/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../http/app.js';
import { createLogger } from '../logger.js';
import { HttpClient } from '../test/http-client.js';
import { testEnv } from '../test/test-env.js';
import type { TestDatabase } from '../test/test-db.js';
import { loadUpgradeFixture, type UpgradeFixture, upgradeFixtures } from '../test/upgrade-fixtures.js';
import type { DB } from './database.js';
import { migrateToLatest } from './migrate.js';
import { migrations } from './migrations/index.js';

/**
 * Safe upgrades: the database an earlier release wrote (its own migrations, data generator and a desk's day played
 * against its server; upgrade-fixtures/README.md) is migrated with today's migrations, loses no row, and today's API
 * works on it over HTTP. One block per release, on SQLite and PostgreSQL.
 */

// The releases' demo accounts and what scripts/upgrade-fixture/activity.mjs wrote into their data.
const PASSWORD = 'Musterstadt-2026!';
const AGENT = 'sachbearbeitung@musterstadt.example';
const SUPERVISOR = 'statistik@musterstadt.example';
const SEARCH_WORD = 'Kastanienallee';
const WEBFORM_CITIZEN = 'Erika Beispielfrau';
const ATTACHMENT_TEXT = 'Laterne 12: dunkel seit Montag, Mast schief.\n';

async function rowCounts(db: DB, tables: readonly string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(db);
    counts[table] = Number(rows[0]!.n);
  }
  return counts;
}

interface Item {
  id: number;
  reference: string;
  citizenId: number;
  status: string;
}

describe.each(upgradeFixtures())('upgrade from $version ($lastMigration)', (fixture: UpgradeFixture) => {
  let database: TestDatabase;
  let store: string;
  let server: Server;
  let baseUrl: string;
  let before: Record<string, number>;
  let applied: string[];

  beforeAll(async () => {
    database = await loadUpgradeFixture(fixture);
    before = await rowCounts(database.db, Object.keys(fixture.rows[database.dialect]));
    applied = await migrateToLatest(database.db);
    // The release's attachment store, copied: the app may write into its store.
    store = mkdtempSync(join(tmpdir(), 'anliegen-upgrade-store-'));
    cpSync(join(fixture.dir, 'attachments'), store, { recursive: true });
    const app = createApp({
      db: database.db,
      env: testEnv({ ATTACHMENTS_DIR: store }),
      log: createLogger('silent'),
      isReady: () => true,
    });
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 60_000);

  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await database?.destroy();
    if (store) rmSync(store, { recursive: true, force: true });
  });

  const signedIn = async (email: string) => {
    const browser = new HttpClient(baseUrl);
    await browser.logIn(email, PASSWORD);
    return browser;
  };

  it('runs every later migration on the release’s database and keeps every row', async () => {
    expect(before).toEqual(fixture.rows[database.dialect]);
    expect(applied).toEqual(Object.keys(migrations).filter((name) => name > fixture.lastMigration));
    expect(await rowCounts(database.db, Object.keys(before))).toEqual(before);
    expect(before.citizens).toBeGreaterThan(100);
    expect(before.cases).toBeGreaterThan(100);
    expect(before.interactions).toBeGreaterThan(before.cases!);
  });

  it('serves a caseworker: inbox, a case with its timeline and file, search, a person’s history, a note and a status change', async () => {
    const agent = await signedIn(AGENT);
    const mine = await agent.call<{ items: Item[] }>('query', 'cases.list', { view: 'mine' });
    const all = await agent.call<{ items: Item[]; nextCursor: string | null }>('query', 'cases.list', {
      view: 'all',
      limit: 200,
    });
    expect(all.items).toHaveLength(200);
    expect(all.nextCursor).not.toBeNull();
    expect(mine.items.length).toBeGreaterThan(0);

    // The search finds the web form's message, written by the release.
    const found = await agent.call<{ cases: (Item & { citizenName: string })[] }>('query', 'search.run', { q: SEARCH_WORD });
    const formCase = found.cases.find((item) => item.citizenName === WEBFORM_CITIZEN);
    expect(formCase).toBeDefined();

    // Its case page: the timeline with the message and its file, which downloads from the release's store.
    type Detail = {
      case: { id: number; version: number; status: string; citizen: { id: number; displayName: string } };
      timeline: { kind?: string; channel: string; text: string | null; attachments: { id: number; filename: string }[] }[];
    };
    const detail = await agent.call<Detail>('query', 'cases.byReference', { reference: formCase!.reference });
    expect(detail.case.citizen.displayName).toBe(WEBFORM_CITIZEN);
    const message = detail.timeline.find((item) => item.channel === 'webform');
    expect(message?.text).toContain(SEARCH_WORD);
    expect(message?.attachments.map((file) => file.filename)).toEqual(['laterne-protokoll.txt']);
    const download = await agent.request(`/attachments/${message!.attachments[0]!.id}`);
    expect(download.status).toBe(200);
    expect(await download.text()).toBe(ATTACHMENT_TEXT);

    // The person's history across their cases.
    const history = await agent.call<{ items: { caseId: number | null }[] }>('query', 'citizens.timeline', {
      citizenId: detail.case.citizen.id,
    });
    expect(history.items.map((item) => item.caseId)).toContain(detail.case.id);

    // A note and a status change are written, on today's schema, to the release's case.
    await agent.call('mutation', 'cases.addInteraction', {
      caseId: detail.case.id,
      kind: 'note',
      text: 'Nach dem Update notiert.',
    });
    await agent.call('mutation', 'cases.update', { id: detail.case.id, version: detail.case.version, status: 'waiting_citizen' });
    const after = await agent.call<Detail>('query', 'cases.byReference', { reference: formCase!.reference });
    expect(after.case.status).toBe('waiting_citizen');
    expect(after.case.version).toBe(detail.case.version + 1);
    expect(after.timeline.map((item) => item.text)).toContain('Nach dem Update notiert.');
  });

  it('serves a supervisor’s statistics over the release’s cases', async () => {
    const supervisor = await signedIn(SUPERVISOR);
    // The release's data reaches back a year from when the fixture was made: its last 300 days.
    const { generated } = JSON.parse(readFileSync(join(fixture.dir, 'manifest.json'), 'utf8')) as { generated: string };
    const to = berlinIsoDay(Date.parse(generated));
    const from = berlinIsoDay(Date.parse(generated) - 300 * 86_400_000);
    const figures = await supervisor.call<{
      flow: { opened: number }[];
      contacts: { count: number }[];
    }>('query', 'statistics.dashboard', { from, to, groupBy: 'month' });
    const { start, end } = berlinDayRange(from, to);
    const created = await database.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('merged_into_id', 'is', null)
      .where('created_at', '>=', start!)
      .where('created_at', '<', end!)
      .executeTakeFirstOrThrow();
    const opened = figures.flow.reduce((sum, period) => sum + period.opened, 0);
    expect(opened).toBe(Number(created.n));
    expect(opened).toBeGreaterThan(100);
    expect(figures.contacts.reduce((sum, period) => sum + period.count, 0)).toBeGreaterThan(opened);
  });
});
