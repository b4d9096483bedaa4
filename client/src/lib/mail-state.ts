import type { RouterOutputs } from './api-types';

/** Whether outgoing mail works: `mail.status` (counts and an age, no addresses). */
export type MailStatus = RouterOutputs['mail']['status'];

export type DeliveryLabelKey =
  | 'delivery.pending'
  | 'delivery.sending'
  | 'delivery.sent'
  | 'delivery.failed'
  | 'delivery.notConfigured';

/**
 * The label of a mail's delivery state in a timeline. A mail still queued while outgoing mail is not set up says so
 * ("Mailversand nicht eingerichtet"), not "wird gesendet": it leaves only once SMTP_URL is set.
 */
export function deliveryLabelKey(deliveryStatus: string, mail: MailStatus | undefined): DeliveryLabelKey {
  const waiting = deliveryStatus === 'pending' || deliveryStatus === 'sending';
  if (waiting && mail?.state === 'notConfigured') return 'delivery.notConfigured';
  return `delivery.${deliveryStatus as 'pending' | 'sending' | 'sent' | 'failed'}`;
}

export type MailAgeKey = 'mail.age.underMinute' | 'mail.age.minutes' | 'mail.age.hours' | 'mail.age.days';

/** How long the oldest mail has waited, in the unit a reader takes in at a glance ("seit 3 Tagen"). */
export function mailAge(minutes: number): { key: MailAgeKey; n: number } {
  if (minutes < 1) return { key: 'mail.age.underMinute', n: 0 };
  if (minutes < 60) return { key: 'mail.age.minutes', n: minutes };
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return { key: 'mail.age.hours', n: hours };
  return { key: 'mail.age.days', n: Math.floor(hours / 24) };
}
