import type { Insertable, Updateable } from 'kysely';
import { compiledQuery } from '../../db/compiled-query.js';
import type { DB } from '../../db/database.js';
import type { CasesTable } from '../../db/schema.js';

/** The next serial of a year's case references; concurrent callers serialise on the counter row. */
export async function nextReferenceSerial(db: DB, year: number): Promise<number> {
  const row = await db
    .insertInto('case_reference_counters')
    .values({ year, last_serial: 1 })
    .onConflict((oc) =>
      oc.column('year').doUpdateSet((eb) => ({ last_serial: eb('case_reference_counters.last_serial', '+', 1) })),
    )
    .returning('last_serial')
    .executeTakeFirstOrThrow();
  return row.last_serial;
}

export async function insertCase(db: DB, row: Insertable<CasesTable>): Promise<number> {
  const inserted = await db.insertInto('cases').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

const caseById = compiledQuery((db, { id }: { id: number }) => db.selectFrom('cases').selectAll().where('id', '=', id));
const caseByReference = compiledQuery((db, { reference }: { reference: string }) =>
  db.selectFrom('cases').selectAll().where('reference', '=', reference),
);

export async function findCaseRow(db: DB, id: number) {
  return (await caseById(db, { id }))[0];
}

export async function findCaseRowByReference(db: DB, reference: string) {
  return (await caseByReference(db, { reference }))[0];
}

/** Optimistic locking: applies the change only if nobody saved since `version`. Returns whether it did. */
export async function updateCaseIfVersion(
  db: DB,
  id: number,
  version: number,
  changes: Updateable<CasesTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('cases')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A change that follows from an event (a reply, an incoming message) rather than an edit: always applies. */
export async function touchCase(db: DB, id: number, changes: Updateable<CasesTable>, bumpVersion: boolean): Promise<void> {
  await db
    .updateTable('cases')
    .set((eb) => (bumpVersion ? { ...changes, version: eb('version', '+', 1) } : changes))
    .where('id', '=', id)
    .execute();
}

const linksFrom = compiledQuery((db, { caseId }: { caseId: number }) =>
  db.selectFrom('case_links').select('related_case_id as id').where('case_id', '=', caseId),
);
const linksTo = compiledQuery((db, { caseId }: { caseId: number }) =>
  db.selectFrom('case_links').select('case_id as id').where('related_case_id', '=', caseId),
);
const linkedCaseRows = compiledQuery((db, { ids }: { ids: number[] }) =>
  db
    .selectFrom('cases')
    .leftJoin('teams', 'teams.id', 'cases.team_id')
    .select([
      'cases.id',
      'cases.reference',
      'cases.subject',
      'cases.status',
      'teams.name as teamName',
      'cases.team_id',
      'cases.assignee_id',
    ])
    .where('cases.id', 'in', ids)
    .orderBy('cases.id'),
);

/** Links are stored once (lower id first) and read in both directions: two index lookups, merged. */
export async function linkedCases(db: DB, caseId: number) {
  const [forward, backward] = await Promise.all([linksFrom(db, { caseId }), linksTo(db, { caseId })]);
  const ids = [...forward, ...backward].map((link) => link.id);
  if (ids.length === 0) return [];
  return linkedCaseRows(db, { ids });
}
