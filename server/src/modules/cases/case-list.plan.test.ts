import { CASE_SORTS, CASE_STATUSES, CASE_VIEWS, type CaseListInput, caseListInput } from '@anliegen/shared';
import SQLite from 'better-sqlite3';
import { type CompiledQuery, Kysely, type SqlBool, SqliteDialect, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../db/migrate.js';
import { refreshPlannerStatistics } from '../../db/planner-statistics.js';
import type { Database } from '../../db/schema.js';
import { generateDataset } from '../../seed/generator.js';
import { ensureDemoOrganisation } from '../../seed/organisation.js';
import { overviewFor } from '../overview/overview.service.js';
import { pickAssignee } from '../routing/routing.service.js';
import { escalateOverdueCases } from '../sla/sla.service.js';
import { teamBoard } from '../workload/workload.service.js';
import { explainQuery, inboxPlanProblems } from '../../test/query-plans.js';
import type { SessionUser } from '../../trpc/context.js';
import type { CaseAccess } from './case-access.js';
import { listCases, viewCounts } from './case-list.service.js';
import { returnDueFollowUps } from './follow-up.service.js';

/**
 * How SQLite reads every inbox view: each view × sort × direction, each filter, first and later pages, both access
 * modes, on a generated town (the bench's generator), once without planner statistics and once with them. No view may
 * read the whole table or sort what it found (pnpm bench before the inbox indexes: "all" 230–500 ms at 300,000 cases,
 * a temp B-tree over every case). The one exception is "due soon": a short window of cases sought by their target,
 * few by definition, then sorted. PostgreSQL's plans depend on the table's size; pnpm bench checks them at scale.
 */
let sqlite: SQLite.Database;
let db: Kysely<Database>;
const queries: CompiledQuery[] = [];
let agent: SessionUser;
let categoryId: number;
/** A tag on every tenth case (read in the view's index) and one on a few cases (sought in its key, then sorted). */
let commonTagId: number;
let rareTagId: number;
const FOLLOW_UP_AT = Date.UTC(2027, 0, 15);

beforeAll(async () => {
  sqlite = new SQLite(':memory:');
  db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: sqlite }),
    log: (event) => {
      if (event.level === 'query') queries.push(event.query);
    },
  });
  await migrateToLatest(db);
  await ensureDemoOrganisation(db);
  await generateDataset(db, { citizens: 600, cases: 2000, seed: 7, now: Date.UTC(2026, 11, 1) });
  const user = await db
    .selectFrom('users')
    .innerJoin('team_memberships', 'team_memberships.user_id', 'users.id')
    .innerJoin('teams', 'teams.id', 'team_memberships.team_id')
    .select(['users.id', 'users.email', 'teams.id as teamId', 'teams.name as teamName'])
    .where('users.role', '=', 'agent')
    .executeTakeFirstOrThrow();
  agent = {
    id: user.id,
    email: user.email,
    displayName: 'A',
    role: 'agent',
    locale: 'de',
    characterShortcuts: true,
    teams: [{ id: user.teamId, name: user.teamName }],
  };
  categoryId = (await db.selectFrom('categories').select('id').executeTakeFirstOrThrow()).id;
  // Least-open routing counts each member's open cases (otherReaderProblems).
  await db.updateTable('teams').set({ assignment_mode: 'least_open' }).where('id', '=', user.teamId).execute();
  // Some cases wait for a follow-up date: the views filter them out, the follow-up job seeks them.
  await db.updateTable('cases').set({ follow_up_at: FOLLOW_UP_AT }).where(sql<SqlBool>`id % 20 = 0`).execute();
  const tag = (name: string) =>
    db
      .insertInto('tags')
      .values({ name, name_key: name.toLowerCase(), color: 'red', curated: 1, created_by_id: null, created_at: 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
  commonTagId = (await tag('Häufig')).id;
  rareTagId = (await tag('Selten')).id;
  await sql`insert into case_tags (tag_id, case_id, created_at) select ${commonTagId}, id, 1 from cases where id % 10 = 3`.execute(
    db,
  );
  await sql`insert into case_tags (tag_id, case_id, created_at) select ${rareTagId}, id, 1 from cases where id % 97 = 5`.execute(
    db,
  );
}, 60_000);
afterAll(async () => {
  await db?.destroy();
});

type Filter = Omit<CaseListInput, 'view' | 'sort' | 'order' | 'cursor' | 'limit'>;
function inputs(): { name: string; input: CaseListInput }[] {
  const list: { name: string; input: CaseListInput }[] = [];
  for (const view of CASE_VIEWS) {
    for (const sort of CASE_SORTS) {
      for (const order of ['desc', 'asc'] as const) list.push({ name: `${view} ${sort} ${order}`, input: { view, sort, order } });
    }
    const filters: Filter[] = [
      ...CASE_STATUSES.map((status) => ({ status })),
      { channel: 'phone' },
      { priority: 'urgent' },
      { teamId: agent.teams[0]!.id },
      { categoryId },
      { due: 'overdue' },
      { due: 'soon' },
      { tagId: commonTagId },
      { tagId: rareTagId },
    ];
    for (const filter of filters) {
      for (const sort of ['updated', 'priority'] as const) {
        list.push({ name: `${view} ${sort} ${JSON.stringify(filter)}`, input: { view, sort, ...filter } });
      }
    }
  }
  return list;
}

/** The plan of the list query for the input's first page and (where there is one) its second. */
async function plans(access: CaseAccess, input: CaseListInput): Promise<string[]> {
  const parsed = caseListInput.parse({ limit: 5, ...input });
  const explain = async () => {
    // The list query (before it: how many cases carry a filter's tag; after it: the page's tags).
    const list = queries.splice(0).find((query) => /\bfrom "cases"/.test(query.sql));
    if (!list) return []; // answered without asking (a closed status among open cases)
    return [await explainQuery(db, list)];
  };
  queries.length = 0;
  // The common tag (200 cases) is above the bound of a seek here: it is read in the view's index.
  const options = { tagSeekMax: 100 };
  const first = await listCases(db, agent, access, parsed, options);
  const found = await explain();
  if (first.nextCursor) {
    queries.length = 0;
    await listCases(db, agent, access, { ...parsed, cursor: first.nextCursor }, options);
    found.push(...(await explain()));
  }
  return found;
}

async function violations(): Promise<string[]> {
  const found: string[] = [];
  for (const mode of ['all', 'team'] as const) {
    const access: CaseAccess = { mode, userId: agent.id, teamIds: agent.teams.map((team) => team.id) };
    for (const { name, input } of inputs()) {
      for (const plan of await plans(access, input)) {
        const expected = input.due === 'soon' || input.tagId === rareTagId ? 'sorts' : 'index-order';
        for (const problem of inboxPlanProblems('sqlite', plan, expected)) found.push(`${mode} ${name}: ${problem}\n${plan}`);
      }
    }
  }
  return found;
}

/**
 * The other readers of open cases (the team board, the start page, least-open routing, the SLA escalation, the
 * follow-up job) count or list them by assignee, team, target or follow-up date: none may read every case, or seek `merged_into_id IS NULL` (nearly every
 * row) and filter the rest. Least-open routing once counted through a statistics index that way: 460 ms per new case
 * at 300,000 cases.
 */
async function otherReaderProblems(): Promise<string[]> {
  const teamId = agent.teams[0]!.id;
  const lead: SessionUser = { ...agent, role: 'team_lead' };
  queries.length = 0;
  await teamBoard(db, lead, teamId);
  await overviewFor(db, agent, null);
  await overviewFor(db, agent, { mode: 'team', userId: agent.id, teamIds: agent.teams.map((team) => team.id) });
  await pickAssignee(db, teamId);
  await escalateOverdueCases(db, Date.UTC(2026, 11, 1));
  await returnDueFollowUps(db, FOLLOW_UP_AT - 1);
  const readers = queries.splice(0);
  const found: string[] = [];
  // The view counts read each view's first VIEW_COUNT_CAP cases in its list's index order.
  for (const mode of ['all', 'team'] as const) {
    await viewCounts(db, agent, { mode, userId: agent.id, teamIds: agent.teams.map((team) => team.id) });
  }
  const counts = queries.splice(0).filter((q) => /\bfrom \(select "cases"."id" from "cases"/.test(q.sql));
  if (counts.length !== 8) found.push(`view counts: ${counts.length} queries seen, not 8`);
  for (const query of counts) {
    for (const problem of inboxPlanProblems('sqlite', await explainQuery(db, query), 'index-order')) {
      found.push(`view count: ${problem}\n${query.sql.slice(0, 200)}`);
    }
  }
  for (const query of readers) {
    if (!/\bfrom "cases"/.test(query.sql) || /^\s*(update|insert)/i.test(query.sql)) continue;
    const plan = await explainQuery(db, query);
    // Reading a partial index of the open cases whole is fine (the start page counts all open cases); the table is not.
    if (
      /^SCAN cases\b(?! USING (COVERING )?INDEX cases_open_)/m.test(plan) ||
      /cases USING (COVERING )?INDEX \w+ \(merged_into_id=\?\)$/m.test(plan)
    ) {
      found.push(`${query.sql.slice(0, 120)}\n${plan}`);
    }
  }
  return found;
}

describe.skipIf(process.env.TEST_DIALECT === 'postgres')('inbox query plans (SQLite)', () => {
  it('reads every view, and every other reader of open cases, by an index without planner statistics', async () => {
    expect(sqlite.prepare(`select name from sqlite_master where name = 'sqlite_stat1'`).get()).toBeUndefined();
    expect(await violations()).toEqual([]);
    expect(await otherReaderProblems()).toEqual([]);
  });

  it('reads every view, and every other reader of open cases, by an index with the statistics SQLite keeps', async () => {
    await refreshPlannerStatistics(db, { firstOnConnection: true });
    expect(
      (sqlite.prepare(`select count(*) as n from sqlite_stat1 where tbl = 'cases'`).get() as { n: number }).n,
    ).toBeGreaterThan(5);
    expect(await violations()).toEqual([]);
    expect(await otherReaderProblems()).toEqual([]);
  });

  it('reads each listed case’s last message by its key in (case_id, occurred_at), one query per page, without sorting', async () => {
    for (const withStatistics of [false, true]) {
      if (withStatistics) await refreshPlannerStatistics(db, { firstOnConnection: true });
      queries.length = 0;
      await listCases(db, agent, { mode: 'all', userId: agent.id, teamIds: [] }, caseListInput.parse({ view: 'all', limit: 25 }));
      const reads = queries.splice(0).filter((query) => /^select .* substr\(interactions.text/.test(query.sql));
      expect(reads).toHaveLength(1);
      const plan = await explainQuery(db, reads[0]!);
      expect(plan).toMatch(/SEARCH newest USING (COVERING )?INDEX interactions_case_idx \(case_id=\?\)/);
      expect(plan).not.toMatch(/^SCAN (interactions|newest|cases)\b|TEMP B-TREE/m);
    }
  });

  it('reads "mine" by assignee in the sort order, stopping after a page', async () => {
    const [plan] = await plans({ mode: 'all', userId: agent.id, teamIds: [] }, { view: 'mine', sort: 'priority' });
    expect(plan).toContain('cases_open_assignee_priority_idx (assignee_id=?)');
  });
});
