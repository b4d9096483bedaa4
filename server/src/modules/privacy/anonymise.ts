import { unlink } from 'node:fs/promises';
import type { DB } from '../../db/database.js';
import { attachmentPath } from '../../storage/attachment-store.js';
import { eraseFeedbackComments } from '../feedback/feedback.service.js';

/** What stays of a name or subject once its case or citizen is anonymised. */
export const ANONYMISED = '[anonymisiert]';

/** Ids per statement: well below SQLite's and PostgreSQL's limits on bound parameters. */
const CHUNK = 500;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}

export interface AnonymiseResult {
  cases: number;
  interactions: number;
  attachments: number;
  citizens: number;
  /** Content addresses of deleted attachments and mail sources: delete the files after commit if nothing uses them. */
  sha256s: string[];
}

/**
 * Removes the personal data of the given cases inside the caller's transaction: subjects, message text, HTML,
 * channel metadata, message ids, attachments, original mail sources, status links and the comments of the citizen's
 * feedback (its survey's links stop taking answers). Everything the statistics read stays (times, channels, minutes,
 * contact facts, team, category, status, the feedback's answer and rating). Then anonymises every citizen of these
 * cases whose cases are now all anonymised: names, birth date, contact points. The full-text indexes follow the
 * updates (triggers on SQLite, a generated column on PostgreSQL).
 */
export async function anonymiseCases(trx: DB, caseIds: readonly number[], now: number): Promise<AnonymiseResult> {
  const result: AnonymiseResult = { cases: 0, interactions: 0, attachments: 0, citizens: 0, sha256s: [] };
  const citizenIds = new Set<number>();
  for (const ids of chunks([...new Set(caseIds)])) {
    const rows = await trx.selectFrom('cases').select(['id', 'citizen_id']).where('id', 'in', ids).execute();
    if (rows.length === 0) continue;
    const found = rows.map((row) => row.id);
    for (const row of rows) citizenIds.add(row.citizen_id);
    const interactionIds = (
      await trx.selectFrom('interactions').select(['id', 'citizen_id']).where('case_id', 'in', found).execute()
    ).map((row) => {
      citizenIds.add(row.citizen_id);
      return row.id;
    });
    await anonymiseMessages(trx, interactionIds, result);
    await trx.deleteFrom('case_access_tokens').where('case_id', 'in', found).execute();
    await eraseFeedbackComments(trx, found, now);
    await trx.updateTable('cases').set({ subject: ANONYMISED, anonymised_at: now }).where('id', 'in', found).execute();
    result.cases += found.length;
  }
  result.citizens = await anonymiseCitizensWithoutOpenData(trx, [...citizenIds], now);
  result.sha256s = [...new Set(result.sha256s)];
  return result;
}

/**
 * Removes the content of the given messages (text, HTML, metadata, message ids, attachments, original sources) and
 * adds them to `result`; the caller deletes the files in `result.sha256s` after commit.
 */
export async function anonymiseMessages(
  trx: DB,
  interactionIds: readonly number[],
  result: Pick<AnonymiseResult, 'interactions' | 'attachments' | 'sha256s'>,
): Promise<void> {
  for (const part of chunks([...new Set(interactionIds)])) {
    const attachments = await trx.deleteFrom('attachments').where('interaction_id', 'in', part).returning('sha256').execute();
    result.attachments += attachments.length;
    result.sha256s.push(...attachments.map((row) => row.sha256));
    const sources = await trx
      .selectFrom('interactions')
      .select('raw_sha256')
      .where('id', 'in', part)
      .where('raw_sha256', 'is not', null)
      .execute();
    result.sha256s.push(...sources.map((row) => row.raw_sha256!));
    await trx
      .updateTable('interactions')
      .set({
        subject: null,
        text: '',
        html_sanitized: null,
        metadata: null,
        external_message_id: null,
        raw_sha256: null,
        content_hash: null,
      })
      .where('id', 'in', part)
      .execute();
    result.interactions += part.length;
  }
}

/** Of `citizenIds`, anonymises those whose every case is anonymised; returns how many. */
async function anonymiseCitizensWithoutOpenData(trx: DB, citizenIds: number[], now: number): Promise<number> {
  let count = 0;
  for (const ids of chunks(citizenIds)) {
    const done = (
      await trx
        .selectFrom('citizens')
        .select('citizens.id')
        .where('citizens.id', 'in', ids)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('cases')
                .select('cases.id')
                .whereRef('cases.citizen_id', '=', 'citizens.id')
                .where('cases.anonymised_at', 'is', null),
            ),
          ),
        )
        .execute()
    ).map((row) => row.id);
    count += await anonymiseCitizens(trx, done, now);
  }
  return count;
}

/** Removes names, birth date and contact points of the citizens (their cases are the caller's business). */
export async function anonymiseCitizens(trx: DB, citizenIds: readonly number[], now: number): Promise<number> {
  let count = 0;
  for (const ids of chunks([...new Set(citizenIds)])) {
    if (ids.length === 0) continue;
    await trx.deleteFrom('contact_points').where('citizen_id', 'in', ids).execute();
    const updated = await trx
      .updateTable('citizens')
      .set({
        given_name: null,
        family_name: null,
        display_name: ANONYMISED,
        name_key: '',
        birth_date: null,
        anonymised_at: now,
        updated_at: now,
      })
      .where('id', 'in', ids)
      .executeTakeFirst();
    count += Number(updated.numUpdatedRows);
  }
  return count;
}

/**
 * Of the content addresses `sha256s`, those a row still refers to: an attachment, a mail's original source, or a
 * caseworker's upload not sent yet (modules/uploads). One statement per chunk, so it reads one state of the database:
 * an upload becoming a reply's attachment at that moment is seen as one or the other, never as neither.
 */
export async function referencedFiles(db: DB, sha256s: readonly string[]): Promise<Set<string>> {
  const used = new Set<string>();
  for (const part of chunks([...new Set(sha256s)])) {
    if (part.length === 0) continue;
    // A file may be an attachment and a mail's original source at once (a forwarded .eml), or either of another mail.
    const rows = await db
      .selectFrom('attachments')
      .select('sha256')
      .where('sha256', 'in', part)
      .union(
        db
          .selectFrom('interactions')
          .select('raw_sha256 as sha256')
          .where('raw_sha256', 'in', part)
          .$narrowType<{ sha256: string }>(),
      )
      .union(db.selectFrom('reply_uploads').select('sha256').where('sha256', 'in', part))
      .execute();
    for (const row of rows) used.add(row.sha256);
  }
  return used;
}

/**
 * After commit: deletes the files of `sha256s` that no attachment row (or waiting upload) references any more (the store is
 * content-addressed, so another message may still use the same file). Returns how many files were deleted. What this
 * misses (the process stopped right after the commit) the file sweep deletes later (jobs/file-sweep.job.ts).
 */
export async function deleteUnreferencedFiles(db: DB, dir: string, sha256s: readonly string[]): Promise<number> {
  let deleted = 0;
  for (const part of chunks([...new Set(sha256s)])) {
    if (part.length === 0) continue;
    const used = await referencedFiles(db, part);
    for (const sha256 of part) {
      if (used.has(sha256) || !/^[0-9a-f]{64}$/.test(sha256)) continue;
      try {
        await unlink(attachmentPath(dir, sha256));
        deleted++;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
  }
  return deleted;
}
