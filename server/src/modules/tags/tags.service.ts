import {
  berlinDayRange,
  type createTagInput,
  MAX_TAGS_PER_CASE,
  type mergeTagsInput,
  type TagColor,
  tagKey,
  type tagStatisticsInput,
  type updateTagInput,
} from '@anliegen/shared';
import { sql } from 'kysely';
import type { z } from 'zod';
import { compiledQuery } from '../../db/compiled-query.js';
import type { DB } from '../../db/database.js';
import type { Actor } from '../../domain/actor.js';
import { DomainError, notFound } from '../../domain/domain-error.js';
import { unitOfWork, type Work } from '../../domain/unit-of-work.js';
import type { SessionUser } from '../../trpc/context.js';
import { teamScope } from '../statistics/statistics-scope.js';

/**
 * Tags on cases (issue 16). Free tags are created by an agent typing a name the list does not have (unless the admins
 * set "only curated"); curated tags are the admins' list, each with a colour of the fixed palette. Admins rename,
 * recolour, take a free tag into the list, merge two tags (the cases of one get the other) and delete tags.
 * This module owns `tags`, `case_tags` and `tag_settings`; the cases module sets a case's tags through the functions
 * below inside its own unit of work (version, audit, case.changed), and lists and search read them here.
 */

export interface TagDto {
  id: number;
  name: string;
  color: TagColor | null;
  curated: boolean;
}

const toDto = (row: { id: number; name: string; color: TagColor | null; curated: number }): TagDto => ({
  id: row.id,
  name: row.name,
  color: row.color,
  curated: row.curated === 1,
});

export async function onlyCuratedTags(db: DB): Promise<boolean> {
  const row = await db.selectFrom('tag_settings').select('only_curated').where('id', '=', 1).executeTakeFirst();
  return row?.only_curated === 1;
}

/** Every tag, curated first, by name; for admins with how many cases carry each. */
export async function listTags(db: DB, { withCounts }: { withCounts: boolean }) {
  const rows = await db
    .selectFrom('tags')
    .select(['id', 'name', 'color', 'curated'])
    .orderBy('curated', 'desc')
    .orderBy('name_key')
    .execute();
  const counts = withCounts
    ? new Map(
        (
          await db
            .selectFrom('case_tags')
            .select(['tag_id', (eb) => eb.fn.countAll<number | string>().as('cases')])
            .groupBy('tag_id')
            .execute()
        ).map((row) => [row.tag_id, Number(row.cases)]),
      )
    : null;
  return {
    tags: rows.map((row) => ({ ...toDto(row), ...(counts ? { cases: counts.get(row.id) ?? 0 } : {}) })),
    onlyCurated: await onlyCuratedTags(db),
  };
}

async function assertNameFree(db: DB, name: string, exceptId?: number) {
  const taken = await db.selectFrom('tags').select('id').where('name_key', '=', tagKey(name)).executeTakeFirst();
  if (taken && taken.id !== exceptId) throw new DomainError('tags.nameTaken', 'A tag with this name exists');
}

const caseIdsOfTag = (db: DB, tagId: number) =>
  db
    .selectFrom('case_tags')
    .select('case_id')
    .where('tag_id', '=', tagId)
    .execute()
    .then((rows) => rows.map((row) => row.case_id));

/** An admin adds a curated tag. */
export async function createTag(db: DB, actor: Actor, input: z.output<typeof createTagInput>) {
  return unitOfWork(db, actor, async (work) => {
    await assertNameFree(work.db, input.name);
    const { id } = await work.db
      .insertInto('tags')
      .values({
        name: input.name,
        name_key: tagKey(input.name),
        color: input.color,
        curated: 1,
        created_by_id: actor.id,
        created_at: Date.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await work.audit('tag.created', { entityId: id, details: { curated: true, color: input.color } });
    return { id };
  });
}

/** An admin renames or recolours a tag, or takes a free tag into the curated list (it then needs a colour). */
export async function updateTag(db: DB, actor: Actor, input: z.output<typeof updateTagInput>) {
  return unitOfWork(db, actor, async (work) => {
    const row = await work.db.selectFrom('tags').selectAll().where('id', '=', input.id).executeTakeFirst();
    if (!row) throw notFound('Tag');
    if (input.name !== undefined) await assertNameFree(work.db, input.name, row.id);
    const curated = input.curated ?? row.curated === 1;
    const color = input.color ?? row.color ?? (curated ? 'gray' : null);
    await work.db
      .updateTable('tags')
      .set({
        ...(input.name !== undefined ? { name: input.name, name_key: tagKey(input.name) } : {}),
        color,
        curated: curated ? 1 : 0,
      })
      .where('id', '=', row.id)
      .execute();
    await work.audit('tag.updated', {
      entityId: row.id,
      details: {
        renamed: input.name !== undefined && input.name !== row.name,
        ...(input.color !== undefined ? { color: input.color } : {}),
        ...(input.curated !== undefined ? { curated: input.curated } : {}),
      },
    });
    // Lists show the tag's name and colour on each case.
    const caseIds = await caseIdsOfTag(work.db, row.id);
    if (caseIds.length > 0) work.emit({ type: 'case.changed', caseIds });
    return { id: row.id };
  });
}

/** Merges one tag into another: its cases get the other tag (once), and the tag goes. */
export async function mergeTags(db: DB, actor: Actor, input: z.output<typeof mergeTagsInput>) {
  return unitOfWork(db, actor, async (work) => {
    const found = await work.db.selectFrom('tags').select('id').where('id', 'in', [input.tagId, input.intoTagId]).execute();
    if (found.length !== 2) throw notFound('Tag');
    const caseIds = await caseIdsOfTag(work.db, input.tagId);
    await sql`insert into case_tags (tag_id, case_id, created_at)
      select ${input.intoTagId}, case_id, created_at from case_tags where tag_id = ${input.tagId}
      on conflict (tag_id, case_id) do nothing`.execute(work.db);
    await work.db.deleteFrom('case_tags').where('tag_id', '=', input.tagId).execute();
    await work.db.deleteFrom('tags').where('id', '=', input.tagId).execute();
    await work.audit('tag.merged', { entityId: input.tagId, details: { targetId: input.intoTagId, cases: caseIds.length } });
    if (caseIds.length > 0) work.emit({ type: 'case.changed', caseIds });
    return { intoTagId: input.intoTagId, cases: caseIds.length };
  });
}

/** Deletes a tag: it comes off every case. */
export async function removeTag(db: DB, actor: Actor, id: number) {
  return unitOfWork(db, actor, async (work) => {
    const row = await work.db.selectFrom('tags').select('id').where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('Tag');
    const caseIds = await caseIdsOfTag(work.db, id);
    await work.db.deleteFrom('case_tags').where('tag_id', '=', id).execute();
    await work.db.deleteFrom('tags').where('id', '=', id).execute();
    await work.audit('tag.removed', { entityId: id, details: { cases: caseIds.length } });
    if (caseIds.length > 0) work.emit({ type: 'case.changed', caseIds });
    return { id };
  });
}

export async function setTagSettings(db: DB, actor: Actor, onlyCurated: boolean) {
  await unitOfWork(db, actor, async (work) => {
    await work.db
      .updateTable('tag_settings')
      .set({ only_curated: onlyCurated ? 1 : 0 })
      .where('id', '=', 1)
      .execute();
    await work.audit('tag.settingsChanged', { details: { onlyCurated } });
  });
  return { onlyCurated };
}

/**
 * The tags for names an agent gave (one per spelling, any case): existing ones as they are; a name the list does not
 * have becomes a free tag, unless only curated tags are allowed (then nothing is created and the change is refused).
 * Part of the caller's unit of work.
 */
export async function tagsForNames(work: Work, names: readonly string[]): Promise<TagDto[]> {
  const byKey = new Map(names.map((name) => [tagKey(name), name]));
  if (byKey.size === 0) return [];
  const existing = await work.db
    .selectFrom('tags')
    .select(['id', 'name', 'name_key', 'color', 'curated'])
    .where('name_key', 'in', [...byKey.keys()])
    .execute();
  const missing = [...byKey].filter(([key]) => !existing.some((row) => row.name_key === key));
  if (missing.length > 0 && (await onlyCuratedTags(work.db))) {
    throw new DomainError('tags.onlyCurated', 'Only curated tags may be used');
  }
  const created: TagDto[] = [];
  for (const [key, name] of missing) {
    // Two agents typing the same new tag at once: one inserts it, the other finds it.
    await work.db
      .insertInto('tags')
      .values({ name, name_key: key, color: null, curated: 0, created_by_id: work.actor.id, created_at: Date.now() })
      .onConflict((oc) => oc.column('name_key').doNothing())
      .execute();
    const row = await work.db
      .selectFrom('tags')
      .select(['id', 'name', 'color', 'curated'])
      .where('name_key', '=', key)
      .executeTakeFirstOrThrow();
    await work.audit('tag.created', { entityId: row.id, details: { curated: row.curated === 1 } });
    created.push(toDto(row));
  }
  return [...existing.map(toDto), ...created];
}

export async function findTag(db: DB, id: number): Promise<TagDto | undefined> {
  const row = await db.selectFrom('tags').select(['id', 'name', 'color', 'curated']).where('id', '=', id).executeTakeFirst();
  return row && toDto(row);
}

/** Tags by name (any case): the search's `tag:` filter. */
export async function tagIdsByNames(db: DB, names: readonly string[]): Promise<Map<string, number>> {
  const keys = [...new Set(names.map(tagKey))];
  if (keys.length === 0) return new Map();
  const rows = await db.selectFrom('tags').select(['id', 'name_key']).where('name_key', 'in', keys).execute();
  return new Map(rows.map((row) => [row.name_key, row.id]));
}

const tagsOfCaseIds = compiledQuery((db, { ids }: { ids: readonly number[] }) =>
  db
    .selectFrom('case_tags')
    .innerJoin('tags', 'tags.id', 'case_tags.tag_id')
    .select(['case_tags.case_id as caseId', 'tags.id', 'tags.name', 'tags.color', 'tags.curated'])
    .where('case_tags.case_id', 'in', ids),
);

/** Each case's tags (curated first, then by name), read through (case_id, tag_id) for a page of cases. */
export async function tagsOfCases(db: DB, caseIds: readonly number[]): Promise<Map<number, TagDto[]>> {
  const result = new Map<number, TagDto[]>();
  if (caseIds.length === 0) return result;
  const rows = await tagsOfCaseIds(db, { ids: [...new Set(caseIds)] });
  rows.sort((a, b) => b.curated - a.curated || a.name.localeCompare(b.name, 'de'));
  for (const { caseId, ...tag } of rows) {
    const list = result.get(caseId) ?? [];
    list.push(toDto(tag));
    result.set(caseId, list);
  }
  return result;
}

/**
 * Sets the tags of cases inside the caller's unit of work: adds `add` (kept once) and takes off `remove`. Refuses a
 * case that would carry more than MAX_TAGS_PER_CASE. Returns per case what was added and removed.
 */
export async function changeCaseTags(
  work: Work,
  caseIds: readonly number[],
  change: { add: readonly number[]; remove: readonly number[] },
): Promise<Map<number, { added: number[]; removed: number[] }>> {
  const before = await work.db.selectFrom('case_tags').select(['case_id', 'tag_id']).where('case_id', 'in', caseIds).execute();
  const has = new Map<number, Set<number>>(caseIds.map((id) => [id, new Set()]));
  for (const row of before) has.get(row.case_id)?.add(row.tag_id);
  const now = Date.now();
  const result = new Map<number, { added: number[]; removed: number[] }>();
  const inserts: { tag_id: number; case_id: number; created_at: number }[] = [];
  for (const caseId of caseIds) {
    const current = has.get(caseId)!;
    const added = [...new Set(change.add)].filter((id) => !current.has(id));
    const removed = [...new Set(change.remove)].filter((id) => current.has(id) && !change.add.includes(id));
    if (current.size + added.length - removed.length > MAX_TAGS_PER_CASE) {
      throw new DomainError('tags.tooMany', `A case carries at most ${MAX_TAGS_PER_CASE} tags`);
    }
    for (const tagId of added) inserts.push({ tag_id: tagId, case_id: caseId, created_at: now });
    result.set(caseId, { added, removed });
  }
  for (let i = 0; i < inserts.length; i += 500) {
    await work.db
      .insertInto('case_tags')
      .values(inserts.slice(i, i + 500))
      .execute();
  }
  if (change.remove.length > 0) {
    await work.db
      .deleteFrom('case_tags')
      .where('case_id', 'in', caseIds)
      .where('tag_id', 'in', change.remove.filter((id) => !change.add.includes(id)).concat([-1]))
      .execute();
  }
  return result;
}

/**
 * How many of a tag's cases there are, counted up to `bound` in the (tag_id, case_id) key: the inbox decides by it
 * whether to seek a rare tag's cases or read the view's index and keep the tagged rows.
 */
export async function tagCaseCountUpTo(db: DB, tagId: number, bound: number): Promise<number> {
  const row = await db
    .selectFrom((eb) => eb.selectFrom('case_tags').select('case_id').where('tag_id', '=', tagId).limit(bound).as('tagged'))
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Cases per tag opened in the range (not merged away), most used first: the statistics page's panel. Team leads see
 * their own teams' cases (the statistics' rule); supervisors the curated tags only (a free tag is typed text).
 */
export async function tagStatistics(db: DB, user: SessionUser, input: z.output<typeof tagStatisticsInput>) {
  const { start, end } = berlinDayRange(input.from, input.to);
  const teamIds = teamScope(user, input.teamId);
  let query = db
    .selectFrom('case_tags')
    .innerJoin('cases', 'cases.id', 'case_tags.case_id')
    .innerJoin('tags', 'tags.id', 'case_tags.tag_id')
    .select(['tags.id', 'tags.name', 'tags.color', 'tags.curated', (eb) => eb.fn.countAll<number | string>().as('cases')])
    .where('cases.created_at', '>=', start!)
    .where('cases.created_at', '<', end!)
    .where('cases.merged_into_id', 'is', null);
  if (teamIds) query = query.where('cases.team_id', 'in', teamIds.length > 0 ? teamIds : [-1]);
  // Supervisors get figures without free text (issue 8): the admins' curated tags only, not names agents typed.
  if (user.role === 'supervisor') query = query.where('tags.curated', '=', 1);
  const rows = await query
    .groupBy(['tags.id', 'tags.name', 'tags.color', 'tags.curated'])
    .orderBy('cases', 'desc')
    .orderBy('tags.name')
    .limit(50)
    .execute();
  return rows.map((row) => ({ ...toDto(row), cases: Number(row.cases) }));
}

/** A merged case's tags go to the case it was merged into (each once). Part of the merge's unit of work. */
export async function copyCaseTags(work: Work, fromCaseId: number, toCaseId: number): Promise<void> {
  await sql`insert into case_tags (tag_id, case_id, created_at)
    select tag_id, ${toCaseId}, created_at from case_tags where case_id = ${fromCaseId}
    on conflict (tag_id, case_id) do nothing`.execute(work.db);
}
