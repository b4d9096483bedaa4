import type { createCannedResponseInput, updateCannedResponseInput } from '@anliegen/shared';
import type { z } from 'zod';
import type { DB } from '../../db/database.js';
import type { SessionUser } from '../../trpc/context.js';
import { DomainError, notFound } from '../../domain/domain-error.js';
import { assertReferencesExist } from '../../domain/assert-references-exist.js';
import { unitOfWork } from '../../domain/unit-of-work.js';
import {
  type CannedResponseScope,
  deleteCannedResponse,
  findCannedResponseById,
  insertCannedResponse,
  listCannedResponses,
  updateCannedResponse,
} from './canned-responses.repo.js';
import { actorOf } from '../../domain/actor.js';

/** The caller as the rules below need them: role, teams (from the session) and where the request came from. */
export interface CannedResponseCaller {
  user: Pick<SessionUser, 'id' | 'role' | 'teams'>;
  ip: string | null;
}

/**
 * Who may read what:
 * - admins read every response (they manage them all and handle no cases themselves);
 * - caseworkers (agents and team leads) read the responses for every team plus those of their own teams: what they
 *   can insert in a reply. A team lead manages exactly the responses of their own teams, so the management page
 *   needs nothing beyond that; another team's texts stay with that team.
 */
function readScope(user: CannedResponseCaller['user']): CannedResponseScope {
  return user.role === 'admin' ? { kind: 'all' } : { kind: 'teams', teamIds: user.teams.map((team) => team.id) };
}

/**
 * Who may write a response of a team (null: for every team): admins any; team leads those of teams they belong to,
 * never one for every team (that speaks for the whole administration).
 */
export function mayManage(user: CannedResponseCaller['user'], teamId: number | null): boolean {
  if (user.role === 'admin') return true;
  if (user.role !== 'team_lead' || teamId === null) return false;
  return user.teams.some((team) => team.id === teamId);
}

function forbidden() {
  return new DomainError('auth.forbidden', 'You may not manage canned responses of this team');
}

const collator = new Intl.Collator('de', { sensitivity: 'base', numeric: true });

/** The caller's responses: those for every team first, then by team name, each by title. */
export async function listCannedResponseDtos(db: DB, user: CannedResponseCaller['user']) {
  const rows = await listCannedResponses(db, readScope(user));
  return rows
    .map((row) => ({
      id: row.id,
      teamId: row.team_id,
      teamName: row.team_name,
      title: row.title,
      body: row.body,
      updatedAt: Number(row.updated_at),
      /** Whether the caller may edit or delete it (the server checks again on every write). */
      editable: mayManage(user, row.team_id),
    }))
    .sort(
      (a, b) =>
        Number(a.teamId !== null) - Number(b.teamId !== null) ||
        collator.compare(a.teamName ?? '', b.teamName ?? '') ||
        collator.compare(a.title, b.title) ||
        a.id - b.id,
    );
}

/** The target team must be the caller's to manage, and exist. */
async function checkTargetTeam(db: DB, user: CannedResponseCaller['user'], teamId: number | null): Promise<void> {
  if (!mayManage(user, teamId)) throw forbidden();
  await assertReferencesExist(db, { teamId });
}

export function createCannedResponse(
  db: DB,
  caller: CannedResponseCaller,
  input: z.output<typeof createCannedResponseInput>,
): Promise<number> {
  return unitOfWork(db, actorOf(caller), async (work) => {
    await checkTargetTeam(work.db, caller.user, input.teamId);
    const id = await insertCannedResponse(work.db, { ...input, now: Date.now() });
    await work.audit('canned_response.created', { entityId: id, details: { teamId: input.teamId } });
    return id;
  });
}

export function updateCannedResponseDetails(
  db: DB,
  caller: CannedResponseCaller,
  input: z.output<typeof updateCannedResponseInput>,
): Promise<void> {
  return unitOfWork(db, actorOf(caller), async (work) => {
    const trx = work.db;
    const current = await findCannedResponseById(trx, input.id);
    if (!current) throw notFound('Canned response');
    if (!mayManage(caller.user, current.team_id)) throw forbidden();
    await checkTargetTeam(trx, caller.user, input.teamId);
    // Removed or moved to another team since it was read: the caller's check no longer holds.
    if (!(await updateCannedResponse(trx, input.id, current.team_id, { ...input, now: Date.now() }))) {
      throw notFound('Canned response');
    }
    await work.audit('canned_response.updated', {
      entityId: input.id,
      details:
        current.team_id === input.teamId ? { teamId: input.teamId } : { teamId: input.teamId, fromTeamId: current.team_id },
    });
  });
}

export function removeCannedResponse(db: DB, caller: CannedResponseCaller, id: number): Promise<void> {
  return unitOfWork(db, actorOf(caller), async (work) => {
    const trx = work.db;
    const current = await findCannedResponseById(trx, id);
    if (!current) throw notFound('Canned response');
    if (!mayManage(caller.user, current.team_id)) throw forbidden();
    if (!(await deleteCannedResponse(trx, id, current.team_id))) throw notFound('Canned response');
    await work.audit('canned_response.removed', { entityId: id, details: { teamId: current.team_id } });
  });
}
