import { parseSearchQuery } from '@anliegen/shared';
import type { DB } from '../../db/database.js';
import { DomainError, notFound } from '../../domain/domain-error.js';
import { isUniqueViolation } from '../../db/unique-violation.js';
import { unitOfWork } from '../../domain/unit-of-work.js';
import type { Actor } from '../../domain/actor.js';

/** Enough for every view a person keeps; a runaway script cannot fill the table. */
const MAX_SAVED_SEARCHES = 50;

/** A caseworker's saved searches, by name: the inbox shows them as views. */
export function listSavedSearches(db: DB, userId: number) {
  return db.selectFrom('saved_searches').select(['id', 'name', 'query']).where('user_id', '=', userId).orderBy('name').execute();
}

export async function createSavedSearch(db: DB, actor: Actor & { id: number }, input: { name: string; query: string }) {
  const problems = parseSearchQuery(input.query).problems;
  if (problems.length > 0) throw new DomainError('search.invalidQuery', 'The search cannot be saved as it is');
  const userId = actor.id;
  return unitOfWork(db, actor, async ({ db: trx }) => {
    const { count } = await trx
      .selectFrom('saved_searches')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    if (Number(count) >= MAX_SAVED_SEARCHES) {
      throw new DomainError('savedSearches.tooMany', `At most ${MAX_SAVED_SEARCHES} saved searches`);
    }
    try {
      return await trx
        .insertInto('saved_searches')
        .values({ user_id: userId, name: input.name, query: input.query, created_at: Date.now() })
        .returning(['id', 'name', 'query'])
        .executeTakeFirstOrThrow();
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError('savedSearches.nameTaken', 'A saved search has this name');
      throw error;
    }
  });
}

/** Removes one of the user's own saved searches; someone else's is "not found", not "forbidden". */
export async function removeSavedSearch(db: DB, userId: number, id: number): Promise<void> {
  const result = await db.deleteFrom('saved_searches').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw notFound('Saved search');
}
