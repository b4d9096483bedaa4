/**
 * The domain's vocabulary: plain constants and types, no zod, so the browser's entry chunk can use them without
 * loading classic zod. The schemas over them are in domain.schemas.ts and the *.schemas.ts files.
 */

/** The four roles. Team scoping comes from memberships, not from the role. */
export const ROLES = ['agent', 'team_lead', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];
/** The roles that handle cases and see citizens' personal data. */
export const CASEWORKER_ROLES = ['agent', 'team_lead'] as const satisfies readonly Role[];
export const isCaseworker = (role: Role): boolean => (CASEWORKER_ROLES as readonly Role[]).includes(role);

export const CHANNELS = ['email', 'webform', 'phone', 'counter', 'note'] as const;
export type Channel = (typeof CHANNELS)[number];

export const DIRECTIONS = ['inbound', 'outbound', 'internal'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const CASE_STATUSES = ['new', 'open', 'waiting_citizen', 'waiting_internal', 'resolved', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
/** Statuses in which a case still needs work from the administration or the citizen. */
export const OPEN_CASE_STATUSES: readonly CaseStatus[] = ['new', 'open', 'waiting_citizen', 'waiting_internal'];

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const CONTACT_KINDS = ['email', 'phone', 'address'] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

export const LOCALES = ['de', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
/** The BCP 47 tag each language is formatted with (dates, numbers, relative times): English is British. */
export const LANGUAGE_TAGS: Record<Locale, string> = { de: 'de-DE', en: 'en-GB' };

/**
 * The languages of the citizens' pages (issue 18): the app's two and Leichte Sprache (German by the rules of plain
 * language, `de-x-ls`: a BCP 47 tag of German with a private-use part, so it is German to browsers and screen
 * readers), Turkish, Arabic, Ukrainian and Russian. German first: it is the fallback.
 */
export const PUBLIC_LOCALES = ['de', 'de-x-ls', 'en', 'tr', 'ar', 'uk', 'ru'] as const;
export type PublicLocale = (typeof PUBLIC_LOCALES)[number];
/**
 * The tag each is formatted with. Arabic with Latin digits (`nu-latn`): references, phone numbers and links on the same
 * page are written with them, and ICU versions disagree about Arabic's default digits.
 */
export const PUBLIC_LANGUAGE_TAGS: Record<PublicLocale, string> = {
  ...LANGUAGE_TAGS,
  'de-x-ls': 'de-DE',
  tr: 'tr-TR',
  ar: 'ar-u-nu-latn',
  uk: 'uk-UA',
  ru: 'ru-RU',
};

/** The largest value of an `integer` column (PostgreSQL): ids and versions beyond it are bad input, not a 500. */
export const MAX_DB_INTEGER = 2_147_483_647;

/** The inbox's views, due filters and sorts (caseListInput; the inbox keeps them in the URL). */
export const CASE_VIEWS = ['mine', 'team_unassigned', 'open', 'all'] as const;
export const DUE_FILTERS = ['overdue', 'soon'] as const;
/** A target this close (in real hours) counts as "due soon": highlighted and filterable. */
export const SOON_DUE_HOURS = 4;
export const CASE_SORTS = ['updated', 'created', 'priority', 'reference'] as const;

/** How the dashboard buckets time: calendar days, ISO weeks (Monday first) or months, in Berlin time. */
export const STAT_GROUPINGS = ['day', 'week', 'month'] as const;
export type StatGrouping = (typeof STAT_GROUPINGS)[number];
/** The kinds of figure whose cases a team lead may open from the statistics (statFigureSchema). */
export const STAT_FIGURE_KINDS = ['contacts', 'opened', 'resolved', 'backlog', 'recontacts', 'switches', 'workload'] as const;

/** The longest search text; the search box and the /search route's URL parameter hold to it too. */
export const SEARCH_QUERY_MAX_LENGTH = 500;
/** Marks around a highlighted word in a snippet: control characters that never occur in stored text. */
export const HIGHLIGHT_START = '\u0002';
export const HIGHLIGHT_END = '\u0003';
