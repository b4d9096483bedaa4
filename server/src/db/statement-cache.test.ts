import SQLite from 'better-sqlite3';
import { type Generated, Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { withStatementCache } from './statement-cache.js';

let sqlite: SQLite.Database;
afterEach(() => sqlite?.close());

describe('withStatementCache', () => {
  it('prepares each SQL text once and drops the least recently used beyond its size', () => {
    sqlite = new SQLite(':memory:');
    const prepare = vi.spyOn(sqlite, 'prepare');
    const cache = withStatementCache(sqlite, 2);
    const one = cache.prepare('select 1');
    expect(cache.prepare('select 1')).toBe(one);
    cache.prepare('select 2');
    cache.prepare('select 1'); // now the most recently used
    cache.prepare('select 3'); // drops "select 2"
    expect(cache.prepare('select 1')).toBe(one);
    expect(prepare.mock.calls.map(([text]) => text)).toEqual(['select 1', 'select 2', 'select 3']);
    cache.prepare('select 2');
    expect(prepare).toHaveBeenCalledTimes(4);
  });

  it('gives Kysely the same results and errors as an uncached connection, statement after statement', async () => {
    sqlite = new SQLite(':memory:');
    const db = new Kysely<{ t: { id: Generated<number>; name: string } }>({
      dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
    });
    await sql`create table t (id integer primary key, name text not null unique)`.execute(db);
    for (const name of ['a', 'b', 'c']) await db.insertInto('t').values({ name }).execute();
    const read = () => db.selectFrom('t').select(['id', 'name']).where('id', '>', 1).orderBy('id').execute();
    expect(await read()).toEqual([
      { id: 2, name: 'b' },
      { id: 3, name: 'c' },
    ]);
    await expect(db.insertInto('t').values({ name: 'a' }).execute()).rejects.toThrow(/UNIQUE/);
    await db.deleteFrom('t').where('name', '=', 'b').execute();
    // The reused statement reads the table as it is now, also after a failed statement.
    expect(await read()).toEqual([{ id: 3, name: 'c' }]);
    await db.destroy();
  });
});
