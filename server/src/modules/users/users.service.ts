import type { createUserInput, updateUserInput } from '@anliegen/shared';
import type { z } from 'zod';
import type { DB } from '../../db/database.js';
import { appError, isUniqueViolation, notFound } from '../../trpc/errors.js';
import { insertAuditEvent, type Actor } from '../audit/audit.repo.js';
import { hashPassword } from '../auth/password.js';
import { deleteSessionsOfUser } from '../auth/sessions.repo.js';
import { countExistingTeams } from '../teams/teams.repo.js';
import { findUserById, insertUser, listUsers, replaceMemberships, teamsOfUsers, updateUser } from './users.repo.js';

export async function listUserDtos(db: DB) {
  const users = await listUsers(db);
  const teams = await teamsOfUsers(
    db,
    users.map((user) => user.id),
  );
  return users.map((user) => ({
    id: user.id,
    email: user.email,
    displayName: user.display_name,
    role: user.role,
    active: user.active === 1,
    absent: user.absent === 1,
    createdAt: user.created_at,
    teams: teams.filter((team) => team.userId === user.id).map(({ id, name }) => ({ id, name })),
  }));
}

async function assertTeamsExist(db: DB, teamIds: readonly number[]): Promise<void> {
  const unique = [...new Set(teamIds)];
  if ((await countExistingTeams(db, unique)) !== unique.length) {
    throw appError('BAD_REQUEST', 'teams.unknown', 'One of the selected teams does not exist');
  }
}

export async function createUser(db: DB, actor: Actor, input: z.output<typeof createUserInput>): Promise<number> {
  await assertTeamsExist(db, input.teamIds);
  const passwordHash = await hashPassword(input.password);
  const now = Date.now();
  try {
    return await db.transaction().execute(async (trx) => {
      const id = await insertUser(trx, {
        email: input.email,
        display_name: input.displayName,
        password_hash: passwordHash,
        role: input.role,
        locale: 'de',
        active: 1,
        created_at: now,
        updated_at: now,
      });
      await replaceMemberships(trx, id, [...new Set(input.teamIds)]);
      await insertAuditEvent(trx, {
        actorId: actor.id,
        action: 'user.created',
        entityType: 'user',
        entityId: id,
        ip: actor.ip,
        details: { role: input.role, teamIds: input.teamIds },
      });
      return id;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw appError('CONFLICT', 'conflict.emailTaken', 'A user with this email exists');
    throw error;
  }
}

export async function updateUserAccount(db: DB, actor: Actor, input: z.output<typeof updateUserInput>): Promise<void> {
  const existing = await findUserById(db, input.id);
  if (!existing) throw notFound('User');
  if (input.id === actor.id && (input.role !== 'admin' || !input.active)) {
    throw appError('BAD_REQUEST', 'users.cannotLockOutSelf', 'You cannot remove your own admin access');
  }
  await assertTeamsExist(db, input.teamIds);
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  await db.transaction().execute(async (trx) => {
    await updateUser(trx, input.id, {
      display_name: input.displayName,
      role: input.role,
      active: input.active ? 1 : 0,
      ...(passwordHash ? { password_hash: passwordHash } : {}),
      updated_at: Date.now(),
    });
    await replaceMemberships(trx, input.id, [...new Set(input.teamIds)]);
    // A deactivated account or a reset password must not keep old sessions alive.
    if (!input.active || passwordHash) await deleteSessionsOfUser(trx, input.id);
    await insertAuditEvent(trx, {
      actorId: actor.id,
      action: 'user.updated',
      entityType: 'user',
      entityId: input.id,
      ip: actor.ip,
      details: {
        role: input.role,
        active: input.active,
        teamIds: input.teamIds,
        passwordReset: Boolean(passwordHash),
      },
    });
  });
}
