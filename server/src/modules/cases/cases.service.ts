import {
  berlinYear,
  formatCaseReference,
  OPEN_CASE_STATUSES,
  type CaseStatus,
  type createCaseInput,
  type linkCasesInput,
  type updateCaseInput,
} from '@anliegen/shared';
import type { Updateable } from 'kysely';
import type { z } from 'zod';
import { pickAssignee, type RoutingFacts, routeToTeam } from '../routing/routing.service.js';
import { businessMinutesSince, dueDates, slaOnStatusChange } from '../sla/sla.service.js';
import { compiledQuery } from '../../db/compiled-query.js';
import type { DB } from '../../db/database.js';
import type { CasesTable } from '../../db/schema.js';
import { DomainError, notFound } from '../../domain/domain-error.js';
import { assertReferencesExist } from '../../domain/assert-references-exist.js';
import { unitOfWork, type Work } from '../../domain/unit-of-work.js';
import { assignableCaseworker, type CaseAccess, mayAccessCase } from './case-access.js';
import { followUpAtFor } from './follow-up.service.js';
import { resolveCitizenRow } from '../citizens/citizens.service.js';
import { insertInteraction, timelineOfCase } from './interactions.repo.js';
import { toTimelineItems } from './timeline.dto.js';
import { tagsOfCases } from '../tags/tags.service.js';
import { caseSurvey } from '../feedback/feedback.service.js';
import {
  findCaseRow,
  findCaseRowByReference,
  insertCase,
  linkedCases,
  nextReferenceSerial,
  updateCaseIfVersion,
} from './cases.repo.js';
import type { Actor } from '../../domain/actor.js';

type CaseRow = NonNullable<Awaited<ReturnType<typeof findCaseRow>>>;

/** Merged cases are followed to the case they were merged into. */
async function resolveCase(db: DB, row: CaseRow | undefined) {
  const requested = row;
  for (let hops = 0; row?.merged_into_id != null && hops < 10; hops++) row = await findCaseRow(db, row.merged_into_id);
  if (!row || row.merged_into_id != null) throw notFound('Case');
  return { row, redirectedFrom: requested && requested.id !== row.id ? requested.reference : null };
}

export const resolveCaseById = async (db: DB, id: number) => resolveCase(db, await findCaseRow(db, id));

/** The team a new case goes to: the one chosen, else the category's default team. */
async function teamFor(db: DB, teamId: number | null | undefined, categoryId: number | null | undefined) {
  await assertReferencesExist(db, { teamId, categoryId });
  if (teamId) return teamId;
  if (!categoryId) return null;
  const category = await db.selectFrom('categories').select('default_team_id').where('id', '=', categoryId).executeTakeFirst();
  return category?.default_team_id ?? null;
}

export interface NewCase {
  citizenId: number;
  subject: string;
  categoryId?: number | null | undefined;
  teamId?: number | null | undefined;
  priority: CasesTable['priority'];
  originChannel: CasesTable['origin_channel'];
  status: CaseStatus;
  assigneeId: number | null;
  createdById: number | null;
  now: number;
  /**
   * When the matter began, if before `now` (a message moved out of another case into a case of its own): the case's
   * creation time and the start of its SLA clock. The reference's year is still `now`'s.
   */
  startedAt?: number;
  /** For cases that arrive by themselves: the admin's routing rules pick the team when none is given. */
  routing?: RoutingFacts;
}

/**
 * Inserts a case with the next reference of its year, in the caller's unit of work: its team (given, by routing
 * rule, or the category's), its agent (given, or by the team's automatic assignment, who is then notified) and
 * its SLA due times.
 */
export async function insertNewCase(work: Work, c: NewCase): Promise<{ id: number; reference: string }> {
  const trx = work.db;
  const year = berlinYear(c.now);
  const reference = formatCaseReference(year, await nextReferenceSerial(trx, year));
  const teamId = await teamFor(trx, c.teamId ?? (c.routing ? await routeToTeam(trx, c.routing) : null), c.categoryId);
  const autoAssignedTo = c.assigneeId === null && teamId !== null ? await pickAssignee(trx, teamId) : null;
  const id = await insertCase(trx, {
    reference,
    citizen_id: c.citizenId,
    subject: c.subject,
    status: c.status,
    priority: c.priority,
    category_id: c.categoryId ?? null,
    team_id: teamId,
    assignee_id: c.assigneeId ?? autoAssignedTo,
    origin_channel: c.originChannel,
    created_by_id: c.createdById,
    merged_into_id: null,
    created_at: c.startedAt ?? c.now,
    updated_at: c.now,
    version: 1,
    ...(await dueDates(trx, { priority: c.priority, categoryId: c.categoryId ?? null, teamId, since: c.startedAt ?? c.now })),
  });
  work.emit({ type: 'case.opened', caseId: id, citizenId: c.citizenId });
  if (autoAssignedTo !== null) work.emit({ type: 'case.assigned', caseId: id, assigneeId: autoAssignedTo, byId: null });
  return { id, reference };
}

/** An agent opens a case for a citizen with the first message as it reached them; the case is theirs. */
export async function createCase(db: DB, actor: Actor & { id: number }, input: z.output<typeof createCaseInput>) {
  const { row: citizen } = await resolveCitizenRow(db, input.citizenId);
  const now = Date.now();
  return unitOfWork(db, actor, async (work) => {
    const created = await insertNewCase(work, {
      citizenId: citizen.id,
      subject: input.subject,
      categoryId: input.categoryId,
      teamId: input.teamId,
      priority: input.priority,
      originChannel: input.channel,
      status: 'open',
      assigneeId: actor.id,
      createdById: actor.id,
      now,
    });
    await insertInteraction(work.db, {
      case_id: created.id,
      citizen_id: citizen.id,
      channel: input.channel,
      direction: 'inbound',
      author_id: actor.id,
      subject: input.channel === 'email' || input.channel === 'webform' ? input.subject : null,
      text: input.text,
      html_sanitized: null,
      occurred_at: now,
      duration_seconds: input.durationSeconds ?? null,
      external_message_id: null,
      delivery_status: null,
      metadata: null,
      created_at: now,
    });
    await work.audit('case.created', { entityId: created.id, details: { channel: input.channel, citizenId: citizen.id } });
    return created;
  });
}

/** Names of who and what a case refers to; the citizen is always there, the others may be null. */
const caseNames = compiledQuery(
  (db, ids: { citizenId: number; teamId: number | null; assigneeId: number | null; categoryId: number | null }) =>
    db
      .selectFrom('citizens')
      .leftJoin('teams', (join) => join.on('teams.id', '=', ids.teamId))
      .leftJoin('users', (join) => join.on('users.id', '=', ids.assigneeId))
      .leftJoin('categories', (join) => join.on('categories.id', '=', ids.categoryId))
      .select([
        'citizens.display_name as citizenName',
        'citizens.unverified as citizenUnverified',
        'teams.name as teamName',
        'teams.email_address as teamEmail',
        'teams.email_signature as teamSignature',
        'users.display_name as assigneeName',
        'categories.name as categoryName',
      ])
      .where('citizens.id', '=', ids.citizenId),
);
const mergedInto = compiledQuery((db, { caseId }: { caseId: number }) =>
  db.selectFrom('cases').select(['id', 'reference']).where('merged_into_id', '=', caseId).orderBy('id'),
);

/**
 * Everything the case view shows except the citizen panel: the case, its links and the whole timeline. A case the
 * caseworker may not open is "not found"; a linked one shows its reference, status and team, not its subject.
 */
export async function caseDetail(db: DB, access: CaseAccess, lookup: { reference: string } | { id: number }) {
  const found = 'reference' in lookup ? await findCaseRowByReference(db, lookup.reference) : await findCaseRow(db, lookup.id);
  const { row, redirectedFrom } = await resolveCase(db, found);
  if (!mayAccessCase(access, row)) throw notFound('Case');
  const [[names], links, mergedFrom, timeline, tags, survey] = await Promise.all([
    caseNames(db, { citizenId: row.citizen_id, teamId: row.team_id, assigneeId: row.assignee_id, categoryId: row.category_id }),
    linkedCases(db, row.id),
    mergedInto(db, { caseId: row.id }),
    timelineOfCase(db, row.id, 'asc'),
    tagsOfCases(db, [row.id]),
    caseSurvey(db, row.id),
  ]);
  // The citizen is a foreign key: a case without one is a broken database, not a request to answer.
  if (!names) throw new Error(`Case ${row.id} has no citizen ${row.citizen_id}`);
  return {
    case: {
      id: row.id,
      reference: row.reference,
      subject: row.subject,
      status: row.status,
      priority: row.priority,
      originChannel: row.origin_channel,
      version: row.version,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      firstResponseAt: row.first_response_at,
      resolvedAt: row.resolved_at,
      closedAt: row.closed_at,
      firstResponseDueAt: row.first_response_due_at,
      resolutionDueAt: row.resolution_due_at,
      slaPausedAt: row.sla_paused_at,
      /** The follow-up date (midnight in Berlin on its day); null when the case waits for nothing. */
      followUpAt: row.follow_up_at,
      citizen: { id: row.citizen_id, displayName: names.citizenName, unverified: names.citizenUnverified === 1 },
      // The signature (with placeholders) is appended to the team's email replies; the reply box shows it.
      team:
        row.team_id !== null && names.teamName !== null
          ? { id: row.team_id, name: names.teamName, emailAddress: names.teamEmail, signature: names.teamSignature }
          : null,
      assignee:
        row.assignee_id !== null && names.assigneeName !== null ? { id: row.assignee_id, displayName: names.assigneeName } : null,
      category:
        row.category_id !== null && names.categoryName !== null ? { id: row.category_id, name: names.categoryName } : null,
    },
    links: links.map(({ team_id, assignee_id, subject, ...link }) =>
      mayAccessCase(access, { team_id, assignee_id })
        ? { ...link, restricted: false as const, subject }
        : { ...link, restricted: true as const },
    ),
    mergedFrom,
    /** The case's tags (issue 16), curated first. */
    tags: tags.get(row.id) ?? [],
    timeline: await toTimelineItems(db, timeline),
    /** The citizen's feedback (issue 18): whether the case asks, its invitation, the answer (shown in the timeline). */
    survey,
    redirectedFrom,
  };
}
export type CaseDetail = Awaited<ReturnType<typeof caseDetail>>;

/**
 * What follows a status change: resolved/closed times, and the SLA clock (paused while waiting for the citizen,
 * due times moved by the paused business time when it resumes).
 */
export async function statusChanges(db: DB, from: CaseRow, to: CaseStatus, now: number): Promise<Updateable<CasesTable>> {
  if (to === from.status) return {};
  const reopened = OPEN_CASE_STATUSES.includes(to);
  const resolvesNow = (to === 'resolved' || to === 'closed') && from.resolved_at === null;
  return {
    status: to,
    resolved_at: to === 'resolved' || to === 'closed' ? (from.resolved_at ?? now) : reopened ? null : from.resolved_at,
    // Statistics: business minutes to resolution, set and cleared with resolved_at.
    ...(resolvesNow ? { resolution_minutes: await businessMinutesSince(db, from.team_id, from.created_at, now) } : {}),
    ...(reopened ? { resolution_minutes: null } : {}),
    closed_at: to === 'closed' ? now : reopened ? null : from.closed_at,
    // A finished case waits for nothing: its follow-up date goes.
    ...(!reopened && from.follow_up_at !== null ? { follow_up_at: null } : {}),
    ...(await slaOnStatusChange(db, from, to, now)),
  };
}

/**
 * What a status change (`statusChanges`' result, as saved) tells the rest of the app beyond the case's own
 * `case.changed`: a case that became resolved (`case.resolved`: the survey, modules/feedback). Every path that saves a
 * status change calls it in its unit of work.
 */
export function announceStatus(work: Work, caseId: number, saved: Updateable<CasesTable>): void {
  if (saved.status === 'resolved') work.emit({ type: 'case.resolved', caseIds: [caseId] });
}

/**
 * Saves an agent's edit if nobody else saved the case since they loaded it. Otherwise: a conflict, and nothing
 * changes; the client keeps the agent's input and shows the newer state.
 */
export async function updateCase(db: DB, actor: Actor, access: CaseAccess, input: z.output<typeof updateCaseInput>) {
  const row = await findCaseRow(db, input.id);
  if (!row) throw notFound('Case');
  if (row.merged_into_id !== null) throw new DomainError('cases.merged', 'This case was merged into another one');
  await assertReferencesExist(db, input);
  if (input.assigneeId !== undefined && input.assigneeId !== null) {
    await assignableCaseworker(db, access.mode, input.assigneeId, [input.teamId !== undefined ? input.teamId : row.team_id]);
  }
  const now = Date.now();
  const changes: Updateable<CasesTable> = {
    ...(input.subject !== undefined ? { subject: input.subject } : {}),
    ...(input.priority !== undefined ? { priority: input.priority } : {}),
    ...(input.categoryId !== undefined ? { category_id: input.categoryId } : {}),
    ...(input.teamId !== undefined ? { team_id: input.teamId } : {}),
    ...(input.assigneeId !== undefined ? { assignee_id: input.assigneeId } : {}),
    ...(input.status !== undefined ? await statusChanges(db, row, input.status, now) : {}),
    ...(input.followUpOn !== undefined ? { follow_up_at: followUpAtFor(input.followUpOn, input.status ?? row.status) } : {}),
    updated_at: now,
  };
  // New targets when what they depend on changes (counted from the case's creation).
  if (input.priority !== undefined || input.categoryId !== undefined || input.teamId !== undefined) {
    Object.assign(
      changes,
      await dueDates(db, {
        priority: input.priority ?? row.priority,
        categoryId: input.categoryId !== undefined ? input.categoryId : row.category_id,
        teamId: input.teamId !== undefined ? input.teamId : row.team_id,
        since: row.created_at,
      }),
    );
  }
  await unitOfWork(db, actor, async (work) => {
    if (!(await updateCaseIfVersion(work.db, row.id, input.version, changes))) {
      throw new DomainError('conflict.staleVersion', 'Someone else changed this case meanwhile');
    }
    const { id: _id, version: _version, subject, followUpOn, ...fields } = input;
    // Ids and states, not the subject's text; the follow-up date as the instant it starts.
    await work.audit('case.updated', {
      entityId: row.id,
      details: {
        ...fields,
        ...(subject !== undefined ? { subjectChanged: true } : {}),
        ...(followUpOn !== undefined ? { followUpAt: changes.follow_up_at ?? null } : {}),
        fromStatus: row.status,
      },
    });
    work.emit({ type: 'case.changed', caseIds: [row.id] });
    announceStatus(work, row.id, changes);
    if (input.assigneeId != null && input.assigneeId !== row.assignee_id) {
      work.emit({ type: 'case.assigned', caseId: row.id, assigneeId: input.assigneeId, byId: actor.id });
    }
  });
  return {
    version: input.version + 1,
    // Moved to another team (CASE_ACCESS=team): the editor can no longer open it; the client says so.
    accessible: mayAccessCase(access, {
      team_id: input.teamId !== undefined ? input.teamId : row.team_id,
      assignee_id: input.assigneeId !== undefined ? input.assigneeId : row.assignee_id,
    }),
  };
}

export async function linkCases(db: DB, actor: Actor, input: z.output<typeof linkCasesInput>) {
  const [a, b] = await Promise.all([findCaseRow(db, input.caseId), findCaseRow(db, input.relatedCaseId)]);
  if (!a || !b) throw notFound('Case');
  const [low, high] = a.id < b.id ? [a.id, b.id] : [b.id, a.id];
  await unitOfWork(db, actor, async (work) => {
    await work.db
      .insertInto('case_links')
      .values({ case_id: low, related_case_id: high, created_at: Date.now() })
      .onConflict((oc) => oc.columns(['case_id', 'related_case_id']).doNothing())
      .execute();
    await work.audit('case.linked', { entityId: a.id, details: { relatedCaseId: b.id } });
    work.emit({ type: 'case.changed', caseIds: [a.id, b.id] });
  });
}

export async function unlinkCases(db: DB, actor: Actor, input: z.output<typeof linkCasesInput>) {
  const [low, high] =
    input.caseId < input.relatedCaseId ? [input.caseId, input.relatedCaseId] : [input.relatedCaseId, input.caseId];
  await unitOfWork(db, actor, async (work) => {
    await work.db.deleteFrom('case_links').where('case_id', '=', low).where('related_case_id', '=', high).execute();
    await work.audit('case.unlinked', { entityId: input.caseId, details: { relatedCaseId: input.relatedCaseId } });
    work.emit({ type: 'case.changed', caseIds: [input.caseId, input.relatedCaseId] });
  });
}

// For the other channels into a case (intake, reassignment notes) and a citizen's history: the cases module's
// repositories stay its own.
export { touchCase } from './cases.repo.js';
export { insertAttachments, insertInteraction, timelineOfCitizen } from './interactions.repo.js';
