import type { DomainEvent, EventSubscriber } from '../../domain/domain-events.js';
import { liveHub } from './live-hub.js';

/**
 * Open browsers learn what a committed change touched: one event with every case of the change, and every citizen
 * whose case list changed. (Their notification bells are the notifications subscriber's.)
 */
export const liveUpdates: EventSubscriber = {
  name: 'live updates',
  afterCommit(events, db) {
    const caseIds = new Set<number>();
    const citizenIds = new Set<number>();
    for (const event of events) {
      for (const id of casesOf(event)) caseIds.add(id);
      if (event.type === 'case.opened') citizenIds.add(event.citizenId);
      if (event.type === 'case.changed') for (const id of event.citizenIds ?? []) citizenIds.add(id);
    }
    if (caseIds.size > 0) {
      liveHub(db).publish({
        kind: 'cases',
        caseIds: [...caseIds],
        ...(citizenIds.size > 0 ? { citizenIds: [...citizenIds] } : {}),
      });
    }
  },
};

function casesOf(event: DomainEvent): readonly number[] {
  switch (event.type) {
    case 'case.opened':
    case 'case.assigned':
    case 'note.mentioned':
    case 'case.escalated':
    case 'case.followUpDue':
    case 'feedback.notSolved':
      return [event.caseId];
    case 'case.changed':
    case 'case.resolved':
      return event.caseIds;
    case 'notifications.read':
      return [];
  }
}
