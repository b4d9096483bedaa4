import { parseMail } from './parse-mail.js';
import { SMTPServer } from 'smtp-server';
import type { DB } from '../../db/database.js';
import type { Env } from '../../env.js';
import type { Logger } from '../../logger.js';
import { RateLimiter } from '../rate-limiter.js';
import { prepareEmail } from './ingest-email.js';
import { createMailQueue } from './mail-queue.js';
import { answerSmtp } from './smtp-replies.js';
import { isDatabaseUnavailable } from '../../db/unavailable.js';

type SmtpCallback = (error?: Error | null) => void;

/** The addresses mail is accepted for: every team's inbound address and the desk's own sender address. */
async function acceptedRecipients(db: DB, env: Env): Promise<Set<string>> {
  const teams = await db.selectFrom('teams').select('email_address').where('email_address', 'is not', null).execute();
  const own = /<?([^<>\s]+@[^<>\s]+)>?\s*$/.exec(env.MAIL_FROM)?.[1];
  return new Set([...teams.map((team) => team.email_address!.toLowerCase()), ...(own ? [own.toLowerCase()] : [])]);
}

/** How long the accepted addresses are reused: a team address an admin adds is accepted this much later at most. */
const RECIPIENTS_TTL_MS = 10_000;

/**
 * acceptedRecipients, read at most every RECIPIENTS_TTL_MS. Not only a saved query: on SQLite every query waits for
 * the one connection, and a recipient check queued behind a batch of mails being stored would hold up the sender
 * that is next in line.
 */
function cachedRecipients(db: DB, env: Env): () => Promise<Set<string>> {
  let cached: { at: number; recipients: Promise<Set<string>> } | null = null;
  return () => {
    if (!cached || Date.now() - cached.at > RECIPIENTS_TTL_MS) {
      const recipients = acceptedRecipients(db, env);
      cached = { at: Date.now(), recipients };
      // A failed read is not kept: the next recipient tries again.
      recipients.catch(() => {
        if (cached?.recipients === recipients) cached = null;
      });
    }
    return cached.recipients;
  };
}

/**
 * The SMTP listener for the desk's addresses. It answers 250 only after the mail is committed to the database;
 * anything else gets an answer the sending server understands: 550 unknown recipient, 552 too large (the limit in
 * the message), 451 try again later.
 */
export function createSmtpListener(deps: { db: DB; env: Env; log: Logger }): SMTPServer {
  const { db, env, log } = deps;
  const maxMegabytes = Math.floor(env.MAIL_MAX_BYTES / (1024 * 1024));
  // Normally one sender: the town's mail server. The limit stops a loop or a flood, not ordinary traffic.
  const limiter = new RateLimiter(env.SMTP_RATE_LIMIT);
  const queue = createMailQueue(db, { publicUrl: env.publicUrl });
  const recipients = cachedRecipients(db, env);
  /** While the database is away every mail is deferred: the log says so once, and once when mail is stored again. */
  let outage = false;
  const outageBegins = (error: unknown) => {
    if (!outage) log.error({ err: error }, 'mail deferred with 451 while the database is unavailable; senders retry');
    outage = true;
  };
  return new SMTPServer({
    banner: 'Anliegen',
    authOptional: true,
    // Meant to sit behind the town's mail server on a private address; TLS and auth are that server's job.
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: env.MAIL_MAX_BYTES,
    logger: false,
    onMailFrom(_address, session, callback: SmtpCallback) {
      if (limiter.allow(session.remoteAddress)) return callback();
      log.warn({ limit: env.SMTP_RATE_LIMIT }, 'mail refused: too many messages from one sender');
      answerSmtp(callback, 'rate_limited');
    },
    onRcptTo(address, _session, callback: SmtpCallback) {
      recipients().then(
        (accepted) => (accepted.has(address.address.toLowerCase()) ? callback() : answerSmtp(callback, 'unknown_recipient')),
        (error: unknown) => {
          if (isDatabaseUnavailable(error)) {
            outageBegins(error);
            answerSmtp(callback, 'database_unavailable');
            return;
          }
          log.error({ err: error }, 'recipient check failed');
          answerSmtp(callback, 'recipient_check_failed');
        },
      );
    },
    onData(stream, session, callback: SmtpCallback) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        // Past the limit, keep reading (the client is still sending) but stop keeping it.
        if (size <= env.MAIL_MAX_BYTES) chunks.push(chunk);
      });
      stream.on('error', () => answerSmtp(callback, 'read_failed'));
      stream.on('end', () => {
        if (size > env.MAIL_MAX_BYTES || stream.sizeExceeded) {
          answerSmtp(callback, 'too_large', `Message too large: the limit is ${maxMegabytes} MB including attachments`);
          return;
        }
        const envelope = {
          recipients: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          // '' is the null sender <> of delivery reports and auto-replies.
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
        };
        const raw = Buffer.concat(chunks);
        parseMail(raw)
          .then((mail) => prepareEmail({ attachmentsDir: env.ATTACHMENTS_DIR }, mail, envelope, raw))
          .then((prepared) => queue.store(prepared))
          .then(
            (result) => {
              log.info(
                { caseId: result.caseId, interactionId: result.interactionId, duplicate: result.duplicate },
                'mail received',
              );
              if (outage) log.info('mail is stored again');
              outage = false;
              answerSmtp(callback, result.duplicate ? 'duplicate' : 'stored');
            },
            (error: unknown) => {
              // The database away: 451, the sending server keeps the mail and tries again (never 250, never 5xx).
              if (isDatabaseUnavailable(error)) {
                outageBegins(error);
                answerSmtp(callback, 'database_unavailable');
                return;
              }
              log.error({ err: error }, 'mail could not be stored');
              answerSmtp(callback, 'store_failed');
            },
          );
      });
    },
  });
}

/** Starts the listener when SMTP_LISTEN_PORT is set; returns a stop function. */
export async function startSmtpListener(deps: {
  db: DB;
  env: Env;
  log: Logger;
}): Promise<{ port: number | null; stop: () => Promise<void> }> {
  if (deps.env.SMTP_LISTEN_PORT === undefined) return { port: null, stop: async () => {} };
  const server = createSmtpListener(deps);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(deps.env.SMTP_LISTEN_PORT, deps.env.SMTP_LISTEN_HOST, () => resolve());
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : null;
  deps.log.info({ port, host: deps.env.SMTP_LISTEN_HOST }, 'SMTP listener started');
  return { port, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
