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
import { deleteSession, findLiveSession, findSessionTimes, insertSession, touchSession } from './sessions.repo.js';
import { newToken, sessionIdFor } from './session-token.js';
import { recordAudit } from '../audit/audit.service.js';

/** A session's expiry moves forward with activity, but never past the hard limit from login. */
function expiryFor(env: Env, createdAt: number, now: number): number {
  return Math.min(now + env.SESSION_IDLE_MINUTES * 60_000, hardEndOf(env, createdAt));
}

const hardEndOf = (env: Env, createdAt: number) => createdAt + env.SESSION_MAX_HOURS * 3_600_000;

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
      characterShortcuts: Number(user.character_shortcuts) === 1,
      teams: teams.map(({ id, name }) => ({ id, name })),
    },
  };
}

/**
 * The user and session behind a cookie token, or null when it is unknown, expired or the user is deactivated.
 * `activity: false` reads without moving the expiry: requests the user did not cause (the browser asking how long
 * the session has left, live updates, presence while nobody works at the desk; trpc-context.ts) must not keep an
 * unattended session alive.
 */
export async function resolveSession(
  deps: { db: DB; env: Env },
  token: string,
  { activity = true }: { activity?: boolean } = {},
): Promise<{ session: { id: string; csrfToken: string }; user: SessionUser } | null> {
  const now = Date.now();
  const id = sessionIdFor(token);
  const row = await findLiveSession(deps.db, id, now);
  if (!row) return null;
  if (activity && now - row.lastSeenAt > TOUCH_INTERVAL_MS) {
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
      characterShortcuts: Number(row.characterShortcuts) === 1,
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

/**
 * How long a session has left, for the browser's warning before it ends (WCAG 2.2.1 Timing adjustable). Durations,
 * not instants: the browser's clock may differ from the server's. `finalMs` is the time to the hard limit
 * (SESSION_MAX_HOURS from login), which nothing extends.
 */
export interface SessionTimes {
  userId: number;
  /** Until the session ends: after SESSION_IDLE_MINUTES without activity, or at the hard limit if that is sooner. */
  remainingMs: number;
  finalMs: number;
  /** How long before the end to warn (SESSION_WARNING_SECONDS, at most half the idle timeout). */
  warningMs: number;
}

function timesOf(env: Env, row: { userId: number; createdAt: number; expiresAt: number }, now: number): SessionTimes {
  return {
    userId: row.userId,
    remainingMs: row.expiresAt - now,
    finalMs: hardEndOf(env, row.createdAt) - now,
    // At most half the idle timeout: right after "Angemeldet bleiben" the warning must not be due again.
    warningMs: Math.min(env.SESSION_WARNING_SECONDS * 1000, env.SESSION_IDLE_MINUTES * 30_000),
  };
}

/** The session's times as they stand; reading them is no activity. Null when the session has ended. */
export async function sessionTimes(deps: { db: DB; env: Env }, sessionId: string): Promise<SessionTimes | null> {
  const now = Date.now();
  const row = await findSessionTimes(deps.db, sessionId, now);
  return row ? timesOf(deps.env, row, now) : null;
}

/**
 * "Angemeldet bleiben": the idle timeout starts again now (up to the hard limit), whenever the last touch was.
 * Null when the session has ended meanwhile.
 */
export async function extendSession(deps: { db: DB; env: Env }, sessionId: string): Promise<SessionTimes | null> {
  const now = Date.now();
  const row = await findSessionTimes(deps.db, sessionId, now);
  if (!row) return null;
  const expiresAt = expiryFor(deps.env, row.createdAt, now);
  await touchSession(deps.db, sessionId, now, expiresAt);
  return timesOf(deps.env, { ...row, expiresAt }, now);
}
