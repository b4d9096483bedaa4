import { compiledQuery } from '../../db/compiled-query.js';
import type { DB } from '../../db/database.js';

export async function insertSession(
  db: DB,
  session: { id: string; userId: number; csrfToken: string; now: number; expiresAt: number },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id: session.id,
      user_id: session.userId,
      csrf_token: session.csrfToken,
      created_at: session.now,
      last_seen_at: session.now,
      expires_at: session.expiresAt,
    })
    .execute();
}

const liveSessionRows = compiledQuery((db, { id, now }: { id: string; now: number }) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .leftJoin('team_memberships', 'team_memberships.user_id', 'users.id')
    .leftJoin('teams', 'teams.id', 'team_memberships.team_id')
    .select([
      'sessions.csrf_token as csrfToken',
      'sessions.created_at as createdAt',
      'sessions.last_seen_at as lastSeenAt',
      'users.id as userId',
      'users.email',
      'users.display_name as displayName',
      'users.role',
      'users.locale',
      'users.character_shortcuts as characterShortcuts',
      'teams.id as teamId',
      'teams.name as teamName',
    ])
    .where('sessions.id', '=', id)
    .where('sessions.expires_at', '>', now)
    .where('users.active', '=', 1)
    .orderBy('teams.name'),
);

/**
 * A live session of an active user, with the user's teams by name; undefined when there is none. One statement (a row
 * per team) built once: it runs before every signed-in request, where building the query and a second one for the
 * teams cost more than the lookups themselves (a round trip more on PostgreSQL).
 */
export async function findLiveSession(db: DB, id: string, now: number) {
  const rows = await liveSessionRows(db, { id, now });
  const first = rows[0];
  if (!first) return undefined;
  const { teamId: _teamId, teamName: _teamName, ...session } = first;
  const teams: { id: number; name: string }[] = [];
  for (const { teamId, teamName } of rows) if (teamId !== null && teamName !== null) teams.push({ id: teamId, name: teamName });
  return { ...session, teams };
}

/** A live session's owner, start and expiry (no user check: the request that asks has just resolved it). */
export async function findSessionTimes(db: DB, id: string, now: number) {
  return db
    .selectFrom('sessions')
    .select(['user_id as userId', 'created_at as createdAt', 'expires_at as expiresAt'])
    .where('id', '=', id)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

export async function touchSession(db: DB, id: string, now: number, expiresAt: number): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now, expires_at: expiresAt }).where('id', '=', id).execute();
}

export async function deleteSession(db: DB, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteSessionsOfUser(db: DB, userId: number): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

/** Sessions past their end (their CSRF tokens with them); returns how many. */
export async function deleteExpiredSessions(db: DB, now: number): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
