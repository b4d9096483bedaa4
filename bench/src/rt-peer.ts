import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { AGENT_REPLIES, DEMO_CATEGORIES, FOLLOW_UPS } from '../../server/src/seed/demo-data.js';
import { Random } from '../../server/src/seed/random.js';
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

interface PeerScripts {
  start: string;
  stop: string;
  env: NodeJS.ProcessEnv;
  baseUrl: string;
  pidFile: string;
}

function locateScripts(): PeerScripts | { skipped: string } {
  const start = process.env.RT_PEER_SCRIPT ?? resolve(REPO_ROOT, '../shared/peers/rt-peer.sh');
  const stop = join(dirname(start), 'rt-peer-stop.sh');
  if (!existsSync(start) || !existsSync(stop)) return { skipped: `RT peer scripts not found (${start}); set RT_PEER_SCRIPT` };
  const port = process.env.RT_PORT ?? '8091';
  const dir = process.env.RT_DIR ?? '/tmp/rt-peer';
  const env = { ...process.env, ...RT_SETTINGS, RT_PORT: port, RT_DIR: dir };
  return { start, stop, env, baseUrl: `http://127.0.0.1:${port}`, pidFile: join(dir, 'rt-server.pid') };
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
    const category = random.pick(DEMO_CATEGORIES);
    const topic = random.int(0, category.subjects.length - 1);
    const before = performance.now();
    const id = readId(
      await rt.request('POST', '/ticket', {
        Queue: 'General',
        Subject: category.subjects[topic],
        Requestor: requester,
        Content: category.messages[topic % category.messages.length],
        ContentType: 'text/plain',
      }),
      'create ticket',
    );
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

/** Starts the RT peer, fills it, measures, and always stops it again. Skips (never throws) when RT cannot start. */
export async function measureRequestTracker(options: {
  tickets: number;
  runs: number;
  log: (message: string) => void;
}): Promise<PeerResult | { skipped: string }> {
  const { tickets, runs, log } = options;
  const scripts = locateScripts();
  if ('skipped' in scripts) return scripts;
  const other = runningPeerPid(scripts.pidFile);
  if (other !== null) return { skipped: `an RT peer is already running (pid ${other}, ${scripts.pidFile}); stop it first` };

  log('RT: starting the peer (installs Request Tracker from Debian packages the first time, may take minutes)');
  try {
    const started = await runScript(scripts.start, scripts.env);
    if (started.code !== 0) {
      return {
        skipped: `RT peer did not start (exit ${started.code}): ${started.output.trim().split('\n').slice(-3).join(' | ')}`,
      };
    }
    const rt = await RtRestClient.logIn(scripts.baseUrl, RT_USER, RT_PASSWORD);
    const fill = await fillTickets(rt, tickets, log);
    log(`RT: ${tickets} tickets in ${fill.createsPerSecond.toFixed(1)} creates/s; measuring ${runs} runs per operation`);
    const scale =
      `Request Tracker ${rt.version}, SQLite (WAL), ${tickets} tickets / ${fill.requesters} requesters; ` +
      'scrips off, bcrypt cost 4, cookie session: the fastest RT we can fairly set up, so ratios are conservative';
    return { scale, measurements: await measure(rt, fill, runs, scale), createsPerSecond: fill.createsPerSecond };
  } finally {
    const stopped = await runScript(scripts.stop, scripts.env);
    if (stopped.code !== 0) log(`RT: stopping the peer failed: ${stopped.output.trim()}`);
  }
}
