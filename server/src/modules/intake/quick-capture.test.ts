import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectAppError } from '../../test/app-errors.js';
import { callerFor, insertTestUser } from '../../test/callers.js';
import { createTestDatabase, type TestDatabase } from '../../test/test-db.js';

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await database.destroy();
});

async function agentApi() {
  const agent = await insertTestUser(database.db, { email: 'anna@musterstadt.example', role: 'agent' });
  return { agent, api: callerFor(database.db, agent) };
}

describe('quick capture of calls and counter visits', () => {
  it('finds a known caller by number in any format and adds the call to the open case, with duration and outcome', async () => {
    const { agent, api } = await agentApi();
    const citizen = await api.citizens.create({
      givenName: 'Emil',
      familyName: 'Ernst',
      contacts: [{ kind: 'phone', value: '0151 2345678' }],
    });
    const open = await api.cases.create({
      citizenId: citizen.id,
      subject: 'Bewohnerparkausweis',
      channel: 'counter',
      text: 'Antrag abgegeben.',
    });

    const call = await api.intake.recordContact({
      channel: 'phone',
      phone: '+49 151 234 56 78',
      caseId: open.id,
      text: 'Fragt nach dem Stand.',
      durationSeconds: 95,
      outcome: 'answered',
    });
    expect(call).toMatchObject({
      citizenId: citizen.id,
      caseId: open.id,
      reference: open.reference,
      createdCitizen: false,
      createdCase: false,
    });
    const stored = await database.db
      .selectFrom('interactions')
      .selectAll()
      .where('id', '=', call.interactionId)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ channel: 'phone', direction: 'inbound', author_id: agent.id, duration_seconds: 95 });
    expect(JSON.parse(stored.metadata!)).toEqual({ outcome: 'answered' });
  });

  it('records an unknown caller as a new, unverified citizen with a new case', async () => {
    const { api } = await agentApi();
    const call = await api.intake.recordContact({
      channel: 'phone',
      phone: '030 9876543',
      name: 'Frieda Fuchs',
      subject: 'Lärm nachts',
      text: 'Beschwert sich über Lärm.',
    });
    expect(call).toMatchObject({ createdCitizen: true, createdCase: true });
    const { citizen } = await api.citizens.byId({ id: call.citizenId });
    expect(citizen).toMatchObject({ givenName: 'Frieda', familyName: 'Fuchs', unverified: true });
    expect(citizen.contacts.map((c) => c.normalized)).toEqual(['+49309876543']);
    const detail = await api.cases.byReference({ reference: call.reference });
    expect(detail.case).toMatchObject({ subject: 'Lärm nachts', originChannel: 'phone', status: 'new' });
  });

  it('uses the citizen the agent picked, follows a merge to the survivor, and keeps the office of a counter visit', async () => {
    const { api } = await agentApi();
    const kept = await api.citizens.create({ givenName: 'Greta', familyName: 'Gans', contacts: [] });
    const merged = await api.citizens.create({ givenName: 'Greta', familyName: 'Gans', contacts: [] });
    await api.citizens.merge({ survivorId: kept.id, mergedId: merged.id });
    const visit = await api.intake.recordContact({
      channel: 'counter',
      citizenId: merged.id,
      subject: 'Meldebescheinigung',
      text: 'Bescheinigung ausgehändigt.',
      durationSeconds: 300,
      location: 'Bürgeramt Nord',
    });
    expect(visit.citizenId).toBe(kept.id);
    const stored = await database.db
      .selectFrom('interactions')
      .selectAll()
      .where('id', '=', visit.interactionId)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(stored.metadata!)).toEqual({ location: 'Bürgeramt Nord' });
  });

  it('proposes the subject of a new case from the note for a known caller without an open case (issue 16)', async () => {
    const { api } = await agentApi();
    const citizen = await api.citizens.create({
      givenName: 'Hugo',
      familyName: 'Hahn',
      contacts: [{ kind: 'phone', value: '0151 7654321' }],
    });
    // The README's flow: number, Enter, note, Ctrl+Enter; nobody typed a subject.
    const call = await api.intake.recordContact({
      channel: 'phone',
      citizenId: citizen.id,
      text: '  Fragt, wann der Sperrmüll abgeholt wird.\nRückruf zugesagt.',
    });
    expect(call).toMatchObject({ citizenId: citizen.id, createdCase: true });
    expect((await api.cases.byReference({ reference: call.reference })).case.subject).toBe(
      'Fragt, wann der Sperrmüll abgeholt wird.',
    );

    // A long first line is cut at a word; a note too short for a subject takes the topic's name; a typed subject wins.
    const long = await api.intake.recordContact({
      channel: 'phone',
      citizenId: citizen.id,
      text: `Bitte ${'sehr '.repeat(60)}dringend`,
    });
    const longSubject = (await api.cases.byReference({ reference: long.reference })).case.subject;
    expect(longSubject).toMatch(/^Bitte (sehr )+sehr…$/);
    expect(longSubject.length).toBeLessThanOrEqual(200);
    const category = await database.db
      .insertInto('categories')
      .values({ name: 'Sperrmüll', default_team_id: null, retention_days: null, created_at: Date.now() })
      .returning('id')
      .executeTakeFirstOrThrow();
    const short = await api.intake.recordContact({
      channel: 'counter',
      citizenId: citizen.id,
      categoryId: category.id,
      text: 'ok',
    });
    expect((await api.cases.byReference({ reference: short.reference })).case.subject).toBe('Sperrmüll');
    const typed = await api.intake.recordContact({
      channel: 'phone',
      citizenId: citizen.id,
      subject: 'Abholung',
      text: 'Fragt nach.',
    });
    expect((await api.cases.byReference({ reference: typed.reference })).case.subject).toBe('Abholung');
  });

  it('needs a case or a subject, and someone who called; nothing is written otherwise', async () => {
    const { api } = await agentApi();
    await expectAppError(
      api.intake.recordContact({ channel: 'phone', phone: '030 1234567', text: 'x' }),
      'BAD_REQUEST',
      'input.invalid',
    );
    await expectAppError(
      api.intake.recordContact({ channel: 'phone', subject: 'Frage', text: 'x' }),
      'BAD_REQUEST',
      'input.invalid',
    );
    expect(await database.db.selectFrom('interactions').select('id').execute()).toHaveLength(0);
  });
});
