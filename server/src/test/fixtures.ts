import { citizenDisplayName, citizenNameKey } from '@anliegen/shared';
import type { Insertable } from 'kysely';
import type { DB } from '../db/database.js';
import type { CasesTable } from '../db/schema.js';

/** Table-level rows for tests that need a precise state the procedures would not produce directly. */
export async function insertTestTeam(db: DB, name: string, emailAddress: string | null = null): Promise<number> {
  const row = await db
    .insertInto('teams')
    .values({ name, email_address: emailAddress, created_at: 1, updated_at: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A case row with neutral defaults; pass what the test is about. */
export async function insertTestCase(
  db: DB,
  fields: Pick<Insertable<CasesTable>, 'citizen_id' | 'reference'> & Partial<Insertable<CasesTable>>,
): Promise<number> {
  const row = await db
    .insertInto('cases')
    .values({
      subject: 'Anliegen',
      status: 'new',
      priority: 'normal',
      category_id: null,
      team_id: null,
      assignee_id: null,
      origin_channel: 'email',
      created_by_id: null,
      merged_into_id: null,
      created_at: 1,
      updated_at: 1,
      version: 1,
      ...fields,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A confirmed citizen known only by name. */
export async function insertTestCitizen(db: DB, familyName: string, givenName: string | null = null): Promise<number> {
  const row = await db
    .insertInto('citizens')
    .values({
      given_name: givenName,
      family_name: familyName,
      display_name: citizenDisplayName(givenName, familyName),
      name_key: citizenNameKey(givenName, familyName),
      birth_date: null,
      unverified: 0,
      merged_into_id: null,
      anonymised_at: null,
      created_at: 1,
      updated_at: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
