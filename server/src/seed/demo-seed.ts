import type { DB } from '../db/database.js';
import { whileLocked } from '../db/process-lock.js';
import { DEMO_SCALE } from './demo-data.js';
import { generateDataset, type GeneratedCounts } from './generator.js';
import { ensureDemoOrganisation } from './organisation.js';

/**
 * The demo town and its data set, once per database. Several processes starting together on one PostgreSQL
 * database: the first seeds while the others wait, then they find the users and seed nothing. Returns what was
 * created, or null when the database already had users.
 */
export async function seedDemoOnce(
  db: DB,
  scale: { citizens: number; cases: number; seed: number } = DEMO_SCALE,
): Promise<GeneratedCounts | null> {
  return whileLocked(db, 'demo-seed', async () =>
    // Its overdue cases are told by the escalation job at start: the agents' bells show them (README).
    (await ensureDemoOrganisation(db)) ? generateDataset(db, { ...scale, now: Date.now(), overdueReported: false }) : null,
  );
}
