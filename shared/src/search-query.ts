import { z } from 'zod';
import { type CaseStatus, type Channel, OPEN_CASE_STATUSES, SEARCH_QUERY_MAX_LENGTH } from './domain.js';
import { idSchema } from './users.schemas.js';

/**
 * The search box's language, parsed the same way in the browser (to point at a mistake while typing) and on the
 * server (which decides). German keys and values first (what the help shows in German), English ones as aliases;
 * keys and values are case-insensitive:
 *   words and "quoted phrases"            full text in case subjects and messages (every word must occur)
 *   kanal:telefon   channel:email         cases with a message on that channel
 *   status:offen    status:erledigt       offen/open = every status that still needs work
 *   team:Bürgeramt  team:"Ordnungsamt"    the team's cases (name prefix)
 *   von:Müller      from:anna@example.com the citizen's cases (email, phone or name)
 *   datum:1.3.2026..15.3.2026  date:2026-03   messages (or case openings) in that range, days inclusive
 *   schlagwort:"Akte fehlt"    tag:Bauantrag  cases with the tag (several: cases with all of them)
 * A word with an unknown prefix ("Az:12") is searched as text.
 */

export type SearchTerm = { kind: 'word' | 'phrase'; text: string };
export type SearchProblem = { token: string; problem: 'channel' | 'status' | 'date' | 'empty' };
export interface SearchFilters {
  channels?: Channel[];
  statuses?: CaseStatus[];
  team?: string;
  from?: string;
  /** Tag names (cases carry every one). */
  tags?: string[];
  /** Inclusive calendar days (YYYY-MM-DD) in the administration's time zone. */
  dateFrom?: string;
  dateTo?: string;
}
export interface ParsedSearch {
  terms: SearchTerm[];
  filters: SearchFilters;
  problems: SearchProblem[];
}

/** German keys first; `status` and `team` are the same word in both languages. */
export const SEARCH_FILTER_KEYS = {
  kanal: 'channel',
  channel: 'channel',
  status: 'status',
  team: 'team',
  von: 'from',
  from: 'from',
  datum: 'date',
  date: 'date',
  schlagwort: 'tag',
  tag: 'tag',
} as const;
const FILTER_KEYS = SEARCH_FILTER_KEYS;
type FilterKey = (typeof FILTER_KEYS)[keyof typeof FILTER_KEYS];

/** Channel values (lower case): the German names of docs/glossary.md first, then English and older aliases. */
export const SEARCH_CHANNEL_VALUES: Readonly<Record<string, Channel>> = {
  'e-mail': 'email',
  webformular: 'webform',
  telefon: 'phone',
  schalter: 'counter',
  notiz: 'note',
  email: 'email',
  mail: 'email',
  webform: 'webform',
  formular: 'webform',
  phone: 'phone',
  counter: 'counter',
  note: 'note',
};
const CHANNEL_VALUES = SEARCH_CHANNEL_VALUES;

/**
 * Status values (lower case): German first (the short words the help names and the status labels themselves, quoted:
 * `status:"Wartet auf Rückmeldung"`), then English. `offen`/`open` is every status that still needs work.
 */
export const SEARCH_STATUS_VALUES: Readonly<Record<string, readonly CaseStatus[]>> = {
  offen: OPEN_CASE_STATUSES,
  neu: ['new'],
  wartend: ['waiting_citizen', 'waiting_internal'],
  rückmeldung: ['waiting_citizen'],
  rueckmeldung: ['waiting_citizen'],
  'wartet auf rückmeldung': ['waiting_citizen'],
  intern: ['waiting_internal'],
  'wartet intern': ['waiting_internal'],
  erledigt: ['resolved'],
  geschlossen: ['closed'],
  fertig: ['resolved', 'closed'],
  open: OPEN_CASE_STATUSES,
  new: ['new'],
  waiting: ['waiting_citizen', 'waiting_internal'],
  waiting_citizen: ['waiting_citizen'],
  waiting_internal: ['waiting_internal'],
  resolved: ['resolved'],
  closed: ['closed'],
  done: ['resolved', 'closed'],
};
const STATUS_VALUES = SEARCH_STATUS_VALUES;

/** Splits into tokens: `key:"quoted value"`, `"a phrase"`, or a run of non-space characters. */
const TOKEN = /([\p{L}-]+):"([^"]*)"?|"([^"]*)"?|(\S+)/gu;

export function parseSearchQuery(text: string): ParsedSearch {
  const terms: SearchTerm[] = [];
  const filters: SearchFilters = {};
  const problems: SearchProblem[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const [token, quotedKey, quotedValue, phrase, bare] = match;
    if (phrase !== undefined) {
      const words = phrase.trim();
      if (words) terms.push({ kind: words.includes(' ') ? 'phrase' : 'word', text: words });
      continue;
    }
    const [key, value] = quotedKey !== undefined ? [quotedKey, quotedValue ?? ''] : splitFilter(bare ?? '');
    const filter = key === undefined ? undefined : FILTER_KEYS[key.toLowerCase() as keyof typeof FILTER_KEYS];
    if (filter === undefined) {
      terms.push({ kind: 'word', text: token });
      continue;
    }
    const problem = applyFilter(filters, filter, value.trim());
    if (problem) problems.push({ token, problem });
  }
  return { terms, filters, problems };
}

function splitFilter(token: string): [string | undefined, string] {
  const colon = token.indexOf(':');
  return colon > 0 ? [token.slice(0, colon), token.slice(colon + 1)] : [undefined, token];
}

function applyFilter(filters: SearchFilters, filter: FilterKey, value: string): SearchProblem['problem'] | null {
  if (!value) return 'empty';
  const lower = value.toLowerCase();
  switch (filter) {
    case 'channel': {
      const channel = CHANNEL_VALUES[lower];
      if (!channel) return 'channel';
      filters.channels = [...new Set([...(filters.channels ?? []), channel])];
      return null;
    }
    case 'status': {
      const statuses = STATUS_VALUES[lower];
      if (!statuses) return 'status';
      filters.statuses = [...new Set([...(filters.statuses ?? []), ...statuses])];
      return null;
    }
    case 'team':
      filters.team = value;
      return null;
    case 'from':
      filters.from = value;
      return null;
    case 'tag':
      filters.tags = [...new Set([...(filters.tags ?? []), value])];
      return null;
    case 'date': {
      const range = parseDateRange(value);
      if (!range) return 'date';
      Object.assign(filters, range);
      return null;
    }
  }
}

/**
 * `2026`, `2026-03`, `2026-03-05`, `5.3.2026`, `3.2026`, and ranges of them with `..` (either end open).
 * Returns inclusive first and last days.
 */
export function parseDateRange(value: string): { dateFrom?: string; dateTo?: string } | null {
  const [start, end, ...rest] = value.split('..');
  if (rest.length > 0 || start === undefined) return null;
  if (end === undefined) {
    const period = parsePeriod(start);
    return period ? { dateFrom: period.first, dateTo: period.last } : null;
  }
  const from = start ? parsePeriod(start) : undefined;
  const to = end ? parsePeriod(end) : undefined;
  if (from === null || to === null || (!from && !to)) return null;
  if (from && to && from.first > to.last) return null;
  return { ...(from && { dateFrom: from.first }), ...(to && { dateTo: to.last }) };
}

function parsePeriod(text: string): { first: string; last: string } | null {
  const iso = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(text);
  const german = /^(?:(\d{1,2})\.)?(\d{1,2})\.(\d{4})$/.exec(text);
  const [year, month, day] = iso
    ? [Number(iso[1]), iso[2] && Number(iso[2]), iso[3] && Number(iso[3])]
    : german
      ? [Number(german[3]), Number(german[2]), german[1] && Number(german[1])]
      : [];
  if (year === undefined || year < 1900 || year > 2999) return null;
  if (!month) return { first: isoDay(year, 1, 1), last: isoDay(year, 12, 31) };
  if (month < 1 || month > 12) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (!day) return { first: isoDay(year, month, 1), last: isoDay(year, month, daysInMonth) };
  if (day < 1 || day > daysInMonth) return null;
  return { first: isoDay(year, month, day), last: isoDay(year, month, day) };
}

const isoDay = (year: number, month: number, day: number) =>
  `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

/** What the search box sends; the text is parsed by parseSearchQuery. */
export const searchQueryTextSchema = z.string().trim().min(1).max(SEARCH_QUERY_MAX_LENGTH);

export const searchInput = z.object({
  q: searchQueryTextSchema,
  /**
   * How many results the pages before this one held (an offset, named `cursor` for paged queries): ranked results
   * are read from the top, not scrolled to page 1,000.
   */
  cursor: z
    .number()
    .int()
    .min(0)
    .max(1000)
    .nullish()
    .transform((value) => value ?? 0),
  limit: z.number().int().min(1).max(100).default(25),
});

export const savedSearchNameSchema = z.string().trim().min(1).max(80);
export const createSavedSearchInput = z.object({ name: savedSearchNameSchema, query: searchQueryTextSchema });
export const savedSearchIdInput = z.object({ id: idSchema });
