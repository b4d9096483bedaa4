import type { DB } from '../../db/database.js';
import { type IngestResult, type PreparedMail, type ReceiptDeps, type StoreOutcome, storeMails } from './ingest-email.js';

/** Enough to share one commit among many SMTP connections; short enough not to hold the database for long. */
const MAX_BATCH = 32;
/**
 * How long the first mail waits for company. Queries on better-sqlite3 never yield to the network, so mails only
 * join a batch if they arrive before it starts: a millisecond doubles the batch size of a busy listener (measured:
 * 2 → 4 mails on 8 connections) at no cost anyone notices in an email's delivery.
 */
const GATHER_MS = 1;

/**
 * Group commit for the SMTP listener. Mails arriving within GATHER_MS of each other, or while a batch is being
 * stored, are stored together in one transaction (see storeMails): a busy listener commits many mails at the
 * price of one. Each mail's promise settles once its own outcome is committed (or failed).
 */
export function createMailQueue(db: DB, deps: ReceiptDeps): { store: (mail: PreparedMail) => Promise<IngestResult> } {
  const waiting: { mail: PreparedMail; settle: (outcome: StoreOutcome) => void }[] = [];
  let storing = false;

  const drain = async () => {
    while (waiting.length > 0) {
      const batch = waiting.splice(0, MAX_BATCH);
      const outcomes = await storeMails(
        db,
        deps,
        batch.map((entry) => entry.mail),
      );
      for (const [index, entry] of batch.entries()) entry.settle(outcomes[index]!);
    }
    storing = false;
  };

  return {
    store: (mail) =>
      new Promise<IngestResult>((resolve, reject) => {
        waiting.push({ mail, settle: (outcome) => (outcome.ok ? resolve(outcome.result) : reject(outcome.error)) });
        if (!storing) {
          storing = true;
          setTimeout(() => void drain(), GATHER_MS);
        }
      }),
  };
}
