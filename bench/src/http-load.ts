import type { RouterOutputs } from '@anliegen/server';
import autocannon from 'autocannon';
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from '../../server/src/http/cookies.js';
import { AGENT_REPLIES } from '../../server/src/seed/demo-data.js';
import { HttpClient } from '../../server/src/test/http-client.js';
import type { LoadResult } from './measure.js';

/**
 * HTTP load with the requests the browser sends, batched the way the client's httpBatchLink batches them, for a
 * fixed time over a fixed number of connections (one logged-in agent session shared by all of them).
 */

interface Operation {
  path: string;
  input?: unknown;
}

/** What httpBatchLink requests for queries issued in the same tick: paths joined by commas, inputs keyed by index. */
function batchQueryPath(operations: readonly Operation[]): string {
  // An operation without input is left out of the object, as JSON.stringify drops `undefined`.
  const inputs = Object.fromEntries(operations.map((operation, index) => [index, operation.input]));
  const paths = operations.map((operation) => operation.path).join(',');
  return `/trpc/${paths}?batch=1&input=${encodeURIComponent(JSON.stringify(inputs))}`;
}

interface LoadCase {
  caseId: number;
  reference: string;
  citizenId: number;
  /** The reply box sends a note when the citizen has no email address (as the client does). */
  replyKind: 'reply' | 'note';
}

/** At most this many cases are looked up before the run; replies and case opens go round-robin over them. */
const MAX_CASES = 500;

async function prepareCases(http: HttpClient, references: readonly string[]): Promise<LoadCase[]> {
  const cases: LoadCase[] = [];
  for (const reference of references.slice(0, MAX_CASES)) {
    const detail = await http.call<RouterOutputs['cases']['byReference']>('query', 'cases.byReference', { reference });
    const citizenId = detail.case.citizen.id;
    const panel = await http.call<RouterOutputs['citizens']['panel']>('query', 'citizens.panel', { id: citizenId });
    const canEmail = panel.citizen.contacts.some((contact) => contact.kind === 'email');
    // A merged case lives on under the reference it was merged into; the page follows it, so do we.
    cases.push({ caseId: detail.case.id, reference: detail.case.reference, citizenId, replyKind: canEmail ? 'reply' : 'note' });
  }
  if (cases.length === 0) throw new Error('HTTP load needs at least one case reference');
  return cases;
}

type Action = 'inbox' | 'open' | 'reply';
/** Ten agent actions: 6 inbox lists, 3 case opens, 1 reply, interleaved as an agent's day would. */
const ACTIONS: readonly Action[] = ['inbox', 'open', 'inbox', 'inbox', 'open', 'inbox', 'reply', 'inbox', 'open', 'inbox'];
const MIX =
  '60% inbox (cases.list, first page of 50), 30% open case (4 requests: byReference+teams+categories+assignees, ' +
  'panel+presence, setPresence, cannedResponses), 10% reply (addInteraction, then byReference+panel refetch): ' +
  '20 HTTP requests per 10 actions, one agent session; latency per HTTP request';

type Request = autocannon.Request;
type Headers = NonNullable<Request['headers']>;
interface LoadContext {
  case?: LoadCase;
}

/**
 * The autocannon request list for one pass over ACTIONS. `next` hands out cases so that replies spread out;
 * every request gets its own object, since autocannon keeps the built buffer on it.
 */
function requestsFor(next: (action: 'open' | 'reply') => LoadCase, headers: Headers): Request[] {
  // httpBatchLink sends the CSRF header with every request, and content-type only with a body.
  const get = (path: string): Request => ({ method: 'GET', path, headers });
  const post = (operation: Operation): Request => ({
    method: 'POST',
    path: `/trpc/${operation.path}?batch=1`,
    body: JSON.stringify({ 0: operation.input }),
    headers: { ...headers, 'content-type': 'application/json' },
  });
  const forCase =
    (build: (loadCase: LoadCase) => Request, pick?: 'open' | 'reply') =>
    (request: Request, context: object): Request => {
      const state = context as LoadContext;
      if (pick) state.case = next(pick);
      // `request` carries autocannon's defaults (host, port); ours only replace what differs.
      return { ...request, ...build(state.case!) };
    };

  // The inbox as it first loads: no filters in the URL, the infinite query's first page.
  const inbox = (): Request[] => [get(batchQueryPath([{ path: 'cases.list', input: { limit: 50, direction: 'forward' } }]))];
  const open = (): Request[] => [
    // The route loader: the case and the lists its form needs (a page opened directly, nothing cached yet).
    {
      setupRequest: forCase(
        (loadCase) =>
          get(
            batchQueryPath([
              { path: 'cases.byReference', input: { reference: loadCase.reference } },
              { path: 'teams.list' },
              { path: 'categories.list' },
              { path: 'users.assignees' },
            ]),
          ),
        'open',
      ),
    },
    // Rendering the page: the citizen panel and who else is on the case.
    {
      setupRequest: forCase((loadCase) =>
        get(
          batchQueryPath([
            { path: 'citizens.panel', input: { id: loadCase.citizenId } },
            { path: 'live.presence', input: { caseId: loadCase.caseId } },
          ]),
        ),
      ),
    },
    // Once the panel is there, the reply box mounts: presence is announced and canned responses load.
    {
      setupRequest: forCase((loadCase) =>
        post({ path: 'live.setPresence', input: { caseId: loadCase.caseId, state: 'viewing' } }),
      ),
    },
    get(batchQueryPath([{ path: 'cannedResponses.list' }])),
  ];
  // addInteraction takes no version (only cases.update is optimistically locked): concurrent replies cannot conflict.
  const reply = (): Request[] => [
    {
      setupRequest: forCase(
        ({ caseId, replyKind }) =>
          post({
            path: 'cases.addInteraction',
            input: { caseId, kind: replyKind, text: AGENT_REPLIES[caseId % AGENT_REPLIES.length], durationSeconds: null },
          }),
        'reply',
      ),
    },
    // The mutation invalidates the case view and the panel, which refetch together.
    {
      setupRequest: forCase((loadCase) =>
        get(
          batchQueryPath([
            { path: 'cases.byReference', input: { reference: loadCase.reference } },
            { path: 'citizens.panel', input: { id: loadCase.citizenId } },
          ]),
        ),
      ),
    },
  ];
  return ACTIONS.flatMap((action) => (action === 'inbox' ? inbox() : action === 'open' ? open() : reply()));
}

export async function runHttpLoad(options: {
  url: string;
  login: { email: string; password: string };
  caseReferences: string[];
  durationSeconds: number;
  connections: number;
}): Promise<LoadResult> {
  const { url, login, durationSeconds, connections } = options;
  const http = new HttpClient(url.replace(/\/$/, ''));
  await http.logIn(login.email, login.password);
  const cases = await prepareCases(http, options.caseReferences);
  const session = http.cookies.get(SESSION_COOKIE);
  const csrf = http.cookies.get(CSRF_COOKIE);
  if (!session || !csrf) throw new Error('login did not set the session and CSRF cookies');

  // Separate rotations, offset by half, so a case is rarely opened and replied to at the same moment.
  const counters = { open: 0, reply: Math.floor(cases.length / 2) };
  const next = (action: 'open' | 'reply') => cases[counters[action]++ % cases.length]!;
  const result = await autocannon({
    url: http.baseUrl,
    connections,
    duration: durationSeconds,
    timeout: 10,
    requests: requestsFor(next, { cookie: `${SESSION_COOKIE}=${session}; ${CSRF_COOKIE}=${csrf}`, [CSRF_HEADER]: csrf }),
  });

  // tRPC answers a batch with 207 when one of its operations failed: that is a failure too, though 2xx.
  const notOk = Object.entries(result.statusCodeStats ?? {})
    .filter(([status]) => status !== '200')
    .reduce((sum, [, stats]) => sum + Number(stats.count), 0);
  return {
    mix: MIX,
    durationSeconds,
    connections,
    requests: result.requests.total,
    throughputPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors,
    non2xx: notOk,
  };
}
