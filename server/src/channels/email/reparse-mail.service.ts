import { readFile } from 'node:fs/promises';
import type { DB } from '../../db/database.js';
import { unitOfWork } from '../../domain/unit-of-work.js';
import { attachmentPath } from '../../storage/attachment-store.js';
import { insertAttachments } from '../../modules/cases/cases.service.js';
import { prepareEmail } from './ingest-email.js';
import { parseMail } from './parse-mail.js';
import { NO_ACTOR } from '../../domain/actor.js';
import { recordAudit } from '../../modules/audit/audit.service.js';

export interface ReparseResult {
  /** Stored mails read again. */
  checked: number;
  /** Of those, mails whose text, HTML, subject, sender or attachments came out differently and were updated. */
  changed: number;
  /** Mails whose stored source is gone from the store (erased, or a store restored without it). */
  missing: number;
}

const BATCH = 200;

/**
 * Reads the stored originals of incoming mails again and writes what today's parser makes of them: text, HTML,
 * subject, sender details and attachments. For after a parsing defect is fixed (`pnpm mail:reparse --since …`).
 * Case, citizen, threading and Message-ID stay: the mail is where it was, it only reads better. Safe to run twice
 * and while the desk is in use (each mail is updated in its own short transaction).
 */
export async function reparseMail(
  db: DB,
  deps: { attachmentsDir: string },
  range: { since: number; until?: number },
): Promise<ReparseResult> {
  const result: ReparseResult = { checked: 0, changed: 0, missing: 0 };
  for (let after = 0; ; ) {
    const rows = await db
      .selectFrom('interactions')
      .select(['id', 'subject', 'text', 'html_sanitized', 'metadata', 'raw_sha256', 'content_hash'])
      .where('channel', '=', 'email')
      .where('direction', '=', 'inbound')
      .where('raw_sha256', 'is not', null)
      .where('created_at', '>=', range.since)
      .where('created_at', '<', range.until ?? Number.MAX_SAFE_INTEGER)
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH)
      .execute();
    if (rows.length === 0) break;
    after = rows.at(-1)!.id;
    for (const row of rows) {
      result.checked++;
      let raw: Buffer;
      try {
        raw = await readFile(attachmentPath(deps.attachmentsDir, row.raw_sha256!));
      } catch {
        result.missing++;
        continue;
      }
      const before = JSON.parse(row.metadata ?? '{}') as Record<string, string>;
      // The envelope is not in the source: a sender that came from it (no usable From) stays as stored.
      const prepared = await prepareEmail(deps, await parseMail(raw), { recipients: [], mailFrom: before.from ?? null }, raw);
      const contact = prepared.contact;
      const metadata = JSON.stringify({ ...before, ...contact.metadata });
      const files = contact.attachments ?? [];
      const storedFiles = await db
        .selectFrom('attachments')
        .select(['filename', 'sha256', 'content_type', 'content_id'])
        .where('interaction_id', '=', row.id)
        .orderBy('id')
        .execute();
      const sameFiles =
        JSON.stringify(storedFiles.map((f) => [f.filename, f.sha256, f.content_type, f.content_id])) ===
        JSON.stringify(files.map((f) => [f.filename, f.sha256, f.contentType, f.contentId ?? null]));
      const subject = row.subject === null ? null : contact.subject;
      if (
        sameFiles &&
        row.text === contact.text &&
        row.html_sanitized === (contact.htmlSanitized ?? null) &&
        row.subject === subject &&
        row.metadata === metadata
      )
        continue;
      await unitOfWork(db, NO_ACTOR, async ({ db: trx }) => {
        await trx
          .updateTable('interactions')
          .set({
            subject,
            text: contact.text,
            html_sanitized: contact.htmlSanitized ?? null,
            metadata,
            content_hash: contact.contentHash ?? row.content_hash,
          })
          .where('id', '=', row.id)
          .execute();
        if (!sameFiles) {
          await trx.deleteFrom('attachments').where('interaction_id', '=', row.id).execute();
          await insertAttachments(trx, row.id, files, Date.now());
        }
      });
      result.changed++;
    }
  }
  await recordAudit(db, NO_ACTOR, 'mail.reparsed', { details: { since: range.since, ...result } });
  return result;
}
