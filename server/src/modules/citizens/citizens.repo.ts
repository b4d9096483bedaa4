import type { ContactKind } from '@anliegen/shared';
import type { Insertable, Updateable } from 'kysely';
import { compiledQuery } from '../../db/compiled-query.js';
import type { DB } from '../../db/database.js';
import type { CitizensTable, ContactPointsTable } from '../../db/schema.js';

const citizenById = compiledQuery((db, { id }: { id: number }) => db.selectFrom('citizens').selectAll().where('id', '=', id));

export async function findCitizenRow(db: DB, id: number) {
  return (await citizenById(db, { id }))[0];
}

const citizensByIds = compiledQuery((db, { ids }: { ids: readonly number[] }) =>
  db.selectFrom('citizens').selectAll().where('id', 'in', ids),
);

export function findCitizenRows(db: DB, ids: readonly number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return citizensByIds(db, { ids });
}

export async function insertCitizen(db: DB, citizen: Insertable<CitizensTable>): Promise<number> {
  const row = await db.insertInto('citizens').values(citizen).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateCitizenRow(db: DB, id: number, changes: Updateable<CitizensTable>): Promise<void> {
  await db.updateTable('citizens').set(changes).where('id', '=', id).execute();
}

const contactPointsOfIds = compiledQuery((db, { ids }: { ids: readonly number[] }) =>
  db.selectFrom('contact_points').selectAll().where('citizen_id', 'in', ids).orderBy('is_primary', 'desc').orderBy('id'),
);

export function contactPointsOf(db: DB, citizenIds: readonly number[]) {
  if (citizenIds.length === 0) return Promise.resolve([]);
  return contactPointsOfIds(db, { ids: citizenIds });
}

/** Adds a contact point, or finds the identical one the citizen already has (also when added concurrently). */
export async function insertContactPoint(
  db: DB,
  contact: Insertable<ContactPointsTable>,
): Promise<{ id: number; created: boolean }> {
  const inserted = await db
    .insertInto('contact_points')
    .values(contact)
    .onConflict((oc) => oc.columns(['citizen_id', 'kind', 'normalized']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { id: inserted.id, created: true };
  const existing = await db
    .selectFrom('contact_points')
    .select('id')
    .where('citizen_id', '=', contact.citizen_id)
    .where('kind', '=', contact.kind)
    .where('normalized', '=', contact.normalized)
    .executeTakeFirstOrThrow();
  return { id: existing.id, created: false };
}

export async function deleteContactPoint(db: DB, citizenId: number, contactPointId: number): Promise<number> {
  const result = await db
    .deleteFrom('contact_points')
    .where('id', '=', contactPointId)
    .where('citizen_id', '=', citizenId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Live (not merged) citizens with this exact normalised email or phone, most recently active first. */
export function citizensWithContact(db: DB, kind: ContactKind, normalized: string) {
  return db
    .selectFrom('contact_points')
    .innerJoin('citizens', 'citizens.id', 'contact_points.citizen_id')
    .select(['citizens.id', 'citizens.updated_at'])
    .where('contact_points.kind', '=', kind)
    .where('contact_points.normalized', '=', normalized)
    .where('citizens.merged_into_id', 'is', null)
    .orderBy('citizens.updated_at', 'desc')
    .orderBy('citizens.id', 'desc')
    .execute();
}

/** Citizens whose name key starts with `prefix` (index range scan, portable across dialects). */
const citizensInNameKeyRange = compiledQuery((db, range: { from: string; to: string; limit: number }) =>
  db
    .selectFrom('citizens')
    .select('id')
    .where('name_key', '>=', range.from)
    .where('name_key', '<', range.to)
    .where('merged_into_id', 'is', null)
    .orderBy('name_key')
    .limit(range.limit),
);

/** Name keys of the live citizens whose key starts with `prefix`, at most `limit` (for similar names). */
export const citizenNamesByKeyPrefix = (db: DB, prefix: string, limit: number) =>
  citizenNamesInRange(db, { from: prefix, to: `${prefix}\uffff`, limit });

const citizenNamesInRange = compiledQuery((db, range: { from: string; to: string; limit: number }) =>
  db
    .selectFrom('citizens')
    .select(['id', 'name_key'])
    .where('name_key', '>=', range.from)
    .where('name_key', '<', range.to)
    .where('merged_into_id', 'is', null)
    .orderBy('name_key')
    .limit(range.limit),
);

export function citizensByNameKeyPrefix(db: DB, prefix: string, limit: number) {
  // Every key starting with the prefix sorts between it and the prefix followed by the highest character.
  return citizensInNameKeyRange(db, { from: prefix, to: `${prefix}\uffff`, limit });
}
