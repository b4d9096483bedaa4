import { countSmtpReply } from '../../metrics.js';

/**
 * Every answer the SMTP listener gives to a delivery attempt, by a short machine reason: its SMTP code and the text
 * the sending server logs. 2xx accepted, 4xx deferred (the sender tries again later), 5xx refused (the sender bounces
 * the mail). The metrics count them by reason (`anliegen_smtp_replies_total`, docs/operations.md): a reason names
 * what happened, never an address.
 */
export const SMTP_REPLIES = {
  /** Committed to the database (a new mail). */
  stored: { code: 250, message: 'OK' },
  /** Already stored: the same mail delivered again. */
  duplicate: { code: 250, message: 'OK' },
  rate_limited: { code: 450, message: 'Too many messages, please try again later' },
  /** The accepted addresses could not be read. */
  recipient_check_failed: { code: 451, message: 'Temporary failure, please try again later' },
  /** The database cannot be reached or cannot store now. */
  database_unavailable: { code: 451, message: 'Temporary failure, please try again later' },
  /** Any other failure to read or store the mail. */
  store_failed: { code: 451, message: 'Temporary failure, please try again later' },
  /** The connection broke while the mail was sent. */
  read_failed: { code: 451, message: 'Temporary failure, please try again later' },
  unknown_recipient: { code: 550, message: 'No such recipient here' },
  /** Larger than MAIL_MAX_BYTES; the answer names the limit. */
  too_large: { code: 552, message: 'Message too large' },
} as const satisfies Record<string, { code: number; message: string }>;

export type SmtpReplyReason = keyof typeof SMTP_REPLIES;

type SmtpCallback = (error?: Error | null) => void;

/**
 * Answers a delivery attempt (smtp-server's callback) and counts the answer. `message` replaces the reason's text
 * (the size limit). The steps that merely let a delivery go on (a sender or a recipient that is fine) answer with
 * the plain callback: only the attempt's end is counted, so an accepted mail counts once.
 */
export function answerSmtp(callback: SmtpCallback, reason: SmtpReplyReason, message?: string): void {
  const { code, message: text } = SMTP_REPLIES[reason];
  countSmtpReply(code, reason);
  if (code < 400) callback(null);
  else callback(Object.assign(new Error(message ?? text), { responseCode: code }));
}
