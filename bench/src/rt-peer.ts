import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { AGENT_REPLIES, DEMO_CATEGORIES, FOLLOW_UPS } from '../../server/src/seed/demo-data.js';
import { Random } from '../../server/src/seed/random.js';
import { DEFAULT_RT_DEFAULT_TICKETS } from './bench-options.js';
import { type Measurement, type PeerResult, percentile, timeRuns } from './measure.js';
import { RtRestClient, readId, ticketSqlString } from './rt-rest-client.js';

/**
 * Request Tracker 5 as the comparison peer: the same work as Anliegen's benchmark (create a case, reply, open a
 * case, a citizen's history, the inbox, a word search) through REST2 on the fastest RT we can fairly set up.
 */

const REPO_ROOT = resolve(import.meta.dirname, '../..');
const RT_USER = 'root';
const RT_PASSWORD = 'password';
/** Tickets of the one requester with a long history, and the messages on each of them besides the first. */
const LONG_HISTORY_TICKETS = 20;
const LONG_HISTORY_MESSAGES = 3;
/**
 * Words that occur in the generated messages (the demo material Anliegen's data set is made of). ASCII only: RT
 * keeps non-ASCII bodies quoted-printable on SQLite, so "Straße" can never match there.
 */
const SEARCH_WORDS = ['Schlagloch', 'Reisepass', 'Spielplatz', 'Meldebescheinigung', 'Gehwegplatten'];
/** The columns an inbox row shows. */
const LIST_FIELDS = 'Subject,Status,Priority,Queue,Owner,Requestor,Created,LastUpdated,Due';

/**
 * Scrips off (no autoreply or notification work), WAL, cheap bcrypt: every setting in RT's favour, so the ratios
 * are conservative. Content search without an index is RT's only full-text option on SQLite (LIKE over bodies).
 */
const RT_SETTINGS = {
  RT_DB: 'sqlite',
  RT_SQLITE_WAL: '1',
  RT_BCRYPT_COST: '4',
  RT_MAIL: 'off',
  RT_EXTRA_CONFIG: 'Set(%FullTextSearch, Enable => 1, Indexed => 0);',
};
/**
 * RT as rt-peer.sh starts it by default: its scrips run (on create, "On Create Autoreply To Requestors" mails the
 * requester), outgoing mail is appended to $RT_DIR/var/*.mbox. WAL and cheap bcrypt (with the cookie login) stay:
 * they favour RT without changing the work.
 */
const RT_AS_SHIPPED = { ...RT_SETTINGS, RT_MAIL: 'mbox', RT_EXTRA_CONFIG: '' };
/** Clients creating tickets in parallel, each with its own session: as many as the ingest's SMTP connections. */
const CONCURRENT_CLIENTS = 8;

interface PeerScripts {
  start: string;
  stop: string;
  env: NodeJS.ProcessEnv;
  baseUrl: string;
  pidFile: string;
  /** RT's $VarPath, where RT_MAIL=mbox appends outgoing mail. */
  varDir: string;
}

/** RT's ticket-create rate in one configuration, measured the same way in both. */
export interface RtCreateRate {
  /** Tickets created one after another by one client. */
  sequential: { tickets: number; perSecond: number };
  /** Tickets created by `clients` clients in parallel (each its own session), from start to the last answer. */
  concurrent: { tickets: number; clients: number; perSecond: number };
  /** The higher of the two: RT's best in this configuration. */
  bestPerSecond: number;
  /** Messages in RT's mbox files at the end of the phase (none with scrips off). */
  mails: number;
  /** Created tickets with a mail to their requester in the mbox files, i.e. with RT's autoreply. */
  autoreplies: number;
}

export interface RtCreateRates {
  /** Scrips off, the configuration of every other RT row; its sequential creates are the fill. */
  scripsOff: RtCreateRate;
  /** RT as rt-peer.sh starts it by default (scrips on); `skipped` says why it was not measured or failed. */
  asShipped: RtCreateRate | { skipped: string };
}

export interface RtPeerResult extends PeerResult {
  /**
   * The rate the ingest target is checked against: RT as shipped (best of sequential and concurrent), or RT with
   * scrips off when the as-shipped phase was skipped or failed.
   */
  createsPerSecond: number;
  createRates: RtCreateRates;
}

function locateScripts(): PeerScripts | { skipped: string } {
  const start = process.env.RT_PEER_SCRIPT ?? resolve(REPO_ROOT, '../shared/peers/rt-peer.sh');
  const stop = join(dirname(start), 'rt-peer-stop.sh');
  if (!existsSync(start) || !existsSync(stop)) return { skipped: `RT peer scripts not found (${start}); set RT_PEER_SCRIPT` };
  const port = process.env.RT_PORT ?? '8091';
  const dir = process.env.RT_DIR ?? '/tmp/rt-peer';
  const env = { ...process.env, ...RT_SETTINGS, RT_PORT: port, RT_DIR: dir };
  return {
    start,
    stop,
    env,
    baseUrl: `http://127.0.0.1:${port}`,
    pidFile: join(dir, 'rt-server.pid'),
    varDir: join(dir, 'var'),
  };
}

/** An RT started by someone else (another run, by hand) is left alone: we neither use nor stop it. */
function runningPeerPid(pidFile: string): number | null {
  if (!existsSync(pidFile)) return null;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

function runScript(script: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    const child = spawn('bash', [script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', (error) => done({ code: null, output: error.message }));
    child.on('close', (code) => done({ code, output }));
  });
}

/** A ticket with a requester and a first message from the demo material; draws category, then topic. */
function ticketFields(random: Random, requester: string) {
  const category = random.pick(DEMO_CATEGORIES);
  const concern = random.pick(category.concerns);
  return {
    Queue: 'General',
    Subject: concern.subject,
    Requestor: requester,
    Content: concern.written[0],
    ContentType: 'text/plain',
  };
}

interface Fill {
  ticketIds: number[];
  requesterOf: Map<number, string>;
  longHistoryRequester: string;
  longHistoryTickets: number;
  requesters: number;
  createsPerSecond: number;
  createSamples: number[];
}

/**
 * Sequential creates, as one agent (or one mail gateway process) would send them. One requester gets a long
 * history; the others are drawn at random, so some have one ticket and some several. A third ends resolved.
 */
async function fillTickets(rt: RtRestClient, tickets: number, log: (message: string) => void): Promise<Fill> {
  const random = new Random(2026);
  const longCount = Math.min(LONG_HISTORY_TICKETS, Math.floor(tickets / 5));
  const pool = Math.max(1, Math.ceil((tickets - longCount) / 2));
  const longHistoryRequester = 'buerger0@example.org';
  const ticketIds: number[] = [];
  const requesterOf = new Map<number, string>();
  const createSamples: number[] = [];
  const started = performance.now();
  for (let i = 0; i < tickets; i++) {
    const requester = i < longCount ? longHistoryRequester : `buerger${random.int(1, pool)}@example.org`;
    const fields = ticketFields(random, requester);
    const before = performance.now();
    const id = readId(await rt.request('POST', '/ticket', fields), 'create ticket');
    createSamples.push(performance.now() - before);
    ticketIds.push(id);
    requesterOf.set(id, requester);
    if ((i + 1) % 100 === 0) log(`RT: ${i + 1}/${tickets} tickets created`);
  }
  const createsPerSecond = tickets / ((performance.now() - started) / 1000);

  for (const id of ticketIds.slice(0, longCount)) {
    for (let m = 0; m < LONG_HISTORY_MESSAGES; m++) {
      await rt.request('POST', `/ticket/${id}/correspond`, {
        Content: m % 2 === 0 ? random.pick(AGENT_REPLIES) : random.pick(FOLLOW_UPS),
        ContentType: 'text/plain',
      });
    }
  }
  for (const id of ticketIds.filter((_, index) => index % 3 === 2)) {
    await rt.request('PUT', `/ticket/${id}`, { Status: 'resolved' });
  }
  createSamples.sort((a, b) => a - b);
  const requesters = new Set(requesterOf.values()).size;
  return {
    ticketIds,
    requesterOf,
    longHistoryRequester,
    longHistoryTickets: longCount,
    requesters,
    createsPerSecond,
    createSamples,
  };
}

/** `count` more sessions (the login form each time), so parallel clients never share one. */
async function moreClients(baseUrl: string, count: number): Promise<RtRestClient[]> {
  return Promise.all(Array.from({ length: count }, () => RtRestClient.logIn(baseUrl, RT_USER, RT_PASSWORD)));
}

/**
 * Creates `count` tickets with as many clients in parallel as given (one: sequential), each client taking the next
 * ticket when its last one is answered; times from the first request to the last answer. The requesters are drawn
 * from a pool of half as many new addresses (`prefix<n>@example.org`), as in the fill: some new, some known.
 */
async function createTickets(
  clients: RtRestClient[],
  count: number,
  prefix: string,
  seed: number,
): Promise<{ requesterOf: Map<number, string>; perSecond: number }> {
  const random = new Random(seed);
  const pool = Math.max(1, Math.ceil(count / 2));
  const tickets = Array.from({ length: count }, () => ticketFields(random, `${prefix}${random.int(1, pool)}@example.org`));
  const requesterOf = new Map<number, string>();
  let next = 0;
  let failure: unknown = null;
  const started = performance.now();
  await Promise.all(
    clients.map(async (rt) => {
      while (next < count && failure === null) {
        const fields = tickets[next++]!;
        try {
          requesterOf.set(readId(await rt.request('POST', '/ticket', fields), 'create ticket'), fields.Requestor);
        } catch (error) {
          failure ??= error;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  if (failure !== null) throw failure;
  return { requesterOf, perSecond: count / seconds };
}

/**
 * The mail RT_MAIL=mbox wrote: every message in $RT_DIR/var/*.mbox (one file per server process; RT escapes
 * "From " in bodies, so each "From " line starts a message), with the ticket of its X-RT-Ticket header and the
 * addresses of its To header.
 */
function readMailboxes(varDir: string): { ticket: number | null; to: string[] }[] {
  if (!existsSync(varDir)) return [];
  const messages: { ticket: number | null; to: string[] }[] = [];
  for (const file of readdirSync(varDir).filter((name) => name.endsWith('.mbox'))) {
    const text = readFileSync(join(varDir, file), 'utf8');
    for (const message of text.split(/^From /m).slice(1)) {
      const head = (message.split(/\r?\n\r?\n/)[0] ?? '').replace(/\r?\n[ \t]+/g, ' ');
      const header = (name: string) => new RegExp(`^${name}:(.*)$`, 'im').exec(head)?.[1] ?? '';
      const ticket = /#(\d+)/.exec(header('X-RT-Ticket'))?.[1];
      messages.push({
        ticket: ticket === undefined ? null : Number(ticket),
        to: (header('To').match(/[^\s<>,;"']+@[^\s<>,;"']+/g) ?? []).map((address) => address.toLowerCase()),
      });
    }
  }
  return messages;
}

/** How many of the tickets have a mail to their requester (RT's autoreply), and how many mails there are. */
function countAutoreplies(varDir: string, requesterOf: Map<number, string>): { mails: number; autoreplies: number } {
  const messages = readMailboxes(varDir);
  const answered = new Set(
    messages.flatMap((message) =>
      message.ticket !== null && message.to.includes(requesterOf.get(message.ticket) ?? '') ? [message.ticket] : [],
    ),
  );
  return { mails: messages.length, autoreplies: [...requesterOf.keys()].filter((id) => answered.has(id)).length };
}

const rate = (
  sequential: RtCreateRate['sequential'],
  concurrent: RtCreateRate['concurrent'],
  mail: { mails: number; autoreplies: number },
): RtCreateRate => ({
  sequential,
  concurrent,
  bestPerSecond: Math.max(sequential.perSecond, concurrent.perSecond),
  ...mail,
});

/**
 * Starts the peer with `env` (a fresh database each time), runs `work` with a logged-in client, and always stops the
 * peer again. When it does not start, resolves to why (the script's exit code and last lines).
 */
async function withPeer<T>(
  scripts: PeerScripts,
  env: NodeJS.ProcessEnv,
  log: (message: string) => void,
  work: (rt: RtRestClient) => Promise<T>,
): Promise<{ ran: T } | { notStarted: string }> {
  try {
    const started = await runScript(scripts.start, env);
    if (started.code !== 0) {
      return { notStarted: `exit ${started.code}: ${started.output.trim().split('\n').slice(-3).join(' | ')}` };
    }
    return { ran: await work(await RtRestClient.logIn(scripts.baseUrl, RT_USER, RT_PASSWORD)) };
  } finally {
    const stopped = await runScript(scripts.stop, env);
    if (stopped.code !== 0) log(`RT: stopping the peer failed: ${stopped.output.trim()}`);
  }
}

/**
 * RT as rt-peer.sh starts it by default (scrips on, mail to mbox files), on a fresh database: `tickets` creates
 * with one client, then `tickets` with CONCURRENT_CLIENTS, and every created ticket must have its autoreply in the
 * mbox files, or the scrips did not run. Never throws: a failure is returned as the reason, and the peer is stopped.
 */
async function measureAsShipped(
  scripts: PeerScripts,
  tickets: number,
  log: (message: string) => void,
): Promise<RtCreateRate | { skipped: string }> {
  log(`RT as shipped (scrips on, mail to mbox): starting the peer again on a fresh database, ${tickets} + ${tickets} creates`);
  try {
    const outcome = await withPeer(scripts, { ...scripts.env, ...RT_AS_SHIPPED }, log, async (first) => {
      const sequential = await createTickets([first], tickets, 'anfrage', 2027);
      const clients = [first, ...(await moreClients(scripts.baseUrl, CONCURRENT_CLIENTS - 1))];
      const concurrent = await createTickets(clients, tickets, 'parallel', 2028);
      const requesterOf = new Map([...sequential.requesterOf, ...concurrent.requesterOf]);
      const mail = countAutoreplies(scripts.varDir, requesterOf);
      if (mail.autoreplies < requesterOf.size) {
        return {
          skipped:
            `failed: RT as shipped did not run its scrips: ${mail.autoreplies} of ${requesterOf.size} tickets have an ` +
            `autoreply to their requester in ${scripts.varDir}/*.mbox (${mail.mails} mails there)`,
        };
      }
      const result = rate(
        { tickets, perSecond: sequential.perSecond },
        { tickets, clients: clients.length, perSecond: concurrent.perSecond },
        mail,
      );
      log(
        `RT as shipped: ${result.sequential.perSecond.toFixed(1)} creates/s sequential, ` +
          `${result.concurrent.perSecond.toFixed(1)}/s with ${clients.length} clients; ` +
          `${mail.autoreplies} of ${requesterOf.size} tickets autoreplied (${mail.mails} mails in the mbox)`,
      );
      return result;
    });
    return 'notStarted' in outcome ? { skipped: `failed: RT as shipped did not start (${outcome.notStarted})` } : outcome.ran;
  } catch (error) {
    return { skipped: `failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** The messages of one ticket with their bodies and the transaction list around them: what RT's ticket page shows. */
function ticketHistory(rt: RtRestClient, id: number) {
  return Promise.all([
    rt.collection(`/ticket/${id}/history`, { per_page: '100', fields: 'Type,Created,Creator,Description' }),
    rt.collection(`/ticket/${id}/attachments`, { per_page: '100', fields: 'Subject,ContentType,Content,Created' }),
  ]);
}

function requesterTickets(rt: RtRestClient, email: string, perPage: number) {
  return rt.collection('/tickets', {
    query: `Requestor.EmailAddress = ${ticketSqlString(email)}`,
    orderby: 'Created',
    order: 'DESC',
    per_page: String(perPage),
    fields: 'Subject,Status,Created,LastUpdated',
  });
}

async function measure(rt: RtRestClient, fill: Fill, runs: number, scale: string): Promise<Measurement[]> {
  const { ticketIds } = fill;
  const ticketAt = (i: number) => ticketIds[(i * 7919) % ticketIds.length]!;
  const row = (operation: string, timing: { runs: number; medianMs: number; p95Ms: number }, note: string): Measurement => ({
    operation,
    system: 'rt',
    scale,
    ...timing,
    note,
  });

  const caseView = await timeRuns(runs, async (i) => {
    const id = ticketAt(i);
    // The requester comes from the ticket, as a client would learn it; the rest can then go out at once.
    const ticket = await rt.request('GET', `/ticket/${id}`);
    readId(ticket, 'ticket');
    await Promise.all([ticketHistory(rt, id), requesterTickets(rt, fill.requesterOf.get(id)!, 50)]);
  });
  const history = await timeRuns(runs, async () => {
    const tickets = await requesterTickets(rt, fill.longHistoryRequester, 100);
    if (tickets.total !== fill.longHistoryTickets) throw new Error(`RT found ${tickets.total} of the requester's tickets`);
    await Promise.all(tickets.items.map((ticket) => ticketHistory(rt, readId(ticket, 'ticket'))));
  });
  const inbox = await timeRuns(runs, () =>
    rt.collection('/tickets', {
      query: `Queue = 'General' AND Status = '__Active__'`,
      orderby: 'LastUpdated',
      order: 'DESC',
      per_page: '50',
      page: '1',
      fields: LIST_FIELDS,
    }),
  );
  const searchWord = (word: string) =>
    rt.collection('/tickets', {
      query: `Content LIKE ${ticketSqlString(word)}`,
      orderby: 'LastUpdated',
      order: 'DESC',
      per_page: '50',
      fields: LIST_FIELDS,
    });
  // A search that finds nothing would be fast for the wrong reason (e.g. content search switched off).
  for (const word of SEARCH_WORDS) {
    if ((await searchWord(word)).total === 0) throw new Error(`RT content search found no ticket for "${word}"`);
  }
  const search = await timeRuns(runs, (i) => searchWord(SEARCH_WORDS[i % SEARCH_WORDS.length]!));
  // Last, so the reads above see the data set as it was filled.
  const reply = await timeRuns(runs, (i) =>
    rt.request('POST', `/ticket/${ticketAt(i + 1)}/correspond`, {
      Content: AGENT_REPLIES[i % AGENT_REPLIES.length],
      ContentType: 'text/plain',
    }),
  );

  return [
    row(
      'create-case',
      {
        runs: fill.createSamples.length,
        medianMs: percentile(fill.createSamples, 50),
        p95Ms: percentile(fill.createSamples, 95),
      },
      'POST /ticket with requester and first message, sequential (one client), timed during the fill',
    ),
    row('reply', reply, 'POST /ticket/:id/correspond, spread over the tickets'),
    row(
      'case-view',
      caseView,
      'GET /ticket/:id, then concurrently its history (transactions), its messages with bodies (attachments) and the requester’s tickets (TicketSQL)',
    ),
    row(
      'citizen-history',
      history,
      `the ${fill.longHistoryTickets}-ticket requester: TicketSQL by requester, then history + message bodies of every ticket (concurrent; REST2 has no single call for it)`,
    ),
    row('inbox', inbox, `TicketSQL Queue + Status = __Active__, newest first, first page of 50 with ${LIST_FIELDS}`),
    row(
      'search:word',
      search,
      'TicketSQL Content LIKE (FullTextSearch without index: RT has no full-text index on SQLite), first page of 50',
    ),
  ];
}

/**
 * Starts the RT peer with scrips off, fills it, measures the operations, then its concurrent create rate, and stops
 * it; then (unless `defaultTickets` is 0) measures the create rate of RT as shipped in a second short run. Skips
 * (never throws) when RT cannot start; a failed as-shipped phase is reported in `createRates`, not thrown.
 */
export async function measureRequestTracker(options: {
  tickets: number;
  runs: number;
  /** Tickets created sequentially, and again concurrently, in RT as shipped (--rt-default-tickets); 0 skips it. */
  defaultTickets?: number;
  log: (message: string) => void;
}): Promise<RtPeerResult | { skipped: string }> {
  const { tickets, runs, log } = options;
  const defaultTickets = options.defaultTickets ?? DEFAULT_RT_DEFAULT_TICKETS;
  const scripts = locateScripts();
  if ('skipped' in scripts) return scripts;
  const other = runningPeerPid(scripts.pidFile);
  if (other !== null) return { skipped: `an RT peer is already running (pid ${other}, ${scripts.pidFile}); stop it first` };

  log('RT: starting the peer (installs Request Tracker from Debian packages the first time, may take minutes)');
  const outcome = await withPeer(scripts, scripts.env, log, async (rt) => {
    const fill = await fillTickets(rt, tickets, log);
    log(`RT: ${tickets} tickets in ${fill.createsPerSecond.toFixed(1)} creates/s; measuring ${runs} runs per operation`);
    const scale =
      `Request Tracker ${rt.version}, SQLite (WAL), ${tickets} tickets / ${fill.requesters} requesters; ` +
      'scrips off, bcrypt cost 4, cookie session: the fastest RT we can fairly set up, so ratios are conservative';
    const measurements = await measure(rt, fill, runs, scale);
    // After the operations, so they see the data set as it was filled.
    const clients = [rt, ...(await moreClients(scripts.baseUrl, CONCURRENT_CLIENTS - 1))];
    const concurrent = await createTickets(clients, tickets, 'parallel', 2028);
    log(`RT scrips off: ${concurrent.perSecond.toFixed(1)} creates/s with ${clients.length} clients (${tickets} tickets)`);
    return {
      scale,
      measurements,
      rate: rate(
        { tickets, perSecond: fill.createsPerSecond },
        { tickets, clients: clients.length, perSecond: concurrent.perSecond },
        countAutoreplies(scripts.varDir, concurrent.requesterOf),
      ),
    };
  });
  if ('notStarted' in outcome) return { skipped: `RT peer did not start (${outcome.notStarted})` };
  const scripsOff = outcome.ran;

  const asShipped =
    defaultTickets === 0 ? { skipped: '--rt-default-tickets 0' } : await measureAsShipped(scripts, defaultTickets, log);
  if ('skipped' in asShipped) log(`RT as shipped: ${asShipped.skipped}; the ingest target uses RT with scrips off`);
  return {
    scale: scripsOff.scale,
    measurements: scripsOff.measurements,
    createsPerSecond: 'skipped' in asShipped ? scripsOff.rate.bestPerSecond : asShipped.bestPerSecond,
    createRates: { scripsOff: scripsOff.rate, asShipped },
  };
}
