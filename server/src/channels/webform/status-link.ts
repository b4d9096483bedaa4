import { createHash, randomBytes } from 'node:crypto';
import type { DB } from '../../db/database.js';
import { queueAutomaticMail } from '../email/outbound-mail.service.js';
import { translate } from './webform.pages.js';
import type { WebformLang } from './webform.texts.js';

/** Only the hash is stored: a leaked database does not open anyone's status page. */
export const tokenHash = (token: string) => createHash('sha256').update(token).digest('base64url');

export function statusPath(token: string): string {
  return `/anliegen/status/${token}`;
}

/**
 * The citizen's receipt for a new case, inside its intake transaction: a private status link, and with an email
 * address an automatic confirmation (RFC 3834 Auto-Submitted, sent by the outbound mail job) naming the reference
 * and the link. The web form and incoming email both give one. Returns the link's token and whether the mail was
 * queued (not when the address already got an automatic mail within the hour, see queueAutomaticMail).
 */
export async function confirmReceipt(
  trx: DB,
  deps: { publicUrl: string; lang: WebformLang },
  receipt: { caseId: number; citizenId: number; email: string | null },
  /** Random unless given (the web form derives it from its form token, see FormTokens.spent). */
  token = randomBytes(24).toString('base64url'),
): Promise<{ token: string; mailQueued: boolean }> {
  const now = Date.now();
  let mailQueued = false;
  await trx
    .insertInto('case_access_tokens')
    .values({ token_hash: tokenHash(token), case_id: receipt.caseId, created_at: now })
    .execute();
  if (receipt.email) {
    const { reference } = await trx
      .selectFrom('cases')
      .select('reference')
      .where('id', '=', receipt.caseId)
      .executeTakeFirstOrThrow();
    mailQueued = await queueAutomaticMail(trx, {
      caseId: receipt.caseId,
      citizenId: receipt.citizenId,
      to: receipt.email.toLowerCase(),
      subject: `[${reference}] ${translate(deps.lang, 'mailSubject')}`,
      text: translate(deps.lang, 'mailBody', { reference, statusUrl: `${deps.publicUrl}${statusPath(token)}` }),
      now,
    });
  }
  return { token, mailQueued };
}
