import { ROLES, type Role } from '@anliegen/shared';
import { TRPCError, type AnyTRPCProcedure } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formattedError, trpcErrorOf } from '../test/app-errors.js';
import { callerFor, insertTestUser } from '../test/callers.js';
import { createTestDatabase, type TestDatabase } from '../test/test-db.js';
import { appRouter } from './app-router.js';
import type { SessionUser } from './context.js';
import type { Access } from './init.js';

/**
 * Walks every procedure of the app router: a new procedure without an access rule, or one whose middleware does
 * not do what its rule says, fails here.
 */

// tRPC v11 keeps a flat record of all procedures by path ("users.list").
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, AnyTRPCProcedure>).sort(([a], [b]) =>
  a.localeCompare(b),
);

function accessOf(procedure: AnyTRPCProcedure): Access | undefined {
  return (procedure._def.meta as { access?: Access } | undefined)?.access;
}

function entriesOf(kind: Access['kind']) {
  return procedures.filter(([, procedure]) => accessOf(procedure)?.kind === kind);
}

const roleRules = procedures.flatMap(([path, procedure]) => {
  const access = accessOf(procedure);
  return access?.kind === 'roles' ? [{ path, roles: access.roles }] : [];
});

/** Calls a procedure by its path with `undefined` input: enough to reach (or be stopped by) the access check. */
async function callPath(caller: ReturnType<typeof callerFor>, path: string): Promise<unknown> {
  let target: unknown = caller;
  for (const key of path.split('.')) target = (target as Record<string, unknown>)[key];
  if (typeof target !== 'function') throw new Error(`${path} is not callable on the caller`);
  return (target as (input: unknown) => Promise<unknown>)(undefined);
}

/** The tRPC code a call fails with, or 'OK'. */
function outcomeOf(caller: ReturnType<typeof callerFor>, path: string): Promise<string> {
  return callPath(caller, path).then(
    () => 'OK',
    (error: unknown) => {
      if (error instanceof TRPCError) return error.code;
      throw error;
    },
  );
}

// The calls below only probe the access checks (with undefined input), so one database serves the whole file.
let database: TestDatabase;
let users: Record<Role, SessionUser>;
beforeAll(async () => {
  database = await createTestDatabase();
  const entries = await Promise.all(
    ROLES.map(async (role) => [role, await insertTestUser(database.db, { email: `${role}@musterstadt.example`, role })] as const),
  );
  users = Object.fromEntries(entries) as Record<Role, SessionUser>;
});
afterAll(async () => {
  await database.destroy();
});

describe('access rules', () => {
  it('finds the procedures of every router, of every kind', () => {
    const routers = new Set(procedures.map(([path]) => path.split('.')[0]));
    expect([...routers].sort()).toEqual([
      'accessibility',
      'audit',
      'auth',
      'cannedResponses',
      'cases',
      'categories',
      'citizens',
      'feedback',
      'impact',
      'intake',
      'live',
      'mail',
      'mailbox',
      'notifications',
      'overview',
      'privacy',
      'reports',
      'routingRules',
      'savedSearches',
      'search',
      'slaPolicies',
      'statistics',
      'tags',
      'teams',
      'users',
      'workload',
    ]);
    expect(entriesOf('public').length).toBeGreaterThan(0);
    expect(entriesOf('authed').length).toBeGreaterThan(0);
    expect(entriesOf('roles').length).toBeGreaterThan(0);
  });

  it.each(procedures)('%s declares a valid access rule', (_path, procedure) => {
    const access = accessOf(procedure);
    expect(access?.kind).toMatch(/^(public|authed|roles)$/);
    if (access?.kind === 'roles') {
      expect(access.roles.length).toBeGreaterThan(0);
      for (const role of access.roles) expect(ROLES).toContain(role);
    }
  });

  it('matches the intended access matrix (a new or changed rule must be added here on purpose)', () => {
    const matrix = Object.fromEntries(
      procedures.map(([path, procedure]) => {
        const access = accessOf(procedure);
        return [path, access?.kind === 'roles' ? [...access.roles].sort().join(',') : access?.kind];
      }),
    );
    expect(matrix).toEqual({
      // Where reported barriers go (Erklärung zur Barrierefreiheit, issue 18).
      'accessibility.barrierCategory': 'admin',
      'accessibility.setBarrierCategory': 'admin',
      'audit.export': 'admin',
      'audit.list': 'admin',
      'auth.login': 'public',
      'auth.logout': 'authed',
      'auth.me': 'public',
      'auth.setLocale': 'authed',
      'auth.saveSettings': 'authed',
      // How long the session has left (the warning before it ends), and "Angemeldet bleiben".
      'auth.session': 'public',
      'auth.extend': 'authed',
      'cannedResponses.create': 'admin,team_lead',
      'cannedResponses.list': 'admin,agent,team_lead',
      'cannedResponses.remove': 'admin,team_lead',
      'cannedResponses.update': 'admin,team_lead',
      'intake.recordContact': 'agent,team_lead',
      'overview.summary': 'authed',
      // Counts and an age, no addresses: the admins' notice and the caseworkers' reply box and timeline.
      'mail.status': 'admin,agent,team_lead',
      // The citizen's mailbox (issue 18): the admins' switches; the caseworkers' hint and revoking a case's status links.
      'mailbox.settings': 'admin',
      'mailbox.setMailWithoutContent': 'admin',
      'mailbox.ofCase': 'agent,team_lead',
      'mailbox.revokeStatusLinks': 'agent,team_lead',
      'live.events': 'agent,team_lead',
      'workload.board': 'team_lead',
      'workload.reassign': 'team_lead',
      'workload.setAbsent': 'team_lead',
      'notifications.list': 'agent,team_lead',
      'notifications.markRead': 'agent,team_lead',
      'live.presence': 'agent,team_lead',
      'live.setPresence': 'agent,team_lead',
      'search.run': 'agent,team_lead',
      'savedSearches.create': 'agent,team_lead',
      'savedSearches.list': 'agent,team_lead',
      'savedSearches.remove': 'agent,team_lead',
      'cases.addInteraction': 'agent,team_lead',
      'cases.byReference': 'agent,team_lead',
      'cases.create': 'agent,team_lead',
      'cases.link': 'agent,team_lead',
      'cases.list': 'agent,team_lead',
      'cases.merge': 'agent,team_lead',
      'cases.retryDelivery': 'agent,team_lead',
      'cases.forwardCase': 'agent,team_lead',
      'cases.forwardMessage': 'agent,team_lead',
      'cases.addSenderToCitizen': 'agent,team_lead',
      'cases.splitInteraction': 'agent,team_lead',
      'cases.splitMessage': 'agent,team_lead',
      'cases.unlink': 'agent,team_lead',
      'cases.update': 'agent,team_lead',
      // Tags and bulk work in the inbox (issue 16); the counts per view are counts only.
      'cases.viewCounts': 'agent,team_lead',
      'cases.bulkUpdate': 'agent,team_lead',
      'cases.setTags': 'agent,team_lead',
      'tags.list': 'agent,team_lead',
      'tags.adminList': 'admin',
      'tags.create': 'admin',
      'tags.update': 'admin',
      'tags.merge': 'admin',
      'tags.remove': 'admin',
      'tags.setSettings': 'admin',
      // Cases per tag: supervisors see the curated tags only.
      'tags.statistics': 'admin,supervisor,team_lead',
      'categories.list': 'authed',
      'categories.setRetention': 'admin',
      'citizens.addContact': 'agent,team_lead',
      'citizens.byId': 'agent,team_lead',
      'citizens.create': 'agent,team_lead',
      'citizens.duplicates': 'agent,team_lead',
      'citizens.lookup': 'admin,agent,team_lead',
      'citizens.merge': 'agent,team_lead',
      'citizens.panel': 'agent,team_lead',
      'citizens.removeContact': 'agent,team_lead',
      'citizens.timeline': 'agent,team_lead',
      'citizens.update': 'agent,team_lead',
      // The survey after a case (issue 18): the counter receipt, answers told to an agent, the admin's switches.
      'feedback.receipt': 'agent,team_lead',
      'feedback.record': 'agent,team_lead',
      'feedback.setEnabled': 'admin',
      'feedback.settings': 'admin',
      'privacy.eraseCitizen': 'admin',
      'privacy.exportCitizen': 'admin',
      'privacy.retentionPreview': 'admin',
      'privacy.runRetention': 'admin',
      'routingRules.create': 'admin',
      'routingRules.list': 'admin',
      'routingRules.move': 'admin',
      'routingRules.remove': 'admin',
      'slaPolicies.create': 'admin',
      'slaPolicies.list': 'admin',
      'slaPolicies.remove': 'admin',
      'slaPolicies.update': 'admin',
      'statistics.dashboard': 'admin,supervisor,team_lead',
      // The cases behind a figure: team leads only (supervisors and admins get counts only).
      'statistics.cases': 'team_lead',
      // Impact figures against targets (issue 18): read like the dashboard; targets and publication are the admins'.
      'impact.figures': 'admin,supervisor,team_lead',
      'impact.comments': 'admin,supervisor,team_lead',
      'impact.targets': 'admin',
      'impact.saveTarget': 'admin',
      'impact.removeTarget': 'admin',
      'impact.setPublicFigures': 'admin',
      // The weekly report by email: its recipients switch it; admins see who gets it.
      'reports.mySetting': 'supervisor,team_lead',
      'reports.setMySetting': 'supervisor,team_lead',
      'reports.recipients': 'admin',
      'teams.create': 'admin',
      'teams.list': 'authed',
      'teams.update': 'admin',
      'users.assignees': 'agent,team_lead',
      'users.create': 'admin',
      'users.list': 'admin',
      'users.update': 'admin',
    });
  });
});

describe('without a session', () => {
  it.each(procedures.filter(([, procedure]) => accessOf(procedure)?.kind !== 'public'))(
    '%s answers UNAUTHORIZED',
    async (path) => {
      const error = await trpcErrorOf(callPath(callerFor(database.db), path));
      expect(error.code).toBe('UNAUTHORIZED');
      expect(formattedError(error).data.appCode).toBe('auth.unauthenticated');
    },
  );

  it.each(entriesOf('public'))('%s lets the call through', async (path) => {
    expect(['OK', 'BAD_REQUEST']).toContain(await outcomeOf(callerFor(database.db), path));
  });
});

describe('with a session', () => {
  it.each(entriesOf('authed'))('%s lets every role through', async (path) => {
    for (const role of ROLES) {
      expect(await outcomeOf(callerFor(database.db, users[role]), path), role).not.toMatch(/^(FORBIDDEN|UNAUTHORIZED)$/);
    }
  });

  it.each(roleRules)('$path answers FORBIDDEN to roles other than $roles', async ({ path, roles }) => {
    const others = ROLES.filter((role) => !roles.includes(role));
    for (const role of others) {
      const error = await trpcErrorOf(callPath(callerFor(database.db, users[role]), path));
      expect({ role, code: error.code, appCode: formattedError(error).data.appCode }).toEqual({
        role,
        code: 'FORBIDDEN',
        appCode: 'auth.forbidden',
      });
    }
  });

  it.each(roleRules)('$path lets $roles through', async ({ path, roles }) => {
    for (const role of roles) {
      expect(await outcomeOf(callerFor(database.db, users[role]), path), role).not.toMatch(/^(FORBIDDEN|UNAUTHORIZED)$/);
    }
  });
});
