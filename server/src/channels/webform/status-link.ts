import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { DB } from '../../db/database.js';
import { statusPath, tokenHash } from '../../modules/mailbox/status-links.service.js';
import { queueAutomaticMail } from '../email/outbound-mail.service.js';
import { translate } from './webform.pages.js';
import type { WebformLang } from './webform.texts.js';

// Only the hash is stored: a leaked database does not open anyone's status page (modules/mailbox).
export { statusPath, tokenHash };

/** The status link as the citizen keeps it: in the language they used, unless German (the pages' default). */
export function statusLinkIn(publicUrl: string, token: string, lang: WebformLang): string {
  return `${publicUrl}${statusPath(token)}${lang === 'de' ? '' : `?lang=${lang}`}`;
}

/**
 * Where a public form that opened a case redirects (Post/Redirect/Get): its status page as the confirmation, which says
 * a mail is on its way only when one was queued (`new=mail`, not past the one-per-hour limit of an address).
 */
export function confirmationPath(token: string, lang: WebformLang, mailQueued: boolean): string {
  return `${statusPath(token)}?lang=${lang}&new=${mailQueued ? 'mail' : '1'}`;
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
      text: translate(deps.lang, 'mailBody', { reference, statusUrl: statusLinkIn(deps.publicUrl, token, deps.lang) }),
      now,
      // Reference and link only: it goes as it is when the case's mail goes without content (issue 18).
      contentFree: true,
    });
  }
  return { token, mailQueued };
}

/**
 * A status link's path in a stored text with its secret token: whatever follows the path up to the next white space
 * (the predicate below finds such texts with LIKE, which ignores case on SQLite; so does this).
 */
const STATUS_LINK_IN_TEXT = /\/anliegen\/status\/(?!…)\S*/gi;
/** What a sent confirmation's copy shows instead once CONFIRMATION_LINK_DAYS are over. */
export const REMOVED_STATUS_LINK = '/anliegen/status/…';

/**
 * Sent automatic mails whose stored text still names a status link: the predicate of the partial index
 * interactions_status_link_idx (migration 20261210000000_housekeeping), repeated literally, since SQLite uses a partial
 * index only then. A copy leaves the index once its link is removed.
 */
const SENT_WITH_STATUS_LINK = sql<boolean>`direction = 'outbound' and author_id is null and delivery_status = 'sent' and "text" like '%/anliegen/status/%' and "text" not like '%/anliegen/status/…%'`;

/** Mails per read. */
const LINK_BATCH = 200;

/** The oldest sent copies that still name a status link, sent before `sentBefore`, in the index's order. */
export function sentCopiesWithLink(db: DB, sentBefore: number) {
  return db
    .selectFrom('interactions')
    .select(['id', 'text'])
    .where(SENT_WITH_STATUS_LINK)
    .where('occurred_at', '<=', sentBefore)
    .orderBy('occurred_at')
    .limit(LINK_BATCH);
}

/**
 * The stored copies of sent confirmations (the timeline's and the status page's text) keep the status link's secret
 * only for a while: the database otherwise holds just its hash, so a leaked database opens nobody's status page.
 * Removes the token from the copies of those sent before `sentBefore` (mails still waiting or failed keep it: they are
 * sent, or sent again, with it). Each copy is changed only from the text read, so two processes doing this at once
 * change it once. Returns how many copies were changed.
 */
export async function removeStatusLinksFromSentMail(db: DB, sentBefore: number): Promise<number> {
  let removed = 0;
  for (;;) {
    const rows = await sentCopiesWithLink(db, sentBefore).execute();
    let changedHere = 0;
    for (const row of rows) {
      const text = row.text.replace(STATUS_LINK_IN_TEXT, REMOVED_STATUS_LINK);
      const changed = await db
        .updateTable('interactions')
        .set({ text })
        .where('id', '=', row.id)
        .where('text', '=', row.text)
        .executeTakeFirst();
      changedHere += Number(changed.numUpdatedRows);
    }
    removed += changedHere;
    // Every copy read leaves the predicate (changed here or by another process); a batch that changed nothing here
    // means another process is at it.
    if (rows.length < LINK_BATCH || changedHere === 0) return removed;
  }
}
