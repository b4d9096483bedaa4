import { caseListInput } from '@anliegen/shared';
import SQLite from 'better-sqlite3';
import { type CompiledQuery, Kysely, SqliteDialect } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../db/schema.js';
import { migrateToLatest } from '../../db/migrate.js';
import type { SessionUser } from '../../trpc/context.js';
import { listCases } from './case-list.service.js';

/**
 * How SQLite reads the inbox's default view: in index order, stopping after a page, rather than reading and sorting
 * every open case of the agent (pnpm bench: 30–70 ms at 300,000 cases before the index). A plan, not a timing.
 */
let db: Kysely<Database> | undefined;
afterEach(async () => {
  await db?.destroy();
  db = undefined;
});

const agent: SessionUser = {
  id: 7,
  email: 'a@example.org',
  displayName: 'A',
  role: 'agent',
  locale: 'de',
  teams: [{ id: 1, name: 'T' }],
};

describe.skipIf(process.env.TEST_DIALECT === 'postgres')('inbox query plan (SQLite)', () => {
  it.each(['all', 'team'] as const)('reads "mine" by (assignee, last update) without sorting (access %s)', async (mode) => {
    const sqlite = new SQLite(':memory:');
    const queries: CompiledQuery[] = [];
    db = new Kysely<Database>({
      dialect: new SqliteDialect({ database: sqlite }),
      log: (event) => {
        if (event.level === 'query') queries.push(event.query);
      },
    });
    await migrateToLatest(db);
    queries.length = 0;
    await listCases(db, agent, { mode, userId: agent.id, teamIds: [1] }, caseListInput.parse({ limit: 50 }));
    const [list] = queries;
    const plan = (sqlite.prepare(`explain query plan ${list!.sql}`).all(...list!.parameters) as { detail: string }[])
      .map((step) => step.detail)
      .join('\n');
    expect(plan).toContain('cases_assignee_updated_idx');
    expect(plan).not.toContain('TEMP B-TREE FOR ORDER BY');
  });
});
