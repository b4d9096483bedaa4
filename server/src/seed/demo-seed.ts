import type { DB } from '../db/database.js';
import { whileLocked } from '../db/process-lock.js';
import { DEMO_SCALE } from './demo-data.js';
import { generateDataset, type GeneratedCounts } from './generator.js';
import { ensureDemoOrganisation } from './organisation.js';
import { addShowcase, SHOWCASE_SIZE, showcaseMoments } from './showcase.js';

export interface DemoSeedOptions {
  citizens?: number;
  cases?: number;
  seed?: number;
  /** Where the showcase's attachments go (the server's ATTACHMENTS_DIR); without it the showcase has no files. */
  attachmentsDir?: string | null;
  /** The demo reaches back one year from here (tests fix it; the server starts it now). */
  now?: number;
}

/**
 * The demo town and its data set, once per database: generated citizens and cases, and the showcase of every
 * feature among them (showcase.ts), in one transaction. Several processes starting together on one PostgreSQL
 * database: the first seeds while the others wait, then they find the users and seed nothing. Returns what was
 * created (the showcase included), or null when the database already had users.
 */
export async function seedDemoOnce(db: DB, options: DemoSeedOptions = {}): Promise<GeneratedCounts | null> {
  const scale = { ...DEMO_SCALE, ...options };
  const now = options.now ?? Date.now();
  // The showcase's people and cases are part of the town's numbers (README: 300 citizens, 450 cases).
  const withShowcase = scale.cases >= SHOWCASE_SIZE.cases && scale.citizens >= SHOWCASE_SIZE.citizens + 1;
  const reserved = withShowcase ? showcaseMoments(scale.seed, now) : [];
  return whileLocked(db, 'demo-seed', async () => {
    if (!(await ensureDemoOrganisation(db))) return null;
    let showcase = { citizens: 0, cases: 0, interactions: 0 };
    const counts = await generateDataset(db, {
      citizens: scale.citizens - (withShowcase ? SHOWCASE_SIZE.citizens : 0),
      cases: scale.cases - reserved.length,
      seed: scale.seed,
      now,
      // Its overdue cases are told by the escalation job at start: the agents' bells show them (README).
      overdueReported: false,
      reserved,
      whenGenerated: withShowcase
        ? async (trx, reservations) => {
            showcase = await addShowcase(trx, {
              now,
              seed: scale.seed,
              reservations,
              attachmentsDir: options.attachmentsDir ?? null,
            });
          }
        : undefined,
    });
    return {
      ...counts,
      citizens: counts.citizens + showcase.citizens,
      cases: counts.cases + showcase.cases,
      interactions: counts.interactions + showcase.interactions,
    };
  });
}
