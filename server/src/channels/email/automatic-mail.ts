import type { ParsedMail } from 'mailparser';

/**
 * What kind of machine sent a mail, if one did:
 * - `bounce`: a delivery report (multipart/report, or a null envelope sender with a daemon's report);
 * - `auto-reply`: an out-of-office or other automatic answer to a mail (RFC 3834 auto-replied, vacation headers,
 *   German and English Outlook subjects);
 * - `bulk`: mail sent to many or by a system (mailing lists, newsletters, no-reply senders, auto-generated).
 * Such mail is stored like any other (nothing accepted is dropped) but never acknowledged, never reopens a case and,
 * when it answers a case, is kept on that case.
 */
export type MachineKind = 'bounce' | 'auto-reply' | 'bulk';

function header(mail: ParsedMail, name: string): string {
  const value = mail.headers.get(name);
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value.trim().toLowerCase();
  // Structured headers (Content-Type, List-Id …) come as objects; their text is enough to look at.
  return JSON.stringify(value).toLowerCase();
}

/** Local parts that only machines use: nobody reads what is sent back to them. */
const MACHINE_LOCAL_PART =
  /^(mailer-daemon|postmaster|no-?reply|do-?not-?reply|donotreply|noreply[-+.].*|no-reply[-+.].*|bounces?([-+.].*)?|auto-?(reply|responder)|nicht-?antworten|keine-?antwort)$/;

/**
 * Out-of-office and automatic-answer subjects (what Outlook, Exchange, Thunderbird, Gmail and Notes put in front),
 * for the auto-responders that set none of the headers. Only at the start, so a citizen writing "Urlaub" is a citizen.
 */
const AUTO_REPLY_SUBJECT =
  /^\s*(?:(?:aw|re|wg|fw|fwd)\s*:\s*)*(?:abwesenheitsnotiz|abwesenheitsmeldung|automatische antwort|auto(?:matische)?[ -]?(?:reply|antwort|response)|automatic reply|out of (?:the )?office|abwesend|ich bin (?:bis|ab|vom|derzeit|zurzeit) .*abwesend|réponse automatique|risposta automatica|respuesta automática|autosvar|automatisch antwoord)\b/i;

const DELIVERY_FAILURE_SUBJECT =
  /^\s*(undeliver(?:able|ed)|unzustellbar|delivery (?:status notification|failure|has failed)|returned mail|mail delivery failed|failure notice|nicht zustellbar|zustellung fehlgeschlagen|warning: could not send message)/i;

/**
 * Headers first (they are what RFC 3834, RFC 2369 and the big clients set), then the sender's local part, then the
 * subject. `nullSender`: the SMTP envelope's MAIL FROM was `<>`, which only delivery reports and auto-replies use.
 */
export function machineKind(mail: ParsedMail, envelope: { nullSender: boolean }): MachineKind | null {
  const contentType = header(mail, 'content-type');
  const from = (mail.from?.value[0]?.address ?? '').toLowerCase();
  const localPart = from.slice(0, Math.max(from.lastIndexOf('@'), 0));
  const subject = mail.subject ?? '';
  if (contentType.includes('multipart/report') || contentType.includes('message/delivery-status')) return 'bounce';
  if (envelope.nullSender && (/^(mailer-daemon|postmaster)$/.test(localPart) || DELIVERY_FAILURE_SUBJECT.test(subject)))
    return 'bounce';

  const autoSubmitted = header(mail, 'auto-submitted');
  if (autoSubmitted.startsWith('auto-replied')) return 'auto-reply';
  if (mail.headers.has('x-autoreply') || mail.headers.has('x-autorespond') || mail.headers.has('x-autoreply-from'))
    return 'auto-reply';
  const precedence = header(mail, 'precedence');
  if (precedence === 'auto_reply') return 'auto-reply';
  if (AUTO_REPLY_SUBJECT.test(subject)) return 'auto-reply';
  if (autoSubmitted && autoSubmitted !== 'no') return 'bulk';
  if (/^(bulk|junk|list)$/.test(precedence)) return 'bulk';
  // mailparser gathers the List-* headers (RFC 2369, 2919) under one key, `list`.
  for (const name of ['list', 'list-id', 'list-unsubscribe', 'list-post', 'x-auto-response-suppress'])
    if (mail.headers.has(name)) return 'bulk';
  if (MACHINE_LOCAL_PART.test(localPart)) return 'bulk';
  if (envelope.nullSender) return 'auto-reply';
  return null;
}
