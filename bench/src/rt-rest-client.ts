/**
 * Request Tracker's REST2 API with one cookie session, as a web client of RT would use it.
 * Basic auth would cost a bcrypt check on every request and make RT look slower than it is.
 */

/** A REST2 collection page (`/tickets`, `/ticket/:id/history`, …) with the fields asked for in `fields=`. */
export interface RtCollection {
  total: number;
  items: Record<string, unknown>[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** REST2 answers collections as `{ total, count, items: [...] }`; anything else means RT refused or changed shape. */
export function readCollection(body: unknown, what: string): RtCollection {
  if (!isRecord(body) || !Array.isArray(body.items) || !body.items.every(isRecord)) {
    throw new Error(`RT ${what}: expected a collection, got ${JSON.stringify(body).slice(0, 200)}`);
  }
  const total = Number(body.total ?? body.count);
  if (!Number.isInteger(total)) throw new Error(`RT ${what}: collection without a total`);
  return { total, items: body.items };
}

/** REST2 returns ids as strings ("17"); a created ticket answers `{ id, type: "ticket", _url }`. */
export function readId(body: unknown, what: string): number {
  const id = isRecord(body) ? Number(body.id) : Number.NaN;
  if (!Number.isSafeInteger(id) || id <= 0) throw new Error(`RT ${what}: no id in ${JSON.stringify(body).slice(0, 200)}`);
  return id;
}

/** TicketSQL string literal: RT quotes with single quotes and backslash escapes. */
export function ticketSqlString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

export class RtRestClient {
  private constructor(
    private readonly baseUrl: string,
    private readonly cookie: string,
    /** RT's version as REST2 reports it, e.g. "5.0.3+dfsg-3~deb12u6". */
    readonly version: string,
  ) {}

  /** Logs in once through RT's web login form and keeps its session cookie (RT_SID_<name>.<port>). */
  static async logIn(baseUrl: string, user: string, password: string): Promise<RtRestClient> {
    const response = await fetch(`${baseUrl}/NoAuth/Login.html`, {
      method: 'POST',
      headers: { origin: new URL(baseUrl).origin },
      body: new URLSearchParams({ user, pass: password }),
      redirect: 'manual',
    });
    const session = response.headers
      .getSetCookie()
      .map((cookie) => cookie.split(';')[0] ?? '')
      .find((pair) => pair.startsWith('RT_SID_'));
    if (!session) throw new Error(`RT login as ${user} failed: ${response.status}, no session cookie`);
    // The login form answers 200 even for a wrong password; only an authenticated REST2 call proves the session.
    const about = await new RtRestClient(baseUrl, session, '').request('GET', '/rt');
    if (!isRecord(about) || typeof about.Version !== 'string') throw new Error('RT login: REST2 did not accept the session');
    return new RtRestClient(baseUrl, session, about.Version);
  }

  /**
   * One REST2 call; throws with RT's message unless it answered 2xx with JSON. Writes carry the Origin a browser sends:
   * since Debian's RT 5.0.3+dfsg-3~deb12u7, REST2 refuses a POST or PUT with a cookie session without it (CSRF check).
   */
  async request(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<unknown> {
    const headers: Record<string, string> = { cookie: this.cookie };
    if (method !== 'GET') headers.origin = new URL(this.baseUrl).origin;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.baseUrl}/REST/2.0${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`RT ${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
    return JSON.parse(text) as unknown;
  }

  /** A collection (search or sub-resource) with the given query parameters, e.g. `fields`, `per_page`. */
  async collection(path: string, params: Record<string, string>): Promise<RtCollection> {
    return readCollection(await this.request('GET', `${path}?${new URLSearchParams(params)}`), path);
  }
}
