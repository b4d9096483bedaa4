import { OPEN_CASE_STATUSES } from '@anliegen/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertTestUser } from '../../test/callers.js';
import { insertTestCase, insertTestCitizen, insertTestTeam } from '../../test/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../../test/test-db.js';
import { DEMO_USERS } from '../../seed/demo-data.js';
import { seedDemoOnce } from '../../seed/demo-seed.js';
import { escalateOverdueCases } from './sla.service.js';

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await database.destroy();
});

const HOUR = 3_600_000;
const notificationsOf = (userId: number) =>
  database.db.selectFrom('notifications').select(['kind', 'case_id']).where('user_id', '=', userId).orderBy('case_id').execute();

describe('escalation of overdue cases', () => {
  it('tells the case’s assignee as well as the team’s leads, once each', async () => {
    const teamId = await insertTestTeam(database.db, 'Bürgeramt');
    const lead = await insertTestUser(database.db, { email: 'lea@musterstadt.example', role: 'team_lead', teamIds: [teamId] });
    const anna = await insertTestUser(database.db, { email: 'anna@musterstadt.example', role: 'agent', teamIds: [teamId] });
    const citizen = await insertTestCitizen(database.db, 'Berg');
    const now = Date.now();
    const overdue = await insertTestCase(database.db, {
      citizen_id: citizen,
      reference: 'A-2026-000001',
      status: 'open',
      team_id: teamId,
      assignee_id: anna.id,
      resolution_due_at: now - 22 * 24 * HOUR,
    });
    // The lead's own overdue case: one notification, not two.
    const leadsOwn = await insertTestCase(database.db, {
      citizen_id: citizen,
      reference: 'A-2026-000002',
      status: 'open',
      team_id: teamId,
      assignee_id: lead.id,
      resolution_due_at: now - HOUR,
    });

    expect(await escalateOverdueCases(database.db, now)).toBe(2);
    expect(await notificationsOf(anna.id)).toEqual([{ kind: 'escalation', case_id: overdue }]);
    expect(await notificationsOf(lead.id)).toEqual([
      { kind: 'escalation', case_id: overdue },
      { kind: 'escalation', case_id: leadsOwn },
    ]);
    // Once per case.
    expect(await escalateOverdueCases(database.db, now + HOUR)).toBe(0);
    expect(await notificationsOf(anna.id)).toHaveLength(1);
  });

  it('reaches the demo agent’s bell with her cases that were overdue long before the first run', async () => {
    await seedDemoOnce(database.db);
    const agentEmail = DEMO_USERS.find((user) => user.role === 'agent')!.email;
    const agent = await database.db.selectFrom('users').select('id').where('email', '=', agentEmail).executeTakeFirstOrThrow();
    const now = Date.now();
    const hers = await database.db
      .selectFrom('cases')
      .select('id')
      .where('assignee_id', '=', agent.id)
      .where('status', 'in', OPEN_CASE_STATUSES)
      .where('next_due_at', '<', now)
      .where('sla_paused_at', 'is', null)
      .where('merged_into_id', 'is', null)
      .orderBy('id')
      .execute();
    // The demo shows her cases that are weeks overdue: the bell must say so.
    expect(hers.length).toBeGreaterThan(0);

    await escalateOverdueCases(database.db, now);
    expect(await notificationsOf(agent.id)).toEqual(hers.map((c) => ({ kind: 'escalation', case_id: c.id })));
  });
});
