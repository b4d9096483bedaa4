import SQLite from 'better-sqlite3';
import { type CompiledQuery, Kysely, SqliteDialect } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../db/migrate.js';
import { refreshPlannerStatistics } from '../../db/planner-statistics.js';
import type { Database } from '../../db/schema.js';
import { generateDataset } from '../../seed/generator.js';
import { ensureDemoOrganisation } from '../../seed/organisation.js';
import { explainQuery } from '../../test/query-plans.js';
import { SUPERVISOR_SESSION } from '../../test/statistics-town.js';
import { feedbackComments, impactFigures } from './impact.service.js';
import { publicFigures } from './public-figures.service.js';

/**
 * How SQLite reads the impact figures' year (issue 18) on a generated town with survey answers, without and with
 * planner statistics: every population (cases created, resolved, answered, invited) is read day by day, each day a
 * range of the population's covering index of the cases (never a whole table, never a case looked up); a breakdown
 * groups each day's cases inside the day's subquery, never the year's rows at once; the comments are read backwards
 * in their partial index until the page is full. PostgreSQL's plans depend on the table's size: checked at scale
 * (docs/benchmarks.md).
 */
let sqlite: SQLite.Database;
let db: Kysely<Database>;
const queries: CompiledQuery[] = [];
const NOW = Date.UTC(2026, 11, 1, 12);
const YEAR = { from: '2025-12-02', to: '2026-12-01', groupBy: 'week' as const };
const supervisor = SUPERVISOR_SESSION;

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
  await generateDataset(db, { citizens: 600, cases: 2000, seed: 7, now: NOW });
});
afterAll(async () => {
  await db.destroy();
});

/** The impact figures' queries of every question the statistics page and the public page ask. */
async function impactQueries(): Promise<CompiledQuery[]> {
  queries.length = 0;
  const team = await db.selectFrom('teams').select('id').executeTakeFirstOrThrow();
  await impactFigures(db, supervisor, { question: YEAR }, NOW);
  await impactFigures(db, supervisor, { question: { ...YEAR, teamId: team.id, channel: 'email' } }, NOW);
  for (const by of ['channel', 'team', 'category'] as const) await impactFigures(db, supervisor, { question: YEAR, by }, NOW);
  const comments = await feedbackComments(db, supervisor, { question: YEAR, rating: 5 });
  await feedbackComments(db, supervisor, { question: { ...YEAR, teamId: team.id }, cursor: comments.nextCursor ?? undefined });
  await publicFigures(db, NOW);
  return queries.filter((query) => /feedback|survey_invitations|with days/.test(query.sql));
}

describe.each([
  ['without planner statistics', async () => {}],
  ['with planner statistics', () => refreshPlannerStatistics(db, { firstOnConnection: true })],
])('the impact figures %s', (_name, prepare) => {
  it('read every population by its instant in a covering index, day by day, and never sort a year of rows', async () => {
    await prepare();
    const read = await impactQueries();
    expect(read.length).toBeGreaterThan(20);
    for (const query of read) {
      const plan = await explainQuery(db, query);
      expect(plan, query.sql).not.toMatch(/^SCAN (cases|feedback|survey_invitations)\b/m);
      if (query.sql.includes('with days')) {
        expect(plan, query.sql).toMatch(/CORRELATED SCALAR SUBQUERY/);
        expect(plan, query.sql).toMatch(/SEARCH cases USING COVERING INDEX cases_stats_(created|resolved|feedback|survey)_idx/);
        // A breakdown sorts one day's cases by its column, inside the day's subquery (after it in the plan).
        const sort = plan.search(/TEMP B-TREE/);
        if (sort >= 0) expect(sort, query.sql).toBeGreaterThan(plan.search(/CORRELATED SCALAR SUBQUERY/));
      }
      if (query.sql.includes('feedback.comment is not null')) {
        expect(plan, query.sql).toMatch(/feedback USING INDEX feedback_comments_idx/);
        expect(plan, query.sql).not.toMatch(/TEMP B-TREE/);
      }
    }
  });
});
