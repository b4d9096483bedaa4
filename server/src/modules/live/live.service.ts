import type { DB } from '../../db/database.js';
import { liveHub, type PresenceState } from './live-hub.js';
import type { SessionUser } from '../../trpc/context.js';
import { notFound } from '../../domain/domain-error.js';

/**
 * Tells the others that this user is on the case (the caller checked that they may open it). The event names the
 * case's team and assignee, so that it reaches only those who may open the case (`live.events`).
 */
export async function announcePresence(
  db: DB,
  user: Pick<SessionUser, 'id' | 'displayName'>,
  input: { caseId: number; state: PresenceState },
): Promise<void> {
  const row = await db.selectFrom('cases').select(['team_id', 'assignee_id']).where('id', '=', input.caseId).executeTakeFirst();
  if (!row) throw notFound('Case');
  liveHub(db).publish({
    kind: 'presence',
    caseId: input.caseId,
    userId: user.id,
    name: user.displayName,
    state: input.state,
    at: Date.now(),
    caseTeamId: row.team_id,
    caseAssigneeId: row.assignee_id,
  });
}
