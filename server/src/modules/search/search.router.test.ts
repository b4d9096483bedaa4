import { HIGHLIGHT_END, HIGHLIGHT_START } from '@anliegen/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rebuildFullTextIndexes } from '../../db/full-text.js';
import { expectAppError } from '../../test/app-errors.js';
import { callerFor, insertTestUser } from '../../test/callers.js';
import { insertTestTeam } from '../../test/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../../test/test-db.js';
import type { SessionUser } from '../../trpc/context.js';
import { search as runSearch } from './search.service.js';
import { type InboundContact, recordInboundContact } from '../intake/intake.service.js';
import { NO_ACTOR } from '../../domain/actor.js';

/** CASE_ACCESS=all, as a caseworker sees it by default. */
const EVERY_CASE = { mode: 'all', userId: 0, teamIds: [] } as const;

let database: TestDatabase;
let agent: SessionUser;
let api: ReturnType<typeof callerFor>;

beforeEach(async () => {
  database = await createTestDatabase();
  agent = await insertTestUser(database.db, { email: 'anna.agentin@musterstadt.example', role: 'agent' });
  api = callerFor(database.db, agent);
});
afterEach(async () => {
  await database.destroy();
});

let mailCounter = 0;

/** A contact as a channel records it; a fresh Message-ID for each email. */
async function contact(fields: Partial<InboundContact> & Pick<InboundContact, 'text'>) {
  const channel = fields.channel ?? 'email';
  return recordInboundContact(database.db, NO_ACTOR, {
    channel,
    from: { email: 'berta.berg@example.com', name: 'Berta Berg' },
    subject: 'Anliegen',
    ...(channel === 'email' && { externalMessageId: `<m${++mailCounter}@example.com>` }),
    ...fields,
  });
}

const search = (q: string) => api.search.run({ q });
const referencesOf = async (q: string) => (await search(q)).cases.map((c) => c.reference);
const caseReference = async (caseId: number) =>
  (await database.db.selectFrom('cases').select('reference').where('id', '=', caseId).executeTakeFirstOrThrow()).reference;

describe('full text', () => {
  it('folds umlauts and ß both ways: Muller, Mueller and MÜLLER find Müller; Strasse finds Straße', async () => {
    const mueller = await contact({ subject: 'Lärm', text: 'Herr Müller beschwert sich über Lärm.' });
    const strasse = await contact({ subject: 'Sperrung', text: 'Die Straße ist seit Montag gesperrt.' });
    const spelledOut = await contact({ subject: 'Baustelle', text: 'Baustelle in der Strasse vor dem Rathaus.' });
    const [m, s, o] = await Promise.all([mueller, strasse, spelledOut].map((r) => caseReference(r.caseId)));

    for (const spelling of ['Müller', 'Muller', 'Mueller', 'MÜLLER']) expect(await referencesOf(spelling)).toEqual([m]);
    expect((await referencesOf('Strasse')).sort()).toEqual([s, o].sort());
    expect((await referencesOf('Straße')).sort()).toEqual([s, o].sort());
    expect(await referencesOf('Larm')).toEqual([m]);
  });

  it('matches words as prefixes, in any order, all of them required', async () => {
    const { caseId } = await contact({ subject: 'Sperrmüll', text: 'Bitte holen Sie den Sperrmüll am Montag ab.' });
    const reference = await caseReference(caseId);
    expect(await referencesOf('Sperrm')).toEqual([reference]);
    expect(await referencesOf('Montag Sperrmüll')).toEqual([reference]);
    expect(await referencesOf('Sperrmüll Dienstag')).toEqual([]);
  });

  it('matches a quoted phrase only with its words in order', async () => {
    const inOrder = await contact({ text: 'Die Laterne ist defekt, bitte reparieren.' });
    const apart = await contact({ text: 'Defekt ist nur die Laterne nebenan.' });
    const [a, b] = await Promise.all([caseReference(inOrder.caseId), caseReference(apart.caseId)]);
    expect((await referencesOf('Laterne defekt')).sort()).toEqual([a, b].sort());
    expect(await referencesOf('"Laterne ist defekt"')).toEqual([a]);
  });

  it('marks the matched words in an excerpt of the best message, and in the subject', async () => {
    const { caseId } = await contact({
      subject: 'Hundesteuer',
      text: 'Ich möchte meinen Hund abmelden. Die Hundesteuer bitte erstatten.',
    });
    const [hit] = (await search('Hundesteuer')).cases;
    expect(hit?.id).toBe(caseId);
    expect(hit?.match?.snippet).toContain(`${HIGHLIGHT_START}Hundesteuer${HIGHLIGHT_END}`);
    expect(hit?.match?.channel).toBe('email');
    expect(hit?.highlightedSubject).toBe(`${HIGHLIGHT_START}Hundesteuer${HIGHLIGHT_END}`);
  });

  it('ranks a case about the word above one that mentions it in passing', async () => {
    const passing = await contact({
      subject: 'Rückfrage',
      text: 'Zu meinem Antrag auf Wohngeld habe ich eine Frage zur Frist, zu den Unterlagen, zum Einkommen und zur Miete.',
    });
    const about = await contact({ subject: 'Wohngeld', text: 'Wohngeld beantragt, wann kommt der Bescheid zum Wohngeld?' });
    expect(await referencesOf('Wohngeld')).toEqual([await caseReference(about.caseId), await caseReference(passing.caseId)]);
  });

  it('finds a case by its reference, first of all', async () => {
    const { caseId } = await contact({ text: 'Ein Anliegen ohne besondere Wörter.' });
    const reference = await caseReference(caseId);
    expect(await referencesOf(reference)).toEqual([reference]);
  });

  it('stays in step with every write: a change, a delete and a rolled-back insert', async () => {
    const { caseId, interactionId } = await contact({ subject: 'Parkausweis', text: 'Anwohnerparkausweis verlängern.' });
    await database.db
      .updateTable('interactions')
      .set({ subject: 'Ausweis', text: 'Bewohnerausweis verlängern.' })
      .where('id', '=', interactionId)
      .execute();
    await database.db.updateTable('cases').set({ subject: 'Ausweis' }).where('id', '=', caseId).execute();
    expect(await referencesOf('Anwohnerparkausweis')).toEqual([]);
    expect(await referencesOf('Parkausweis')).toEqual([]);
    expect(await referencesOf('Bewohnerausweis')).toEqual([await caseReference(caseId)]);

    await database.db.deleteFrom('interactions').where('id', '=', interactionId).execute();
    expect(await referencesOf('Bewohnerausweis')).toEqual([]);

    await expect(
      database.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('interactions')
          .values({
            case_id: caseId,
            citizen_id: (await trx.selectFrom('cases').select('citizen_id').where('id', '=', caseId).executeTakeFirstOrThrow())
              .citizen_id,
            channel: 'note',
            direction: 'internal',
            author_id: null,
            subject: null,
            text: 'Zurückgerollter Hinweis',
            html_sanitized: null,
            occurred_at: 1,
            duration_seconds: null,
            external_message_id: null,
            delivery_status: null,
            metadata: null,
            created_at: 1,
          })
          .execute();
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await referencesOf('Zurückgerollter')).toEqual([]);
  });

  it('rebuilds its index from the stored text', async () => {
    const { caseId } = await contact({ subject: 'Fundsache', text: 'Schlüsselbund am Bahnhof gefunden.' });
    expect(await rebuildFullTextIndexes(database.db)).toEqual({ messages: 1, cases: 1 });
    expect(await referencesOf('Schlüsselbund')).toEqual([await caseReference(caseId)]);
  });

  it('pages through ranked results without repeating or skipping one', async () => {
    for (const n of [1, 2, 3, 4, 5]) await contact({ text: `Grünschnitt am Berg, Nummer ${n}.` });
    const first = await api.search.run({ q: 'Berg', limit: 2 });
    const second = await api.search.run({ q: 'Berg', limit: 2, cursor: 2 });
    const third = await api.search.run({ q: 'Berg', limit: 2, cursor: 4 });
    expect([first.hasMore, second.hasMore, third.hasMore]).toEqual([true, true, false]);
    const ids = [...first.cases, ...second.cases, ...third.cases].map((c) => c.id);
    expect(new Set(ids).size).toBe(5);
    // The sender, Berta Berg, is shown with the first page only.
    expect(first.citizens.map((c) => c.displayName)).toEqual(['Berta Berg']);
    expect(second.citizens).toEqual([]);
  });

  it('lists the cases with the latest matching messages first when a query matches very many messages', async () => {
    const older = await contact({ text: 'Ein Hinweis zur Grünpflege.' });
    const middle = await contact({ text: 'Hinweis: Grünpflege im Park.' });
    const newest = await contact({ text: 'Noch ein Hinweis zur Grünpflege.' });
    // Another message on the oldest case, recorded last: that case now has the latest match.
    await contact({ caseId: older.caseId, text: 'Nachtrag zum Hinweis.' });
    const broad = (cursor: number) =>
      runSearch(database.db, EVERY_CASE, { q: 'Hinweis', cursor, limit: 2 }, { rankedMatches: 2 });
    const [first, second] = [await broad(0), await broad(2)];
    expect([...first.cases, ...second.cases].map((c) => c.id)).toEqual([older.caseId, newest.caseId, middle.caseId]);
    expect([first.hasMore, second.hasMore]).toEqual([true, false]);
    expect(first.cases[0]?.match?.snippet).toBe(`Anliegen: Nachtrag zum ${HIGHLIGHT_START}Hinweis${HIGHLIGHT_END}.`);
  });

  it('finds nothing, rather than everything, for punctuation', async () => {
    await contact({ text: 'Irgendein Text.' });
    expect(await search('!!! ...')).toEqual({ citizens: [], cases: [], hasMore: false });
  });
});

describe('people', () => {
  it('finds the citizen and their cases by phone number in any formatting', async () => {
    const { id: citizenId } = await api.citizens.create({
      givenName: 'Carla',
      familyName: 'Conrad',
      contacts: [{ kind: 'phone', value: '+49 30 1234567' }],
    });
    const call = await contact({ channel: 'phone', from: { phone: '030 1234567' }, text: 'Ruft wegen des Termins an.' });
    expect(call.citizenId).toBe(citizenId);
    const reference = await caseReference(call.caseId);
    for (const typed of ['030 123 45 67', '(030) 1234567', '+49 30 123 45 67', '0301234567']) {
      const result = await search(typed);
      expect(result.citizens.map((c) => c.id)).toEqual([citizenId]);
      expect(result.cases.map((c) => c.reference)).toEqual([reference]);
    }
  });

  it('finds a citizen by email and by name spelled differently', async () => {
    const mail = await contact({ from: { email: 'Dieter.Doerr@Example.com', name: 'Dieter Dörr' }, text: 'Frage zum Ausweis.' });
    expect((await search('dieter.doerr@example.com')).citizens.map((c) => c.id)).toEqual([mail.citizenId]);
    expect((await search('dieter.doerr@example.com')).cases.map((c) => c.id)).toEqual([mail.caseId]);
    expect((await search('Dorr')).citizens.map((c) => c.id)).toEqual([mail.citizenId]);
  });
});

describe('filters', () => {
  it('filters by channel, status, team and sender, with or without words', async () => {
    const teamId = await insertTestTeam(database.db, 'Bürgeramt');
    const mail = await contact({ text: 'Termin für den Reisepass.' });
    const call = await contact({
      channel: 'phone',
      from: { phone: '030 7654321', name: 'Emil Ernst' },
      text: 'Termin wegen Umzug.',
    });
    await database.db.updateTable('cases').set({ status: 'resolved' }).where('id', '=', call.caseId).execute();
    await database.db.updateTable('cases').set({ team_id: teamId }).where('id', '=', mail.caseId).execute();
    const [m, c] = await Promise.all([caseReference(mail.caseId), caseReference(call.caseId)]);

    expect(await referencesOf('Termin channel:email')).toEqual([m]);
    expect(await referencesOf('Termin kanal:telefon')).toEqual([c]);
    expect(await referencesOf('Termin status:open')).toEqual([m]);
    expect(await referencesOf('Termin status:erledigt')).toEqual([c]);
    expect(await referencesOf('Termin team:bürger')).toEqual([m]);
    expect(await referencesOf('Termin from:berta.berg@example.com')).toEqual([m]);
    expect(await referencesOf('Termin von:"Ernst"')).toEqual([c]);
    // Without words: every case that passes the filters, latest activity first.
    expect(await referencesOf('status:done')).toEqual([c]);
    expect(await referencesOf('channel:phone')).toEqual([c]);
  });

  it('takes dates as days in Germany: a mail at 00:30 on 1 March (23:30 UTC) belongs to March', async () => {
    const march = await contact({ text: 'Müllabfuhr vergessen.', occurredAt: Date.parse('2026-02-28T23:30:00Z') });
    const february = await contact({ text: 'Müllabfuhr wieder vergessen.', occurredAt: Date.parse('2026-02-28T22:30:00Z') });
    const [m, f] = await Promise.all([caseReference(march.caseId), caseReference(february.caseId)]);
    expect(await referencesOf('Müllabfuhr date:2026-03')).toEqual([m]);
    expect(await referencesOf('Müllabfuhr datum:28.2.2026')).toEqual([f]);
    expect((await referencesOf('Müllabfuhr date:2026-02-28..2026-03-01')).sort()).toEqual([m, f].sort());
    expect(await referencesOf('Müllabfuhr date:..2026-02')).toEqual([f]);
    expect(await referencesOf('date:2026-03..')).toEqual([m]);
  });

  it('leaves out merged cases', async () => {
    const first = await contact({ text: 'Baumschnitt im Park.' });
    const second = await contact({ text: 'Baumschnitt im Park, zweite Mail.' });
    await api.cases.merge({ sourceId: second.caseId, targetId: first.caseId });
    expect(await referencesOf('Baumschnitt')).toEqual([await caseReference(first.caseId)]);
  });

  it('refuses what it cannot read, with the reason', async () => {
    await expectAppError(search('channel:fax'), 'BAD_REQUEST', 'search.invalidQuery');
    await expectAppError(search('date:gestern'), 'BAD_REQUEST', 'search.invalidQuery');
    await expectAppError(search('team:Gibtsnicht'), 'BAD_REQUEST', 'search.unknownTeam');
    await expectAppError(search('   '), 'BAD_REQUEST', 'input.invalid');
  });
});

describe('access', () => {
  it('is for caseworkers: supervisors and admins see no personal data through it', async () => {
    await contact({ text: 'Vertraulich.' });
    const lead = callerFor(
      database.db,
      await insertTestUser(database.db, { email: 'lead@musterstadt.example', role: 'team_lead' }),
    );
    expect((await lead.search.run({ q: 'Vertraulich' })).cases).toHaveLength(1);
    for (const role of ['supervisor', 'admin'] as const) {
      const caller = callerFor(database.db, await insertTestUser(database.db, { email: `${role}@musterstadt.example`, role }));
      await expectAppError(caller.search.run({ q: 'Vertraulich' }), 'FORBIDDEN', 'auth.forbidden');
      await expectAppError(caller.savedSearches.list(), 'FORBIDDEN', 'auth.forbidden');
    }
  });
});

describe('saved searches', () => {
  it('keeps named searches per person, in name order', async () => {
    await api.savedSearches.create({ name: 'Offene Mails', query: 'channel:email status:open' });
    await api.savedSearches.create({ name: 'Bürgeramt', query: 'team:Bürgeramt' });
    expect((await api.savedSearches.list()).map((s) => [s.name, s.query])).toEqual([
      ['Bürgeramt', 'team:Bürgeramt'],
      ['Offene Mails', 'channel:email status:open'],
    ]);
    const other = callerFor(database.db, await insertTestUser(database.db, { email: 'otto@musterstadt.example', role: 'agent' }));
    expect(await other.savedSearches.list()).toEqual([]);
  });

  it('refuses a second search of the same name, an unreadable query, and another person’s search, changing nothing', async () => {
    const saved = await api.savedSearches.create({ name: 'Offene Mails', query: 'channel:email' });
    await expectAppError(
      api.savedSearches.create({ name: 'Offene Mails', query: 'status:open' }),
      'CONFLICT',
      'savedSearches.nameTaken',
    );
    await expectAppError(api.savedSearches.create({ name: 'Fax', query: 'channel:fax' }), 'BAD_REQUEST', 'search.invalidQuery');
    const other = callerFor(database.db, await insertTestUser(database.db, { email: 'otto@musterstadt.example', role: 'agent' }));
    await expectAppError(other.savedSearches.remove({ id: saved.id }), 'NOT_FOUND', 'notFound');
    expect(await api.savedSearches.list()).toEqual([{ id: saved.id, name: 'Offene Mails', query: 'channel:email' }]);

    await api.savedSearches.remove({ id: saved.id });
    expect(await api.savedSearches.list()).toEqual([]);
  });
});
