import type { DB } from '../../db/database.js';
import { unitOfWork } from '../../domain/unit-of-work.js';
import { anonymiseCases, deleteUnreferencedFiles } from './anonymise.js';
import { type Actor, NO_ACTOR } from '../../domain/actor.js';
import { recordAudit } from '../audit/audit.service.js';

const DAY_MS = 86_400_000;
/** Cases per transaction: short write locks, bounded memory. */
export const RETENTION_BATCH = 500;

/** Categories with a retention period, and the closing time before which their closed cases are due. */
async function retentionCategories(db: DB, now: number) {
  const rows = await db
    .selectFrom('categories')
    .select(['id', 'name', 'retention_days'])
    .where('retention_days', 'is not', null)
    .orderBy('name')
    .execute();
  return rows.map((row) => ({ id: row.id, name: row.name, cutoff: now - Number(row.retention_days) * DAY_MS }));
}

/** Closed, not yet anonymised cases of the category closed before `cutoff`. */
function dueCases(db: DB, category: { id: number; cutoff: number }) {
  return db
    .selectFrom('cases')
    .where('category_id', '=', category.id)
    .where('status', '=', 'closed')
    .where('anonymised_at', 'is', null)
    .where('closed_at', 'is not', null)
    .where('closed_at', '<=', category.cutoff);
}

export interface RetentionPreview {
  categories: { categoryId: number; name: string; cases: number }[];
  cases: number;
  citizens: number;
}

/** Dry run: what `runRetention` would anonymise now, changing nothing. */
export async function retentionPreview(db: DB, now: number): Promise<RetentionPreview> {
  const categories: RetentionPreview['categories'] = [];
  const due = new Map<number, number>(); // case id → citizen id
  for (const category of await retentionCategories(db, now)) {
    const rows = await dueCases(db, category).select(['id', 'citizen_id']).execute();
    for (const row of rows) due.set(row.id, row.citizen_id);
    categories.push({ categoryId: category.id, name: category.name, cases: rows.length });
  }
  // A citizen is anonymised when every case of theirs is anonymised once the due ones are.
  let citizens = 0;
  const citizenIds = [...new Set(due.values())];
  for (let i = 0; i < citizenIds.length; i += RETENTION_BATCH) {
    const part = citizenIds.slice(i, i + RETENTION_BATCH);
    const remaining = await db
      .selectFrom('cases')
      .select(['id', 'citizen_id'])
      .where('citizen_id', 'in', part)
      .where('anonymised_at', 'is', null)
      .execute();
    const kept = new Set(remaining.filter((row) => !due.has(row.id)).map((row) => row.citizen_id));
    citizens += part.filter((id) => !kept.has(id)).length;
  }
  return { categories, cases: due.size, citizens };
}

export interface RetentionResult {
  cases: number;
  interactions: number;
  attachments: number;
  citizens: number;
  files: number;
}

/**
 * Anonymises every closed case past its category's retention period, in transactions of RETENTION_BATCH cases;
 * files no longer referenced are deleted after each commit. One audit event with counts only.
 */
export async function runRetention(db: DB, now: number, options: { attachmentsDir: string; actor?: Actor }) {
  const total: RetentionResult = { cases: 0, interactions: 0, attachments: 0, citizens: 0, files: 0 };
  // The job itself when nobody started it.
  const actor = options.actor ?? NO_ACTOR;
  for (const category of await retentionCategories(db, now)) {
    for (;;) {
      const ids = (await dueCases(db, category).select('id').orderBy('id').limit(RETENTION_BATCH).execute()).map((row) => row.id);
      if (ids.length === 0) break;
      const result = await unitOfWork(db, actor, async ({ db: trx }) => {
        // Claim the batch first: another process running retention at the same moment gets none of these cases
        // (on PostgreSQL its UPDATE waits for this commit, then finds them anonymised).
        const claimed = await trx
          .updateTable('cases')
          .set({ anonymised_at: now })
          .where('id', 'in', ids)
          .where('anonymised_at', 'is', null)
          .returning('id')
          .execute();
        return anonymiseCases(
          trx,
          claimed.map((row) => row.id),
          now,
        );
      });
      total.cases += result.cases;
      total.interactions += result.interactions;
      total.attachments += result.attachments;
      total.citizens += result.citizens;
      total.files += await deleteUnreferencedFiles(db, options.attachmentsDir, result.sha256s);
      if (ids.length < RETENTION_BATCH) break;
    }
  }
  if (total.cases > 0 || options.actor) {
    await recordAudit(db, actor, 'retention.anonymised', { details: { ...total } });
  }
  return total;
}
