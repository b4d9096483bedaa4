import type { DB } from '../../db/database.js';

/** A file of a message the citizen may see on their status page (theirs, or the desk's answer to them). */
export interface ConversationFile {
  id: number;
  filename: string;
  contentType: string;
  sizeBytes: number;
}

/** The files of the given messages, by message, in the order they were added. */
export async function filesOfMessages(db: DB, interactionIds: readonly number[]): Promise<Map<number, ConversationFile[]>> {
  const files = new Map<number, ConversationFile[]>();
  if (interactionIds.length === 0) return files;
  const rows = await db
    .selectFrom('attachments')
    .select(['id', 'interaction_id as interactionId', 'filename', 'content_type as contentType', 'size_bytes as sizeBytes'])
    .where('interaction_id', 'in', interactionIds)
    .orderBy('id')
    .execute();
  for (const { interactionId, ...file } of rows) files.set(interactionId, [...(files.get(interactionId) ?? []), file]);
  return files;
}

/** A stored file's place in the store (its SHA-256), for the one the citizen asked for after its access was checked. */
export async function storedFileOf(db: DB, attachmentId: number) {
  return db
    .selectFrom('attachments')
    .select(['sha256', 'filename', 'content_type as contentType', 'size_bytes as sizeBytes'])
    .where('id', '=', attachmentId)
    .executeTakeFirst();
}
