import { type Channel, parseSearchQuery } from '@anliegen/shared';
import type { DB } from '../../server/src/db/database.js';
import { countMessageMatches, fullTextQuery } from '../../server/src/db/full-text.js';
import { Random } from '../../server/src/seed/random.js';
import {
  caseReferences,
  casesWithEmail,
  citizenIds,
  SEARCH_KINDS,
  SEARCH_KINDS_WITHOUT_RAW,
  searchQueries,
} from './bench-inputs.js';
import { type DataSetInfo, FREQUENT_CITIZEN_INTERACTIONS } from './data-set.js';
import type { RawSql } from './raw-sql.js';
import type { Caller } from './sessions.js';

/**
 * What is measured, one entry per operation: the API call through the tRPC router, and for reads the raw SQL that
 * does the same. Both return comparable ids, so the runner can check they found the same rows.
 */
export interface ReadOperation {
  operation: string;
  /** How many different inputs the runs cycle through. */
  inputs: number;
  api: (run: number) => Promise<unknown>;
  raw?: (run: number) => unknown;
  note?: string;
}

export interface WriteOperation {
  operation: string;
  run: (run: number) => Promise<unknown>;
  /** Interactions each run adds, for the check that every run wrote what it should. */
  interactionsPerRun: number;
  note: string;
}

export interface Actors {
  /** Caseworkers with a team (agents and team leads), for the inbox; the first one does everything else. */
  caseworkers: { caller: Caller; userId: number }[];
  supervisor: Caller;
}

const PAGE = 50;
const SEARCH_PAGE = 25;
const DAY = 86_400_000;
/** Counting matches for the report's note stops here (a broad word matches hundreds of thousands). */
const MATCH_COUNT_CAP = 100_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The statistics question for the 365 days ending on the day of `end`. */
export const yearEndingAt = (end: number, groupBy: 'day' | 'week' | 'month') => ({
  from: isoDay(end - 364 * DAY),
  to: isoDay(end),
  groupBy,
});

const at = <T>(items: readonly T[], run: number): T => {
  if (items.length === 0) throw new Error('no inputs for this operation in the data set');
  return items[run % items.length]!;
};

export async function readOperations(
  db: DB,
  raw: RawSql,
  actors: Actors,
  info: DataSetInfo,
  runs: number,
): Promise<ReadOperation[]> {
  const random = new Random(info.seed);
  const agent = actors.caseworkers[0]!;
  const inputCount = Math.min(runs + 5, 500);

  const inbox: ReadOperation = {
    operation: 'inbox',
    inputs: actors.caseworkers.length,
    note: `cases.list, view "mine" (the default), first page of ${PAGE}, each run another of ${actors.caseworkers.length} caseworkers`,
    api: async (run) => (await at(actors.caseworkers, run).caller.cases.list({ limit: PAGE })).items.map((row) => row.id),
    raw: (run) => raw.inbox(at(actors.caseworkers, run).userId, PAGE),
  };

  const references = await caseReferences(db, random, inputCount);
  const caseView: ReadOperation = {
    operation: 'case-view',
    inputs: references.length,
    note: 'cases.byReference, then citizens.panel of its citizen (as the case page loads them), a random case per run',
    api: async (run) => {
      const detail = await agent.caller.cases.byReference({ reference: at(references, run) });
      const panel = await agent.caller.citizens.panel({ id: detail.case.citizen.id });
      return {
        caseId: detail.case.id,
        timeline: detail.timeline.map((item) => item.id),
        panelCases: panel.cases.map((c) => c.id),
        panelRecent: panel.recent.map((item) => item.id),
      };
    },
    raw: (run) => raw.caseView(at(references, run), agent.userId),
  };

  // The client's "load more": page n+1 starts at page n's cursor. Walk once to know every page's cursor.
  const citizenId = info.frequentCitizenId;
  const cursors: ({ occurredAt: number; id: number } | null)[] = [null];
  for (let page = await agent.caller.citizens.timeline({ citizenId, limit: PAGE }); page.nextCursor; ) {
    cursors.push(page.nextCursor);
    page = await agent.caller.citizens.timeline({ citizenId, limit: PAGE, cursor: page.nextCursor });
  }
  const history: ReadOperation = {
    operation: 'citizen-history',
    inputs: cursors.length,
    note: `citizens.timeline of the citizen with ${FREQUENT_CITIZEN_INTERACTIONS} interactions, one page of ${PAGE} per run, cycling through all ${cursors.length} pages as "load more" reads them`,
    api: async (run) =>
      (await agent.caller.citizens.timeline({ citizenId, limit: PAGE, cursor: at(cursors, run) })).items.map((item) => item.id),
    raw: (run) => raw.citizenHistory(citizenId, at(cursors, run), agent.userId, PAGE),
  };

  const queries = await searchQueries(db, random, Math.min(inputCount, 20));
  const searches = await Promise.all(
    SEARCH_KINDS.map(async (kind): Promise<ReadOperation> => {
      const list = queries[kind];
      const matches = await Promise.all(
        list.map(async (q) => {
          const text = fullTextQuery('sqlite', parseSearchQuery(q).terms);
          return text === null ? 0 : countMessageMatches(db, text, MATCH_COUNT_CAP);
        }),
      );
      const most = Math.max(...matches);
      return {
        operation: `search:${kind}`,
        inputs: list.length,
        note: `search.run, first page of ${SEARCH_PAGE}, ${list.length} queries (e.g. ${list[0] ?? '—'}), matching ${Math.min(...matches)}–${most >= MATCH_COUNT_CAP ? `${MATCH_COUNT_CAP}+` : most} messages`,
        api: async (run) => {
          const result = await agent.caller.search.run({ q: at(list, run), limit: SEARCH_PAGE });
          // What raw SQL reads too: the cases of the words and the people of the name. Parts of words and similar
          // spellings (issue 23) follow only when those leave the page short, as on a tiny data set.
          return {
            citizens: result.citizens.filter((c) => !c.similar).map((c) => c.id),
            cases: result.cases.filter((c) => c.found === 'word').map((c) => c.id),
          };
        },
        raw: SEARCH_KINDS_WITHOUT_RAW.includes(kind) ? undefined : (run) => raw.search(at(list, run), agent.userId, SEARCH_PAGE),
      };
    }),
  );

  // The last year up to the data set's end, ending on one of the last seven days, grouped three ways.
  const groupings = ['week', 'month', 'day'] as const;
  const yearQuestion = (run: number) =>
    yearEndingAt(info.now - (run % 7) * DAY, groupings[Math.floor(run / 7) % groupings.length]!);
  // What the statistics page loads: the dashboard with the impact figures of the same question (targets,
  // satisfaction, survey), both from one read of the year's cases.
  const statistics: ReadOperation = {
    operation: 'statistics-year',
    inputs: 21,
    note: 'statistics.dashboard as the statistics page loads it, with the impact figures (targets, satisfaction, survey): supervisor, all teams, 365 days ending on one of the last 7 days, by week, month or day',
    api: (run) => actors.supervisor.statistics.dashboard(yearQuestion(run)),
  };
  const breakdowns = ['channel', 'team', 'category'] as const;
  const impactBreakdown: ReadOperation = {
    operation: 'impact-breakdown-year',
    inputs: 21,
    note: 'impact.figures broken down by channel, team or category (the statistics page, on request): supervisor, all teams, 365 days ending on one of the last 7 days',
    api: (run) =>
      actors.supervisor.impact.figures({ question: yearQuestion(run), by: breakdowns[Math.floor(run / 7) % breakdowns.length]! }),
  };

  return [inbox, caseView, history, ...searches, statistics, impactBreakdown];
}

export async function writeOperations(db: DB, actors: Actors, info: DataSetInfo, runs: number): Promise<WriteOperation[]> {
  const random = new Random(info.seed + 1);
  const agent = actors.caseworkers[0]!;
  const count = runs + 5;
  const citizens = await citizenIds(db, random, count);
  const categories = (await db.selectFrom('categories').select('id').orderBy('id').execute()).map((row) => row.id);
  const replyCases = await casesWithEmail(db, random, count);
  return [
    {
      operation: 'create-case',
      interactionsPerRun: 1,
      note: 'intake.recordContact: a call or counter visit of a known citizen opening a new case with its first message',
      run: (run) =>
        agent.caller.intake.recordContact({
          channel: (['phone', 'counter'] as const satisfies readonly Channel[])[run % 2]!,
          citizenId: at(citizens, run),
          subject: 'Rückfrage zum Bescheid',
          categoryId: at(categories, run),
          text: 'Die Bürgerin fragt, bis wann der Bescheid kommt; Unterlagen liegen vollständig vor.',
          durationSeconds: 180,
          outcome: 'answered',
        }),
    },
    {
      operation: 'reply',
      interactionsPerRun: 1,
      note: 'cases.addInteraction kind "reply": an agent answers by email (queued for sending), a random case per run',
      run: (run) =>
        agent.caller.cases.addInteraction({
          caseId: at(replyCases, run),
          kind: 'reply',
          text: 'Vielen Dank für Ihre Nachricht. Wir haben Ihr Anliegen geprüft und melden uns in Kürze.',
        }),
    },
  ];
}
