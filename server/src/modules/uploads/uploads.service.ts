import { MAX_PENDING_UPLOADS, type UploadedFile, UPLOAD_TTL_MS } from '@anliegen/shared';
import type { DB } from '../../db/database.js';
import type { Actor } from '../../domain/actor.js';
import { DomainError } from '../../domain/domain-error.js';
import { unitOfWork, type Work } from '../../domain/unit-of-work.js';
import { storeAttachment } from '../../storage/attachment-store.js';
import { deleteUnreferencedFiles } from '../privacy/anonymise.js';

/**
 * Files a caseworker uploads for a reply before sending it (issue 16). They go to the content-addressed attachment
 * store at once; the row in `reply_uploads` says whose they are. Sending a reply claims them (only the uploader's
 * own, in the reply's unit of work) and records them as the reply's attachments; what is never sent is deleted by
 * the cleanup job (jobs/upload-cleanup.job.ts) after UPLOAD_TTL_MS.
 */

export interface UploadLimits {
  attachmentsDir: string;
  /** Largest file, and largest sum of files on one mail (attachmentBytesLimit of MAIL_MAX_BYTES). */
  maxBytes: number;
}

/** Stores an uploaded file for the actor. The name must already be safe (the upload route cleans it). */
export async function storeUpload(
  db: DB,
  actor: Actor & { id: number },
  file: { filename: string; contentType: string; content: Buffer },
  limits: UploadLimits,
): Promise<UploadedFile> {
  if (file.content.length > limits.maxBytes) throw new DomainError('uploads.tooLarge', 'The file is too large for an email');
  const pending = await db
    .selectFrom('reply_uploads')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('user_id', '=', actor.id)
    .executeTakeFirstOrThrow();
  if (Number(pending.count) >= MAX_PENDING_UPLOADS)
    throw new DomainError('uploads.tooLarge', 'Too many uploads waiting; send or discard some first');
  const sha256 = await storeAttachment(limits.attachmentsDir, file.content);
  return unitOfWork(db, actor, async (work) => {
    const row = await work.db
      .insertInto('reply_uploads')
      .values({
        user_id: actor.id,
        filename: file.filename,
        content_type: file.contentType,
        size_bytes: file.content.length,
        sha256,
        created_at: Date.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await work.audit('attachment.uploaded', { entityId: row.id, details: { sizeBytes: file.content.length } });
    return { id: row.id, filename: file.filename, contentType: file.contentType, sizeBytes: file.content.length };
  });
}

export interface ClaimedFile {
  filename: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
}

/**
 * Takes the user's uploads for a mail, in the caller's unit of work: each must be theirs and still there (another
 * user's upload answers like a missing one), and together within `maxBytes`. The rows are gone afterwards (the
 * caller records the files as the mail's attachments in the same transaction).
 */
export async function claimUploads(work: Work, userId: number, ids: readonly number[], maxBytes: number): Promise<ClaimedFile[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const rows = await work.db
    .selectFrom('reply_uploads')
    .select(['id', 'filename', 'content_type', 'size_bytes', 'sha256'])
    .where('id', 'in', unique)
    .where('user_id', '=', userId)
    .execute();
  if (rows.length !== unique.length) throw new DomainError('uploads.unavailable', 'An upload is unknown, expired or not yours');
  const total = rows.reduce((sum, row) => sum + row.size_bytes, 0);
  if (total > maxBytes) throw new DomainError('uploads.tooLarge', 'The attachments are too large for one email');
  const deleted = await work.db
    .deleteFrom('reply_uploads')
    .where('id', 'in', unique)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  // Sent at the same moment from two tabs: the second finds them gone.
  if (Number(deleted.numDeletedRows) !== unique.length)
    throw new DomainError('uploads.unavailable', 'An upload was used meanwhile');
  const byId = new Map(rows.map((row) => [row.id, row]));
  return unique.map((id) => {
    const row = byId.get(id)!;
    return { filename: row.filename, contentType: row.content_type, sizeBytes: row.size_bytes, sha256: row.sha256 };
  });
}

/**
 * Deletes uploads nobody sent within UPLOAD_TTL_MS, then their files unless something else still uses the same
 * content. Returns how many uploads and files went (two processes at once: each upload is deleted by one of them).
 */
export async function deleteExpiredUploads(
  db: DB,
  attachmentsDir: string,
  now: number,
): Promise<{ uploads: number; files: number }> {
  const expired = await db
    .deleteFrom('reply_uploads')
    .where('created_at', '<', now - UPLOAD_TTL_MS)
    .returning('sha256')
    .execute();
  const files =
    expired.length > 0
      ? await deleteUnreferencedFiles(
          db,
          attachmentsDir,
          expired.map((row) => row.sha256),
        )
      : 0;
  return { uploads: expired.length, files };
}
