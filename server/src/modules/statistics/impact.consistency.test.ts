import { CHANNELS, IMPACT_BREAKDOWNS, IMPACT_METRICS } from '@anliegen/shared';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUPERVISOR_SESSION } from '../../test/statistics-town.js';
import { createTestDatabase, type TestDatabase } from '../../test/test-db.js';
import { generateDataset } from '../../seed/generator.js';
import { ensureDemoOrganisation } from '../../seed/organisation.js';
import { impactFigures } from './impact.service.js';
import { dashboard } from './statistics.service.js';

/**
 * The impact figures read the same populations three ways: with the dashboard (the cases per day shared with it),
 * alone, and per day and value for a breakdown. On a generated town with survey answers, for generated questions
 * (range, grouping, team, category, channel), all three agree: the dashboard's impact equals impact.figures, and a
 * breakdown's rows add up to the question's figures, its series the same.
 */
const NOW = Date.UTC(2026, 11, 1, 12);
const DAY = 86_400_000;
const isoDay = (instant: number) => new Date(instant).toISOString().slice(0, 10);
const supervisor = SUPERVISOR_SESSION;

type Question = Parameters<typeof dashboard>[2];

let database: TestDatabase;
let teams: number[];
let categories: number[];

beforeAll(async () => {
  database = await createTestDatabase();
  await ensureDemoOrganisation(database.db);
  await generateDataset(database.db, { citizens: 300, cases: 900, seed: 11, now: NOW });
  teams = (await database.db.selectFrom('teams').select('id').execute()).map((row) => row.id);
  categories = (await database.db.selectFrom('categories').select('id').execute()).map((row) => row.id);
}, 120_000);
afterAll(async () => {
  await database.destroy();
});

const question = () =>
  fc
    .record({
      end: fc.integer({ min: 0, max: 200 }),
      days: fc.integer({ min: 1, max: 200 }),
      groupBy: fc.constantFrom('day', 'week', 'month'),
      team: fc.option(fc.nat(), { nil: undefined }),
      category: fc.option(fc.nat(), { nil: undefined }),
      channel: fc.option(fc.constantFrom(...CHANNELS.filter((channel) => channel !== 'note')), { nil: undefined }),
    })
    .map(({ end, days, groupBy, team, category, channel }): Question => {
      const to = NOW - end * DAY;
      return {
        from: isoDay(to - (days - 1) * DAY),
        to: isoDay(to),
        groupBy,
        ...(team !== undefined ? { teamId: teams[team % teams.length]! } : {}),
        ...(category !== undefined ? { categoryId: categories[category % categories.length]! } : {}),
        ...(channel !== undefined ? { channel } : {}),
      };
    });

describe('the impact figures', () => {
  it('agree with the dashboard’s and with every breakdown of them', async () => {
    await fc.assert(
      fc.asyncProperty(question(), async (input) => {
        const withDashboard = (await dashboard(database.db, supervisor, input, NOW)).impact;
        const alone = await impactFigures(database.db, supervisor, { question: input }, NOW);
        expect(withDashboard).toEqual(alone);
        for (const by of IMPACT_BREAKDOWNS) {
          const broken = await impactFigures(database.db, supervisor, { question: input, by }, NOW);
          expect({ ...broken, breakdown: null }).toEqual(alone);
          for (const metric of IMPACT_METRICS) {
            const rows = broken.breakdown!.rows.map((row) => row.figures.find((item) => item.metric === metric)!);
            const total = alone.figures.find((item) => item.metric === metric)!;
            expect([rows.reduce((sum, row) => sum + row.part, 0), rows.reduce((sum, row) => sum + row.total, 0)]).toEqual([
              total.part,
              total.total,
            ]);
          }
        }
      }),
      { numRuns: 12 },
    );
  });

  it('count something on the generated town (the property above compares real figures)', async () => {
    const input: Question = { from: isoDay(NOW - 200 * DAY), to: isoDay(NOW), groupBy: 'month' };
    const result = await impactFigures(database.db, supervisor, { question: input }, NOW);
    expect(result.survey.answered).toBeGreaterThan(0);
    expect(result.figures.every((figure) => figure.total > 0)).toBe(true);
  });
});
