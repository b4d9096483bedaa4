import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Attachments on disk, named by the SHA-256 of their content: the same file sent twice is stored once, and a
 * name never points at other content. Written to a temporary name first, so a crash leaves no half file. A file that
 * is there already gets a fresh modification time instead: the sweep of orphaned files (storage/file-sweep.ts) leaves
 * young files alone, so content about to be referenced again by a row not committed yet is never swept meanwhile.
 */
export function attachmentPath(dir: string, sha256: string): string {
  return join(dir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
}

export async function storeAttachment(dir: string, content: Buffer): Promise<string> {
  const sha256 = createHash('sha256').update(content).digest('hex');
  const path = attachmentPath(dir, sha256);
  if (existsSync(path) && (await touched(path))) return sha256;
  await mkdir(join(dir, sha256.slice(0, 2), sha256.slice(2, 4)), { recursive: true });
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temporary, content);
  await rename(temporary, path);
  return sha256;
}

/**
 * Marks an existing file as just stored. False when that fails: it is gone (the sweep took it meanwhile) or belongs
 * to another user of a shared store; then it is written anew (the same content, so replacing it changes nothing).
 */
async function touched(path: string): Promise<boolean> {
  const now = new Date();
  try {
    await utimes(path, now, now);
    return true;
  } catch {
    return false;
  }
}
