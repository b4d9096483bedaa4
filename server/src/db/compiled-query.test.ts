import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/test-db.js';
import { compiledQuery } from './compiled-query.js';

let handle: TestDatabase | undefined;
afterEach(async () => {
  await handle?.destroy();
  handle = undefined;
});

async function withCategories(names: string[]) {
  handle = await createTestDatabase();
  const now = Date.now();
  for (const name of names) await handle.db.insertInto('categories').values({ name, created_at: now }).execute();
  return handle.db;
}

describe('compiledQuery', () => {
  it('builds once and runs with each call’s values, as the query built anew would', async () => {
    const db = await withCategories(['Abfall', 'Bauen', 'Lärm', 'Parken']);
    const build = vi.fn((db: TestDatabase['db'], values: { from: string; limit: number }) =>
      db.selectFrom('categories').select('name').where('name', '>=', values.from).orderBy('name').limit(values.limit),
    );
    const names = compiledQuery(build);
    for (const values of [
      { from: 'B', limit: 2 },
      { from: 'A', limit: 3 },
      { from: 'M', limit: 10 },
    ]) {
      const expected = await build(db, values).execute();
      expect(await names(db, values)).toEqual(expected);
    }
    // Three direct builds above, one for the compiled query.
    expect(build).toHaveBeenCalledTimes(4);
  });

  it('makes a list of values per length, and a query per shape key', async () => {
    const db = await withCategories(['Abfall', 'Bauen', 'Lärm']);
    const build = vi.fn((db: TestDatabase['db'], { names }: { names: string[] }, order: 'asc' | 'desc') =>
      db.selectFrom('categories').select('name').where('name', 'in', names).orderBy('name', order),
    );
    const named = compiledQuery(build, (order) => order);
    const run = async (names: string[], order: 'asc' | 'desc') => (await named(db, { names }, order)).map((row) => row.name);
    expect(await run(['Lärm', 'Abfall'], 'asc')).toEqual(['Abfall', 'Lärm']);
    expect(await run(['Bauen', 'Lärm'], 'asc')).toEqual(['Bauen', 'Lärm']);
    expect(await run(['Bauen', 'Lärm'], 'desc')).toEqual(['Lärm', 'Bauen']);
    expect(await run(['Bauen'], 'desc')).toEqual(['Bauen']);
    expect(await run(['Abfall', 'Bauen', 'Lärm'], 'asc')).toEqual(['Abfall', 'Bauen', 'Lärm']);
    expect(build).toHaveBeenCalledTimes(4);
  });

  it('writes with each call’s values, inside a transaction too, and a failed write rolls back', async () => {
    const db = await withCategories([]);
    const insert = compiledQuery((db, values: { name: string; created_at: number }) =>
      db.insertInto('categories').values(values),
    );
    await insert(db, { name: 'Abfall', created_at: 1 });
    await db.transaction().execute(async (trx) => insert(trx, { name: 'Bauen', created_at: 2 }));
    await expect(
      db.transaction().execute(async (trx) => {
        await insert(trx, { name: 'Lärm', created_at: 3 });
        await insert(trx, { name: 'Abfall', created_at: 4 }); // names are unique
      }),
    ).rejects.toThrow();
    const rows = await db.selectFrom('categories').select(['name', 'created_at']).orderBy('name').execute();
    expect(rows.map((row) => [row.name, Number(row.created_at)])).toEqual([
      ['Abfall', 1],
      ['Bauen', 2],
    ]);
  });
});
