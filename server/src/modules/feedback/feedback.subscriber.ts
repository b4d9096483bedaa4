import type { EventSubscriber } from '../../domain/domain-events.js';
import { inviteOnResolution } from './invitations.js';

/**
 * A resolved case asks its citizen for feedback, in the change that resolved it (invitations.ts): every path that
 * resolves a case announces it with `case.resolved`, so none needs to know about the survey.
 */
export const surveyInvitations: EventSubscriber = {
  name: 'survey invitations',
  async inTransaction(events, work) {
    const now = Date.now();
    for (const event of events) {
      if (event.type !== 'case.resolved') continue;
      for (const caseId of event.caseIds) await inviteOnResolution(work, caseId, now);
    }
  },
};
