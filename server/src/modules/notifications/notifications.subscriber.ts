import type { DomainEvent, EventSubscriber } from '../../domain/domain-events.js';
import { liveHub } from '../live/live-hub.js';
import { insertNotifications, type NewNotification } from './notifications.repo.js';

/**
 * The notifications an event gives: the new agent (unless they took the case themselves), the mentioned, for an
 * overdue case its team's leads and its assignee, for a case back from its follow-up date its assignee (or,
 * when nobody holds it, its team's leads), and for a citizen's "nein" to the survey the leads of the case's team.
 */
export function notificationsFor(event: DomainEvent): NewNotification[] {
  switch (event.type) {
    case 'case.assigned':
      return event.assigneeId === event.byId
        ? []
        : [{ userId: event.assigneeId, kind: 'assigned', caseId: event.caseId, actorId: event.byId }];
    case 'note.mentioned':
      return event.userIds.map((userId) => ({ userId, kind: 'mention', caseId: event.caseId, actorId: event.byId }));
    case 'case.escalated': {
      // The agent who holds the case hears of it too (once, should they also lead its team).
      const told = new Set(event.leadIds);
      if (event.assigneeId !== null) told.add(event.assigneeId);
      return [...told].map((userId) => ({ userId, kind: 'escalation', caseId: event.caseId, actorId: null }));
    }
    case 'case.followUpDue':
      return (event.assigneeId !== null ? [event.assigneeId] : event.leadIds).map((userId) => ({
        userId,
        kind: 'follow_up',
        caseId: event.caseId,
        actorId: null,
      }));
    case 'feedback.notSolved':
      return event.leadIds.map((userId) => ({ userId, kind: 'feedback_not_solved', caseId: event.caseId, actorId: null }));
    default:
      return [];
  }
}

/** Writes the notifications in the change's transaction; rings the recipients' bells once it committed. */
export const notifications: EventSubscriber = {
  name: 'notifications',
  async inTransaction(events, work) {
    await insertNotifications(work.db, events.flatMap(notificationsFor));
  },
  afterCommit(events, db) {
    const users = new Set(
      events.flatMap((event) =>
        event.type === 'notifications.read' ? [event.userId] : notificationsFor(event).map((n) => n.userId),
      ),
    );
    for (const userId of users) liveHub(db).publish({ kind: 'notification', userId });
  },
};
