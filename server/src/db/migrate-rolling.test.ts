import type { Kysely, Migration } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/test-db.js';
import { migrateToLatest } from './migrate.js';
import { migrationProgress } from './migration-progress.js';
import { migrations } from './migrations/index.js';

let database: TestDatabase | undefined;
afterEach(async () => {
  await database?.destroy();
  database = undefined;
});

/** A logger that keeps what it was told. */
function capturingLog() {
  const lines: { level: 'info' | 'warn'; fields: Record<string, unknown>; message: string }[] = [];
  const at =
    (level: 'info' | 'warn') =>
    (fields: Record<string, unknown>, message: string): void => {
      lines.push({ level, fields, message });
    };
  return { lines, log: { info: at('info'), warn: at('warn') } as never };
}

/** A later release's migration: an expanding one (a new table), backfilled in batches with progress. */
const NEXT = '29991231000000_next_release';
const next: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: migrations see an untyped database
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('next_release_things')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .execute();
    const progress = migrationProgress(4, { intervalMs: 0 });
    for (let batch = 1; batch <= 2; batch++) {
      await db
        .insertInto('next_release_things')
        .values([{ id: batch * 2 - 1 }, { id: batch * 2 }])
        .execute();
      progress.advance(2);
    }
    progress.done();
  },
};

describe('migrateToLatest during upgrades', () => {
  it('logs each migration it applies with its time, and a long one’s progress under its name', async () => {
    database = await createTestDatabase({ migrate: false });
    const { lines, log } = capturingLog();
    const applied = await migrateToLatest(database.db, { log, migrations: { ...migrations, [NEXT]: next } });
    expect(applied).toEqual([...Object.keys(migrations), NEXT]);
    const done = lines.filter((line) => line.message.endsWith(' applied'));
    expect(done.map((line) => line.fields.migration)).toEqual(applied);
    for (const line of done) expect(line.fields.ms).toEqual(expect.any(Number));
    expect(lines.filter((line) => line.message.startsWith(`migration ${NEXT}:`)).map((line) => line.message)).toEqual([
      `migration ${NEXT}: 50 % (2 of 4 rows)`,
      `migration ${NEXT}: 100 % (4 of 4 rows)`,
    ]);
  });

  it('leaves a database a newer release migrated as it is, so a previous process can restart during the rollout', async () => {
    database = await createTestDatabase({ migrate: false });
    await migrateToLatest(database.db, { log: capturingLog().log, migrations: { ...migrations, [NEXT]: next } });
    const { lines, log } = capturingLog();
    expect(await migrateToLatest(database.db, { log })).toEqual([]);
    expect(lines).toEqual([expect.objectContaining({ level: 'warn', fields: { newer: [NEXT] } })]);
    // It runs on the newer schema.
    await expect(database.db.selectFrom('cases').select('id').execute()).resolves.toEqual([]);
  });

  it('leaves the database as it was when a migration fails halfway, so the next start can run it again', async () => {
    database = await createTestDatabase({ migrate: false });
    const [first, second, ...rest] = Object.entries(migrations);
    await migrateToLatest(database.db, { migrations: Object.fromEntries([first!]) });
    const failing: Migration = {
      // biome-ignore lint/suspicious/noExplicitAny: migrations see an untyped database
      async up(db: Kysely<any>) {
        await db.schema.createTable('half_done').addColumn('id', 'integer').execute();
        throw new Error('disk full');
      },
    };
    const withFailure = Object.fromEntries([first!, second!, [NEXT, failing]]);
    await expect(migrateToLatest(database.db, { migrations: withFailure })).rejects.toThrow('disk full');
    const tables = (await database.db.introspection.getTables()).map((table) => table.name);
    expect(tables).not.toContain('half_done');
    // The migration before it in the same run (20261126000000_search) is undone too: the run is one transaction.
    expect(second![0]).toBe('20261126000000_search');
    expect(tables).not.toContain('saved_searches');
    expect(await migrateToLatest(database.db, { migrations: Object.fromEntries([first!, second!, ...rest]) })).toEqual(
      [second!, ...rest].map(([name]) => name),
    );
  });

  it('refuses a database whose history differs (an unknown migration between known ones)', async () => {
    database = await createTestDatabase({ migrate: false });
    const [first, ...rest] = Object.entries(migrations);
    await migrateToLatest(database.db, {
      migrations: Object.fromEntries([first!, ['20261124000001_elsewhere', { up: async () => {} }], ...rest]),
    });
    await expect(migrateToLatest(database.db)).rejects.toThrow(/corrupted migrations/);
  });
});
