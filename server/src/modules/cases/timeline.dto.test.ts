import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordInboundContact } from '../intake/intake.service.js';
import { callerFor, insertTestUser } from '../../test/callers.js';
import { createTestDatabase, type TestDatabase } from '../../test/test-db.js';
import { NO_ACTOR } from '../../domain/actor.js';

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await database.destroy();
});

const file = (filename: string, contentType: string, contentId: string | null) => ({
  filename,
  contentType,
  sizeBytes: 10,
  sha256: `${filename}-sha`.padEnd(64, '0'),
  contentId,
});

describe('mail HTML in a timeline', () => {
  it('is cleaned again when shown: HTML stored before the fix loses URLs into the app; cid images show the mail’s own attachment', async () => {
    // As a mail stored before the sanitiser refused relative URLs would sit in the database.
    const storedBeforeFix =
      '<p>Guten Tag <img src="/trpc/citizens.byId?input=%7B%22id%22%3A1%7D" alt="x" /> <img src="//evil.example/p.png" />' +
      '<a href="/trpc/cases.byReference?input=1" rel="noopener noreferrer nofollow" target="_blank">Vorgang</a></p>' +
      '<img src="cid:logo@example.com" alt="Logo" /><img src="cid:Brief@Example.com" alt="Brief" />' +
      '<img src="cid:unbekannt@example.com" alt="Unbekannt" /><img src="cid:fremd@example.com" alt="Fremd" />';
    const mail = await recordInboundContact(database.db, NO_ACTOR, {
      channel: 'email',
      from: { email: 'berta.berg@example.com', name: 'Berta Berg' },
      subject: 'Laterne',
      text: 'Guten Tag',
      htmlSanitized: storedBeforeFix,
      externalMessageId: '<laterne@example.com>',
      attachments: [
        file('logo.png', 'image/png', 'logo@example.com'),
        file('brief.pdf', 'application/pdf', 'Brief@Example.com'),
        file('anhang.jpg', 'image/jpeg', null),
      ],
    });
    // Another message's image with the Content-ID the first mail names: not this mail's, so not shown.
    await recordInboundContact(database.db, NO_ACTOR, {
      channel: 'email',
      from: { email: 'berta.berg@example.com', name: 'Berta Berg' },
      caseId: mail.caseId,
      subject: 'Nachtrag',
      text: 'Nachtrag',
      externalMessageId: '<nachtrag@example.com>',
      attachments: [file('fremd.png', 'image/png', 'fremd@example.com')],
    });
    const attachments = await database.db.selectFrom('attachments').select(['id', 'filename']).execute();
    const idOf = (name: string) => attachments.find((row) => row.filename === name)!.id;
    const { reference } = await database.db
      .selectFrom('cases')
      .select('reference')
      .where('id', '=', mail.caseId)
      .executeTakeFirstOrThrow();

    const agent = await insertTestUser(database.db, { email: 'agent@musterstadt.example', role: 'agent' });
    const caller = callerFor(database.db, agent);
    const detail = await caller.cases.byReference({ reference });
    const history = await caller.citizens.timeline({ citizenId: mail.citizenId, limit: 50 });
    for (const items of [detail.timeline, history.items]) {
      const shown = items.find((item) => item.id === mail.interactionId);
      if (!shown || shown.restricted) throw new Error('the mail is missing from the timeline');
      const html = shown.html!;
      expect(html).not.toMatch(/trpc|evil\.example|cid:/);
      expect(html).toContain(`<img src="/attachments/${idOf('logo.png')}" alt="Logo" />`);
      // Only images: a PDF that a cid names is not an image to show.
      expect(html).not.toContain(`/attachments/${idOf('brief.pdf')}`);
      expect(html).not.toContain(`/attachments/${idOf('fremd.png')}`);
      expect(html).toContain('[Bild: Unbekannt]');
      expect(html).toContain('Vorgang');
      expect(shown.attachments.map((attachment) => attachment.filename).sort()).toEqual(['anhang.jpg', 'brief.pdf', 'logo.png']);
    }
  });
});
