import type { RouterInputs, RouterOutputs } from '@anliegen/server';
import { HttpClient } from '../../../server/src/test/http-client.js';
import { DEMO_PASSWORD } from './demo.js';

/** The app's API as a signed-in agent, for seeding test data the way the UI would create it. */
export class ApiClient {
  private constructor(private readonly http: HttpClient) {}

  static async login(baseUrl: string, email: string, password = DEMO_PASSWORD): Promise<ApiClient> {
    const http = new HttpClient(baseUrl);
    await http.logIn(email, password);
    return new ApiClient(http);
  }

  createCitizen(input: RouterInputs['citizens']['create']) {
    return this.http.call<RouterOutputs['citizens']['create']>('mutation', 'citizens.create', input);
  }

  createCase(input: RouterInputs['cases']['create']) {
    return this.http.call<RouterOutputs['cases']['create']>('mutation', 'cases.create', input);
  }

  listCases(input: RouterInputs['cases']['list']) {
    return this.http.call<RouterOutputs['cases']['list']>('query', 'cases.list', input);
  }

  /**
   * The first case of all whose citizen has an email address, for tests of the reply by email. The demo town is
   * seeded relative to the start, so which case comes first depends on the hour, and some citizens only phone.
   */
  async caseWithEmail() {
    const { items } = await this.listCases({ view: 'all' });
    for (const item of items) {
      const { case: found } = await this.caseByReference(item.reference);
      const panel = await this.http.call<RouterOutputs['citizens']['panel']>('query', 'citizens.panel', { id: found.citizen.id });
      if (panel.citizen.contacts.some((contact) => contact.kind === 'email')) return found;
    }
    throw new Error('no case of a citizen with an email address');
  }

  caseByReference(reference: string) {
    return this.http.call<RouterOutputs['cases']['byReference']>('query', 'cases.byReference', { reference });
  }

  teams() {
    return this.http.call<RouterOutputs['teams']['list']>('query', 'teams.list', undefined);
  }

  search(q: string) {
    return this.http.call<RouterOutputs['search']['run']>('query', 'search.run', { q });
  }

  updateCase(input: RouterInputs['cases']['update']) {
    return this.http.call<RouterOutputs['cases']['update']>('mutation', 'cases.update', input);
  }

  categories() {
    return this.http.call<RouterOutputs['categories']['list']>('query', 'categories.list', undefined);
  }

  /** As an admin: what the retention job would anonymise now. */
  retentionPreview() {
    return this.http.call<RouterOutputs['privacy']['retentionPreview']>('query', 'privacy.retentionPreview', undefined);
  }
}
