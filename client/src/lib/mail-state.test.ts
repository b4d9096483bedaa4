import { describe, expect, it } from 'vitest';
import { deliveryLabelKey, mailAge } from './mail-state';

const status = (state: 'ok' | 'notConfigured' | 'failing') => ({
  configured: state !== 'notConfigured',
  state,
  waiting: 1,
  failed: 0,
  oldestMinutes: 3,
});

describe('deliveryLabelKey', () => {
  // Issue 16: without SMTP_URL a reply said "wird gesendet" for ever.
  it('says a queued reply waits for outgoing mail that is not set up, instead of "wird gesendet"', () => {
    expect(deliveryLabelKey('pending', status('notConfigured'))).toBe('delivery.notConfigured');
    expect(deliveryLabelKey('sending', status('notConfigured'))).toBe('delivery.notConfigured');
  });

  it('keeps the plain states while mail goes out, and while its state is not known yet', () => {
    expect(deliveryLabelKey('pending', status('ok'))).toBe('delivery.pending');
    expect(deliveryLabelKey('pending', status('failing'))).toBe('delivery.pending');
    expect(deliveryLabelKey('pending', undefined)).toBe('delivery.pending');
    expect(deliveryLabelKey('sent', status('notConfigured'))).toBe('delivery.sent');
    expect(deliveryLabelKey('failed', status('notConfigured'))).toBe('delivery.failed');
  });
});

describe('mailAge', () => {
  it('counts in minutes, then hours, then days, with the singular where it is one', () => {
    expect(mailAge(0)).toEqual({ key: 'mail.age.underMinute', n: 0 });
    expect(mailAge(1)).toEqual({ key: 'mail.age.minutes', n: 1 });
    expect(mailAge(59)).toEqual({ key: 'mail.age.minutes', n: 59 });
    expect(mailAge(60)).toEqual({ key: 'mail.age.hours', n: 1 });
    expect(mailAge(47 * 60 + 59)).toEqual({ key: 'mail.age.hours', n: 47 });
    expect(mailAge(48 * 60)).toEqual({ key: 'mail.age.days', n: 2 });
    expect(mailAge(22 * 24 * 60)).toEqual({ key: 'mail.age.days', n: 22 });
  });
});
