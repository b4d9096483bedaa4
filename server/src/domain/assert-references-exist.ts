import type { AppErrorCode } from '@anliegen/shared';
import type { DB } from '../db/database.js';
import { DomainError } from './domain-error.js';

/** What a client may refer to by id, and how an unknown one is answered. */
const REFERENCES = {
  teamId: { table: 'teams', code: 'teams.unknown', message: 'The selected team does not exist' },
  teamIds: { table: 'teams', code: 'teams.unknown', message: 'One of the selected teams does not exist' },
  categoryId: { table: 'categories', code: 'categories.unknown', message: 'The selected category does not exist' },
} as const satisfies Record<string, { table: 'teams' | 'categories'; code: AppErrorCode; message: string }>;

type References = { [K in keyof typeof REFERENCES]?: K extends 'teamIds' ? readonly number[] : number | null };

/**
 * A team or category picked by the client must exist: otherwise it is the client's mistake (a stale form), answered
 * as such, not a foreign-key failure (a 500). Found by server/src/http/bad-input.property.test.ts. Null and undefined
 * refer to nothing and pass. (Assignees are checked by `assignableCaseworker`: they must also be caseworkers.)
 */
export async function assertReferencesExist(db: DB, refs: References): Promise<void> {
  for (const key of Object.keys(REFERENCES) as (keyof typeof REFERENCES)[]) {
    const value = refs[key];
    const ids = [...new Set(value == null ? [] : typeof value === 'number' ? [value] : value)];
    if (ids.length === 0) continue;
    const { table, code, message } = REFERENCES[key];
    const found = await db.selectFrom(table).select('id').where('id', 'in', ids).execute();
    if (found.length < ids.length) throw new DomainError(code, message);
  }
}
