import { recordAudit } from '../audit/audit.service.js';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attachmentPath, storeAttachment } from '../../storage/attachment-store.js';
import { dialectOf } from '../../db/dialect.js';
import {
  fullTextQuery,
  messageMatches,
  messagePartMatches,
  partsQuery,
  subjectHits,
  subjectPartMatches,
} from '../../db/full-text.js';
import { expectAppError } from '../../test/app-errors.js';
import { callerFor, insertTestUser } from '../../test/callers.js';
import { createTestDatabase, secondProcessHandle, type TestDatabase } from '../../test/test-db.js';
import { testEnv } from '../../test/test-env.js';
import type { SessionUser } from '../../trpc/context.js';
import { recordInboundContact } from '../intake/intake.service.js';
import { ANONYMISED, anonymiseCases, deleteUnreferencedFiles } from './anonymise.js';
import { runRetention } from './retention.service.js';
import { NO_ACTOR } from '../../domain/actor.js';

const DAY = 86_400_000;

let database: TestDatabase;
let dir: string;
let admin: SessionUser;
let agent: SessionUser;
let adminApi: ReturnType<typeof callerFor>;

beforeEach(async () => {
  database = await createTestDatabase();
  dir = await mkdtemp(join(tmpdir(), 'anliegen-privacy-'));
  admin = await insertTestUser(database.db, { email: 'dsb@musterstadt.example', role: 'admin', displayName: 'Dora DSB' });
  agent = await insertTestUser(database.db, { email: 'agent@musterstadt.example', role: 'agent' });
  adminApi = callerFor(database.db, admin, { env: testEnv({ ATTACHMENTS_DIR: dir }) });
});
afterEach(async () => {
  await database.destroy();
  await rm(dir, { recursive: true, force: true });
});

async function category(name: string, retentionDays: number | null) {
  const row = await database.db
    .insertInto('categories')
    .values({ name, default_team_id: null, retention_days: retentionDays, created_at: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A citizen's mail with an attachment, optionally closed `closedDaysAgo` days ago. */
async function mail(options: {
  name?: string;
  email?: string;
  phone?: string;
  subject: string;
  text: string;
  categoryId?: number | null;
  closedDaysAgo?: number;
  file?: string;
  filename?: string;
}) {
  const sha256 = await storeAttachment(dir, Buffer.from(options.file ?? `Inhalt ${options.subject}`));
  const result = await recordInboundContact(database.db, NO_ACTOR, {
    channel: 'email',
    from: { email: options.email ?? 'berta.berg@example.com', phone: options.phone ?? null, name: options.name ?? 'Berta Berg' },
    subject: options.subject,
    text: options.text,
    htmlSanitized: `<p>${options.text}</p>`,
    externalMessageId: `<${options.subject.replaceAll(' ', '-')}@example.com>`,
    metadata: { from: options.email ?? 'berta.berg@example.com' },
    categoryId: options.categoryId ?? null,
    attachments: [{ filename: options.filename ?? 'foto.jpg', contentType: 'image/jpeg', sizeBytes: 9, sha256 }],
  });
  if (options.closedDaysAgo !== undefined) {
    const at = Date.now() - options.closedDaysAgo * DAY;
    await database.db
      .updateTable('cases')
      .set({ status: 'closed', resolved_at: at, closed_at: at, resolution_minutes: 42 })
      .where('id', '=', result.caseId)
      .execute();
  }
  await database.db
    .insertInto('case_access_tokens')
    .values({ token_hash: `hash-${result.caseId}`, case_id: result.caseId, created_at: 1 })
    .execute();
  return { ...result, sha256 };
}

/** Every row about the citizen and their cases, as text. */
async function dumpOf(citizenId: number) {
  const db = database.db;
  const cases = await db.selectFrom('cases').selectAll().where('citizen_id', '=', citizenId).execute();
  const caseIds = cases.map((row) => row.id);
  const interactions = await db.selectFrom('interactions').selectAll().where('case_id', 'in', caseIds).execute();
  return JSON.stringify({
    citizen: await db.selectFrom('citizens').selectAll().where('id', '=', citizenId).execute(),
    contacts: await db.selectFrom('contact_points').selectAll().where('citizen_id', '=', citizenId).execute(),
    cases,
    // PostgreSQL's tsvector column holds the stemmed words: part of the dump on purpose.
    interactions,
    attachments: await db
      .selectFrom('attachments')
      .selectAll()
      .where(
        'interaction_id',
        'in',
        interactions.map((row) => row.id),
      )
      .execute(),
    tokens: await db.selectFrom('case_access_tokens').selectAll().where('case_id', 'in', caseIds).execute(),
    audit: await db.selectFrom('audit_events').selectAll().execute(),
  });
}

async function fullTextFinds(word: string) {
  const dialect = dialectOf(database.db);
  const query = fullTextQuery(dialect, [{ kind: 'word', text: word }]) as string;
  const messages = await sql<{
    interaction_id: number;
  }>`select interaction_id from ${messageMatches(dialect, query)} as m`.execute(database.db);
  const subjects = await sql<{ case_id: number }>`select case_id from ${subjectHits(dialect, query)} as s`.execute(database.db);
  return messages.rows.length + subjects.rows.length;
}

/** Messages and subjects the parts index finds `part` in (inside words too). */
async function partsFind(part: string) {
  const dialect = dialectOf(database.db);
  const parts = partsQuery([{ kind: 'word', text: part }]) as string[][];
  const messages = await sql`select interaction_id from ${messagePartMatches(dialect, parts)} as m`.execute(database.db);
  const subjects = await sql`select case_id from ${subjectPartMatches(dialect, parts)} as s`.execute(database.db);
  return messages.rows.length + subjects.rows.length;
}

const count = async (table: 'cases' | 'interactions' | 'citizens') =>
  Number(
    (
      await database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** What the statistics read of cases and messages. */
const STAT_COLUMNS = [
  'id',
  'status',
  'priority',
  'category_id',
  'team_id',
  'origin_channel',
  'created_at',
  'first_response_at',
  'resolved_at',
  'closed_at',
  'first_response_minutes',
  'resolution_minutes',
  'contact_count',
  'return_channel',
  'switch_channel',
] as const;
async function statisticsFacts() {
  return {
    cases: await database.db.selectFrom('cases').select(STAT_COLUMNS).orderBy('id').execute(),
    interactions: await database.db
      .selectFrom('interactions')
      .select(['id', 'case_id', 'citizen_id', 'channel', 'direction', 'author_id', 'occurred_at', 'duration_seconds'])
      .orderBy('id')
      .execute(),
  };
}

const PERSONAL = ['Berta', 'Berg', 'berta.berg', '1234567', 'Laterne', 'Hauseingang', 'foto.jpg'];

describe('anonymiseCases', () => {
  it('leaves nothing personal, keeps row counts and statistics facts, and empties the full-text index', async () => {
    const first = await mail({ subject: 'Laterne defekt', text: 'Die Laterne am Hauseingang ist dunkel.', phone: '030 1234567' });
    await mail({ subject: 'Laterne wieder defekt', text: 'Wieder dunkel am Hauseingang.', closedDaysAgo: 1 });
    // Another citizen shares the same file: it must stay on disk.
    const other = await mail({
      name: 'Otto Ohm',
      email: 'otto@example.org',
      subject: 'Parkplatz',
      text: 'Parkplatz blockiert',
      file: 'Inhalt Laterne defekt',
    });
    expect(await dumpOf(first.citizenId)).toContain('Laterne');
    expect(await fullTextFinds('Hauseingang')).toBeGreaterThan(0);
    expect(await partsFind('auseingan')).toBeGreaterThan(0);
    const counts = { cases: await count('cases'), interactions: await count('interactions'), citizens: await count('citizens') };
    const facts = await statisticsFacts();
    const caseIds = (await database.db.selectFrom('cases').select('id').where('citizen_id', '=', first.citizenId).execute()).map(
      (row) => row.id,
    );

    const now = Date.now();
    const result = await database.db.transaction().execute((trx) => anonymiseCases(trx, caseIds, now));
    expect(result).toMatchObject({ cases: 2, interactions: 2, attachments: 2, citizens: 1 });
    await deleteUnreferencedFiles(database.db, dir, result.sha256s);

    const dump = await dumpOf(first.citizenId);
    for (const word of PERSONAL) expect(dump).not.toContain(word);
    expect(await fullTextFinds('Hauseingang')).toBe(0);
    expect(await partsFind('auseingan')).toBe(0);
    expect(await fullTextFinds('Laterne')).toBe(0);
    expect(await fullTextFinds('Parkplatz')).toBe(1 + 1);
    expect({ cases: await count('cases'), interactions: await count('interactions'), citizens: await count('citizens') }).toEqual(
      counts,
    );
    expect(await statisticsFacts()).toEqual(facts);
    const citizen = await database.db
      .selectFrom('citizens')
      .selectAll()
      .where('id', '=', first.citizenId)
      .executeTakeFirstOrThrow();
    expect(citizen).toMatchObject({ display_name: ANONYMISED, given_name: null, family_name: null, anonymised_at: now });
    // The shared file stays; the other case's file (only used by Berta) is gone.
    expect(existsSync(attachmentPath(dir, other.sha256))).toBe(true);
    const gone = result.sha256s.filter((sha) => sha !== other.sha256);
    expect(gone.length).toBe(1);
    for (const sha of gone) expect(existsSync(attachmentPath(dir, sha))).toBe(false);
  });

  it('keeps the citizen while one of their cases is not anonymised', async () => {
    const first = await mail({ subject: 'Laterne defekt', text: 'dunkel', closedDaysAgo: 1 });
    await mail({ subject: 'Müll', text: 'Tonne voll' });
    const result = await database.db.transaction().execute((trx) => anonymiseCases(trx, [first.caseId], Date.now()));
    expect(result.citizens).toBe(0);
    const citizen = await database.db
      .selectFrom('citizens')
      .selectAll()
      .where('id', '=', first.citizenId)
      .executeTakeFirstOrThrow();
    expect(citizen.family_name).toBe('Berg');
    expect(citizen.anonymised_at).toBeNull();
  });
});

describe('retention', () => {
  it('previews without changes, then anonymises only closed cases past their category period', async () => {
    const shortLived = await category('Straßenbeleuchtung', 30);
    const kept = await category('Bauanträge', null);
    const due = await mail({ subject: 'Laterne alt', text: 'alt', categoryId: shortLived, closedDaysAgo: 40 });
    const recent = await mail({
      name: 'Carla Neu',
      email: 'carla@example.org',
      subject: 'Laterne neu',
      text: 'neu',
      categoryId: shortLived,
      closedDaysAgo: 10,
    });
    const open = await mail({
      name: 'Dirk Offen',
      email: 'dirk@example.org',
      subject: 'Laterne offen',
      text: 'offen',
      categoryId: shortLived,
    });
    await database.db
      .updateTable('cases')
      .set({ created_at: Date.now() - 400 * DAY })
      .where('id', '=', open.caseId)
      .execute();
    const noRetention = await mail({
      name: 'Erna Ewig',
      email: 'erna@example.org',
      subject: 'Bauantrag',
      text: 'Garage',
      categoryId: kept,
      closedDaysAgo: 4000,
    });

    const before = JSON.stringify(await Promise.all([due, recent, open, noRetention].map((c) => dumpOf(c.citizenId))));
    const preview = await adminApi.privacy.retentionPreview();
    expect(preview).toEqual({
      categories: [{ categoryId: shortLived, name: 'Straßenbeleuchtung', cases: 1 }],
      cases: 1,
      citizens: 1,
    });
    expect(JSON.stringify(await Promise.all([due, recent, open, noRetention].map((c) => dumpOf(c.citizenId))))).toBe(before);

    const facts = await statisticsFacts();
    const result = await runRetention(database.db, Date.now(), { attachmentsDir: dir });
    expect(result).toMatchObject({ cases: 1, interactions: 1, attachments: 1, citizens: 1, files: 1 });
    expect(await statisticsFacts()).toEqual(facts);
    const anonymised = await database.db.selectFrom('cases').select(['id', 'anonymised_at']).orderBy('id').execute();
    expect(anonymised.filter((row) => row.anonymised_at !== null).map((row) => row.id)).toEqual([due.caseId]);
    const dump = await dumpOf(due.citizenId);
    for (const word of ['Berta', 'berta.berg', 'Laterne alt']) expect(dump).not.toContain(word);

    const events = await database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'retention.anonymised')
      .execute();
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]?.details ?? '{}')).toMatchObject({ cases: 1, citizens: 1 });
    // A second run finds nothing more.
    expect((await runRetention(database.db, Date.now(), { attachmentsDir: dir })).cases).toBe(0);
    expect((await adminApi.privacy.retentionPreview()).cases).toBe(0);
  });

  it('anonymises each case once when two server processes run it at the same moment', async () => {
    const shortLived = await category('Straßenbeleuchtung', 30);
    for (const n of [1, 2, 3]) {
      await mail({
        email: `b${n}@example.com`,
        subject: `Laterne ${n}`,
        text: 'dunkel',
        categoryId: shortLived,
        closedDaysAgo: 40,
      });
    }
    const second = await secondProcessHandle(database);
    const results = await Promise.all([
      runRetention(database.db, Date.now(), { attachmentsDir: dir }),
      runRetention(second.db, Date.now(), { attachmentsDir: dir }),
    ]).finally(() => second.close());
    // Together, not each: what one run anonymised, the other did not touch again.
    const sum = (key: 'cases' | 'citizens' | 'attachments') => results.reduce((total, result) => total + result[key], 0);
    expect({ cases: sum('cases'), citizens: sum('citizens'), attachments: sum('attachments') }).toEqual({
      cases: 3,
      citizens: 3,
      attachments: 3,
    });
    const events = await database.db
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', 'retention.anonymised')
      .execute();
    expect(events.reduce((total, event) => total + Number(JSON.parse(event.details ?? '{}').cases), 0)).toBe(3);
  });
});

describe('Art. 15 export', () => {
  it('contains every case, message, contact and attachment name, and is audited', async () => {
    const first = await mail({ subject: 'Laterne defekt', text: 'Die Laterne ist dunkel.', phone: '030 1234567' });
    await mail({
      subject: 'Nachfrage <script>alert(1)</script>',
      text: 'Noch <script>alert("x")</script> dunkel',
      filename: 'plan<script>.pdf',
      closedDaysAgo: 2,
    });
    await mail({ name: 'Otto Ohm', email: 'otto@example.org', subject: 'Fremd', text: 'Anderer Bürger' });
    const { json, html } = await adminApi.privacy.exportCitizen({ citizenId: first.citizenId });
    const data = JSON.parse(json);
    expect(data.citizen).toMatchObject({ givenName: 'Berta', familyName: 'Berg' });
    expect(data.contacts.map((contact: { value: string }) => contact.value).sort()).toEqual(
      ['030 1234567', 'berta.berg@example.com'].sort(),
    );
    expect(data.cases).toHaveLength(2);
    const messages = data.cases.flatMap((item: { interactions: unknown[] }) => item.interactions);
    expect(messages.map((message: { text: string }) => message.text)).toEqual([
      'Die Laterne ist dunkel.',
      'Noch <script>alert("x")</script> dunkel',
    ]);
    expect(
      messages.flatMap((message: { attachments: { filename: string }[] }) => message.attachments.map((a) => a.filename)),
    ).toEqual(['foto.jpg', 'plan<script>.pdf']);
    expect(json).not.toContain('Otto');
    expect(data.auditEvents.some((event: { action: string; entityType: string }) => event.entityType === 'case')).toBe(true);

    expect(html).toContain('Laterne defekt');
    expect(html).toContain('berta.berg@example.com');
    expect(html).toContain('foto.jpg');
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('Otto');

    const events = await database.db.selectFrom('audit_events').selectAll().where('action', '=', 'citizen.exported').execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor_id: admin.id, entity_type: 'citizen', entity_id: String(first.citizenId) });
    expect(events[0]?.details ?? '').not.toMatch(/Berta|Berg|Laterne/);
  });

  it('reads as a document for the person: German dates, actions in words, cases by reference, staff by name', async () => {
    const { citizenId, caseId } = await mail({ subject: 'Laterne defekt', text: 'Die Laterne ist dunkel.' });
    await database.db.updateTable('citizens').set({ birth_date: '1992-11-10' }).where('id', '=', citizenId).execute();
    const { reference } = await database.db
      .selectFrom('cases')
      .select('reference')
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    await recordAudit(database.db, { id: admin.id, ip: null }, 'case.viewed', {
      entityId: caseId,
      details: { citizenId, interactions: 1 },
    });
    // A list that showed this person among others counts as a read of their data too.
    await recordAudit(database.db, { id: admin.id, ip: null }, 'case.listed', {
      details: { view: 'all', cases: 1, citizenIds: [citizenId] },
    });
    const { html } = await adminApi.privacy.exportCitizen({ citizenId });
    expect(html).toContain('Vorgangsliste angesehen');
    expect(html).toContain('10.11.1992');
    expect(html).not.toContain('1992-11-10');
    expect(html).toContain('Vorgang angesehen');
    expect(html).toContain(`Vorgang ${reference}`);
    expect(html).toContain(admin.displayName);
    expect(html).not.toMatch(/<td>case\.viewed<\/td>|<td>case \d+<\/td>/);
  });

  it('answers NOT_FOUND for an unknown citizen', async () => {
    await expectAppError(adminApi.privacy.exportCitizen({ citizenId: 999_999 }), 'NOT_FOUND', 'notFound');
  });
});

describe('Art. 17 erasure', () => {
  it('anonymises all cases of any status and the citizen, with an audit event without the name', async () => {
    const first = await mail({ subject: 'Laterne defekt', text: 'Die Laterne am Hauseingang', phone: '030 1234567' });
    await mail({ subject: 'Laterne wieder', text: 'Hauseingang wieder dunkel', closedDaysAgo: 3 });
    const other = await mail({ name: 'Otto Ohm', email: 'otto@example.org', subject: 'Parkplatz', text: 'blockiert' });
    const counts = { cases: await count('cases'), interactions: await count('interactions') };

    const result = await adminApi.privacy.eraseCitizen({ citizenId: first.citizenId, confirm: true });
    expect(result).toMatchObject({ cases: 2, interactions: 2, attachments: 2, files: 2 });
    const dump = await dumpOf(first.citizenId);
    for (const word of PERSONAL) expect(dump).not.toContain(word);
    expect(await fullTextFinds('Hauseingang')).toBe(0);
    expect({ cases: await count('cases'), interactions: await count('interactions') }).toEqual(counts);
    expect(await dumpOf(other.citizenId)).toContain('Otto');

    const events = await database.db.selectFrom('audit_events').selectAll().where('action', '=', 'citizen.erased').execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor_id: admin.id, entity_type: 'citizen', entity_id: String(first.citizenId) });
    expect(JSON.stringify(events[0])).not.toMatch(/Berta|Berg|berta|1234567|Laterne/);
  });

  it('requires the confirmation', async () => {
    const first = await mail({ subject: 'Laterne defekt', text: 'dunkel' });
    await expectAppError(
      adminApi.privacy.eraseCitizen({ citizenId: first.citizenId, confirm: false as true }),
      'BAD_REQUEST',
      'input.invalid',
    );
  });
});

describe('access', () => {
  it('is for admins only', async () => {
    const first = await mail({ subject: 'Laterne defekt', text: 'dunkel' });
    const api = callerFor(database.db, agent);
    await expectAppError(api.privacy.retentionPreview(), 'FORBIDDEN', 'auth.forbidden');
    await expectAppError(api.privacy.runRetention(), 'FORBIDDEN', 'auth.forbidden');
    await expectAppError(api.privacy.exportCitizen({ citizenId: first.citizenId }), 'FORBIDDEN', 'auth.forbidden');
    await expectAppError(api.privacy.eraseCitizen({ citizenId: first.citizenId, confirm: true }), 'FORBIDDEN', 'auth.forbidden');
  });
});
