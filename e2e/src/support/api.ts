import type { RouterInputs, RouterOutputs } from '@anliegen/server';
import { DEMO_PASSWORD } from './demo.js';

/**
 * The app's tRPC API over plain HTTP, as a browser uses it (session cookie + CSRF header), for seeding test data.
 */
export class ApiClient {
  private cookies = new Map<string, string>();

  private constructor(private readonly baseUrl: string) {}

  static async login(baseUrl: string, email: string, password = DEMO_PASSWORD): Promise<ApiClient> {
    const client = new ApiClient(baseUrl);
    // Any API response carries the CSRF cookie a browser gets on its first page load.
    client.remember(await fetch(`${baseUrl}/trpc/auth.me`));
    await client.mutation('auth.login', { email, password });
    return client;
  }

  private remember(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const [name, ...value] = pair!.split('=');
      this.cookies.set(name!.trim(), value.join('='));
    }
  }

  private headers(): Record<string, string> {
    return {
      cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
      'x-csrf-token': this.cookies.get('anliegen_csrf') ?? '',
      'content-type': 'application/json',
    };
  }

  private async unwrap<T>(response: Response, path: string): Promise<T> {
    this.remember(response);
    const body = (await response.json()) as { result?: { data: T }; error?: { message: string } };
    if (!response.ok || !body.result) throw new Error(`${path}: ${response.status} ${body.error?.message ?? ''}`);
    return body.result.data;
  }

  async query<P extends string>(path: P, input?: unknown): Promise<any> {
    const url = `${this.baseUrl}/trpc/${path}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`;
    return this.unwrap(await fetch(url, { headers: this.headers() }), path);
  }

  async mutation(path: string, input?: unknown): Promise<any> {
    return this.unwrap(await fetch(`${this.baseUrl}/trpc/${path}`, { method: 'POST', headers: this.headers(), body: JSON.stringify(input ?? null) }), path);
  }

  createCitizen(input: RouterInputs['citizens']['create']): Promise<RouterOutputs['citizens']['create']> {
    return this.mutation('citizens.create', input);
  }

  createCase(input: RouterInputs['cases']['create']): Promise<RouterOutputs['cases']['create']> {
    return this.mutation('cases.create', input);
  }

  caseByReference(reference: string): Promise<RouterOutputs['cases']['byReference']> {
    return this.query('cases.byReference', { reference });
  }

  updateCase(input: RouterInputs['cases']['update']): Promise<RouterOutputs['cases']['update']> {
    return this.mutation('cases.update', input);
  }
}
