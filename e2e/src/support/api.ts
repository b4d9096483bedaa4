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
