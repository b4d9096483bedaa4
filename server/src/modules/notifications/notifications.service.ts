import { CASEWORKER_ROLES } from '@anliegen/shared';
import type { DB } from '../../db/database.js';
import { unitOfWork } from '../../domain/unit-of-work.js';
import { type CaseAccess, mayAccessCase } from '../cases/case-access.js';

/**
 * The user's latest notifications (unread first), with the case they are about. A case they may not open (a
 * mention from another team, a case moved away; CASE_ACCESS=team) shows its reference and team, not its subject.
 */
export async function listNotifications(db: DB, access: CaseAccess, limit = 30) {
  const userId = access.userId;
  const rows = await db
    .selectFrom('notifications')
    .innerJoin('cases', 'cases.id', 'notifications.case_id')
    .leftJoin('teams', 'teams.id', 'cases.team_id')
    .leftJoin('users as actors', 'actors.id', 'notifications.actor_id')
    .select([
      'notifications.id',
      'notifications.kind',
      'notifications.created_at as createdAt',
      'notifications.read_at as readAt',
      'cases.reference as caseReference',
      'cases.subject as caseSubject',
      'teams.name as teamName',
      'cases.team_id',
      'cases.assignee_id',
      'actors.display_name as actorName',
    ])
    .where('notifications.user_id', '=', userId)
    .orderBy('notifications.id', 'desc')
    .limit(limit)
    .execute();
  const { unread } = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('unread'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return {
    unread: Number(unread),
    items: rows.map(({ team_id, assignee_id, caseSubject, ...row }) => {
      const restricted = !mayAccessCase(access, { team_id, assignee_id });
      return {
        ...row,
        restricted,
        caseSubject: restricted ? null : caseSubject,
        createdAt: Number(row.createdAt),
        readAt: row.readAt === null ? null : Number(row.readAt),
      };
    }),
  };
}

/** Marks the given notifications (or all) of the user as read; other users' ids are ignored. */
export async function markNotificationsRead(db: DB, userId: number, ids: number[] | 'all'): Promise<void> {
  await unitOfWork(db, { id: userId, ip: null }, async (work) => {
    let query = work.db
      .updateTable('notifications')
      .set({ read_at: Date.now() })
      .where('user_id', '=', userId)
      .where('read_at', 'is', null);
    if (ids !== 'all') query = query.where('id', 'in', ids.length > 0 ? ids : [-1]);
    await query.execute();
    work.emit({ type: 'notifications.read', userId });
  });
}

/**
 * The users an internal note mentions: "@Anna Schmidt" or "@anna.schmidt" (the start of their email address),
 * among active caseworkers, without the author.
 */
export async function mentionedUsers(db: DB, text: string, authorId: number): Promise<number[]> {
  if (!text.includes('@')) return [];
  const lower = text.toLowerCase();
  const users = await db
    .selectFrom('users')
    .select(['id', 'display_name', 'email'])
    .where('active', '=', 1)
    .where('role', 'in', CASEWORKER_ROLES)
    .execute();
  return users
    .filter((user) => user.id !== authorId)
    .filter((user) => {
      const handle = user.email.split('@')[0]?.toLowerCase() ?? '';
      return (
        lower.includes(`@${user.display_name.toLowerCase()}`) || new RegExp(`@${escapeRegExp(handle)}(?![\\w.-])`).test(lower)
      );
    })
    .map((user) => user.id);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
