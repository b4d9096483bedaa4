import { translate } from '../webform/webform.pages.js';
import type { WebformLang } from '../webform/webform.texts.js';

/**
 * The one mail a citizen gets about a case in the mode "mail without content" (issue 18, decided by
 * `mailWithoutContent` in modules/mailbox): a neutral subject with only the reference, that there is a new message,
 * the status link and the sender's name. No subject text, no message, no quoted history, no attachments, no signature.
 * Whoever composes a mail to a citizen that must stay content-free (the outbound worker, or a notice composed that
 * way from the start) uses this.
 */
export function contentFreeMail(notice: {
  reference: string;
  statusUrl: string;
  /** Who signs: the display name of MAIL_FROM (the town's desk), see mailDisplayName. */
  sender: string | null;
  lang?: WebformLang;
}): { subject: string; text: string } {
  const lang = notice.lang ?? 'de';
  return {
    subject: `[${notice.reference}] ${translate(lang, 'quietMailSubject')}`,
    text: translate(lang, 'quietMailBody', {
      reference: notice.reference,
      statusUrl: notice.statusUrl,
      sender: notice.sender ?? translate(lang, 'quietMailSender'),
    }),
  };
}
