import type { createUserInput, Locale, updateUserInput, UserSettingsInput } from '@anliegen/shared';
import type { z } from 'zod';
import type { DB } from '../../db/database.js';
import { DomainError, notFound } from '../../domain/domain-error.js';
import { isUniqueViolation } from '../../db/unique-violation.js';
import { assertReferencesExist } from '../../domain/assert-references-exist.js';
import { unitOfWork } from '../../domain/unit-of-work.js';
import { hashPassword } from '../auth/password.js';
import { deleteSessionsOfUser } from '../auth/sessions.service.js';
import { findUserById, insertUser, listUsers, replaceMemberships, teamsOfUsers, updateUser } from './users.repo.js';
import type { Actor } from '../../domain/actor.js';

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

export async function createUser(db: DB, actor: Actor, input: z.output<typeof createUserInput>): Promise<number> {
  await assertReferencesExist(db, { teamIds: input.teamIds });
  const passwordHash = await hashPassword(input.password);
  const now = Date.now();
  try {
    return await unitOfWork(db, actor, async (work) => {
      const trx = work.db;
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
      await work.audit('user.created', { entityId: id, details: { role: input.role, teamIds: input.teamIds } });
      return id;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError('conflict.emailTaken', 'A user with this email exists');
    throw error;
  }
}

export async function updateUserAccount(db: DB, actor: Actor, input: z.output<typeof updateUserInput>): Promise<void> {
  const existing = await findUserById(db, input.id);
  if (!existing) throw notFound('User');
  if (input.id === actor.id && (input.role !== 'admin' || !input.active)) {
    throw new DomainError('users.cannotLockOutSelf', 'You cannot remove your own admin access');
  }
  await assertReferencesExist(db, { teamIds: input.teamIds });
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  await unitOfWork(db, actor, async (work) => {
    const trx = work.db;
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
    await work.audit('user.updated', {
      entityId: input.id,
      details: {
        role: input.role,
        active: input.active,
        teamIds: input.teamIds,
        passwordReset: Boolean(passwordHash),
      },
    });
  });
}

/** The user's own choice of language (the header's menu). */
export async function setUserLocale(db: DB, userId: number, locale: Locale): Promise<void> {
  await updateUser(db, userId, { locale, updated_at: Date.now() });
}

/**
 * The user's own settings (the user menu's "Einstellungen"): one unit of work with its audit event. A setting
 * chosen again changes nothing and records nothing. Answers the settings as they are now.
 */
export async function setUserSettings(
  db: DB,
  actor: Actor & { id: number },
  input: UserSettingsInput,
): Promise<UserSettingsInput> {
  return unitOfWork(db, actor, async (work) => {
    const existing = await findUserById(work.db, actor.id);
    if (!existing) throw notFound('User');
    const characterShortcuts = input.characterShortcuts ? 1 : 0;
    if (Number(existing.character_shortcuts) !== characterShortcuts) {
      await updateUser(work.db, actor.id, { character_shortcuts: characterShortcuts, updated_at: Date.now() });
      await work.audit('user.settingsChanged', { entityId: actor.id, details: { characterShortcuts: input.characterShortcuts } });
    }
    return { characterShortcuts: input.characterShortcuts };
  });
}

// For signing in (the auth module): the users module's repository stays its own.
export { findUserByEmail, teamsOfUsers } from './users.repo.js';

/**
 * Who hears of a case that needs a lead: the active team leads of its team, or every lead for a case without a team
 * (SLA escalation, a follow-up date come with nobody holding the case). One read for a whole batch of cases.
 */
export async function teamLeadsByTeam(db: DB): Promise<(teamId: number | null) => number[]> {
  const leads = await db
    .selectFrom('users')
    .leftJoin('team_memberships', 'team_memberships.user_id', 'users.id')
    .select(['users.id', 'team_memberships.team_id'])
    .where('users.role', '=', 'team_lead')
    .where('users.active', '=', 1)
    .execute();
  return (teamId) => [...new Set(leads.filter((lead) => teamId === null || lead.team_id === teamId).map((lead) => lead.id))];
}
