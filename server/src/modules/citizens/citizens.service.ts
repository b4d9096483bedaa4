import {
  citizenDisplayName,
  citizenNameKey,
  foldName,
  looksLikePhoneNumber,
  normaliseEmail,
  normalisePhone,
  OPEN_CASE_STATUSES,
  typoDistance,
  type addContactPointInput,
  type createCitizenInput,
  type updateCitizenInput,
} from '@anliegen/shared';
import { distance } from 'fastest-levenshtein';
import type { z } from 'zod';
import { compiledQuery } from '../../db/compiled-query.js';
import type { DB } from '../../db/database.js';
import { DomainError, notFound } from '../../domain/domain-error.js';
import { unitOfWork, type Work } from '../../domain/unit-of-work.js';
import {
  citizenNamesByKeyPrefix,
  citizensByNameKeyPrefix,
  citizensWithContact,
  contactPointsOf,
  deleteContactPoint,
  findCitizenRow,
  findCitizenRows,
  insertCitizen,
  insertContactPoint,
  updateCitizenRow,
} from './citizens.repo.js';
import { toCitizenDto, type CitizenDto } from './citizens.dto.js';
import type { Actor } from '../../domain/actor.js';

type NewContact = z.output<typeof addContactPointInput>['contact'];

/** Merged citizens are followed to the survivor; the caller learns the id it asked for was redirected. */
export async function resolveCitizenRow(db: DB, id: number) {
  let row = await findCitizenRow(db, id);
  for (let hops = 0; row?.merged_into_id != null && hops < 10; hops++) row = await findCitizenRow(db, row.merged_into_id);
  if (!row || row.merged_into_id != null) throw notFound('Citizen');
  return { row, redirectedFrom: row.id === id ? null : id };
}

export async function citizenDtos(db: DB, ids: readonly number[]): Promise<CitizenDto[]> {
  if (ids.length === 0) return [];
  const rows = await findCitizenRows(db, ids);
  const contacts = await contactPointsOf(db, ids);
  const byId = new Map(rows.map((row) => [row.id, toCitizenDto(row, contacts)]));
  return ids.map((id) => byId.get(id)).filter((dto): dto is CitizenDto => dto !== undefined);
}

export async function getCitizen(db: DB, id: number) {
  const { row, redirectedFrom } = await resolveCitizenRow(db, id);
  return { citizen: toCitizenDto(row, await contactPointsOf(db, [row.id])), redirectedFrom };
}

/** Recomputes what agents see as the name: the name, else the first contact point. */
export async function refreshDisplayName(db: DB, citizenId: number): Promise<void> {
  const row = await findCitizenRow(db, citizenId);
  if (!row) return;
  const [firstContact] = await contactPointsOf(db, [citizenId]);
  await updateCitizenRow(db, citizenId, {
    display_name: citizenDisplayName(row.given_name, row.family_name, firstContact?.value),
    name_key: citizenNameKey(row.given_name, row.family_name),
    updated_at: Date.now(),
  });
}

export type NewCitizen = z.output<typeof createCitizenInput>;

/** A citizen with contact points and an audit entry, in the caller's unit of work. */
export async function insertCitizenRecord(work: Work, input: NewCitizen, options: { unverified?: boolean } = {}) {
  const trx = work.db;
  const now = Date.now();
  const id = await insertCitizen(trx, {
    given_name: input.givenName ?? null,
    family_name: input.familyName ?? null,
    display_name: citizenDisplayName(input.givenName, input.familyName, input.contacts[0]?.value),
    name_key: citizenNameKey(input.givenName, input.familyName),
    birth_date: input.birthDate ?? null,
    unverified: options.unverified ? 1 : 0,
    merged_into_id: null,
    anonymised_at: null,
    created_at: now,
    updated_at: now,
  });
  const kindsSeen = new Set<string>();
  for (const contact of input.contacts) {
    // The first email, the first phone and the first address are each the primary one of their kind.
    const primary = kindsSeen.has(contact.kind) ? 0 : 1;
    kindsSeen.add(contact.kind);
    await insertContactPoint(trx, { citizen_id: id, ...contact, is_primary: primary, created_at: now });
  }
  await work.audit('citizen.created', {
    entityId: id,
    details: { unverified: Boolean(options.unverified), contacts: input.contacts.map((c) => c.kind) },
  });
  return id;
}

export function createCitizen(db: DB, actor: Actor, input: NewCitizen): Promise<number> {
  return unitOfWork(db, actor, (work) => insertCitizenRecord(work, input));
}

export async function updateCitizen(db: DB, actor: Actor, input: z.output<typeof updateCitizenInput>): Promise<void> {
  const { row } = await resolveCitizenRow(db, input.id);
  if (row.id !== input.id) throw new DomainError('citizens.merged', 'This citizen was merged into another one');
  await unitOfWork(db, actor, async (work) => {
    await updateCitizenRow(work.db, row.id, {
      ...(input.givenName !== undefined ? { given_name: input.givenName } : {}),
      ...(input.familyName !== undefined ? { family_name: input.familyName } : {}),
      ...(input.birthDate !== undefined ? { birth_date: input.birthDate } : {}),
      ...(input.verified ? { unverified: 0 as const } : {}),
      updated_at: Date.now(),
    });
    await refreshDisplayName(work.db, row.id);
    await work.audit('citizen.updated', {
      entityId: row.id,
      // Which fields, never their values: the audit log is not a copy of personal data.
      details: { fields: Object.keys(input).filter((key) => key !== 'id') },
    });
  });
}

/**
 * Adds an email, phone or address. Returns the other citizens who have the same email or phone: usually the
 * sign that two records are one person (the agent can merge them).
 */
export async function addContact(db: DB, actor: Actor, citizenId: number, contact: NewContact) {
  const { row } = await resolveCitizenRow(db, citizenId);
  if (row.id !== citizenId) throw new DomainError('citizens.merged', 'This citizen was merged into another one');
  const added = await unitOfWork(db, actor, async (work) => {
    const trx = work.db;
    const hasKind = (await contactPointsOf(trx, [citizenId])).some((c) => c.kind === contact.kind);
    const result = await insertContactPoint(trx, {
      citizen_id: citizenId,
      ...contact,
      is_primary: hasKind ? 0 : 1,
      created_at: Date.now(),
    });
    if (result.created) {
      await refreshDisplayName(trx, citizenId);
      await work.audit('citizen.contact_added', {
        entityId: citizenId,
        details: { kind: contact.kind, contactPointId: result.id },
      });
    }
    return result;
  });
  const id = added.id;
  const sharedWith =
    contact.kind === 'address'
      ? []
      : (await citizensWithContact(db, contact.kind, contact.normalized)).map((c) => c.id).filter((id) => id !== citizenId);
  return { id, sharedWith };
}

export async function removeContact(db: DB, actor: Actor, citizenId: number, contactPointId: number): Promise<void> {
  await unitOfWork(db, actor, async (work) => {
    if ((await deleteContactPoint(work.db, citizenId, contactPointId)) === 0) throw notFound('Contact point');
    await refreshDisplayName(work.db, citizenId);
    await work.audit('citizen.contact_removed', { entityId: citizenId, details: { contactPointId } });
  });
}

/** The citizen an incoming email or phone number belongs to: exact normalised match, most recently active first. */
export async function matchCitizen(db: DB, contact: { email?: string | null; phone?: string | null }): Promise<number | null> {
  const email = contact.email ? normaliseEmail(contact.email) : null;
  if (email) {
    const [match] = await citizensWithContact(db, 'email', email);
    if (match) return match.id;
  }
  const phone = contact.phone ? normalisePhone(contact.phone) : null;
  if (phone) {
    const [match] = await citizensWithContact(db, 'phone', phone);
    if (match) return match.id;
  }
  return null;
}

/** The most words a name is looked up by: "Anna Maria von Berg". */
const NAME_WORDS = 4;

/**
 * The citizens a lookup means: an email or phone number finds its owners exactly; anything else is a name, matched
 * spelling-insensitively from the family name ("Müller Anna", "mueller") or given-name-first ("Anna Müller").
 */
export async function findCitizenIds(db: DB, query: string, limit: number): Promise<number[]> {
  const phone = looksLikePhoneNumber(query) ? normalisePhone(query) : null;
  if (query.includes('@'))
    return (await citizensWithContact(db, 'email', normaliseEmail(query))).map((c) => c.id).slice(0, limit);
  if (phone) return (await citizensWithContact(db, 'phone', phone)).map((c) => c.id).slice(0, limit);
  const words = foldName(query).split(' ').filter(Boolean);
  // Nothing to match on (punctuation only): nobody, rather than everybody; more words than a name has: nobody either
  // (each word order is a read, and fifty words are a sentence, not a name).
  if (words.length === 0 || words.length > NAME_WORDS) return [];
  // The key is "family given…"; people type "given… family" or "family given…": every rotation of the words
  // covers both, also for several given names ("Anna Maria Berg" → "berg anna maria").
  const orders = words.map((_, start) => [...words.slice(start), ...words.slice(0, start)].join(' '));
  const found = await Promise.all(orders.map((prefix) => citizensByNameKeyPrefix(db, prefix, limit)));
  return [...new Set(found.flat().map((c) => c.id))].slice(0, limit);
}

/** How many names a lookup of similar names compares at most: those beginning as the typed name begins. */
const SIMILAR_NAMES_READ = 20_000;

/**
 * Citizens whose name is a few letters off the typed one (issue 23): "Schmitt" finds Schmidt, "Maier Anna" finds
 * Anna Meier. Each typed word of five letters or more is taken as the family name and compared with the family names
 * beginning with its first three letters, two for five-letter names (typos are rarely there), at most 20,000; the
 * other typed words must begin a given name, or be a typo of one. Closest first. Names only: an address or number
 * finds nobody here.
 */
export async function findSimilarCitizenIds(db: DB, query: string, limit: number): Promise<number[]> {
  if (/[@\d]/.test(query)) return [];
  const words = foldName(query).split(' ').filter(Boolean);
  if (words.length > NAME_WORDS) return [];
  const found = new Map<number, number>();
  for (const [index, word] of words.entries()) {
    const allowed = typoDistance(word.length);
    if (allowed === 0) continue;
    const others = words.filter((_, other) => other !== index);
    // Its first three letters (two of a five-letter name): "Schwartz" reads the "sch…", not every "s…".
    const prefix = word.slice(0, word.length >= 6 ? 3 : 2);
    for (const row of await citizenNamesByKeyPrefix(db, prefix, SIMILAR_NAMES_READ)) {
      const [family = '', ...given] = row.name_key.split(' ');
      const apart = distance(family, word);
      if (apart === 0 || apart > allowed) continue;
      const fits = (typed: string) =>
        given.some((name) => name.startsWith(typed) || distance(name, typed) <= typoDistance(typed.length));
      if (others.every(fits) && apart < (found.get(row.id) ?? Number.POSITIVE_INFINITY)) found.set(row.id, apart);
    }
  }
  return [...found.entries()]
    .sort((a, b) => a[1] - b[1] || a[0] - b[0])
    .slice(0, limit)
    .map(([id]) => id);
}

/** An agent's lookup (see findCitizenIds), with each citizen's contact points and number of open cases. */
export async function lookupCitizens(db: DB, query: string, limit: number) {
  return withOpenCounts(db, await findCitizenIds(db, query, limit));
}

/** People whose name is similar to the typed one (findSimilarCitizenIds), as lookupCitizens shows them. */
export async function lookupSimilarCitizens(db: DB, query: string, limit: number) {
  return withOpenCounts(db, await findSimilarCitizenIds(db, query, limit));
}

async function withOpenCounts(db: DB, ids: number[]) {
  const citizens = await citizenDtos(db, ids);
  const openCounts = await openCaseCounts(
    db,
    citizens.map((c) => c.id),
  );
  return citizens.map((citizen) => ({ ...citizen, openCases: openCounts.get(citizen.id) ?? 0 }));
}

const openCasesPerCitizen = compiledQuery((db, { ids }: { ids: readonly number[] }) =>
  db
    .selectFrom('cases')
    .select((eb) => ['citizen_id', eb.fn.countAll<number>().as('count')])
    .where('citizen_id', 'in', ids)
    .where('status', 'in', OPEN_CASE_STATUSES)
    .groupBy('citizen_id'),
);

async function openCaseCounts(db: DB, citizenIds: number[]): Promise<Map<number, number>> {
  if (citizenIds.length === 0) return new Map();
  const rows = await openCasesPerCitizen(db, { ids: citizenIds });
  return new Map(rows.map((row) => [row.citizen_id, Number(row.count)]));
}

// For the case timeline (replies, other senders): the citizens module's repository stays its own.
export { contactPointsOf, insertContactPoint } from './citizens.repo.js';
