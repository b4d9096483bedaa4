import { existsSync } from 'node:fs';
import type Mail from 'nodemailer/lib/mailer/index.js';
import type { DB } from '../../db/database.js';
import { attachmentPath } from '../../storage/attachment-store.js';

/** A file in the content-addressed store, as an outgoing mail carries it. */
export interface StoredFile {
  filename: string;
  contentType: string;
  sha256: string;
}

/**
 * Files of the attachment store as nodemailer attachments, streamed from disk when the mail is sent (a large file is
 * never held in memory whole). Reusable by anything that mails stored files (replies, forwards, reports): put the
 * content in the store (storage/attachment-store.ts `storeAttachment`) and pass its SHA-256. A file missing on disk
 * throws, so the mail is retried or marked failed rather than sent without it.
 */
export function mailAttachmentsFromStore(attachmentsDir: string, files: readonly StoredFile[]): Mail.Attachment[] {
  return files.map((file) => {
    const path = attachmentPath(attachmentsDir, file.sha256);
    if (!existsSync(path)) throw new Error(`Attachment ${file.sha256.slice(0, 12)}… is missing in the store`);
    return { filename: file.filename, contentType: file.contentType, path };
  });
}

/** The attachments recorded with an outgoing mail (interaction), in the order they were added. */
export async function attachmentsOfMail(db: DB, interactionId: number): Promise<StoredFile[]> {
  return db
    .selectFrom('attachments')
    .select(['filename', 'content_type as contentType', 'sha256'])
    .where('interaction_id', '=', interactionId)
    .orderBy('id')
    .execute();
}
