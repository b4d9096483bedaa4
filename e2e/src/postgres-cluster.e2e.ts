import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RouterInputs, RouterOutputs } from '@anliegen/server';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SCALE, DEMO_TEAMS, DEMO_USERS } from '../../server/src/seed/demo-data.js';
import { HttpClient } from '../../server/src/test/http-client.js';
import { createPostgresDatabase, type TestDatabase } from '../../server/src/test/test-db.js';
import { DEMO, DEMO_PASSWORD } from './support/demo.js';
import { startSmtpSink, type SmtpSink } from './support/mail.js';
import { startServer, type RunningServer } from './support/server.js';

/** The PostgreSQL server to create the test database on (scripts/test.sh starts one and exports it). */
const ADMIN_URL = process.env.TEST_DATABASE_URL;
if (!ADMIN_URL) console.warn('postgres-cluster.e2e.ts skipped: TEST_DATABASE_URL is not set (scripts/test.sh sets it)');

const DESK = DEMO_TEAMS[0].emailAddress;
/** How long a live event or a queued mail may take to arrive before the test fails. */
const WAIT = { timeout: 15_000, interval: 100 };

let database: TestDatabase;
let sink: SmtpSink;
let attachmentsDir: string;
let a: RunningServer;
let b: RunningServer;

beforeAll(async () => {
  if (!ADMIN_URL) return;
  database = await createPostgresDatabase(ADMIN_URL, { migrate: false });
  sink = await startSmtpSink();
  attachmentsDir = mkdtempSync(join(tmpdir(), 'anliegen-cluster-'));
  // What every process of one installation shares: the database, the attachment store, the secret, the mail relay.
  const env = {
    SEED_DEMO: 'true',
    APP_SECRET: randomBytes(32).toString('hex'),
    ATTACHMENTS_DIR: attachmentsDir,
    SMTP_URL: sink.url,
    OUTBOUND_MAIL_INTERVAL_SECONDS: '1',
    MAIL_FROM: `Bürgerservice Musterstadt <${DESK}>`,
    WEBFORM_MIN_SECONDS: '0',
  };
  // Both at the same moment on an empty database: migrations and the demo seed race.
  const started = await Promise.allSettled([
    startServer(env, { databaseUrl: database.url, smtp: true }),
    startServer(env, { databaseUrl: database.url, smtp: true }),
  ]);
  const running = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failed = started.find((result) => result.status === 'rejected');
  if (failed) {
    await Promise.all(running.map((server) => server.stop()));
    throw failed.reason;
  }
  [a, b] = running as [RunningServer, RunningServer];
});
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await sink?.close();
  await database?.destroy();
  if (attachmentsDir) rmSync(attachmentsDir, { recursive: true, force: true });
});

async function count(table: 'users' | 'teams' | 'citizens' | 'cases') {
  const row = await database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Interactions stored under a Message-ID, with their case. */
const byMessageId = (messageId: string) =>
  database.db.selectFrom('interactions').select(['id', 'case_id']).where('external_message_id', '=', messageId).execute();

/** The same browser on the other process, as behind a load balancer without sticky sessions: same cookies. */
function sameBrowserOn(server: RunningServer, browser: HttpClient): HttpClient {
  const other = new HttpClient(server.url);
  for (const [name, value] of browser.cookies) other.cookies.set(name, value);
  return other;
}

async function loggedIn(server: RunningServer): Promise<HttpClient> {
  const client = new HttpClient(server.url);
  await client.logIn(DEMO.agent, DEMO_PASSWORD);
  return client;
}

/**
 * The `live.events` subscription as the browser's EventSource reads it (tRPC over server-sent events). Resolves
 * once the server confirmed the subscription, so nothing published afterwards can be missed.
 */
async function openLiveEvents(client: HttpClient) {
  const response = await client.request('/trpc/live.events', { headers: { accept: 'text/event-stream' } });
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  /** The next event's name and data (events are separated by a blank line). */
  async function next(): Promise<{ event: string; data: string }> {
    for (let end = buffer.indexOf('\n\n'); ; end = buffer.indexOf('\n\n')) {
      if (end >= 0) {
        const lines = buffer.slice(0, end).split('\n');
        buffer = buffer.slice(end + 2);
        const field = (name: string) =>
          lines
            .filter((line) => line.startsWith(`${name}:`))
            .map((line) => line.slice(name.length + 1).trim())
            .join('\n');
        return { event: field('event') || 'message', data: field('data') };
      }
      const chunk = await reader.read();
      if (chunk.done) throw new Error('the live event stream ended');
      buffer += chunk.value;
    }
  }
  while ((await next()).event !== 'connected');
  return {
    /** Waits (bounded) for a data event that satisfies `wanted`. */
    async waitFor<T>(wanted: (data: T) => boolean): Promise<T> {
      const timeout = new Promise<never>((_, fail) =>
        setTimeout(() => fail(new Error('no matching live event in time')), WAIT.timeout).unref(),
      );
      const found = (async () => {
        for (;;) {
          const { event, data } = await next();
          if (event === 'message' && wanted(JSON.parse(data) as T)) return JSON.parse(data) as T;
        }
      })();
      return Promise.race([found, timeout]);
    },
    close: () => reader.cancel(),
  };
}

/** Hands one mail to a process's SMTP listener, as the town's mail server would. */
function deliver(server: RunningServer, mail: SendMailOptions) {
  return nodemailer
    .createTransport({ host: '127.0.0.1', port: server.smtpPort!, secure: false, ignoreTLS: true })
    .sendMail({ to: DESK, ...mail });
}

describe.skipIf(!ADMIN_URL)('two server processes on one PostgreSQL database', () => {
  it('seed the demo data once when both start together on an empty database', async () => {
    expect(await count('users')).toBe(DEMO_USERS.length);
    expect(await count('teams')).toBe(DEMO_TEAMS.length);
    expect(await count('citizens')).toBe(DEMO_SCALE.citizens);
    expect(await count('cases')).toBe(DEMO_SCALE.cases);
  });

  it('share sessions: logged in on one, the browser reads and writes on the other; logged out there, it is out on both', async () => {
    const onA = await loggedIn(a);
    const onB = sameBrowserOn(b, onA);
    const me = await onB.call<RouterOutputs['auth']['me']>('query', 'auth.me');
    expect(me?.email).toBe(DEMO.agent);
    const list = await onB.call<RouterOutputs['cases']['list']>('query', 'cases.list', {
      view: 'all',
      limit: 1,
    } satisfies RouterInputs['cases']['list']);
    const reference = list.items[0]!.reference;
    const before = await onB.call<RouterOutputs['cases']['byReference']>('query', 'cases.byReference', { reference });
    const priority = before.case.priority === 'high' ? 'normal' : 'high';
    await onB.call('mutation', 'cases.update', {
      id: before.case.id,
      version: before.case.version,
      priority,
    } satisfies RouterInputs['cases']['update']);
    // The write is there for the first process too.
    const after = await onA.call<RouterOutputs['cases']['byReference']>('query', 'cases.byReference', { reference });
    expect(after.case.priority).toBe(priority);
    expect(after.case.version).toBe(before.case.version + 1);

    await onB.call('mutation', 'auth.logout', null);
    const rejected = await onA.query('cases.list', { view: 'all', limit: 1 });
    expect(rejected.status).toBe(401);
    expect(await onA.call<RouterOutputs['auth']['me']>('query', 'auth.me')).toBeNull();
  });

  it('deliver live updates across processes: a change made through one reaches a browser on the other', async () => {
    const onA = await loggedIn(a);
    const live = await openLiveEvents(sameBrowserOn(b, onA));
    try {
      const list = await onA.call<RouterOutputs['cases']['list']>('query', 'cases.list', { view: 'all', limit: 1 });
      const changed = list.items[0]!;
      await onA.call('mutation', 'cases.addInteraction', {
        caseId: changed.id,
        kind: 'note',
        text: 'Rückruf vereinbart.',
      } satisfies RouterInputs['cases']['addInteraction']);
      const event = await live.waitFor<{ kind: string; caseIds?: number[] }>(
        (data) => data.kind === 'cases' && Boolean(data.caseIds?.includes(changed.id)),
      );
      expect(event.caseIds).toContain(changed.id);
    } finally {
      await live.close();
    }
  });

  it('store a mail delivered to both SMTP listeners at once as one case, and accept both deliveries', async () => {
    const casesBefore = await count('cases');
    const run = randomBytes(4).toString('hex');
    const messageIds: string[] = [];
    for (let round = 1; round <= 5; round++) {
      const messageId = `<cluster.${run}.${round}@example.org>`;
      messageIds.push(messageId);
      const mail = {
        from: `Bürger ${round} <buerger.${run}.${round}@example.org>`,
        subject: `Laterne ${round} defekt`,
        text: `Die Laterne Nummer ${round} ist dunkel.`,
        messageId,
      };
      const infos = await Promise.all([deliver(a, mail), deliver(b, mail)]);
      // A duplicate must not bounce: the sender would retry, or tell the citizen it failed.
      for (const info of infos) expect(info.response).toMatch(/^250/);
    }
    for (const messageId of messageIds) expect(await byMessageId(messageId)).toHaveLength(1);
    expect(await count('cases')).toBe(casesBefore + messageIds.length);

    // The citizen answers (threaded by In-Reply-To); that answer, too, reaches both at once.
    const first = (await byMessageId(messageIds[0]!))[0]!;
    const answerId = `<cluster.${run}.answer@example.org>`;
    const answer = {
      from: `Bürger 1 <buerger.${run}.1@example.org>`,
      subject: 'Re: Laterne 1 defekt',
      text: 'Sie flackert jetzt auch.',
      messageId: answerId,
      inReplyTo: messageIds[0],
      references: [messageIds[0]!],
    };
    const infos = await Promise.all([deliver(a, answer), deliver(b, answer)]);
    for (const info of infos) expect(info.response).toMatch(/^250/);
    expect((await byMessageId(answerId)).map((row) => row.case_id)).toEqual([first.case_id]);
    expect(await count('cases')).toBe(casesBefore + messageIds.length);
  });

  it('send each queued mail once although both processes run the outgoing mail job', async () => {
    // A citizen uses the web form loaded from one process and sent to the other (same APP_SECRET).
    const form = await (await fetch(`${a.url}/anliegen`)).text();
    const field = (pattern: RegExp) => pattern.exec(form)?.[1] ?? '';
    const email = `formular.${randomBytes(4).toString('hex')}@example.org`;
    const body = new FormData();
    const fields = {
      formToken: field(/name="formToken" value="([^"]+)"/),
      website: '',
      name: 'Frieda Formular',
      email,
      phone: '',
      categoryId: field(/<option value="(\d+)"/),
      text: 'Der Spielplatz am Markt hat eine kaputte Schaukel.',
      consent: 'yes',
    };
    for (const [name, value] of Object.entries(fields)) body.append(name, value);
    const submitted = await fetch(`${b.url}/anliegen`, { method: 'POST', body, redirect: 'manual' });
    expect(submitted.status).toBe(303);

    // An agent answers by email through either process, three times.
    const agent = await loggedIn(a);
    const [created] = await database.db
      .selectFrom('cases')
      .innerJoin('contact_points', 'contact_points.citizen_id', 'cases.citizen_id')
      .select(['cases.id', 'cases.reference'])
      .where('contact_points.normalized', '=', email)
      .execute();
    expect(created).toBeDefined();
    const onB = sameBrowserOn(b, agent);
    for (const [client, text] of [
      [agent, 'Wir schauen uns die Schaukel an.'],
      [onB, 'Die Schaukel ist gesperrt.'],
      [agent, 'Die Schaukel ist repariert.'],
    ] as const) {
      await client.call('mutation', 'cases.addInteraction', { caseId: created!.id, kind: 'reply', text });
    }

    // The confirmation and the three answers: each sent once, all of them marked sent.
    const outbound = () =>
      database.db
        .selectFrom('interactions')
        .select('delivery_status')
        .where('case_id', '=', created!.id)
        .where('direction', '=', 'outbound')
        .execute();
    await expect
      .poll(async () => (await outbound()).map((row) => row.delivery_status), WAIT)
      .toEqual(['sent', 'sent', 'sent', 'sent']);
    const toCitizen = sink.messages.filter((mail) => mail.headers.get('x-anliegen-case') === created!.reference);
    expect(toCitizen).toHaveLength(4);
    expect(new Set(toCitizen.map((mail) => mail.text?.trim())).size).toBe(4);
  });
});
