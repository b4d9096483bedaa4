import { setTimeout as sleep } from 'node:timers/promises';
import SQLite from 'better-sqlite3';
import nodemailer from 'nodemailer';
import { Random } from '../../server/src/seed/random.js';

export interface IngestResult {
  messages: number;
  connections: number;
  seconds: number;
  messagesPerSecond: number;
  /** How the messages were made up. */
  mix: string;
  /** Cases the mails opened, each with one automatic acknowledgment queued to its sender (an outbound email). */
  acknowledgments: number;
}

/** Of every ten mails: four from people never seen, three from known citizens, three replies in a thread. */
const MIX = { new: 4, known: 3, reply: 3 } as const;
const TIMEOUT_MS = 10 * 60_000;

interface Thread {
  messageId: string;
  caseId: number;
  email: string;
}

/**
 * Email ingest throughput: `messages` mails through the server's SMTP listener (parsed, matched to a citizen,
 * threaded, committed), sent by nodemailer's pooled transport over `connections` connections. Timed from the first
 * send until the database (read-only, polled) holds all of them. Fails unless exactly `messages` inbound
 * interactions were added, every reply landed on the case it answers, every known sender on their citizen, and every
 * case the mails opened got exactly one automatic acknowledgment (outbound email, queued in the same transaction).
 */
export async function measureEmailIngest(options: {
  smtpPort: number;
  sqlitePath: string;
  messages: number;
  connections: number;
  seed: number;
}): Promise<IngestResult> {
  const database = new SQLite(options.sqlitePath, { readonly: true });
  try {
    const random = new Random(options.seed);
    const recipients = (
      database.prepare('select email_address from teams where email_address is not null order by id').all() as {
        email_address: string;
      }[]
    ).map((row) => row.email_address);
    if (recipients.length === 0) throw new Error('no team has an email address to send to');
    const known = database
      .prepare(
        `select citizen_id as citizenId, normalized as email from contact_points
         where kind = 'email' and citizen_id in (select id from citizens where merged_into_id is null)
         order by random() limit ?`,
      )
      .all(options.messages) as { citizenId: number; email: string }[];
    const threads = database
      .prepare(
        `select interactions.external_message_id as messageId, interactions.case_id as caseId, contact_points.normalized as email
         from interactions inner join contact_points on contact_points.citizen_id = interactions.citizen_id
           and contact_points.kind = 'email'
         inner join cases on cases.id = interactions.case_id and cases.merged_into_id is null
         where interactions.channel = 'email' and interactions.direction = 'inbound'
           and interactions.external_message_id is not null
         order by random() limit ?`,
      )
      .all(options.messages) as Thread[];
    if (known.length === 0 || threads.length === 0) throw new Error('the data set has no email senders or threads to answer');
    const baseline = (database.prepare('select coalesce(max(id), 0) as id from interactions').get() as { id: number }).id;
    const caseBaseline = (database.prepare('select coalesce(max(id), 0) as id from cases').get() as { id: number }).id;

    const runTag = Date.now().toString(36);
    const expectedCitizen = new Map<string, number>();
    const expectedCase = new Map<string, number>();
    const mails = Array.from({ length: options.messages }, (_, i) => {
      const messageId = `<bench.${runTag}.${i}@bench.example.org>`;
      const slot = i % (MIX.new + MIX.known + MIX.reply);
      const to = recipients[i % recipients.length]!;
      if (slot < MIX.new) {
        return {
          messageId,
          to,
          from: `neu.${runTag}.${i}@example.org`,
          subject: 'Frage zur Anmeldung',
          text: 'Guten Tag, ich bin neu in der Stadt und möchte wissen, welche Unterlagen ich für die Anmeldung brauche.',
        };
      }
      if (slot < MIX.new + MIX.known) {
        const sender = known[i % known.length]!;
        expectedCitizen.set(messageId, sender.citizenId);
        return {
          messageId,
          to,
          from: sender.email,
          subject: 'Neues Anliegen',
          text: 'Guten Tag, ich habe eine weitere Frage: Wann ist das Bürgerbüro am Samstag geöffnet?',
        };
      }
      const thread = threads[random.int(0, threads.length - 1)]!;
      expectedCase.set(messageId, thread.caseId);
      return {
        messageId,
        to,
        from: thread.email,
        subject: 'Re: Ihr Anliegen',
        text: 'Vielen Dank für die Antwort. Eine Rückfrage habe ich noch.',
        inReplyTo: thread.messageId,
        references: [thread.messageId],
      };
    });

    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: options.smtpPort,
      secure: false,
      ignoreTLS: true,
      pool: true,
      maxConnections: options.connections,
      maxMessages: Number.POSITIVE_INFINITY,
    });
    // `+direction`: walk the new rows by id; an index on direction would make every poll count all inbound mail.
    const added = database.prepare("select count(*) as n from interactions where id > ? and +direction = 'inbound'");
    const countAdded = () => (added.get(baseline) as { n: number }).n;
    try {
      const started = performance.now();
      const sending = Promise.all(mails.map((mail) => transport.sendMail(mail)));
      let failure: unknown = null;
      sending.catch((error: unknown) => {
        failure = error;
      });
      while (countAdded() < options.messages) {
        if (failure) throw new Error(`sending failed: ${(failure as Error).message}`);
        if (performance.now() - started > TIMEOUT_MS)
          throw new Error(`only ${countAdded()} of ${options.messages} mails arrived`);
        await sleep(5);
      }
      const seconds = (performance.now() - started) / 1000;
      await sending;

      const stored = countAdded();
      if (stored !== options.messages) {
        throw new Error(`ingest added ${stored} inbound interactions for ${options.messages} mails`);
      }
      const landed = database
        .prepare(
          `select external_message_id as messageId, case_id as caseId, citizen_id as citizenId from interactions
           where id > ? and +direction = 'inbound'`,
        )
        .all(baseline) as { messageId: string; caseId: number; citizenId: number }[];
      for (const row of landed) {
        const wantedCase = expectedCase.get(row.messageId);
        if (wantedCase !== undefined && wantedCase !== row.caseId) {
          throw new Error(`reply ${row.messageId} landed on case ${row.caseId}, not on ${wantedCase}`);
        }
        const wantedCitizen = expectedCitizen.get(row.messageId);
        if (wantedCitizen !== undefined && wantedCitizen !== row.citizenId) {
          throw new Error(`mail ${row.messageId} was matched to citizen ${row.citizenId}, not to ${wantedCitizen}`);
        }
      }
      // Every case a mail opened gets one acknowledgment to the sender, queued with the case.
      const newCases = (database.prepare('select count(*) as n from cases where id > ?').get(caseBaseline) as { n: number }).n;
      const acknowledged = database
        .prepare(
          `select count(*) as n, count(distinct case_id) as cases, coalesce(min(case_id), 0) as firstCase
           from interactions
           where id > ? and +direction = 'outbound' and +channel = 'email' and json_extract(metadata, '$.automatic') = 1`,
        )
        .get(baseline) as { n: number; cases: number; firstCase: number };
      const onOlderCases = acknowledged.n > 0 && acknowledged.firstCase <= caseBaseline;
      if (acknowledged.n !== newCases || acknowledged.cases !== newCases || onOlderCases) {
        throw new Error(
          `the mails opened ${newCases} cases, but ${acknowledged.n} automatic acknowledgments (outbound email) were ` +
            `queued, on ${acknowledged.cases} cases${onOlderCases ? ', some on cases older than the run' : ''}`,
        );
      }
      return {
        messages: options.messages,
        connections: options.connections,
        seconds,
        messagesPerSecond: options.messages / seconds,
        mix: `${MIX.new * 10}% new senders, ${MIX.known * 10}% known citizens, ${MIX.reply * 10}% replies threaded by In-Reply-To`,
        acknowledgments: acknowledged.n,
      };
    } finally {
      transport.close();
    }
  } finally {
    database.close();
  }
}
