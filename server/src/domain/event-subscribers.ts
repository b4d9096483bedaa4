import { liveUpdates } from '../modules/live/live.subscriber.js';
import { notifications } from '../modules/notifications/notifications.subscriber.js';
import { surveyInvitations } from '../modules/feedback/feedback.subscriber.js';
import type { EventSubscriber } from './domain-events.js';

/**
 * Who reacts to domain events, in this order (live case updates before the notification bells, as browsers expect;
 * the survey's invitations last: they only add to the change).
 */
export const EVENT_SUBSCRIBERS: readonly EventSubscriber[] = [liveUpdates, notifications, surveyInvitations];
