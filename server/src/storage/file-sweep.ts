import { randomBytes } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { lstat, readdir, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { attachmentPath } from './attachment-store.js';

/**
 * The sweep of the attachment store: files no row refers to any more (left by an erasure or retention whose deletion
 * after commit did not happen, a mail or upload whose transaction rolled back, a crash) are deleted, and so are the
 * temporary files of writes that never finished. It looks only at the store's own layout (`ab/cd/<sha256>`, see
 * attachment-store.ts) and never follows a symbolic link: anything else in ATTACHMENTS_DIR (the readiness probe's
 * file, a link an admin put there) stays.
 *
 * Young files stay: one written (or stored again, which refreshes its time) less than `minAgeMs` ago may belong to a
 * row not committed yet. A file is renamed before it is deleted and its time read again after the rename, so a store
 * of the same content at that moment (which refreshes the time, or writes the file anew when it is gone) keeps it.
 * Several processes sweeping one store at once delete each file once; a file already gone counts for nobody.
 */

/** Files younger than this are never swept: a mail being stored or an upload may not have committed its row yet. */
export const ORPHAN_MIN_AGE_MS = 3_600_000;

/** Content addresses per reference check: well below both databases' limits on bound parameters (three per address). */
const BATCH = 500;

const FOLDER = /^[0-9a-f]{2}$/;
const CONTENT = /^[0-9a-f]{64}$/;
/** A write that never finished (`<sha256>.<12 hex>.tmp`, storeAttachment). */
const TEMPORARY = /^[0-9a-f]{64}\.[0-9a-f]{12}\.tmp$/;
/** A file a sweep renamed to delete it, left by a sweep that stopped right then. */
const SWEPT = /^([0-9a-f]{64})\.[0-9a-f]{12}\.sweep$/;

export interface SweepResult {
  /** Content files no row refers to, deleted. */
  orphanedFiles: number;
  /** Unfinished writes (and files a stopped sweep had renamed) deleted. */
  temporaryFiles: number;
}

export interface SweepOptions {
  now: number;
  minAgeMs?: number;
  /** Of these content addresses, those a row still refers to (in one consistent read). */
  referenced: (sha256s: string[]) => Promise<Set<string>>;
}

const isGone = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

/** The entries of a folder (nothing when it is gone); their types come from lstat, so a link is a link. */
async function entriesOf(dir: string): Promise<Dirent[]> {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if (isGone(error)) return [];
    throw error;
  }
}

/** The time a file was last written or stored again; null when it is gone. */
async function modifiedAt(path: string): Promise<number | null> {
  try {
    return (await lstat(path)).mtimeMs;
  } catch (error) {
    if (isGone(error)) return null;
    throw error;
  }
}

async function deleted(path: string): Promise<boolean> {
  try {
    await unlink(path);
    return true;
  } catch (error) {
    if (isGone(error)) return false;
    throw error;
  }
}

/**
 * Deletes the file unless it was stored again after `cutoff`: renamed first, so a store of the same content from now
 * on finds no file and writes one of its own, then the time checked on the renamed file (a store just before the rename
 * refreshed it). Such a file is put back. Returns whether this call deleted it.
 */
async function deleteUnlessStoredAgain(path: string, cutoff: number): Promise<boolean> {
  const renamed = `${path}.${randomBytes(6).toString('hex')}.sweep`;
  try {
    await rename(path, renamed);
  } catch (error) {
    if (isGone(error)) return false;
    throw error;
  }
  const time = await modifiedAt(renamed);
  if (time === null) return false;
  if (time < cutoff) return deleted(renamed);
  // The same content, if a store wrote the file anew meanwhile: replacing it changes nothing.
  await rename(renamed, path).catch((error: unknown) => {
    if (!isGone(error)) throw error;
  });
  return false;
}

/** What a stopped sweep left renamed goes back under its name when that is free (the next sweep decides), else away. */
async function settleSwept(folder: string, name: string, sha256: string): Promise<boolean> {
  const path = join(folder, sha256);
  if ((await modifiedAt(path)) !== null) return deleted(join(folder, name));
  await rename(join(folder, name), path).catch((error: unknown) => {
    if (!isGone(error)) throw error;
  });
  return false;
}

/** Sweeps the store at `dir`; returns how many files of each kind it deleted. */
export async function sweepOrphanedFiles(dir: string, options: SweepOptions): Promise<SweepResult> {
  const cutoff = options.now - (options.minAgeMs ?? ORPHAN_MIN_AGE_MS);
  const result: SweepResult = { orphanedFiles: 0, temporaryFiles: 0 };
  let candidates: string[] = [];
  const settle = async () => {
    const referenced = await options.referenced(candidates);
    for (const sha256 of candidates) {
      if (!referenced.has(sha256) && (await deleteUnlessStoredAgain(attachmentPath(dir, sha256), cutoff))) result.orphanedFiles++;
    }
    candidates = [];
  };
  for (const first of await entriesOf(dir)) {
    if (!first.isDirectory() || !FOLDER.test(first.name)) continue;
    for (const second of await entriesOf(join(dir, first.name))) {
      if (!second.isDirectory() || !FOLDER.test(second.name)) continue;
      const folder = join(dir, first.name, second.name);
      const prefix = first.name + second.name;
      for (const entry of await entriesOf(folder)) {
        // Links, folders and anything else are not the store's.
        if (!entry.isFile() || !entry.name.startsWith(prefix)) continue;
        const path = join(folder, entry.name);
        if (CONTENT.test(entry.name)) {
          const time = await modifiedAt(path);
          if (time === null || time >= cutoff) continue;
          candidates.push(entry.name);
          if (candidates.length >= BATCH) await settle();
        } else if (TEMPORARY.test(entry.name)) {
          const time = await modifiedAt(path);
          if (time !== null && time < cutoff && (await deleted(path))) result.temporaryFiles++;
        } else {
          const swept = SWEPT.exec(entry.name);
          if (swept && (await settleSwept(folder, entry.name, swept[1]!))) result.temporaryFiles++;
        }
      }
    }
  }
  if (candidates.length > 0) await settle();
  return result;
}
