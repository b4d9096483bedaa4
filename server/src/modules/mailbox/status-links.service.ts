import type { DB } from '../../db/database.js';
import { newSecretToken, tokenHash } from '../../domain/secret-token.js';
import type { Actor } from '../../domain/actor.js';
import { unitOfWork } from '../../domain/unit-of-work.js';

/**
 * The citizen's status links (the private mailbox, issue 18). A link is a random token; only its hash is stored, so a
 * leaked database opens nobody's status page. A case has as many links as were handed out: the receipt's, one per
 * mail sent without content, one per renewal. An agent revokes all of a case's links at once; a revoked link's row
 * stays (with `revoked_at`) so its page can say so and offer a new one.
 */

export { tokenHash };

/** The status page of a token: also the start of its downloads (channels/webform/mailbox.routes.ts). */
export function statusPath(token: string): string {
  return `/anliegen/status/${token}`;
}

/** Makes the token a link to the case's status page (stored by its hash), in the caller's transaction or at once. */
export async function storeStatusToken(db: DB, caseId: number, token: string, now = Date.now()): Promise<void> {
  await db
    .insertInto('case_access_tokens')
    .values({ token_hash: tokenHash(token), case_id: caseId, created_at: now })
    .execute();
}

/** A new link to the case's status page; returns its token. */
export async function issueStatusToken(db: DB, caseId: number, now = Date.now()): Promise<string> {
  const token = newSecretToken();
  await storeStatusToken(db, caseId, token, now);
  return token;
}

/** Whether this token was a link of a case that an agent revoked (its page says so; an unknown token is not found). */
export async function isRevokedStatusToken(db: DB, token: string): Promise<boolean> {
  const row = await db
    .selectFrom('case_access_tokens')
    .select('revoked_at')
    .where('token_hash', '=', tokenHash(token))
    .executeTakeFirst();
  return row !== undefined && row.revoked_at !== null;
}

/**
 * Revokes every working status link of the case and of the cases merged into it (their links show this case). Mails
 * sent later carry new links, and the citizen can ask for one (the address on file). Returns how many were revoked.
 */
export async function revokeStatusLinks(db: DB, actor: Actor, caseId: number): Promise<{ count: number }> {
  return unitOfWork(db, actor, async (work) => {
    const mergedHere = work.db.selectFrom('cases').select('id').where('merged_into_id', '=', caseId);
    const result = await work.db
      .updateTable('case_access_tokens')
      .set({ revoked_at: Date.now() })
      .where((eb) => eb.or([eb('case_id', '=', caseId), eb('case_id', 'in', mergedHere)]))
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    const count = Number(result.numUpdatedRows);
    await work.audit('case.statusLinksRevoked', { entityId: caseId, details: { count } });
    return { count };
  });
}
