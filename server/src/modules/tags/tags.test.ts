import { CASE_VIEWS, caseListInput, contrastRatio, TAG_COLORS, TAG_PALETTE } from '@anliegen/shared';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectAppError } from '../../test/app-errors.js';
import { callerFor, insertTestUser } from '../../test/callers.js';
import { insertTestCase, insertTestCitizen, insertTestTeam } from '../../test/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../../test/test-db.js';
import type { SessionUser } from '../../trpc/context.js';
import { caseAccessOf } from '../cases/case-access.js';
import { listCases } from '../cases/case-list.service.js';
import { testEnv } from '../../test/test-env.js';

/**
 * Tags on cases (issue 16): the admins' curated list and the free tags agents type, on the case page (versioned,
 * audited), in the inbox's rows and filter, in the search (`tag:`), and counted per tag for the statistics.
 */
let database: TestDatabase;
let teamId: number;
let admin: SessionUser;
let anna: SessionUser;
let adminApi: ReturnType<typeof callerFor>;
let annaApi: ReturnType<typeof callerFor>;
let citizenId: number;

beforeEach(async () => {
  database = await createTestDatabase();
  teamId = await insertTestTeam(database.db, 'Bürgeramt');
  admin = await insertTestUser(database.db, { email: 'admin@musterstadt.example', role: 'admin' });
  anna = await insertTestUser(database.db, { email: 'anna@musterstadt.example', role: 'agent', teamIds: [teamId] });
  adminApi = callerFor(database.db, admin);
  annaApi = callerFor(database.db, anna);
  citizenId = await insertTestCitizen(database.db, 'Berg', 'Berta');
});
afterEach(async () => {
  await database.destroy();
});

let serial = 0;
const newCase = (fields: Partial<Parameters<typeof insertTestCase>[1]> = {}) =>
  insertTestCase(database.db, {
    citizen_id: citizenId,
    reference: `A-2026-${String(++serial).padStart(6, '0')}`,
    team_id: teamId,
    created_at: 1_000 + serial,
    updated_at: 1_000 + serial,
    ...fields,
  });
const versionOf = async (id: number) =>
  (await database.db.selectFrom('cases').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
const auditOf = (action: string) =>
  database.db
    .selectFrom('audit_events')
    .select(['entity_id', 'details'])
    .where('action', '=', action)
    .orderBy('id')
    .execute()
    .then((rows) => rows.map((row) => ({ entityId: row.entity_id, details: JSON.parse(row.details ?? '{}') as unknown })));

describe('the tag palette', () => {
  it('gives every colour a text that passes WCAG AA on its background', () => {
    for (const color of TAG_COLORS) {
      expect(contrastRatio(TAG_PALETTE[color].text, TAG_PALETTE[color].background), color).toBeGreaterThanOrEqual(4.5);
    }
  });
});

describe('the admins keep the curated list', () => {
  it('creates, renames, recolours, merges and deletes tags; agents may not', async () => {
    const { id: bau } = await adminApi.tags.create({ name: ' Bauantrag ', color: 'blue' });
    await expectAppError(adminApi.tags.create({ name: 'bauantrag', color: 'red' }), 'CONFLICT', 'tags.nameTaken');
    await expectAppError(annaApi.tags.create({ name: 'Eilt', color: 'red' }), 'FORBIDDEN', 'auth.forbidden');
    const { id: eilt } = await adminApi.tags.create({ name: 'Eilt', color: 'red' });
    await adminApi.tags.update({ id: bau, name: 'Bauanträge', color: 'green' });
    expect((await annaApi.tags.list()).tags).toEqual([
      { id: bau, name: 'Bauanträge', color: 'green', curated: true },
      { id: eilt, name: 'Eilt', color: 'red', curated: true },
    ]);

    const first = await newCase();
    const second = await newCase();
    await annaApi.cases.setTags({ caseId: first, version: 1, names: ['Bauanträge', 'Eilt'] });
    await annaApi.cases.setTags({ caseId: second, version: 1, names: ['Eilt'] });
    // Merging: the cases of "Eilt" carry "Bauanträge" (once), and "Eilt" is gone.
    expect(await adminApi.tags.merge({ tagId: eilt, intoTagId: bau })).toEqual({ intoTagId: bau, cases: 2 });
    const listed = await adminApi.tags.adminList();
    expect(listed.tags).toEqual([{ id: bau, name: 'Bauanträge', color: 'green', curated: true, cases: 2 }]);
    expect(await adminApi.tags.remove({ id: bau })).toEqual({ id: bau });
    expect((await annaApi.cases.list({ view: 'all' })).items.map((item) => item.tags)).toEqual([[], []]);
    expect((await auditOf('tag.merged'))[0]).toEqual({ entityId: String(eilt), details: { targetId: bau, cases: 2 } });
    expect((await auditOf('tag.removed'))[0]?.details).toEqual({ cases: 2 });
  });

  it('takes a free tag into the curated list with a colour', async () => {
    const id = await newCase();
    const { tags } = await annaApi.cases.setTags({ caseId: id, version: 1, names: ['Akte fehlt'] });
    expect(tags).toEqual([{ id: tags[0]!.id, name: 'Akte fehlt', color: null, curated: false }]);
    await adminApi.tags.update({ id: tags[0]!.id, curated: true, color: 'orange' });
    expect((await annaApi.tags.list()).tags).toEqual([{ id: tags[0]!.id, name: 'Akte fehlt', color: 'orange', curated: true }]);
  });
});

describe("a case's tags", () => {
  it('are set on the version the agent saw, audited with ids, and shown in the inbox rows', async () => {
    const id = await newCase();
    const { id: eilt } = await adminApi.tags.create({ name: 'Eilt', color: 'red' });
    const saved = await annaApi.cases.setTags({ caseId: id, version: 1, names: ['eilt', 'Akte fehlt'] });
    expect(saved.version).toBe(2);
    expect(saved.tags.map((tag) => tag.name)).toEqual(['Eilt', 'Akte fehlt']);
    // Someone saved in between: a conflict, and the tags stay as they were.
    await expectAppError(annaApi.cases.setTags({ caseId: id, version: 1, names: [] }), 'CONFLICT', 'conflict.staleVersion');
    const [row] = (await annaApi.cases.list({ view: 'all' })).items;
    expect(row?.tags.map((tag) => tag.name)).toEqual(['Eilt', 'Akte fehlt']);
    const akte = saved.tags.find((tag) => tag.name === 'Akte fehlt')!.id;
    await annaApi.cases.setTags({ caseId: id, version: 2, names: ['Akte fehlt'] });
    expect((await auditOf('case.tagged')).map((event) => event.details)).toEqual([
      { added: [eilt, akte], removed: [] },
      { added: [], removed: [eilt] },
    ]);
    const reference = (await annaApi.cases.list({ view: 'all' })).items[0]!.reference;
    const detail = await annaApi.cases.byReference({ reference });
    expect([detail.case.version, detail.tags.map((tag) => tag.name)]).toEqual([3, ['Akte fehlt']]);
  });

  it('refuses a new name when only curated tags are allowed, and creates nothing', async () => {
    const id = await newCase();
    await adminApi.tags.create({ name: 'Eilt', color: 'red' });
    await adminApi.tags.setSettings({ onlyCurated: true });
    await expectAppError(
      annaApi.cases.setTags({ caseId: id, version: 1, names: ['Eilt', 'Neu'] }),
      'BAD_REQUEST',
      'tags.onlyCurated',
    );
    expect((await annaApi.tags.list()).tags.map((tag) => tag.name)).toEqual(['Eilt']);
    expect(await versionOf(id)).toBe(1);
    await annaApi.cases.setTags({ caseId: id, version: 1, names: ['Eilt'] });
    expect((await annaApi.tags.list()).onlyCurated).toBe(true);
  });

  it("cannot be set on another team's case with CASE_ACCESS=team", async () => {
    const other = await newCase({ team_id: await insertTestTeam(database.db, 'Ordnungsamt') });
    const teamApi = callerFor(database.db, anna, { env: testEnv({ CASE_ACCESS: 'team' }) });
    await expectAppError(teamApi.cases.setTags({ caseId: other, version: 1, names: ['x'] }), 'NOT_FOUND', 'notFound');
  });

  it('go with a merged case to the case it was merged into', async () => {
    const source = await newCase();
    const target = await newCase();
    await annaApi.cases.setTags({ caseId: source, version: 1, names: ['Akte fehlt'] });
    await annaApi.cases.merge({ sourceId: source, targetId: target });
    const detail = await annaApi.cases.list({ view: 'all' });
    expect(detail.items.find((item) => item.id === target)?.tags.map((tag) => tag.name)).toEqual(['Akte fehlt']);
  });
});

describe('the inbox filter and the search by tag', () => {
  it('lists exactly the tagged cases of each view, seeking rare tags and filtering common ones', async () => {
    const { id: a } = await adminApi.tags.create({ name: 'A', color: 'red' });
    const { id: b } = await adminApi.tags.create({ name: 'B', color: 'blue' });
    const caseIds: number[] = [];
    const statuses = ['new', 'open', 'resolved', 'closed'] as const;
    for (let i = 0; i < 40; i++) {
      caseIds.push(
        await newCase({
          status: statuses[i % 4]!,
          assignee_id: i % 3 === 0 ? anna.id : null,
          team_id: i % 5 === 0 ? null : teamId,
        }),
      );
    }
    const access = caseAccessOf({ env: testEnv(), user: anna });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.subarray([a, b]), { minLength: caseIds.length, maxLength: caseIds.length }),
        fc.constantFrom(...CASE_VIEWS),
        fc.constantFrom(1, 1000),
        async (tagsPerCase, view, tagSeekMax) => {
          await database.db.deleteFrom('case_tags').execute();
          const rows = caseIds.flatMap((caseId, i) =>
            tagsPerCase[i]!.map((tagId) => ({ case_id: caseId, tag_id: tagId, created_at: 1 })),
          );
          if (rows.length > 0) await database.db.insertInto('case_tags').values(rows).execute();
          const all = (await listCases(database.db, anna, access, caseListInput.parse({ view, limit: 200 }))).items;
          const listed = (
            await listCases(database.db, anna, access, caseListInput.parse({ view, tagId: a, limit: 7 }), { tagSeekMax })
          ).items;
          const pages = [...listed];
          let cursor = (
            await listCases(database.db, anna, access, caseListInput.parse({ view, tagId: a, limit: 7 }), { tagSeekMax })
          ).nextCursor;
          while (cursor) {
            const page = await listCases(database.db, anna, access, caseListInput.parse({ view, tagId: a, limit: 7, cursor }), {
              tagSeekMax,
            });
            pages.push(...page.items);
            cursor = page.nextCursor;
          }
          const expected = all.filter((row) => tagsPerCase[caseIds.indexOf(row.id)]!.includes(a)).map((row) => row.id);
          expect(pages.map((row) => row.id)).toEqual(expected);
          expect(pages.every((row) => row.tags.some((tag) => tag.id === a))).toBe(true);
        },
      ),
      { numRuns: 12, seed: 16 },
    );
  });

  it('finds cases with tag: (all named tags) and points at an unknown tag', async () => {
    const first = await newCase({ subject: 'Baugenehmigung Gartenhaus' });
    const second = await newCase({ subject: 'Baugenehmigung Carport' });
    await annaApi.cases.setTags({ caseId: first, version: 1, names: ['Bauantrag', 'Akte fehlt'] });
    await annaApi.cases.setTags({ caseId: second, version: 1, names: ['Bauantrag'] });
    const ids = async (q: string) => (await annaApi.search.run({ q })).cases.map((c) => c.id).sort();
    expect(await ids('tag:bauantrag')).toEqual([first, second].sort());
    expect(await ids('tag:Bauantrag schlagwort:"Akte fehlt"')).toEqual([first]);
    await expectAppError(annaApi.search.run({ q: 'tag:Unbekannt' }), 'BAD_REQUEST', 'search.unknownTag');
  });
});

describe('cases per tag for the statistics', () => {
  it('counts the cases opened in the range per tag; team leads see their own teams only', async () => {
    const other = await insertTestTeam(database.db, 'Ordnungsamt');
    const day = Date.parse('2026-11-10T10:00:00+01:00');
    const ours = await newCase({ created_at: day });
    const theirs = await newCase({ created_at: day, team_id: other });
    const earlier = await newCase({ created_at: Date.parse('2026-10-01T10:00:00+02:00') });
    for (const id of [ours, theirs, earlier]) await annaApi.cases.setTags({ caseId: id, version: 1, names: ['Eilt'] });
    await annaApi.cases.setTags({ caseId: ours, version: 2, names: ['Eilt', 'Frei getippt'] });
    const supervisor = await insertTestUser(database.db, { email: 'sue@musterstadt.example', role: 'supervisor' });
    const lead = await insertTestUser(database.db, { email: 'lea@musterstadt.example', role: 'team_lead', teamIds: [teamId] });
    const range = { from: '2026-11-01', to: '2026-11-30' };
    const eilt = (await annaApi.tags.list()).tags.find((tag) => tag.name === 'Eilt')!.id;
    await adminApi.tags.update({ id: eilt, curated: true, color: 'red' });
    // Supervisors: curated tags only (a free tag is text an agent typed).
    expect((await callerFor(database.db, supervisor).tags.statistics(range)).map((row) => [row.name, row.cases])).toEqual([
      ['Eilt', 2],
    ]);
    expect((await callerFor(database.db, lead).tags.statistics(range)).map((row) => [row.name, row.cases])).toEqual([
      ['Eilt', 1],
      ['Frei getippt', 1],
    ]);
    await expectAppError(annaApi.tags.statistics(range), 'FORBIDDEN', 'auth.forbidden');
  });
});
