import type { DB } from '../../db/database.js';

export async function isFormTokenUsed(db: DB, hash: string): Promise<boolean> {
  return (
    (await db.selectFrom('used_form_tokens').select('token_hash').where('token_hash', '=', hash).executeTakeFirst()) !== undefined
  );
}

/** Inside the submission's transaction: a second use of the token fails on the primary key, and nothing is stored. */
export async function spendFormToken(trx: DB, token: { hash: string; expiresAt: number }): Promise<void> {
  await trx.insertInto('used_form_tokens').values({ token_hash: token.hash, expires_at: token.expiresAt }).execute();
}

/** Expired tokens are refused by their signature already: their hashes hold nothing back. Returns how many went. */
export async function deleteExpiredFormTokens(db: DB, now: number): Promise<number> {
  const result = await db.deleteFrom('used_form_tokens').where('expires_at', '<', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
