import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callerFor, insertTestUser } from '../../test/callers.js';
import { createTestDatabase, type TestDatabase } from '../../test/test-db.js';
import { recordInboundContact } from './intake.service.js';
import { NO_ACTOR } from '../../domain/actor.js';

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await database.destroy();
});

describe('one citizen, one history', () => {
  it('email, an unknown caller, a counter visit: after linking the phone once, every contact is in one history', async () => {
    const db = database.db;
    const agent = await insertTestUser(db, { email: 'anna@musterstadt.example', role: 'agent' });
    const api = callerFor(db, agent);
    const asAgent = { id: agent.id, ip: '127.0.0.1' };

    // 1. Berta writes an email: Anliegen does not know her yet.
    const mail = await recordInboundContact(db, NO_ACTOR, {
      channel: 'email',
      from: { email: 'Berta.Berg@Example.com', name: 'Berta Berg' },
      subject: 'Straßenlaterne defekt',
      text: 'Die Laterne vor Hausnummer 7 ist seit einer Woche aus.',
      externalMessageId: '<m1@example.com>',
    });
    expect(mail).toMatchObject({ createdCitizen: true, createdCase: true, duplicate: false });

    // 2. Days later she calls from a number nobody knows: a second, unverified record.
    const call = await recordInboundContact(db, asAgent, {
      channel: 'phone',
      from: { phone: '030 1234567' },
      subject: 'Anruf wegen Laterne',
      text: 'Fragt, wann die Laterne repariert wird.',
      durationSeconds: 180,
    });
    expect(call.createdCitizen).toBe(true);
    expect(call.citizenId).not.toBe(mail.citizenId);

    // 3. The agent links the number to Berta once. Anliegen points at the other record; the agent merges it.
    const added = await api.citizens.addContact({
      citizenId: mail.citizenId,
      contact: { kind: 'phone', value: '+49 30 123 45 67' },
    });
    expect(added.sharedWith).toEqual([call.citizenId]);
    const suggestions = await api.citizens.duplicates({ id: mail.citizenId });
    expect(suggestions.map((s) => ({ id: s.citizen.id, reasons: s.reasons }))).toEqual([
      { id: call.citizenId, reasons: ['shared_phone'] },
    ]);
    const merged = await api.citizens.merge({ survivorId: mail.citizenId, mergedId: call.citizenId });
    expect(merged.moved).toEqual({ contacts: 0, cases: 1, interactions: 1 });

    // 4. She comes to the counter; the agent finds her by the number as she says it.
    const found = await api.citizens.lookup({ query: '(030) 123 45-67' });
    expect(found.map((c) => c.id)).toEqual([mail.citizenId]);
    const visit = await recordInboundContact(db, asAgent, {
      channel: 'counter',
      from: { phone: '030 1234567' },
      caseId: mail.caseId,
      subject: 'Vorsprache',
      text: 'Bringt Fotos der Laterne mit.',
      durationSeconds: 600,
      metadata: { location: 'Rathaus, Bürgerbüro' },
    });
    expect(visit).toMatchObject({ citizenId: mail.citizenId, caseId: mail.caseId, createdCitizen: false, createdCase: false });

    // 5. From now on the number alone finds her.
    const again = await recordInboundContact(db, asAgent, {
      channel: 'phone',
      from: { phone: '+4930 1234567' },
      subject: 'Neues Anliegen: Sperrmüll',
      text: 'Möchte Sperrmüll anmelden.',
    });
    expect(again).toMatchObject({ citizenId: mail.citizenId, createdCitizen: false, createdCase: true });

    // Whichever case an agent opens, the panel shows all her cases and contacts on every channel.
    const caseIds = [mail.caseId, call.caseId, again.caseId];
    for (const caseId of caseIds) {
      const { reference } = await db.selectFrom('cases').select('reference').where('id', '=', caseId).executeTakeFirstOrThrow();
      const detail = await api.cases.byReference({ reference });
      expect(detail.case.citizen.id).toBe(mail.citizenId);
      const panel = await api.citizens.panel({ id: detail.case.citizen.id });
      expect(panel.cases.map((c) => c.id).sort()).toEqual([...caseIds].sort());
      expect(new Set(panel.recent.map((item) => item.channel))).toEqual(new Set(['email', 'phone', 'counter']));
      expect(panel.citizen.contacts.map((c) => [c.kind, c.normalized])).toEqual([
        ['email', 'berta.berg@example.com'],
        ['phone', '+49301234567'],
      ]);
    }
    const history = await api.citizens.timeline({ citizenId: mail.citizenId });
    expect(history.items.map((item) => item.channel)).toEqual(['phone', 'counter', 'phone', 'email']);

    // The merged record redirects; the merge is audited without personal data.
    const redirected = await api.citizens.byId({ id: call.citizenId });
    expect(redirected).toMatchObject({ redirectedFrom: call.citizenId, citizen: { id: mail.citizenId, unverified: false } });
    const audit = await db.selectFrom('audit_events').selectAll().where('action', '=', 'citizen.merged').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_id: agent.id, entity_id: String(mail.citizenId) });
    expect(audit[0]!.details).not.toContain('Berg');
  });

  it('stores the same email (Message-ID) once, however often it is delivered', async () => {
    const contact = {
      channel: 'email' as const,
      from: { email: 'carla@example.com' },
      subject: 'Frage',
      text: 'Hallo',
      externalMessageId: '<same@example.com>',
    };
    const results = await Promise.all([
      recordInboundContact(database.db, NO_ACTOR, contact),
      recordInboundContact(database.db, NO_ACTOR, contact),
    ]);
    const again = await recordInboundContact(database.db, NO_ACTOR, contact);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(again.duplicate).toBe(true);
    const rows = await database.db.selectFrom('interactions').select('id').execute();
    expect(rows).toHaveLength(1);
    expect(await database.db.selectFrom('cases').select('id').execute()).toHaveLength(1);
  });
});
