import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeAttachment } from '../storage/attachment-store.js';
import { createLogger } from '../logger.js';
import { recordInboundContact } from '../modules/intake/intake.service.js';
import { insertTestUser, TEST_PASSWORD } from '../test/callers.js';
import { HttpClient } from '../test/http-client.js';
import { createTestDatabase, type TestDatabase } from '../test/test-db.js';
import { testEnv } from '../test/test-env.js';
import { createApp } from './app.js';
import { NO_ACTOR } from '../domain/actor.js';

let database: TestDatabase;
let server: Server;
let baseUrl: string;
let attachmentsDir: string;
let attachmentId: number;
const content = Buffer.from('%PDF-1.4 Antrag auf Bewohnerparkausweis');

beforeEach(async () => {
  database = await createTestDatabase();
  attachmentsDir = mkdtempSync(join(tmpdir(), 'anliegen-downloads-'));
  const sha256 = await storeAttachment(attachmentsDir, content);
  const stored = await recordInboundContact(database.db, NO_ACTOR, {
    channel: 'email',
    from: { email: 'berta@example.com' },
    subject: 'Antrag',
    text: 'Anbei.',
    attachments: [{ filename: 'Antrag Übersicht "neu".pdf', contentType: 'application/pdf', sizeBytes: content.length, sha256 }],
  });
  attachmentId = (
    await database.db
      .selectFrom('attachments')
      .select('id')
      .where('interaction_id', '=', stored.interactionId)
      .executeTakeFirstOrThrow()
  ).id;
  server = createApp({
    db: database.db,
    env: testEnv({ ATTACHMENTS_DIR: attachmentsDir }),
    log: createLogger('silent'),
    isReady: () => true,
  }).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  await new Promise((resolve) => server.close(resolve));
  await database.destroy();
  rmSync(attachmentsDir, { recursive: true, force: true });
});

async function signedIn(role: 'agent' | 'supervisor') {
  await insertTestUser(database.db, { email: `${role}@musterstadt.example`, role });
  const client = new HttpClient(baseUrl);
  await client.logIn(`${role}@musterstadt.example`, TEST_PASSWORD);
  return client;
}

describe('attachment downloads', () => {
  it('give a caseworker the file as a download with safe headers, and record the read', async () => {
    const agent = await signedIn('agent');
    const response = await agent.request(`/attachments/${attachmentId}`);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer())).toEqual(content);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="Antrag _bersicht _neu_.pdf"; filename*=UTF-8''${encodeURIComponent('Antrag Übersicht "neu".pdf')}`,
    );
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain('sandbox');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const audit = await database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'attachment.downloaded')
      .execute();
    expect(audit.map((event) => event.entity_id)).toEqual([String(attachmentId)]);
  });

  it('refuse visitors without a session (401), other roles (403) and unknown ids (404)', async () => {
    expect((await fetch(`${baseUrl}/attachments/${attachmentId}`)).status).toBe(401);
    expect((await (await signedIn('supervisor')).request(`/attachments/${attachmentId}`)).status).toBe(403);
    const agent = await signedIn('agent');
    expect((await agent.request('/attachments/999999')).status).toBe(404);
    expect((await agent.request('/attachments/abc')).status).toBe(404);
    expect(
      await database.db.selectFrom('audit_events').selectAll().where('action', '=', 'attachment.downloaded').execute(),
    ).toHaveLength(0);
  });

  it('appear with their interaction in the case timeline', async () => {
    const agent = await signedIn('agent');
    const { reference } = await database.db.selectFrom('cases').select('reference').executeTakeFirstOrThrow();
    const detail = await agent.call<{ timeline: { attachments: { id: number; filename: string; sizeBytes: number }[] }[] }>(
      'query',
      'cases.byReference',
      { reference },
    );
    expect(detail.timeline[0]!.attachments).toEqual([
      { id: attachmentId, filename: 'Antrag Übersicht "neu".pdf', contentType: 'application/pdf', sizeBytes: content.length },
    ]);
  });
});
