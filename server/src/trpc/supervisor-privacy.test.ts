import { CHANNELS, IMPACT_METRICS, type Role } from '@anliegen/shared';
import type { AnyTRPCProcedure } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addInteraction } from '../modules/cases/interactions.service.js';
import { recordInboundContact } from '../modules/intake/intake.service.js';
import { expectAppError } from '../test/app-errors.js';
import { callerFor, insertTestUser, TEST_PASSWORD } from '../test/callers.js';
import { insertTestFeedback } from '../test/feedback-fixtures.js';
import { insertTestTeam } from '../test/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../test/test-db.js';
import { appRouter } from './app-router.js';
import type { SessionUser } from './context.js';
import type { Access } from './init.js';

/**
 * Supervisors see statistics without free text (issue 8): of all procedures, they reach only those listed here,
 * and none of these returns a citizen's name, contact point, a subject or a message. A new procedure open to
 * supervisors fails this test until it is added here on purpose (and its output checked below).
 * Attachment downloads (not tRPC) refuse supervisors too: server/src/http/attachments.route.test.ts.
 */
const FOR_SUPERVISORS: Record<string, (api: ReturnType<typeof callerFor>) => Promise<unknown>> = {
  'auth.login': (api) => api.auth.login({ email: 'sina@musterstadt.example', password: TEST_PASSWORD }),
  'auth.me': (api) => api.auth.me(),
  'auth.setLocale': (api) => api.auth.setLocale({ locale: 'de' }),
  // Their own settings (the single-character shortcuts on or off): a flag.
  'auth.saveSettings': (api) => api.auth.saveSettings({ characterShortcuts: false }),
  'auth.logout': (api) => api.auth.logout(),
  // How long the session has left and "Angemeldet bleiben" (WCAG 2.2.1): durations and an id.
  'auth.session': (api) => api.auth.session(),
  'auth.extend': (api) => api.auth.extend(),
  'overview.summary': (api) => api.overview.summary(),
  'categories.list': (api) => api.categories.list(),
  'teams.list': (api) => api.teams.list(),
  'statistics.dashboard': (api) => api.statistics.dashboard({ from: today(), to: today(), groupBy: 'day' }),
  // Their own weekly report by email: flags and an instant.
  'reports.mySetting': (api) => api.reports.mySetting(),
  'reports.setMySetting': (api) => api.reports.setMySetting({ enabled: false }),
  // Cases per curated tag: the admins' names and counts (free tags, typed by agents, are left out).
  'tags.statistics': (api) => api.tags.statistics({ from: today(), to: today() }),
  // Impact figures against targets (issue 18): counts, figure names, verdicts, team names.
  'impact.figures': (api) => api.impact.figures({ question: { from: today(), to: today(), groupBy: 'day' }, by: 'team' }),
  // The citizens' comments: their words with rating, day, team and topic; names and contact data taken out.
  'impact.comments': (api) => api.impact.comments({ question: { from: today(), to: today(), groupBy: 'day' } }),
};

const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Berlin' });

const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, AnyTRPCProcedure>);
const reaches = (access: Access | undefined, role: Role) =>
  access?.kind === 'public' || access?.kind === 'authed' || (access?.kind === 'roles' && access.roles.includes(role));
const accessOf = (procedure: AnyTRPCProcedure) => (procedure._def.meta as { access?: Access } | undefined)?.access;

/** What a citizen told us: none of it may reach a supervisor. */
const PERSONAL = ['Berta', 'Berg', 'berta.berg', 'example.com', '301234567', 'Laternenmast', 'Sturmschaden', 'Antwort an Berta'];

let database: TestDatabase;
let supervisor: SessionUser;
let staffNames: string[];
let teamNames: string[];

beforeAll(async () => {
  database = await createTestDatabase();
  const team = await insertTestTeam(database.db, 'Ordnungsamt');
  supervisor = await insertTestUser(database.db, { email: 'sina@musterstadt.example', role: 'supervisor' });
  const agent = await insertTestUser(database.db, {
    email: 'anna@musterstadt.example',
    role: 'agent',
    displayName: 'Anna Agentin',
    teamIds: [team],
  });
  for (const channel of ['email', 'phone'] as const) {
    const contact = await recordInboundContact(
      database.db,
      { id: agent.id, ip: null },
      {
        channel,
        from: { email: 'berta.berg@example.com', phone: '030 1234567', name: 'Berta Berg' },
        teamId: team,
        subject: 'Laternenmast umgeknickt',
        text: 'Sturmschaden am Laternenmast vor Hausnummer 3.',
      },
    );
    await addInteraction(
      database.db,
      { id: agent.id, ip: null },
      { caseId: contact.caseId, kind: 'reply', text: 'Antwort an Berta', direction: 'inbound' },
    );
    await database.db.updateTable('cases').set({ assignee_id: agent.id }).where('id', '=', contact.caseId).execute();
    // Feedback whose comment names the citizen and how to reach her (issue 18): the supervisor reads the words only.
    if (channel === 'email') {
      await insertTestFeedback(database.db, contact.caseId, Date.now(), {
        rating: 4,
        solved: 'yes',
        comment: 'Danke, Berta Berg! Mail: berta.berg@example.com, Tel. 030 1234567',
      });
    }
  }
  staffNames = (await database.db.selectFrom('users').select('display_name').execute()).map((row) => row.display_name);
  teamNames = (await database.db.selectFrom('teams').select('name').execute()).map((row) => row.name);
});
afterAll(async () => {
  await database.destroy();
});

/** Every string in a value, with where it sits (array positions as []). */
function stringsOf(value: unknown, path = ''): { path: string; value: string }[] {
  if (typeof value === 'string') return [{ path, value }];
  if (Array.isArray(value)) return value.flatMap((item) => stringsOf(item, `${path}[]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, inner]) => stringsOf(inner, path ? `${path}.${key}` : key));
  }
  return [];
}

describe('supervisors', () => {
  it('reach only the procedures listed for them', () => {
    const reached = procedures.filter(([, procedure]) => reaches(accessOf(procedure), 'supervisor')).map(([path]) => path);
    expect(reached.sort()).toEqual(Object.keys(FOR_SUPERVISORS).sort());
  });

  it.each(procedures.filter(([path]) => !(path in FOR_SUPERVISORS)).map(([path]) => path))(
    '%s answers a supervisor FORBIDDEN',
    async (path) => {
      let target: unknown = callerFor(database.db, supervisor);
      for (const key of path.split('.')) target = (target as Record<string, unknown>)[key];
      await expectAppError((target as (input: unknown) => Promise<unknown>)(undefined), 'FORBIDDEN', 'auth.forbidden');
    },
  );

  it.each(Object.entries(FOR_SUPERVISORS))('%s returns no personal data', async (_path, call) => {
    const output = JSON.stringify(await call(callerFor(database.db, supervisor)));
    for (const word of PERSONAL) expect(output).not.toContain(word);
  });

  it('get statistics as figures: the only text is periods, channels, team names and staff names', async () => {
    const result = await FOR_SUPERVISORS['statistics.dashboard']!(callerFor(database.db, supervisor));
    // The figures count what was recorded above (so the check below looks at real output, not an empty one).
    expect(result).toMatchObject({ flow: [{ opened: 2 }], workload: { agents: [{ name: 'Anna Agentin', open: 2 }] } });
    const texts = stringsOf(result);
    const allowed: Record<string, (value: string) => boolean> = {
      'periods[]': (value) => /^\d{4}-\d{2}-\d{2}$/.test(value),
      'contacts[].period': (value) => /^\d{4}-\d{2}-\d{2}$/.test(value),
      'flow[].period': (value) => /^\d{4}-\d{2}-\d{2}$/.test(value),
      'backlog[].period': (value) => /^\d{4}-\d{2}-\d{2}$/.test(value),
      'contacts[].channel': (value) => (CHANNELS as readonly string[]).includes(value),
      'recontacts.byChannel[].channel': (value) => (CHANNELS as readonly string[]).includes(value),
      'channelSwitches.paths[].from': (value) => (CHANNELS as readonly string[]).includes(value),
      'channelSwitches.paths[].to': (value) => (CHANNELS as readonly string[]).includes(value),
      'workload.teams[].name': (value) => teamNames.includes(value),
      'workload.agents[].name': (value) => staffNames.includes(value),
      // The impact figures of the same question (their own texts are checked below).
      'impact.figures[].metric': (value) => (IMPACT_METRICS as readonly string[]).includes(value),
      'impact.series[].period': (value) => /^\d{4}-\d{2}-\d{2}$/.test(value),
    };
    for (const text of texts) {
      expect(Object.keys(allowed), `text at ${text.path}`).toContain(text.path);
      expect(allowed[text.path]!(text.value), `${text.path} = ${text.value}`).toBe(true);
    }
    expect(new Set(texts.map((text) => text.path))).toContain('workload.agents[].name');
  });

  it('get impact figures as counts: the only text is figure names, verdicts, periods and team names', async () => {
    const result = await FOR_SUPERVISORS['impact.figures']!(callerFor(database.db, supervisor));
    expect(result).toMatchObject({ satisfaction: { answers: 1, ratings: [0, 0, 0, 1, 0] } });
    const metric = (value: string) => (IMPACT_METRICS as readonly string[]).includes(value);
    const allowed: Record<string, (value: string) => boolean> = {
      'figures[].metric': metric,
      'series[].period': (value) => /^\d{4}-\d{2}-\d{2}$/.test(value),
      'breakdown.by': (value) => value === 'team',
      'breakdown.rows[].name': (value) => teamNames.includes(value),
      'breakdown.rows[].figures[].metric': metric,
      // With targets set: whose target, and met / near / missed.
      'figures[].target.scope': (value) => value === 'desk' || value === 'team',
      'figures[].verdict': (value) => ['met', 'near', 'missed'].includes(value),
      'breakdown.rows[].figures[].target.scope': (value) => value === 'desk' || value === 'team',
      'breakdown.rows[].figures[].verdict': (value) => ['met', 'near', 'missed'].includes(value),
    };
    for (const text of stringsOf(result)) {
      expect(Object.keys(allowed), `text at ${text.path}`).toContain(text.path);
      expect(allowed[text.path]!(text.value), `${text.path} = ${text.value}`).toBe(true);
    }
  });

  it('read citizens’ comments without the names, addresses and numbers in them, and nothing that leads to the case', async () => {
    const page = (await FOR_SUPERVISORS['impact.comments']!(callerFor(database.db, supervisor))) as {
      items: Record<string, unknown>[];
    };
    expect(page.items).toEqual([
      {
        at: expect.any(Number),
        rating: 4,
        solved: 'yes',
        comment: 'Danke, […] […]! Mail: […], Tel. […]',
        teamName: 'Ordnungsamt',
        categoryName: null,
      },
    ]);
  });
});
