import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { berlinParts, isPublicHoliday, OPEN_CASE_STATUSES } from '@anliegen/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escalateOverdueCases } from '../modules/sla/sla.service.js';
import { attachmentPath } from '../storage/attachment-store.js';
import { createTestDatabase, type TestDatabase, twoProcessDatabase } from '../test/test-db.js';
import { DEMO_SCALE, DEMO_USERS } from './demo-data.js';
import { seedDemoOnce } from './demo-seed.js';

const SCALE = { citizens: 30, cases: 40, seed: 11 };

const processes = twoProcessDatabase();

async function count(table: 'users' | 'teams' | 'citizens' | 'cases') {
  const row = await processes.database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

describe('demo data on first start', () => {
  it('is seeded once when two server processes start on an empty database at the same moment', async () => {
    const results = await Promise.all([seedDemoOnce(processes.database.db, SCALE), seedDemoOnce(processes.second.db, SCALE)]);
    const seeded = results.filter((result) => result !== null);
    expect(seeded).toHaveLength(1);
    expect(await count('users')).toBe(DEMO_USERS.length);
    expect(await count('citizens')).toBe(seeded[0]!.citizens);
    expect(await count('cases')).toBe(seeded[0]!.cases);
    // A later start seeds nothing.
    const teams = await count('teams');
    expect(await seedDemoOnce(processes.second.db, SCALE)).toBeNull();
    expect(await count('teams')).toBe(teams);
    expect(await count('cases')).toBe(seeded[0]!.cases);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The demo town as a visitor sees it (issue 17): properties over the whole seeded data set.

/** Berlin wall-clock minutes after midnight and ISO weekday of an instant. */
function clock(ms: number) {
  const parts = berlinParts(ms);
  return { weekday: parts.weekday, minutes: parts.hour * 60 + parts.minute, holiday: isPublicHoliday(ms, 'NW') };
}
const within = (minutes: number, from: string, to: string) => {
  const at = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3));
  return minutes >= at(from) && minutes < at(to);
};
/** Calls: Monday to Friday, 8 to 18. */
const phoneHours = (ms: number) => {
  const { weekday, minutes, holiday } = clock(ms);
  return !holiday && weekday <= 5 && within(minutes, '08:00', '18:00');
};
/** The counter: Monday to Friday 8 to 12, Thursday also 14 to 18. */
const counterHours = (ms: number) => {
  const { weekday, minutes, holiday } = clock(ms);
  return !holiday && weekday <= 5 && (within(minutes, '08:00', '12:00') || (weekday === 4 && within(minutes, '14:00', '18:00')));
};
/** Staff write answers and notes on working days, 7:00 to 18:00. */
const workingHours = (ms: number) => {
  const { weekday, minutes, holiday } = clock(ms);
  return !holiday && weekday <= 5 && within(minutes, '07:00', '18:00');
};

const THANKS = /\b(vielen dank|danke(schön)?)\b.*\b(geklappt|erledigt|geholfen|hilfe|schnelle)\b|hat (alles )?geklappt/i;
/** given.family, g.family, givenfamily, family.given …: lower-case ASCII, numbered only on a collision. */
const READABLE_EMAIL = /^[a-z]+(?:[.-][a-z]+)*(?:[2-9]|[1-9]\d+)?@example\.(?:org|net|com)$/;
/** As people write German numbers: "0151 23456789", "030 12345678". */
const GERMAN_PHONE = /^0[1-9]\d{1,4} \d{5,8}$/;

describe('the demo town', () => {
  let database: TestDatabase;
  let attachmentsDir: string;
  let seededAt: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    attachmentsDir = mkdtempSync(join(tmpdir(), 'anliegen-demo-'));
    const started = Date.now();
    await seedDemoOnce(database.db, { ...DEMO_SCALE, attachmentsDir, now: started });
    seededAt = started;
  }, 60_000);
  afterAll(async () => {
    await database.destroy();
    rmSync(attachmentsDir, { recursive: true, force: true });
  });

  const interactions = () =>
    database.db
      .selectFrom('interactions')
      .select(['id', 'case_id', 'channel', 'direction', 'text', 'occurred_at', 'metadata', 'html_sanitized', 'raw_sha256'])
      .orderBy('occurred_at')
      .orderBy('id')
      .execute();

  it('has the README’s numbers: 300 citizens, 450 cases', async () => {
    const citizens = await database.db.selectFrom('citizens').select('id').execute();
    const cases = await database.db.selectFrom('cases').select('id').execute();
    expect(citizens).toHaveLength(DEMO_SCALE.citizens);
    expect(cases).toHaveLength(DEMO_SCALE.cases);
  });

  it('has the issue’s targets and survey answers to show beside them (issue 18)', async () => {
    const targets = await database.db.selectFrom('impact_targets').select(['metric', 'team_id', 'target_milli']).execute();
    expect(targets.map((row) => [row.metric, row.team_id, Number(row.target_milli)])).toEqual([
      ['first_response_within_day', null, 800],
      ['first_contact_resolution', null, 650],
      ['satisfaction', null, 4000],
      ['recontact_rate', null, 100],
    ]);
    // About 30 % of the invited answer: a year has enough to judge satisfaction, the last 30 days some.
    const answersSince = async (days: number) =>
      Number(
        (
          await database.db
            .selectFrom('feedback')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('created_at', '>=', seededAt - days * 86_400_000)
            .where('rating', 'is not', null)
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await answersSince(365)).toBeGreaterThanOrEqual(50);
    expect(await answersSince(30)).toBeGreaterThan(0);
  });

  it('takes calls only in office hours and sees visitors only while the counter is open', async () => {
    const rows = (await interactions()).filter((row) => row.channel === 'phone' || row.channel === 'counter');
    expect(rows.length).toBeGreaterThan(100);
    const outside = rows
      .filter((row) => !(row.channel === 'phone' ? phoneHours : counterHours)(Number(row.occurred_at)))
      .map((row) => `${row.channel} ${new Date(Number(row.occurred_at)).toISOString()}`);
    expect(outside).toEqual([]);
  });

  it('has staff answer and write notes in working hours', async () => {
    const rows = (await interactions()).filter((row) => row.direction !== 'inbound');
    const outside = rows
      .filter((row) => !workingHours(Number(row.occurred_at)))
      .map((row) => `${row.channel}/${row.direction} ${new Date(Number(row.occurred_at)).toISOString()}`);
    expect(outside).toEqual([]);
  });

  it('sends mails and web forms mostly by day', async () => {
    const rows = (await interactions()).filter(
      (row) => (row.channel === 'email' || row.channel === 'webform') && row.direction === 'inbound',
    );
    const night = rows.filter((row) => {
      const { minutes } = clock(Number(row.occurred_at));
      return minutes < 6 * 60;
    });
    expect(rows.length).toBeGreaterThan(100);
    expect(night.length / rows.length).toBeLessThan(0.08);
  });

  it('opens every case with a request from the citizen, never with a thank-you', async () => {
    const firsts = new Map<number, Awaited<ReturnType<typeof interactions>>[number]>();
    for (const row of await interactions()) if (!firsts.has(row.case_id)) firsts.set(row.case_id, row);
    const cases = await database.db.selectFrom('cases').select(['id', 'merged_into_id']).execute();
    const wrong = [...firsts.values()].filter((row) => row.direction !== 'inbound' || THANKS.test(row.text));
    expect(wrong.map((row) => `${row.case_id}: ${row.direction} ${row.text.slice(0, 60)}`)).toEqual([]);
    // Every case that is not merged away has its history.
    expect(cases.filter((c) => c.merged_into_id === null && !firsts.has(c.id))).toEqual([]);
    // Thank-yous do exist, as later replies.
    expect((await interactions()).some((row) => row.direction === 'inbound' && THANKS.test(row.text))).toBe(true);
  });

  it('gives citizens readable email addresses and German phone numbers', async () => {
    const contacts = await database.db.selectFrom('contact_points').select(['kind', 'value', 'normalized']).execute();
    const emails = contacts.filter((c) => c.kind === 'email').map((c) => c.value);
    expect(emails.length).toBeGreaterThan(150);
    expect(emails.filter((email) => !READABLE_EMAIL.test(email))).toEqual([]);
    expect(new Set(emails).size).toBe(emails.length);
    const phones = contacts.filter((c) => c.kind === 'phone');
    expect(phones.filter((c) => !GERMAN_PHONE.test(c.value) || !/^\+49[1-9]\d{6,12}$/.test(c.normalized))).toEqual([]);
    const addresses = contacts.filter((c) => c.kind === 'address').map((c) => c.value);
    expect(addresses.filter((address) => !/^[A-ZÄÖÜ][\p{L} .-]+ \d{1,3}[a-c]?, \d{5} \p{L}+$/u.test(address))).toEqual([]);
  });

  it('keeps every history in order: answers after questions, resolved after opened, nothing after now', async () => {
    const rows = await interactions();
    const cases = await database.db
      .selectFrom('cases')
      .select(['id', 'status', 'created_at', 'first_response_at', 'resolved_at', 'closed_at', 'merged_into_id'])
      .execute();
    const problems: string[] = [];
    for (const c of cases) {
      const own = rows.filter((row) => row.case_id === c.id);
      const times = own.map((row) => Number(row.occurred_at));
      if (times.some((t) => t > seededAt)) problems.push(`${c.id}: in the future`);
      if (c.merged_into_id !== null) continue;
      if (own.length > 0 && Math.min(...times) !== Number(c.created_at)) problems.push(`${c.id}: created_at ≠ first contact`);
      const firstInbound = own.find((row) => row.direction === 'inbound');
      const answers = own.filter(
        (row) => row.direction === 'outbound' && !(row.metadata ?? '').includes('"forward"') && row.channel !== 'note',
      );
      if (answers[0] && firstInbound && Number(answers[0].occurred_at) <= Number(firstInbound.occurred_at))
        problems.push(`${c.id}: answered before asked`);
      if ((c.first_response_at === null) !== (answers.length === 0)) problems.push(`${c.id}: first response ≠ answers`);
      if (answers[0] && Number(c.first_response_at) !== Number(answers[0].occurred_at))
        problems.push(`${c.id}: first_response_at ≠ first answer`);
      if (c.status === 'resolved' || c.status === 'closed') {
        if (c.resolved_at === null || Number(c.resolved_at) < Math.max(...times)) problems.push(`${c.id}: resolved too early`);
        if (Number(c.resolved_at) > seededAt) problems.push(`${c.id}: resolved in the future`);
      }
      if (c.status === 'closed' && (c.closed_at === null || Number(c.closed_at) < Number(c.resolved_at)))
        problems.push(`${c.id}: closed before resolved`);
      if (OPEN_CASE_STATUSES.includes(c.status) && (c.resolved_at !== null || c.closed_at !== null))
        problems.push(`${c.id}: open but resolved`);
    }
    expect(problems).toEqual([]);
  });

  it('shows every feature at least once', async () => {
    const db = database.db;
    const rows = await interactions();
    const cases = await db.selectFrom('cases').selectAll().execute();
    const missing: string[] = [];
    const need = (feature: string, present: boolean) => {
      if (!present) missing.push(feature);
    };

    // Attachments: a PDF, an image and a text file, real files in the store.
    const files = await db.selectFrom('attachments').select(['content_type', 'sha256', 'size_bytes']).execute();
    const content = (type: RegExp) =>
      files.filter((f) => type.test(f.content_type)).map((f) => attachmentPath(attachmentsDir, f.sha256));
    const starts = (paths: string[], magic: string) =>
      paths.some((path) => existsSync(path) && readFileSync(path).subarray(0, magic.length).toString('latin1') === magic);
    need('PDF attachment', starts(content(/^application\/pdf/), '%PDF-'));
    need('image attachment', starts(content(/^image\/png/), '\x89PNG') || starts(content(/^image\/jpeg/), '\xff\xd8\xff'));
    need(
      'text attachment',
      content(/^text\/plain/).some((path) => existsSync(path)),
    );
    // Mails as ingest stores them: HTML (with the source as .eml) and a reply quoting the office's answer.
    need(
      'HTML mail',
      rows.some((r) => r.channel === 'email' && r.html_sanitized !== null && r.raw_sha256 !== null),
    );
    need(
      'quoted reply mail',
      rows.some((r) => r.direction === 'inbound' && /^Am .+schrieb.*:\s*$/m.test(r.text) && /^> /m.test(r.text)),
    );
    need('canned responses', (await db.selectFrom('canned_responses').select('id').execute()).length >= 2);
    need('routing rules', (await db.selectFrom('routing_rules').select('id').execute()).length >= 1);
    need(
      'SLA policy for a topic',
      (await db.selectFrom('sla_policies').select('id').where('category_id', 'is not', null).execute()).length >= 1,
    );
    need(
      'overdue open case',
      cases.some(
        (c) => OPEN_CASE_STATUSES.includes(c.status) && c.resolution_due_at !== null && Number(c.resolution_due_at) < seededAt,
      ),
    );
    need(
      'merged case',
      cases.some((c) => c.merged_into_id !== null && c.status === 'closed'),
    );
    need(
      'merged citizen',
      (await db.selectFrom('citizens').select('id').where('merged_into_id', 'is not', null).execute()).length >= 1,
    );
    const sameName = await db
      .selectFrom('citizens')
      .select(['name_key', 'birth_date'])
      .where('merged_into_id', 'is', null)
      .groupBy(['name_key', 'birth_date'])
      .having((eb) => eb.fn.countAll(), '>', 1)
      .execute();
    need('open duplicate suggestion', sameName.length >= 1);
    const switched = cases.some((c) => {
      const channels = rows.filter((r) => r.case_id === c.id && r.direction === 'inbound').map((r) => r.channel);
      const email = channels.indexOf('email');
      const phone = channels.indexOf('phone', email + 1);
      return email >= 0 && phone > email && channels.indexOf('counter', phone + 1) > phone;
    });
    need('citizen who switched channels (mail, phone, counter)', switched);
    need('linked cases', (await db.selectFrom('case_links').select('case_id').execute()).length >= 1);
    const tags = await db
      .selectFrom('case_tags')
      .innerJoin('tags', 'tags.id', 'case_tags.tag_id')
      .select(['tags.curated'])
      .execute();
    need(
      'curated tag',
      tags.some((t) => Number(t.curated) === 1),
    );
    need(
      'free tag',
      tags.some((t) => Number(t.curated) === 0),
    );
    need(
      'follow-up date',
      cases.some((c) => c.follow_up_at !== null && Number(c.follow_up_at) > seededAt),
    );
    const forward = rows.find((r) => r.direction === 'outbound' && (r.metadata ?? '').includes('"forward"'));
    need('forwarded message', forward !== undefined);
    need(
      'external answer to a forward',
      rows.some(
        (r) =>
          forward &&
          r.case_id === forward.case_id &&
          (r.metadata ?? '').includes('"external":"forward"') &&
          Number(r.occurred_at) > Number(forward.occurred_at),
      ),
    );
    need('saved view', (await db.selectFrom('saved_searches').select('id').execute()).length >= 1);
    need(
      'waiting for the citizen with the SLA clock paused',
      cases.some((c) => c.status === 'waiting_citizen' && c.sla_paused_at !== null),
    );
    need(
      'outgoing call',
      rows.some((r) => r.channel === 'phone' && r.direction === 'outbound'),
    );
    expect(missing).toEqual([]);
  });

  it('tells the agents about overdue cases on the first escalation run', async () => {
    expect(await escalateOverdueCases(database.db, seededAt)).toBeGreaterThan(0);
  });
});
