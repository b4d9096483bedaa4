import type { DB } from '../../db/database.js';
import { contactPointsOf } from './citizens.repo.js';
import { citizenDtos, resolveCitizenRow } from './citizens.service.js';

export type DuplicateReason = 'shared_email' | 'shared_phone' | 'same_name_birth_date' | 'same_name_address' | 'same_name';

const MAX_SUGGESTIONS = 20;

/**
 * Citizens who are probably the same person as this one, each with the reasons:
 * a shared email or phone number; the same name (spelling-insensitive: ä/ae, ß/ss) with the same birth date or
 * address; or the same name where one of the two has neither birth date nor address, so nothing tells them apart.
 */
export async function duplicateSuggestions(db: DB, citizenId: number) {
  const { row } = await resolveCitizenRow(db, citizenId);
  const reasons = new Map<number, Set<DuplicateReason>>();
  const add = (id: number, reason: DuplicateReason) => {
    if (id !== row.id) reasons.set(id, (reasons.get(id) ?? new Set()).add(reason));
  };

  const own = await contactPointsOf(db, [row.id]);
  const shared = own.filter((c) => c.kind !== 'address');
  if (shared.length > 0) {
    const matches = await db
      .selectFrom('contact_points as other')
      .innerJoin('citizens', 'citizens.id', 'other.citizen_id')
      .select(['other.citizen_id as id', 'other.kind'])
      .where('citizens.merged_into_id', 'is', null)
      .where((eb) => eb.or(shared.map((c) => eb.and([eb('other.kind', '=', c.kind), eb('other.normalized', '=', c.normalized)]))))
      .limit(100)
      .execute();
    for (const match of matches) add(match.id, match.kind === 'email' ? 'shared_email' : 'shared_phone');
  }

  if (row.name_key) {
    const sameName = await db
      .selectFrom('citizens')
      .select(['id', 'birth_date'])
      .where('name_key', '=', row.name_key)
      .where('merged_into_id', 'is', null)
      .where('id', '!=', row.id)
      .limit(100)
      .execute();
    const ownAddresses = new Set(own.filter((c) => c.kind === 'address').map((c) => c.normalized));
    const theirContacts = await contactPointsOf(
      db,
      sameName.map((c) => c.id),
    );
    for (const other of sameName) {
      const theirAddresses = theirContacts
        .filter((c) => c.citizen_id === other.id && c.kind === 'address')
        .map((c) => c.normalized);
      if (row.birth_date && other.birth_date === row.birth_date) add(other.id, 'same_name_birth_date');
      if (theirAddresses.some((address) => ownAddresses.has(address))) add(other.id, 'same_name_address');
      const nothingToTellApart =
        (!row.birth_date && ownAddresses.size === 0) || (!other.birth_date && theirAddresses.length === 0);
      if (nothingToTellApart && !reasons.has(other.id)) add(other.id, 'same_name');
    }
  }

  const ids = [...reasons.keys()].slice(0, MAX_SUGGESTIONS);
  const citizens = await citizenDtos(db, ids);
  return citizens.map((citizen) => ({ citizen, reasons: [...(reasons.get(citizen.id) ?? [])] }));
}
