import { liveUpdates } from '../modules/live/live.subscriber.js';
import { notifications } from '../modules/notifications/notifications.subscriber.js';
import type { EventSubscriber } from './domain-events.js';

/** Who reacts to domain events, in this order (live case updates before the notification bells, as browsers expect). */
export const EVENT_SUBSCRIBERS: readonly EventSubscriber[] = [liveUpdates, notifications];
