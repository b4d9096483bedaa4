import type { DB } from '../../db/database.js';
import type { NotificationKind } from '../../db/schema.js';

export interface NewNotification {
  userId: number;
  kind: NotificationKind;
  caseId: number;
  actorId: number | null;
}

/** Records notifications inside the caller's transaction (the notifications subscriber, for a unit of work). */
export async function insertNotifications(trx: DB, notifications: NewNotification[], now = Date.now()): Promise<void> {
  if (notifications.length === 0) return;
  await trx
    .insertInto('notifications')
    .values(
      notifications.map((n) => ({ user_id: n.userId, kind: n.kind, case_id: n.caseId, actor_id: n.actorId, created_at: now })),
    )
    .execute();
}
