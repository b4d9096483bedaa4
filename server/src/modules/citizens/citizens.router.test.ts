import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectAppError } from '../../test/app-errors.js';
import { callerFor, insertTestUser } from '../../test/callers.js';
import { createTestDatabase, type TestDatabase } from '../../test/test-db.js';

let database: TestDatabase;
let api: ReturnType<typeof callerFor>;
beforeEach(async () => {
  database = await createTestDatabase();
  api = callerFor(database.db, await insertTestUser(database.db, { email: 'anna@musterstadt.example', role: 'agent' }));
});
afterEach(async () => {
  await database.destroy();
});

const count = async (table: 'citizens' | 'contact_points' | 'cases') =>
  Number((await database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

describe('citizens', () => {
  it('store contact points normalised and say who changed what without copying personal data into the audit', async () => {
    const { id } = await api.citizens.create({
      givenName: 'Anna',
      familyName: 'Müller',
      birthDate: '1980-04-02',
      contacts: [
        { kind: 'email', value: ' Anna.Mueller@Example.COM ' },
        { kind: 'phone', value: '(030) 123 45-67' },
        { kind: 'address', value: 'Hauptstr. 5\n12345  Musterstadt' },
      ],
    });
    const { citizen } = await api.citizens.byId({ id });
    expect(citizen.contacts.map((c) => [c.kind, c.normalized, c.display])).toEqual([
      ['email', 'anna.mueller@example.com', 'anna.mueller@example.com'],
      ['phone', '+49301234567', '030 1234567'],
      ['address', 'hauptstrasse 5 12345 musterstadt', 'Hauptstr. 5\n12345 Musterstadt'],
    ]);
    const [audit] = await database.db.selectFrom('audit_events').selectAll().where('action', '=', 'citizen.created').execute();
    expect(audit!.details).not.toMatch(/Müller|anna|030/i);
  });

  it.each([
    ['an unreadable phone number', [{ kind: 'phone' as const, value: 'abc' }]],
    ['an invalid email', [{ kind: 'email' as const, value: 'kein-at' }]],
  ])('refuse %s and write nothing', async (_name, contacts) => {
    await expectAppError(api.citizens.create({ familyName: 'Fehler', contacts }), 'BAD_REQUEST', 'input.invalid');
    expect([await count('citizens'), await count('contact_points')]).toEqual([0, 0]);
  });

  it('refuse a citizen with neither a name nor a contact', async () => {
    await expectAppError(api.citizens.create({ contacts: [] }), 'BAD_REQUEST', 'input.invalid');
    expect(await count('citizens')).toBe(0);
  });

  it('are found by email, by phone in any format, and by name in any spelling or order', async () => {
    const { id } = await api.citizens.create({ givenName: 'Anna', familyName: 'Müller', contacts: [{ kind: 'email', value: 'anna@example.com' }, { kind: 'phone', value: '030 1234567' }] });
    await api.citizens.create({ givenName: 'Bernd', familyName: 'Möller', contacts: [] });
    for (const query of ['ANNA@example.com', '030 1234567', '(030) 123 45-67', '+49 30 1234567', 'Mueller', 'Muller', 'anna müller', 'Müller Anna']) {
      expect((await api.citizens.lookup({ query })).map((c) => c.id), query).toEqual([id]);
    }
  });

  it('suggest duplicates with their reasons, and not for namesakes told apart by birth date', async () => {
    const anna = await api.citizens.create({
      givenName: 'Anna',
      familyName: 'Müller',
      birthDate: '1980-04-02',
      contacts: [{ kind: 'email', value: 'anna@example.com' }, { kind: 'address', value: 'Hauptstraße 5, 12345 Musterstadt' }],
    });
    const sameBirthday = await api.citizens.create({ givenName: 'Anna', familyName: 'Mueller', birthDate: '1980-04-02', contacts: [] });
    const sameAddress = await api.citizens.create({ givenName: 'Anna', familyName: 'Muller', birthDate: '1990-01-01', contacts: [{ kind: 'address', value: 'Hauptstr. 5, 12345 Musterstadt' }] });
    const sameEmail = await api.citizens.create({ familyName: 'Unbekannt', contacts: [{ kind: 'email', value: 'Anna@Example.com' }] });
    const nothingKnown = await api.citizens.create({ givenName: 'Anna', familyName: 'Müller', contacts: [{ kind: 'phone', value: '0151 2345678' }] });
    await api.citizens.create({ givenName: 'Anna', familyName: 'Müller', birthDate: '1955-12-24', contacts: [{ kind: 'address', value: 'Gartenweg 1' }] });

    const suggestions = await api.citizens.duplicates({ id: anna.id });
    expect(Object.fromEntries(suggestions.map((s) => [s.citizen.id, s.reasons]))).toEqual({
      [sameBirthday.id]: ['same_name_birth_date'],
      [sameAddress.id]: ['same_name_address'],
      [sameEmail.id]: ['shared_email'],
      [nothingKnown.id]: ['same_name'],
    });
  });

  it('merge without losing anything: contacts once, cases and interactions moved, blanks filled, audited, redirected', async () => {
    const survivor = await api.citizens.create({ givenName: 'Berta', familyName: 'Berg', contacts: [{ kind: 'email', value: 'berta@example.com' }, { kind: 'phone', value: '030 1234567' }] });
    const other = await api.citizens.create({ givenName: 'Berta', familyName: 'Berg', birthDate: '1970-07-07', contacts: [{ kind: 'phone', value: '+49 30 1234567' }, { kind: 'phone', value: '0151 2345678' }] });
    const theirCase = await api.cases.create({ citizenId: other.id, subject: 'Sperrmüll', channel: 'phone', text: 'Anruf.' });
    await api.cases.addInteraction({ caseId: theirCase.id, kind: 'note', text: 'Notiz.' });

    const result = await api.citizens.merge({ survivorId: survivor.id, mergedId: other.id });
    expect(result).toEqual({ survivorId: survivor.id, moved: { contacts: 1, cases: 1, interactions: 2 } });
    const { citizen } = await api.citizens.byId({ id: survivor.id });
    expect(citizen.contacts.map((c) => c.normalized).sort()).toEqual(['+491512345678', '+49301234567', 'berta@example.com']);
    expect(citizen).toMatchObject({ birthDate: '1970-07-07', unverified: false });
    expect((await api.citizens.panel({ id: survivor.id })).cases.map((c) => c.id)).toEqual([theirCase.id]);
    expect(await api.citizens.byId({ id: other.id })).toMatchObject({ redirectedFrom: other.id, citizen: { id: survivor.id } });
    const audit = await database.db.selectFrom('audit_events').selectAll().where('action', '=', 'citizen.merged').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.details!)).toEqual({ mergedId: other.id, contacts: 1, cases: 1, interactions: 2 });

    await expectAppError(api.citizens.update({ id: other.id, familyName: 'Neu' }), 'CONFLICT', 'citizens.merged');
    await expectAppError(api.citizens.merge({ survivorId: survivor.id, mergedId: other.id }), 'CONFLICT', 'citizens.merged');
    await expectAppError(api.citizens.merge({ survivorId: survivor.id, mergedId: survivor.id }), 'BAD_REQUEST', 'input.invalid');
  });

  it('merge in opposite directions at the same moment: one wins, the other is told, no cycle', async () => {
    const a = await api.citizens.create({ familyName: 'Alpha', contacts: [] });
    const b = await api.citizens.create({ familyName: 'Beta', contacts: [] });
    const results = await Promise.allSettled([api.citizens.merge({ survivorId: a.id, mergedId: b.id }), api.citizens.merge({ survivorId: b.id, mergedId: a.id })]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const rows = await database.db.selectFrom('citizens').select(['id', 'merged_into_id']).orderBy('id').execute();
    expect(rows.filter((row) => row.merged_into_id !== null)).toHaveLength(1);
  });

  it('show the number when only a number is known, and the name once it is', async () => {
    const { id } = await api.citizens.create({ contacts: [{ kind: 'phone', value: '030 7654321' }] });
    expect((await api.citizens.byId({ id })).citizen.displayName).toBe('030 7654321');
    await api.citizens.update({ id, givenName: 'Carl', familyName: 'Clausen', verified: true });
    expect((await api.citizens.byId({ id })).citizen).toMatchObject({ displayName: 'Carl Clausen', unverified: false });
    expect((await api.citizens.lookup({ query: 'clausen' })).map((c) => c.id)).toEqual([id]);
  });

  it('page through a citizen’s whole history by channel, each entry once', async () => {
    const { id } = await api.citizens.create({ familyName: 'Dorn', contacts: [{ kind: 'email', value: 'dora@example.com' }] });
    const first = await api.cases.create({ citizenId: id, subject: 'Erstes', channel: 'email', text: 'Mail 1' });
    await api.cases.addInteraction({ caseId: first.id, kind: 'phone', text: 'Anruf 1' });
    await api.cases.addInteraction({ caseId: first.id, kind: 'note', text: 'Notiz 1' });
    const second = await api.cases.create({ citizenId: id, subject: 'Zweites', channel: 'phone', text: 'Anruf 2' });
    await api.cases.addInteraction({ caseId: second.id, kind: 'reply', text: 'Antwort 1' });

    const texts: string[] = [];
    let cursor: { occurredAt: number; id: number } | null = null;
    do {
      const page: Awaited<ReturnType<typeof api.citizens.timeline>> = await api.citizens.timeline({ citizenId: id, channels: ['phone', 'email'], limit: 2, cursor });
      texts.push(...page.items.map((item) => item.text));
      cursor = page.nextCursor;
    } while (cursor);
    expect(texts).toEqual(['Antwort 1', 'Anruf 2', 'Anruf 1', 'Mail 1']);
  });
});
