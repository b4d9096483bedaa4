import { MAX_DB_INTEGER, SEARCH_QUERY_MAX_LENGTH } from '@anliegen/shared';
import { z } from 'zod/mini';

/*
 * Route search params are parsed with zod/mini, not with the classic zod of shared/ that forms and the API use:
 * mini's functions tree-shake, so the entry chunk carries no classic zod (it loads with the lazy pages that need it).
 */

/** A param that falls back to absent when the URL holds a bad value: an old or edited link still opens the page. */
export const optionalParam = <T extends z.core.SomeType>(schema: T) => z.catch(z.optional(schema), undefined);

/** A database id (team, category, citizen, saved search …) in the URL. */
export const idParam = z.int().check(z.positive(), z.maximum(MAX_DB_INTEGER));

/** The search text, as the search box sends it. */
export const searchTextParam = z.string().check(z.trim(), z.minLength(1), z.maxLength(SEARCH_QUERY_MAX_LENGTH));
