import type { Role } from '@anliegen/shared';
import type { DB } from '../db/database.js';
import type { Env } from '../env.js';
import type { CookieJar } from '../http/cookies.js';
import { createLogger } from '../logger.js';
import { hashPassword } from '../modules/auth/password.js';
import { teamsOfUsers } from '../modules/users/users.repo.js';
import { createCaller } from '../trpc/app-router.js';
import type { SessionUser } from '../trpc/context.js';
import { testEnv } from './test-env.js';

export const TEST_PASSWORD = 'Rathaus-Schluessel-7';
let passwordHash: Promise<string> | undefined;

/** Records what procedures did with cookies. */
export function recordingCookies() {
  const jar = {
    session: undefined as string | undefined,
    sessionMaxAgeMs: undefined as number | undefined,
    csrf: undefined as string | undefined,
    cleared: false,
  };
  const cookies: CookieJar = {
    setSession: (token, maxAgeMs) => {
      jar.session = token;
      jar.sessionMaxAgeMs = maxAgeMs;
    },
    clearSession: () => {
      jar.cleared = true;
    },
    setCsrf: (token) => {
      jar.csrf = token;
    },
  };
  return { jar, cookies };
}

/**
 * Inserts a user with TEST_PASSWORD (hashed once per run) and the given team memberships; returns the user
 * as the session would see it (teams with names, ordered by name).
 */
export async function insertTestUser(
  db: DB,
  user: { email: string; role: Role; displayName?: string; teamIds?: number[]; active?: boolean },
): Promise<SessionUser> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const now = Date.now();
  const displayName = user.displayName ?? user.email.split('@')[0]!;
  const row = await db
    .insertInto('users')
    .values({
      email: user.email,
      display_name: displayName,
      password_hash: await passwordHash,
      role: user.role,
      locale: 'de',
      active: user.active === false ? 0 : 1,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const teamId of user.teamIds ?? []) {
    await db.insertInto('team_memberships').values({ team_id: teamId, user_id: row.id }).execute();
  }
  const teams = await teamsOfUsers(db, [row.id]);
  return {
    id: row.id,
    email: user.email,
    displayName,
    role: user.role,
    locale: 'de',
    characterShortcuts: true,
    teams: teams.map(({ id, name }) => ({ id, name })),
  };
}

/**
 * A tRPC caller as an anonymous visitor, or as a logged-in user (session checks are the HTTP layer's).
 * `sessionId` is the id of the session in the context (default: a made-up one that is not in the database).
 */
export function callerFor(
  db: DB,
  user: SessionUser | null = null,
  options: { env?: Env; cookies?: CookieJar; sessionId?: string } = {},
) {
  return createCaller({
    db,
    env: options.env ?? testEnv(),
    log: createLogger('silent'),
    ip: '127.0.0.1',
    cookies: options.cookies ?? recordingCookies().cookies,
    session: user ? { id: options.sessionId ?? `test-session-${user.id}`, csrfToken: 'test' } : null,
    user,
  });
}
