import { CASE_VIEWS, caseListInput, idSchema, OPEN_CASE_STATUSES, SOON_DUE_HOURS, VIEW_COUNT_CAP } from '@anliegen/shared';
import { type Expression, sql, type RawBuilder, type SqlBool } from 'kysely';
import type { z } from 'zod';
import { compiledQuery } from '../../db/compiled-query.js';
import type { DB } from '../../db/database.js';
import { type DialectName, dialectOf } from '../../db/dialect.js';
import type { SessionUser } from '../../trpc/context.js';
import { now as clockNow } from '../../domain/clock.js';
import { DomainError } from '../../domain/domain-error.js';
import { type CaseAccess, visibleCases } from './case-access.js';
import { tagCaseCountUpTo, tagsOfCases } from '../tags/tags.service.js';
import { filterOnly, filterOnlyCondition, notMerged, OPEN_CASE } from './case-conditions.js';
import { type LastMessageFacts, lastMessagesOf } from './last-message.service.js';

type ListInput = z.output<typeof caseListInput>;
const NO_LAST_MESSAGE: LastMessageFacts = { lastMessage: null, waitingSince: null };
type CaseView = (typeof CASE_VIEWS)[number];
type SortValue = number | string;

/**
 * Keyset cursors: the sort, its value and the id of the last row shown, opaque to the client. A cursor is only
 * valid for the sort that made it, with a value of that sort's type.
 */
function encodeCursor(sort: ListInput['sort'], value: SortValue, id: number): string {
  return Buffer.from(JSON.stringify([sort, value, id])).toString('base64url');
}

function decodeCursor(cursor: string, sort: ListInput['sort']): [SortValue, number] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const valueType = sort === 'reference' ? 'string' : 'number';
    if (
      Array.isArray(parsed) &&
      parsed.length === 3 &&
      parsed[0] === sort &&
      typeof parsed[1] === valueType &&
      // Values the columns can hold (a forged cursor must not reach the database as a 500; bad-input.property.test.ts).
      (typeof parsed[1] === 'string'
        ? !parsed[1].includes('\u0000')
        : Number.isSafeInteger(parsed[1]) && (sort !== 'priority' || Math.abs(parsed[1]) <= 3)) &&
      idSchema.safeParse(parsed[2]).success
    ) {
      return [parsed[1] as SortValue, parsed[2] as number];
    }
  } catch {
    // fall through
  }
  throw new DomainError('input.invalid', 'Invalid page cursor');
}

const SORT_EXPRESSIONS: Record<ListInput['sort'], RawBuilder<SortValue>> = {
  updated: sql<number>`cases.updated_at`,
  created: sql<number>`cases.created_at`,
  reference: sql<string>`cases.reference`,
  priority: sql<number>`cases.priority_rank`,
};
/** References are unique: their order needs no tie-break by id (and the unique index delivers it on its own). */
const needsTieBreak = (sort: ListInput['sort']) => sort !== 'reference';

/** Cases as lists show them (inbox, search results): the case with its citizen, team, assignee and category. */
export function caseRows(db: DB) {
  return db
    .selectFrom('cases')
    .innerJoin('citizens', 'citizens.id', 'cases.citizen_id')
    .leftJoin('teams', 'teams.id', 'cases.team_id')
    .leftJoin('users', 'users.id', 'cases.assignee_id')
    .leftJoin('categories', 'categories.id', 'cases.category_id')
    .select([
      'cases.id',
      'cases.reference',
      'cases.subject',
      'cases.status',
      'cases.priority',
      'cases.origin_channel as originChannel',
      'cases.created_at as createdAt',
      'cases.updated_at as updatedAt',
      'cases.resolution_due_at as resolutionDueAt',
      'cases.next_due_at as nextDueAt',
      'cases.sla_paused_at as slaPausedAt',
      // A resolved or closed case says when, instead of a target it no longer has to meet (issue 16).
      'cases.resolved_at as resolvedAt',
      // A follow-up date: "all" lists the cases that wait for one, the other views leave them out until it comes.
      'cases.follow_up_at as followUpAt',
      'cases.citizen_id as citizenId',
      'citizens.display_name as citizenName',
      'cases.team_id as teamId',
      'teams.name as teamName',
      'cases.assignee_id as assigneeId',
      'users.display_name as assigneeName',
      'categories.name as categoryName',
    ]);
}

/** What makes one inbox query differ from another in SQL rather than in values (see compiledQuery). */
function listShape(access: CaseAccess, input: ListInput, tagMode: TagMode) {
  return {
    mode: access.mode,
    view: input.view,
    sort: input.sort,
    order: input.order,
    due: input.due,
    paged: Boolean(input.cursor),
    status: Boolean(input.status),
    openStatus: input.status !== undefined && OPEN_CASE_STATUSES.includes(input.status),
    channel: Boolean(input.channel),
    teamId: Boolean(input.teamId),
    priority: Boolean(input.priority),
    categoryId: Boolean(input.categoryId),
    tag: tagMode,
  };
}

interface ListValues {
  userId: number;
  /** Who may see which cases (visibleCases), as values. */
  accessUserId: number;
  accessTeamIds: readonly number[];
  /** The user's teams, or an impossible id without teams (keeps the query shape without special-casing). */
  teamIds: readonly number[];
  status: ListInput['status'];
  channel: ListInput['channel'];
  teamId: ListInput['teamId'];
  priority: ListInput['priority'];
  categoryId: ListInput['categoryId'];
  tagId: number;
  now: number;
  soonUntil: number;
  afterValue: SortValue;
  afterId: number;
  limit: number;
}

/**
 * A tag filter reads one of two ways, by how many cases carry the tag (counted up to TAG_SEEK_MAX in its key): a rare
 * tag's cases are sought in (tag_id, case_id) and sorted (at most TAG_SEEK_MAX rows, like "due soon"); a common tag
 * is a condition on the rows read in the view's index ("has this tag", one lookup in (case_id, tag_id) per row),
 * which fills a page after a few rows per tagged case.
 */
type TagMode = 'none' | 'seek' | 'filter';
export const TAG_SEEK_MAX = 1000;

type ListShape = ReturnType<typeof listShape>;

/** What the view and its filters ask of a case, as conditions joined by "and" (the list and the counts share them). */
function viewConditions(dialect: DialectName, values: ListValues, shape: Omit<ListShape, 'sort' | 'order' | 'paged'>) {
  const only = (column: string) => filterOnly(dialect, column);
  const visible = visibleCases({ mode: shape.mode, userId: values.accessUserId, teamIds: values.accessTeamIds });
  const conditions: Expression<SqlBool>[] = [notMerged(dialect), filterOnlyCondition(dialect, visible)];
  const where = (condition: Expression<SqlBool>) => conditions.push(condition);
  // A case waiting for its follow-up date is out of the working views until the date has come: a filter on the rows
  // read in the sort's index (the few cases with a date have an index of their own, for the follow-up job only).
  const noFollowUpYet = filterOnlyCondition(
    dialect,
    sql<SqlBool>`(${only('cases.follow_up_at')} is null or ${only('cases.follow_up_at')} <= ${values.now})`,
  );
  switch (shape.view) {
    case 'mine':
      where(sql<SqlBool>`${sql.ref('cases.assignee_id')} = ${values.userId}`);
      where(OPEN_CASE);
      where(noFollowUpYet);
      break;
    case 'team_unassigned':
      where(sql<SqlBool>`${only('cases.team_id')} in (${sql.join(values.teamIds)})`);
      where(sql<SqlBool>`${sql.ref('cases.assignee_id')} is null`);
      where(OPEN_CASE);
      where(noFollowUpYet);
      break;
    case 'open':
      where(OPEN_CASE);
      where(noFollowUpYet);
      break;
    case 'all':
      break;
  }
  if (shape.status) {
    where(sql<SqlBool>`${only('cases.status')} = ${values.status}`);
    // An open status is read through the open cases' index.
    if (shape.openStatus) where(OPEN_CASE);
  }
  if (shape.channel) where(sql<SqlBool>`${only('cases.origin_channel')} = ${values.channel}`);
  if (shape.teamId) where(sql<SqlBool>`${only('cases.team_id')} = ${values.teamId}`);
  if (shape.priority) where(sql<SqlBool>`${only('cases.priority')} = ${values.priority}`);
  if (shape.categoryId) where(sql<SqlBool>`${only('cases.category_id')} = ${values.categoryId}`);
  if (shape.tag === 'seek') {
    where(sql<SqlBool>`cases.id in (select case_tags.case_id from case_tags where case_tags.tag_id = ${values.tagId})`);
  } else if (shape.tag === 'filter') {
    where(
      filterOnlyCondition(
        dialect,
        sql<SqlBool>`exists (select 1 from case_tags where case_tags.case_id = cases.id and case_tags.tag_id = ${values.tagId})`,
      ),
    );
  }
  if (shape.due) {
    // A paused clock (waiting for the citizen) is neither overdue nor due soon. "Soon" is a short window: its few
    // cases are sought by their target and sorted; "overdue" can be thousands, read in the sort's order instead.
    where(OPEN_CASE);
    where(sql<SqlBool>`${only('cases.sla_paused_at')} is null`);
    if (shape.due === 'overdue') where(sql<SqlBool>`${only('cases.next_due_at')} < ${values.now}`);
    else {
      where(sql<SqlBool>`${sql.ref('cases.next_due_at')} >= ${values.now}`);
      where(sql<SqlBool>`${sql.ref('cases.next_due_at')} < ${values.soonUntil}`);
    }
  }
  return conditions;
}

const inboxQuery = compiledQuery(
  (db, values: ListValues, shape: ListShape) => {
    const dialect = dialectOf(db);
    const sortExpression = SORT_EXPRESSIONS[shape.sort];
    let query = caseRows(db)
      .select(sortExpression.as('sortValue'))
      .where(sql<SqlBool>`${sql.join(viewConditions(dialect, values, shape), sql` and `)}`);
    const tieBreak = needsTieBreak(shape.sort);
    if (shape.paged) {
      const comparison = sql.raw(shape.order === 'desc' ? '<' : '>');
      query = query.where(
        tieBreak
          ? sql<SqlBool>`(${sortExpression}, cases.id) ${comparison} (${values.afterValue}, ${values.afterId})`
          : sql<SqlBool>`${sortExpression} ${comparison} ${values.afterValue}`,
      );
    }
    query = query.orderBy(sortExpression, shape.order);
    return (tieBreak ? query.orderBy('cases.id', shape.order) : query).limit(values.limit);
  },
  (shape) => Object.values(shape).join('|'),
);

/**
 * The agent inbox: one of four views (mine, my teams' unassigned, all open, all), filters, a sort, and keyset
 * pagination, which stays as fast on page 1,000 as on page 1 (no OFFSET). "All" means all the caseworker may see;
 * the other three leave out cases waiting for a follow-up date that has not come yet.
 */
export async function listCases(
  db: DB,
  user: SessionUser,
  access: CaseAccess,
  input: ListInput,
  options = { tagSeekMax: TAG_SEEK_MAX },
) {
  const [afterValue, afterId] = input.cursor ? decodeCursor(input.cursor, input.sort) : [0, 0];
  // A closed or resolved status in a view of open cases (or with a due filter) finds nothing: no need to ask.
  const openOnly = input.view !== 'all' || input.due !== undefined;
  if (input.status && openOnly && !OPEN_CASE_STATUSES.includes(input.status)) return { items: [], nextCursor: null };
  let tagMode: TagMode = 'none';
  if (input.tagId !== undefined) {
    const tagged = await tagCaseCountUpTo(db, input.tagId, options.tagSeekMax + 1);
    if (tagged === 0) return { items: [], nextCursor: null };
    tagMode = tagged <= options.tagSeekMax ? 'seek' : 'filter';
  }
  const rows = await inboxQuery(
    db,
    { ...listValues(user, access, input), afterValue, afterId, limit: input.limit + 1 },
    listShape(access, input, tagMode),
  );

  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  const tags = await tagsOfCases(
    db,
    page.map((row) => row.id),
  );
  const messages = await lastMessagesOf(db, page);
  return {
    items: page.map(({ sortValue: _sortValue, ...row }) => ({
      ...row,
      tags: tags.get(row.id) ?? [],
      ...(messages.get(row.id) ?? NO_LAST_MESSAGE),
    })),
    nextCursor: rows.length > input.limit && last ? encodeCursor(input.sort, last.sortValue, last.id) : null,
  };
}

/** The values of a list query but its page (cursor and size). */
function listValues(user: SessionUser, access: CaseAccess, input: Omit<ListInput, 'sort' | 'order' | 'limit'>) {
  const teamIds = user.teams.map((team) => team.id);
  // The server's clock: an end-to-end test moves it to see a follow-up come back (domain/clock.ts).
  const now = clockNow();
  return {
    userId: user.id,
    accessUserId: access.userId,
    accessTeamIds: access.teamIds,
    teamIds: teamIds.length > 0 ? teamIds : [-1],
    status: input.status,
    channel: input.channel,
    teamId: input.teamId,
    priority: input.priority,
    categoryId: input.categoryId,
    tagId: input.tagId ?? 0,
    now,
    soonUntil: now + SOON_DUE_HOURS * 3_600_000,
  };
}

/**
 * The first VIEW_COUNT_CAP cases of a view, counted in the order its list reads them (last update, newest first):
 * the same index and conditions as the list, stopping at the cap, so a count costs about what a page of that many
 * rows does, whatever the table's size.
 */
const viewCountQuery = compiledQuery(
  (db, values: ListValues, shape: ListShape) => {
    const dialect = dialectOf(db);
    const counted = db
      .selectFrom('cases')
      .select('cases.id')
      .where(sql<SqlBool>`${sql.join(viewConditions(dialect, values, shape), sql` and `)}`)
      .orderBy(SORT_EXPRESSIONS.updated, 'desc')
      .orderBy('cases.id', 'desc')
      .limit(values.limit);
    return db.selectFrom(counted.as('counted')).select((eb) => eb.fn.countAll<number | string>().as('n'));
  },
  (shape) => Object.values(shape).join('|'),
);

/**
 * How many cases each inbox view holds (without the filters: what the view tab names), each counted up to
 * VIEW_COUNT_CAP ("999+" beyond). Counts only, no personal data: not an audited read.
 */
export async function viewCounts(db: DB, user: SessionUser, access: CaseAccess): Promise<Record<CaseView, number>> {
  const input = caseListInput.parse({});
  const values = { ...listValues(user, access, input), afterValue: 0, afterId: 0, limit: VIEW_COUNT_CAP };
  const counts = {} as Record<CaseView, number>;
  for (const view of CASE_VIEWS) {
    const [row] = await viewCountQuery(db, values, listShape(access, { ...input, view }, 'none'));
    counts[view] = Number(row?.n ?? 0);
  }
  return counts;
}
