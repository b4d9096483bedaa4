import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** What the server keeps of a form token that was used: its hash (until it expires) and the case it became. */
export interface SpentFormToken {
  hash: string;
  expiresAt: number;
  /** The status link of the case this form became: derived from the token, so a second send finds that case. */
  statusToken: string;
}

/**
 * Spam protection without third parties: a signed time stamp in the form (a bot that posts without loading the
 * form, or within seconds, fails), a honeypot field, and a limit per IP address. Each token is good for one
 * submission (the routes keep the hashes of used ones until they expire); a random part tells apart forms loaded
 * in the same millisecond.
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
    const value = `${now}.${randomBytes(12).toString('base64url')}`;
    return `${value}.${this.sign(value)}`;
  }

  check(token: string | undefined, now = Date.now()): 'ok' | 'webform.tooFast' | 'webform.expired' {
    const [issued, nonce, signature] = (token ?? '').split('.');
    const value = `${issued}.${nonce}`;
    const expected = issued && nonce ? Buffer.from(this.sign(value)) : Buffer.alloc(0);
    const given = Buffer.from(signature ?? '');
    // A forged or missing token reads as "expired": the citizen is asked to send again, a bot learns nothing.
    if (!issued || !nonce || given.length !== expected.length || !timingSafeEqual(given, expected)) return 'webform.expired';
    const age = now - Number(issued);
    if (age < this.minSeconds * 1000) return 'webform.tooFast';
    if (age > this.maxHours * 3_600_000) return 'webform.expired';
    return 'ok';
  }

  /**
   * The guard over a posted form: its token (`check`) and the honeypot field, which people never see. A filled honeypot
   * is a bot: it gets the same answer as a too-quick post, and nothing is stored. Null: the post may go on; else why
   * not (the metrics' reason) and the form's message.
   */
  refusal(
    token: string | undefined,
    honeypot: string | undefined,
    now = Date.now(),
  ): { reason: 'honeypot' | 'too_fast' | 'expired'; message: 'webform.tooFast' | 'webform.expired' } | null {
    if (honeypot) return { reason: 'honeypot', message: 'webform.tooFast' };
    const state = this.check(token, now);
    if (state === 'ok') return null;
    return { reason: state === 'webform.tooFast' ? 'too_fast' : 'expired', message: state };
  }

  /** For a token that passed `check`. */
  spent(token: string): SpentFormToken {
    return {
      hash: createHash('sha256').update(token).digest('base64url'),
      expiresAt: Number(token.split('.')[0]) + this.maxHours * 3_600_000,
      // Only the server can derive it: the form token alone opens no status page.
      statusToken: createHmac('sha256', this.secret).update(`status-link:${token}`).digest('base64url'),
    };
  }

  private sign(value: string): string {
    return createHmac('sha256', this.secret).update(value).digest('base64url');
  }
}
