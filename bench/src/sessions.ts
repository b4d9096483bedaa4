import type { DB } from '../../server/src/db/database.js';
import type { Env } from '../../server/src/env.js';
import { login, resolveSession } from '../../server/src/modules/auth/auth.service.js';
import { demoLogins } from '../../server/src/seed/organisation.js';
import { callerFor } from '../../server/src/test/callers.js';

export type Caller = ReturnType<typeof callerFor>;

/**
 * A tRPC caller as a demo account after a real login: the session is created and resolved as the HTTP layer does,
 * so procedures see the same user (role, teams) a browser's request would carry.
 */
export async function loggedInCaller(db: DB, env: Env, email: string): Promise<{ caller: Caller; userId: number }> {
  const { token } = await login(
    { db, env },
    { email, password: demoLogins().password },
    { ip: '127.0.0.1', previousSessionId: null },
  );
  const resolved = await resolveSession({ db, env }, token);
  if (!resolved) throw new Error(`the session of ${email} did not resolve`);
  return { caller: callerFor(db, resolved.user, { env, sessionId: resolved.session.id }), userId: resolved.user.id };
}
