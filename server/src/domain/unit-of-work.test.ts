import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type LiveEvent, liveHub } from '../modules/live/live-hub.js';
import { insertTestCase, insertTestCitizen } from '../test/fixtures.js';
import { insertTestUser } from '../test/callers.js';
import { createTestDatabase, type TestDatabase } from '../test/test-db.js';
import type { DomainEvent, EventSubscriber } from './domain-events.js';
import { unitOfWork } from './unit-of-work.js';

let database: TestDatabase;
let caseId: number;
let agentId: number;
let leadId: number;
beforeEach(async () => {
  database = await createTestDatabase();
  const citizenId = await insertTestCitizen(database.db, 'Meier');
  caseId = await insertTestCase(database.db, { citizen_id: citizenId, reference: 'A-2026-000001' });
  agentId = (await insertTestUser(database.db, { email: 'agent@musterstadt.example', role: 'agent' })).id;
  leadId = (await insertTestUser(database.db, { email: 'lead@musterstadt.example', role: 'team_lead' })).id;
});
afterEach(async () => {
  await database.destroy();
});

/** The live events published while `run` runs (delivered in this process on both dialects' test setup). */
async function liveEventsDuring(run: () => Promise<unknown>): Promise<LiveEvent[]> {
  const seen: LiveEvent[] = [];
  const controller = new AbortController();
  const listening = (async () => {
    for await (const event of liveHub(database.db).events(controller.signal)) seen.push(event);
  })();
  await run().catch(() => undefined);
  await new Promise((resolve) => setTimeout(resolve, 20));
  controller.abort();
  await listening;
  return seen;
}

const subjectOf = async () =>
  (await database.db.selectFrom('cases').select('subject').where('id', '=', caseId).executeTakeFirstOrThrow()).subject;
const auditActions = async () => (await database.db.selectFrom('audit_events').select('action').execute()).map((r) => r.action);
const notificationCount = async () => (await database.db.selectFrom('notifications').select('id').execute()).length;

describe('a unit of work', () => {
  it('commits its writes and audit events, then publishes its events once', async () => {
    const events = await liveEventsDuring(() =>
      unitOfWork(database.db, { id: agentId, ip: '192.0.2.1' }, async (work) => {
        await work.db.updateTable('cases').set({ subject: 'Neu' }).where('id', '=', caseId).execute();
        await work.audit('case.linked', { entityId: caseId, details: { relatedCaseId: 7 } });
        work.emit({ type: 'case.changed', caseIds: [caseId] });
        work.emit({ type: 'case.assigned', caseId, assigneeId: leadId, byId: agentId });
      }),
    );
    expect(await subjectOf()).toBe('Neu');
    const audit = await database.db.selectFrom('audit_events').selectAll().executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'case.linked', entity_type: 'case', actor_id: agentId, ip: '192.0.2.1' });
    expect(await notificationCount()).toBe(1);
    // One cases event for the whole change, then the new assignee's bell.
    expect(events).toEqual([
      { kind: 'cases', caseIds: [caseId] },
      { kind: 'notification', userId: leadId },
    ]);
  });

  it('leaves nothing behind and publishes nothing when the change fails', async () => {
    const events = await liveEventsDuring(async () => {
      await expect(
        unitOfWork(database.db, { id: agentId, ip: null }, async (work) => {
          await work.db.updateTable('cases').set({ subject: 'Neu' }).where('id', '=', caseId).execute();
          await work.audit('case.linked', { entityId: caseId, details: { relatedCaseId: 7 } });
          work.emit({ type: 'case.assigned', caseId, assigneeId: leadId, byId: agentId });
          work.afterCommit(() => {
            throw new Error('must not run');
          });
          throw new Error('the change fails');
        }),
      ).rejects.toThrow('the change fails');
    });
    expect(await subjectOf()).toBe('Anliegen');
    expect(await auditActions()).toEqual([]);
    expect(await notificationCount()).toBe(0);
    expect(events).toEqual([]);
  });

  it('rolls back the whole change when a subscriber fails inside the transaction', async () => {
    const failing: EventSubscriber = {
      name: 'failing',
      inTransaction: async () => {
        throw new Error('subscriber failed');
      },
    };
    const after: DomainEvent[][] = [];
    const recording: EventSubscriber = { name: 'recording', afterCommit: (events) => void after.push([...events]) };
    await expect(
      unitOfWork(
        database.db,
        { id: agentId, ip: null },
        async (work) => {
          await work.db.updateTable('cases').set({ subject: 'Neu' }).where('id', '=', caseId).execute();
          work.emit({ type: 'case.changed', caseIds: [caseId] });
        },
        [recording, failing],
      ),
    ).rejects.toThrow('subscriber failed');
    expect(await subjectOf()).toBe('Anliegen');
    expect(after).toEqual([]);
  });

  it('refuses audit details outside the catalogue, and the change with them', async () => {
    await expect(
      unitOfWork(database.db, { id: agentId, ip: null }, async (work) => {
        await work.db.updateTable('cases').set({ subject: 'Neu' }).where('id', '=', caseId).execute();
        // A name in the details: the catalogue's strict schema refuses it at run time too.
        const details = { relatedCaseId: 7, citizenName: 'Meier' } as { relatedCaseId: number };
        await work.audit('case.linked', { entityId: caseId, details });
      }),
    ).rejects.toThrow();
    expect(await subjectOf()).toBe('Anliegen');
    expect(await auditActions()).toEqual([]);
  });

  it('keeps a committed change when a side effect after the commit fails, and runs the others', async () => {
    const ran: string[] = [];
    const result = await unitOfWork(database.db, { id: agentId, ip: null }, async (work) => {
      await work.db.updateTable('cases').set({ subject: 'Neu' }).where('id', '=', caseId).execute();
      work.afterCommit(() => {
        throw new Error('mail server down');
      });
      work.afterCommit(() => void ran.push('second'));
      return 'done';
    });
    expect(result).toBe('done');
    expect(ran).toEqual(['second']);
    expect(await subjectOf()).toBe('Neu');
  });

  it('gives no notification to whoever assigned a case to themselves', async () => {
    const events = await liveEventsDuring(() =>
      unitOfWork(database.db, { id: agentId, ip: null }, async (work) => {
        work.emit({ type: 'case.assigned', caseId, assigneeId: agentId, byId: agentId });
      }),
    );
    expect(await notificationCount()).toBe(0);
    expect(events).toEqual([{ kind: 'cases', caseIds: [caseId] }]);
  });

  it('drops a failed part of the change (its writes and events) and commits the rest', async () => {
    const events = await liveEventsDuring(() =>
      unitOfWork(database.db, { id: agentId, ip: null }, async (work) => {
        await work.savepoint(async (part) => {
          await part.db.updateTable('cases').set({ subject: 'Erster Teil' }).where('id', '=', caseId).execute();
          part.emit({ type: 'case.changed', caseIds: [caseId] });
        });
        await expect(
          work.savepoint(async (part) => {
            await part.db.updateTable('cases').set({ subject: 'Zweiter Teil' }).where('id', '=', caseId).execute();
            part.emit({ type: 'case.assigned', caseId, assigneeId: leadId, byId: agentId });
            throw new Error('this part fails');
          }),
        ).rejects.toThrow('this part fails');
      }),
    );
    expect(await subjectOf()).toBe('Erster Teil');
    expect(await notificationCount()).toBe(0);
    expect(events).toEqual([{ kind: 'cases', caseIds: [caseId] }]);
  });
});
