import type { Role } from '@anliegen/shared';
import type { DB } from '../db/database.js';
import type { Env } from '../env.js';
import type { CookieJar } from '../http/cookies.js';
import { createLogger } from '../logger.js';
import { hashPassword } from '../modules/auth/password.js';
import { createCaller } from '../trpc/app-router.js';
import type { SessionUser } from '../trpc/context.js';
import { testEnv } from './test-env.js';

export const TEST_PASSWORD = 'Rathaus-Schluessel-7';
let passwordHash: Promise<string> | undefined;

/** Records what procedures did with cookies. */
export function recordingCookies() {
  const jar = { session: undefined as string | undefined, csrf: undefined as string | undefined, cleared: false };
  const cookies: CookieJar = {
    setSession: (token) => {
      jar.session = token;
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

/** Inserts a user with TEST_PASSWORD (hashed once per run) and the given team memberships. */
export async function insertTestUser(
  db: DB,
  user: { email: string; role: Role; displayName?: string; teamIds?: number[]; active?: boolean },
): Promise<SessionUser> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const now = Date.now();
  const row = await db
    .insertInto('users')
    .values({
      email: user.email,
      display_name: user.displayName ?? user.email.split('@')[0]!,
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
  return { id: row.id, email: user.email, displayName: user.displayName ?? user.email, role: user.role, locale: 'de', teams: [] };
}

/** A tRPC caller as an anonymous visitor, or as a logged-in user (session checks are the HTTP layer's). */
export function callerFor(
  db: DB,
  user: SessionUser | null = null,
  options: { env?: Env; cookies?: CookieJar } = {},
) {
  return createCaller({
    db,
    env: options.env ?? testEnv(),
    log: createLogger('silent'),
    ip: '127.0.0.1',
    cookies: options.cookies ?? recordingCookies().cookies,
    session: user ? { id: `test-session-${user.id}`, csrfToken: 'test' } : null,
    user,
  });
}
