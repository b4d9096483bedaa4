import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Spam protection without third parties: a signed time stamp in the form (a bot that posts without loading the
 * form, or within seconds, fails), a honeypot field, and a limit per IP address.
 */
export class FormTokens {
  private readonly secret: Buffer;

  constructor(
    secret: string | undefined,
    private readonly minSeconds = 3,
    private readonly maxHours = 24,
  ) {
    this.secret = secret ? Buffer.from(secret) : randomBytes(32);
  }

  issue(now = Date.now()): string {
    return `${now}.${this.sign(String(now))}`;
  }

  check(token: string | undefined, now = Date.now()): 'ok' | 'webform.tooFast' | 'webform.expired' {
    const [issued, signature] = (token ?? '').split('.');
    const expected = issued ? Buffer.from(this.sign(issued)) : Buffer.alloc(0);
    const given = Buffer.from(signature ?? '');
    // A forged or missing token reads as "expired": the citizen is asked to send again, a bot learns nothing.
    if (!issued || given.length !== expected.length || !timingSafeEqual(given, expected)) return 'webform.expired';
    const age = now - Number(issued);
    if (age < this.minSeconds * 1000) return 'webform.tooFast';
    if (age > this.maxHours * 3_600_000) return 'webform.expired';
    return 'ok';
  }

  private sign(value: string): string {
    return createHmac('sha256', this.secret).update(value).digest('base64url');
  }
}
