import { setTimeout as sleep } from 'node:timers/promises';
import type { LoginInput } from '@anliegen/shared';
import type { DB } from '../../db/database.js';
import type { Env } from '../../env.js';
import type { SessionUser } from '../../trpc/context.js';
import { DomainError } from '../../domain/domain-error.js';
import { unitOfWork } from '../../domain/unit-of-work.js';
import { findUserByEmail, teamsOfUsers } from '../users/users.service.js';
import { claimLoginAttempt, clearThrottle } from './login-throttle.repo.js';
import { dummyPasswordHash, verifyPassword } from './password.js';
import { deleteSession, findLiveSession, insertSession, touchSession } from './sessions.repo.js';
import { newToken, sessionIdFor } from './session-token.js';
import { recordAudit } from '../audit/audit.service.js';

/** A session's expiry moves forward with activity, but never past the hard limit from login. */
function expiryFor(env: Env, createdAt: number, now: number): number {
  return Math.min(now + env.SESSION_IDLE_MINUTES * 60_000, createdAt + env.SESSION_MAX_HOURS * 3_600_000);
}

/**
 * Refresh last_seen (and the expiry with it) at most once a minute, so reads do not turn into writes: a signed-in
 * request costs one read, not a read and a write. The price is the interval's tolerance on the idle timeout: the expiry
 * counts from the last refresh, so a session may end up to a minute before SESSION_IDLE_MINUTES after its last request
 * (never later; the hard limit is exact).
 */
export const TOUCH_INTERVAL_MS = 60_000;

export interface LoginResult {
  token: string;
  csrfToken: string;
  maxAgeMs: number;
  user: SessionUser;
}

export async function login(
  deps: { db: DB; env: Env },
  input: LoginInput,
  meta: { ip: string | null; previousSessionId: string | null },
): Promise<LoginResult> {
  const { db, env } = deps;
  const now = Date.now();
  // The attempt is counted before the password is checked: concurrent attempts cannot outrun the limit.
  const { attempt } = await claimLoginAttempt(db, input.email, now, {
    maxFailures: env.LOGIN_MAX_FAILURES,
    lockMs: env.LOGIN_LOCK_MINUTES * 60_000,
  });
  if (attempt > env.LOGIN_MAX_FAILURES) {
    // Attempts against a locked address are part of the picture an admin needs during an attack.
    // Nobody signed in: no actor, only the address.
    await recordAudit(db, { id: null, ip: meta.ip }, 'auth.login_blocked', {});
    throw new DomainError('auth.tooManyAttempts', 'Too many failed attempts; try again later');
  }

  const user = await findUserByEmail(db, input.email);
  // Verify against a dummy hash for unknown accounts: same work, same answer, no hint.
  const passwordOk = await verifyPassword(input.password, user?.password_hash ?? (await dummyPasswordHash()));
  if (!user || !passwordOk || user.active !== 1) {
    // The attempt that reached the limit has set the lock; its failure already answers with it.
    const locked = attempt >= env.LOGIN_MAX_FAILURES;
    await recordAudit(db, { id: null, ip: meta.ip }, 'auth.login_failed', { entityId: user?.id ?? null, details: { locked } });
    await sleep(env.LOGIN_FAILURE_DELAY_MS);
    if (locked) {
      throw new DomainError('auth.tooManyAttempts', 'Too many failed attempts; try again later');
    }
    throw new DomainError('auth.invalidCredentials', 'Email or password is wrong');
  }

  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = expiryFor(env, now, now);
  await unitOfWork(db, { id: user.id, ip: meta.ip }, async (work) => {
    // Rotation: a session id known before login (fixation) never becomes an authenticated one.
    if (meta.previousSessionId) await deleteSession(work.db, meta.previousSessionId);
    await insertSession(work.db, { id: sessionIdFor(token), userId: user.id, csrfToken, now, expiresAt });
    await clearThrottle(work.db, input.email);
    await work.audit('auth.login', { entityId: user.id });
  });
  const teams = await teamsOfUsers(db, [user.id]);
  return {
    token,
    csrfToken,
    // The cookie must outlive every extension of the session (up to the hard limit); the server enforces
    // the idle timeout. A cookie of the idle length would end an active session after SESSION_IDLE_MINUTES.
    maxAgeMs: env.SESSION_MAX_HOURS * 3_600_000,
    user: {
      id: user.id,
      email: user.email,
      displayName: user.display_name,
      role: user.role,
      locale: user.locale,
      teams: teams.map(({ id, name }) => ({ id, name })),
    },
  };
}

/** The user and session behind a cookie token, or null when it is unknown, expired or the user is deactivated. */
export async function resolveSession(
  deps: { db: DB; env: Env },
  token: string,
): Promise<{ session: { id: string; csrfToken: string }; user: SessionUser } | null> {
  const now = Date.now();
  const id = sessionIdFor(token);
  const row = await findLiveSession(deps.db, id, now);
  if (!row) return null;
  if (now - row.lastSeenAt > TOUCH_INTERVAL_MS) {
    await touchSession(deps.db, id, now, expiryFor(deps.env, row.createdAt, now));
  }
  return {
    session: { id, csrfToken: row.csrfToken },
    user: {
      id: row.userId,
      email: row.email,
      displayName: row.displayName,
      role: row.role,
      locale: row.locale,
      teams: row.teams,
    },
  };
}

export async function logout(db: DB, sessionId: string, actor: { id: number; ip: string | null }): Promise<void> {
  await unitOfWork(db, actor, async (work) => {
    await deleteSession(work.db, sessionId);
    await work.audit('auth.logout', { entityId: actor.id });
  });
}
