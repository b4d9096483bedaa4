// A few minutes of a desk's day, played against a released version's running server over its public HTTP API, so
// that an upgrade fixture holds what the data generator alone does not write: audit events, sessions, a web-form
// case with an attachment in the store, notes, a queued reply, status changes, links, merges, a saved search.
// Used by scripts/make-upgrade-fixture.sh; plain Node (fetch, FormData), no dependencies, so it runs against any
// release. Usage: node activity.mjs BASE_URL
// A later release whose API differs needs this file adjusted (see server/src/db/upgrade-fixtures/README.md).

const [baseUrl] = process.argv.slice(2);
if (!baseUrl) throw new Error('usage: node activity.mjs BASE_URL');

const TOWN = 'musterstadt.example';
const PASSWORD = 'Musterstadt-2026!';
/** The word the upgrade test searches for (server/src/db/upgrade.test.ts): in the web form's message only. */
const SEARCH_WORD = 'Kastanienallee';

class Browser {
  cookies = new Map();

  async request(path, init = {}) {
    const headers = { ...init.headers };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([n, v]) => `${n}=${v}`).join('; ');
    const response = await fetch(`${baseUrl}${path}`, { ...init, headers, redirect: 'manual' });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const at = pair.indexOf('=');
      const value = pair.slice(at + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(cookie)) this.cookies.delete(pair.slice(0, at));
      else this.cookies.set(pair.slice(0, at), value);
    }
    return response;
  }

  async call(kind, path, input) {
    const response =
      kind === 'query'
        ? await this.request(`/trpc/${path}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`)
        : await this.request(`/trpc/${path}`, {
            method: 'POST',
            body: JSON.stringify(input ?? null),
            headers: { 'content-type': 'application/json', 'x-csrf-token': this.cookies.get('anliegen_csrf') ?? '' },
          });
    const body = await response.json();
    if (!response.ok || !body.result) throw new Error(`${path}: ${response.status} ${JSON.stringify(body.error ?? body)}`);
    return body.result.data;
  }

  async logIn(email, password = PASSWORD) {
    await this.call('query', 'auth.me');
    return this.call('mutation', 'auth.login', { email, password });
  }
}

// 1. A citizen writes through the web form, with a file.
const visitor = new Browser();
const form = await (await visitor.request('/anliegen')).text();
const formToken = /name="formToken" value="([^"]+)"/.exec(form)?.[1];
const categoryId = /<option value="(\d+)"/.exec(form)?.[1];
if (!formToken || !categoryId) throw new Error('web form: no token or category found');
const body = new FormData();
body.set('formToken', formToken);
body.set('website', '');
body.set('name', 'Erika Beispielfrau');
body.set('email', 'erika.beispielfrau@example.org');
body.set('phone', '0221 555 0142');
body.set('categoryId', categoryId);
body.set(
  'text',
  `Guten Tag,\n\nin der ${SEARCH_WORD} vor Hausnummer 12 ist seit Tagen eine Straßenlaterne dunkel. ` +
    'Ein Foto-Protokoll hängt an.\n\nMit freundlichen Grüßen\nErika Beispielfrau',
);
body.set('consent', 'yes');
body.append(
  'files',
  new Blob(['Laterne 12: dunkel seit Montag, Mast schief.\n'], { type: 'text/plain' }),
  'laterne-protokoll.txt',
);
const submitted = await visitor.request('/anliegen', { method: 'POST', body });
if (submitted.status >= 400) throw new Error(`web form: ${submitted.status} ${await submitted.text()}`);

// 2. A caseworker of the Bürgerbüro works the inbox.
const agent = new Browser();
const failed = await agent.request('/trpc/auth.login', { method: 'POST' }); // a request without CSRF, refused
await failed.arrayBuffer();
await agent.logIn(`sachbearbeitung@${TOWN}`);
const all = await agent.call('query', 'cases.list', { view: 'all', limit: 200 });
const open = all.items.filter((item) => ['new', 'open'].includes(item.status));
if (open.length < 6) throw new Error('too few open cases in the generated data');
const detail = async (item) => (await agent.call('query', 'cases.byReference', { reference: item.reference })).case;

const noted = await detail(open[0]);
await agent.call('mutation', 'cases.addInteraction', {
  caseId: noted.id,
  kind: 'note',
  text: 'Rückruf vereinbart, Unterlagen kommen per Post.',
});
await agent.call('mutation', 'cases.addInteraction', {
  caseId: noted.id,
  kind: 'reply',
  text: 'Guten Tag,\n\nwir haben Ihr Anliegen erhalten und melden uns bis Freitag.\n\nIhr Bürgerservice',
});
await agent.call('mutation', 'cases.update', {
  id: noted.id,
  version: (await detail(open[0])).version,
  status: 'waiting_citizen',
});
const resolved = await detail(open[1]);
await agent.call('mutation', 'cases.update', { id: resolved.id, version: resolved.version, status: 'resolved' });
await agent.call('mutation', 'cases.link', { caseId: open[2].id, relatedCaseId: open[3].id });

// Two cases of one citizen become one.
const byCitizen = new Map();
for (const item of all.items.filter((c) => c.status !== 'closed')) {
  byCitizen.set(item.citizenId, [...(byCitizen.get(item.citizenId) ?? []), item]);
}
const pair = [...byCitizen.values()].find((items) => items.length >= 2);
if (pair) await agent.call('mutation', 'cases.merge', { sourceId: pair[1].id, targetId: pair[0].id });

// Two records of one person become one (the later one redirects).
const citizenIds = [...new Set(all.items.map((item) => item.citizenId))].filter((id) => !pair?.some((c) => c.citizenId === id));
await agent.call('mutation', 'citizens.merge', { survivorId: citizenIds[0], mergedId: citizenIds[1] });
await agent.call('query', 'citizens.panel', { id: citizenIds[0] });
await agent.call('query', 'search.run', { q: SEARCH_WORD });
await agent.call('mutation', 'savedSearches.create', { name: 'Laternen', query: 'Laterne' });

// 3. A team lead assigns; a supervisor reads the statistics.
const lead = new Browser();
await lead.logIn(`leitung@${TOWN}`);
const unassigned = await lead.call('query', 'cases.list', { view: 'team_unassigned', limit: 5 });
const me = await agent.call('query', 'auth.me');
if (unassigned.items[0]) {
  const target = (await lead.call('query', 'cases.byReference', { reference: unassigned.items[0].reference })).case;
  await lead.call('mutation', 'cases.update', { id: target.id, version: target.version, assigneeId: me.id });
}
const supervisor = new Browser();
await supervisor.logIn(`statistik@${TOWN}`);
const day = (ms) => new Date(ms).toISOString().slice(0, 10);
await supervisor.call('query', 'statistics.dashboard', { from: day(Date.now() - 90 * 86_400_000), to: day(Date.now()) });

// A failed login (the throttle's table).
const stranger = new Browser();
await stranger.call('query', 'auth.me');
await stranger.call('mutation', 'auth.login', { email: `sachbearbeitung@${TOWN}`, password: 'falsch' }).catch(() => undefined);

process.stdout.write('activity done\n');
