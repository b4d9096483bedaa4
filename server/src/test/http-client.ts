import { CSRF_COOKIE, CSRF_HEADER } from '../http/cookies.js';

/**
 * Talks to a running app the way a browser does: keeps cookies, echoes the CSRF cookie in mutations.
 * Used by the HTTP tests and by the e2e suite to seed data through the real API.
 */
export class HttpClient {
  readonly cookies = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  async request(path: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { ...init.headers };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(`${this.baseUrl}${path}`, { method: init.method ?? 'GET', body: init.body, headers });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator);
      const value = pair.slice(separator + 1);
      // Cleared cookies come back empty with an expiry in the past.
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(cookie)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  query(path: string, input?: unknown) {
    const search = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    return this.request(`/trpc/${path}${search}`);
  }

  /** A mutation the way the SPA sends it: the CSRF cookie echoed in the header (unless `csrf` says otherwise). */
  mutation(path: string, input: unknown, options: { csrf?: string | null; rawBody?: string } = {}) {
    const csrf = options.csrf === undefined ? this.cookies.get(CSRF_COOKIE) : options.csrf;
    return this.request(`/trpc/${path}`, {
      method: 'POST',
      body: options.rawBody ?? JSON.stringify(input),
      headers: { 'content-type': 'application/json', ...(csrf ? { [CSRF_HEADER]: csrf } : {}) },
    });
  }

  /** First page load (gets the CSRF cookie), then login; throws unless it worked. */
  async logIn(email: string, password: string) {
    await this.query('auth.me');
    const response = await this.mutation('auth.login', { email, password });
    if (response.status !== 200) throw new Error(`login as ${email} failed: ${response.status}`);
    return response;
  }

  /** A procedure's data, or an error naming the path and status. */
  async call<T>(kind: 'query' | 'mutation', path: string, input?: unknown): Promise<T> {
    const response = kind === 'query' ? await this.query(path, input) : await this.mutation(path, input ?? null);
    const body = (await response.json()) as { result?: { data: T }; error?: { message: string } };
    if (!response.ok || !body.result) throw new Error(`${path}: ${response.status} ${body.error?.message ?? ''}`);
    return body.result.data;
  }
}
