import { ImapFlow } from 'imapflow';
import { isDatabaseUnavailable } from '../../db/unavailable.js';
import type { AddressObject, ParsedMail } from 'mailparser';
import type { DB } from '../../db/database.js';
import type { Logger } from '../../logger.js';
import { type IngestDeps, ingestEmail } from './ingest-email.js';
import { parseMail } from './parse-mail.js';

export interface MailboxConfig extends IngestDeps {
  /** imap[s]://user:password@host[:port][/MAILBOX] */
  url: string;
  maxBytes: number;
  log: Logger;
}

/** Marks mail too large to take: it stays in the mailbox, read, for a person to look at. */
const TOO_LARGE_KEYWORD = '$AnliegenTooLarge';

function connectionOf(url: string) {
  const parsed = new URL(url);
  const secure = parsed.protocol === 'imaps:';
  return {
    client: new ImapFlow({
      host: parsed.hostname,
      port: parsed.port ? Number(parsed.port) : secure ? 993 : 143,
      secure,
      auth: { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) },
      logger: false,
    }),
    mailbox: decodeURIComponent(parsed.pathname.slice(1)) || 'INBOX',
  };
}

function addressesOf(field: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(field) ? field : field ? [field] : [];
  return list.flatMap((group) => group.value.map((entry) => entry.address ?? '')).filter(Boolean);
}

/**
 * The envelope sender the delivering server recorded (Return-Path): '' for the null sender <>, null when missing.
 */
function returnPath(mail: ParsedMail): string | null {
  const value = mail.headers.get('return-path');
  const text =
    typeof value === 'string' ? value : value && typeof value === 'object' && 'text' in value ? String(value.text) : null;
  if (text === null) return null;
  return /<?\s*([^<>\s]*)\s*>?/.exec(text.trim())?.[1] ?? null;
}

/**
 * One pass over an existing mailbox (most town halls already have one): every unread message goes through the
 * same ingest as SMTP mail, and is flagged as read only after it is committed, so a failure is retried next time.
 * Two processes polling the same mailbox are safe: the Message-ID stores each mail once.
 */
export async function pollMailbox(
  db: DB,
  config: MailboxConfig,
): Promise<{ stored: number; duplicates: number; failed: number }> {
  const { client, mailbox } = connectionOf(config.url);
  const counts = { stored: 0, duplicates: 0, failed: 0 };
  await client.connect();
  const lock = await client.getMailboxLock(mailbox);
  try {
    const uids = (await client.search({ seen: false }, { uid: true })) || [];
    for (const uid of uids) {
      try {
        const message = await client.fetchOne(String(uid), { source: true, size: true }, { uid: true });
        // fetchOne answers false for a message that vanished meanwhile.
        if (message === false || !message.source) continue;
        if ((message.size ?? message.source.length) > config.maxBytes) {
          config.log.warn({ uid, size: message.size }, 'mailbox message too large; left in the mailbox');
          await client.messageFlagsAdd(String(uid), ['\\Seen', TOO_LARGE_KEYWORD], { uid: true });
          counts.failed++;
          continue;
        }
        const mail = await parseMail(message.source);
        const result = await ingestEmail(
          db,
          config,
          mail,
          { recipients: [...addressesOf(mail.to), ...addressesOf(mail.cc)], mailFrom: returnPath(mail) },
          message.source,
        );
        await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
        if (result.duplicate) counts.duplicates++;
        else counts.stored++;
      } catch (err) {
        // The database away: the rest stays unread too, for the next poll; the job logs it once per incident.
        if (isDatabaseUnavailable(err)) throw err;
        counts.failed++;
        config.log.error({ err, uid }, 'mailbox message could not be stored; will retry');
      }
    }
  } finally {
    lock.release();
    await client.logout();
  }
  return counts;
}
