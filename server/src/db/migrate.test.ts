import { afterEach, describe, expect, it } from 'vitest';
import { insertTestCase, insertTestCitizen } from '../test/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../test/test-db.js';
import { isUniqueViolation } from './unique-violation.js';
import type { DB } from './database.js';
import { migrateToLatest } from './migrate.js';
import { migrations } from './migrations/index.js';

let database: TestDatabase | undefined;
afterEach(async () => {
  await database?.destroy();
  database = undefined;
});

function insertCitizen(db: DB) {
  return insertTestCitizen(db, 'Müller', 'Maria');
}

function insertCase(db: DB, citizenId: number, reference = 'A-2026-000001') {
  return insertTestCase(db, { citizen_id: citizenId, reference, subject: 'Schlagloch' }).then((id) => ({ id }));
}

function insertInteraction(db: DB, caseId: number, citizenId: number, externalMessageId: string | null) {
  return db
    .insertInto('interactions')
    .values({
      case_id: caseId,
      citizen_id: citizenId,
      channel: 'email',
      direction: 'inbound',
      author_id: null,
      subject: 'Schlagloch',
      text: 'Bitte reparieren.',
      html_sanitized: null,
      occurred_at: 1,
      duration_seconds: null,
      external_message_id: externalMessageId,
      delivery_status: null,
      metadata: null,
      created_at: 1,
    })
    .execute();
}

/** The driver error a statement fails with. */
async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the statement to fail');
    },
    (error: unknown) => error,
  );
}

describe('migrateToLatest', () => {
  it('applies every migration on an empty database, then nothing on a second run', async () => {
    database = await createTestDatabase({ migrate: false });
    expect(await migrateToLatest(database.db)).toEqual(Object.keys(migrations));
    expect(await migrateToLatest(database.db)).toEqual([]);
    // The schema is usable.
    await expect(insertCitizen(database.db)).resolves.toBeGreaterThan(0);
  });

  it('names migrations by timestamp, in order', () => {
    const names = Object.keys(migrations);
    for (const name of names) expect(name).toMatch(/^\d{14}_[a-z0-9_]+$/);
    expect([...names].sort()).toEqual(names);
  });
});

describe('schema constraints', () => {
  it('enforces foreign keys: a case needs an existing citizen', async () => {
    database = await createTestDatabase();
    const error = await failureOf(insertCase(database.db, 9999));
    // SQLite: foreign_keys pragma on; PostgreSQL: foreign_key_violation.
    expect(['SQLITE_CONSTRAINT_FOREIGNKEY', '23503']).toContain((error as { code?: unknown }).code);
    expect(await database.db.selectFrom('cases').selectAll().execute()).toEqual([]);
    // With the citizen it works.
    const citizenId = await insertCitizen(database.db);
    await expect(insertCase(database.db, citizenId)).resolves.toMatchObject({ id: expect.any(Number) });
  });

  it('keeps references unique', async () => {
    database = await createTestDatabase();
    const citizenId = await insertCitizen(database.db);
    await insertCase(database.db, citizenId, 'A-2026-000001');
    expect(isUniqueViolation(await failureOf(insertCase(database.db, citizenId, 'A-2026-000001')))).toBe(true);
  });

  it('stores each external message id once, and any number of interactions without one', async () => {
    database = await createTestDatabase();
    const citizenId = await insertCitizen(database.db);
    const { id: caseId } = await insertCase(database.db, citizenId);
    await insertInteraction(database.db, caseId, citizenId, '<abc@example.org>');
    await insertInteraction(database.db, caseId, citizenId, null);
    await insertInteraction(database.db, caseId, citizenId, null);
    const error = await failureOf(insertInteraction(database.db, caseId, citizenId, '<abc@example.org>'));
    expect(isUniqueViolation(error)).toBe(true);
    expect(await database.db.selectFrom('interactions').select('id').execute()).toHaveLength(3);
  });

  it('rejects values outside the allowed sets', async () => {
    database = await createTestDatabase();
    const citizenId = await insertCitizen(database.db);
    const { id: caseId } = await insertCase(database.db, citizenId);
    const error = await failureOf(
      database.db
        .updateTable('cases')
        .set({ status: 'lost' as 'new' })
        .where('id', '=', caseId)
        .execute(),
    );
    // SQLite: CHECK constraint failed; PostgreSQL: check_violation.
    expect(['SQLITE_CONSTRAINT_CHECK', '23514']).toContain((error as { code?: unknown }).code);
    expect((await database.db.selectFrom('cases').select('status').executeTakeFirstOrThrow()).status).toBe('new');
  });

  it('returns bigint timestamps and counts as numbers on both dialects', async () => {
    database = await createTestDatabase();
    await database.db
      .insertInto('audit_events')
      .values({
        occurred_at: 1_780_000_000_123,
        actor_id: null,
        action: 'x',
        entity_type: 'y',
        entity_id: null,
        ip: null,
        details: null,
      })
      .execute();
    const row = await database.db
      .selectFrom('audit_events')
      .select((eb) => ['occurred_at', eb.fn.countAll<number>().as('count')])
      .groupBy('occurred_at')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ occurred_at: 1_780_000_000_123, count: 1 });
  });
});
