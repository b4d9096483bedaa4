import {
  foldName,
  looksLikePhoneNumber,
  normaliseEmail,
  normalisePhone,
  OPEN_CASE_STATUSES,
  parseCaseReference,
  parseSearchQuery,
} from '@anliegen/shared';
import SQLite from 'better-sqlite3';
import { fullTextQuery } from '../../server/src/db/full-text.js';

/**
 * The lower bound: the reads the API does, as hand-written prepared statements on better-sqlite3 against the same
 * file. Same joins, columns, ORDER BY and LIMIT as the services' queries, statement for statement, including the
 * audit row every read of personal data writes; what is left out is what the API adds (tRPC, zod, Kysely's query
 * building, mapping rows to DTOs). Each read returns the ids it found, which the runner compares with the API's.
 */

const OPEN = OPEN_CASE_STATUSES.map((status) => `'${status}'`).join(', ');
const NEXT_DUE = `case when cases.first_response_at is null and cases.first_response_due_at is not null
  and (cases.resolution_due_at is null or cases.first_response_due_at < cases.resolution_due_at)
  then cases.first_response_due_at else cases.resolution_due_at end`;
const CASE_COLUMNS = `cases.id, cases.reference, cases.subject, cases.status, cases.priority,
  cases.origin_channel as originChannel, cases.created_at as createdAt, cases.updated_at as updatedAt,
  cases.resolution_due_at as resolutionDueAt, ${NEXT_DUE} as nextDueAt, cases.sla_paused_at as slaPausedAt,
  cases.citizen_id as citizenId, citizens.display_name as citizenName, cases.team_id as teamId, teams.name as teamName,
  cases.assignee_id as assigneeId, users.display_name as assigneeName, categories.name as categoryName`;
const CASE_JOINS = `from cases inner join citizens on citizens.id = cases.citizen_id left join teams on teams.id = cases.team_id
  left join users on users.id = cases.assignee_id left join categories on categories.id = cases.category_id`;
const CASE_ROWS = `select ${CASE_COLUMNS} ${CASE_JOINS}`;
const TIMELINE_COLUMNS = `interactions.id, interactions.case_id as caseId, cases.reference as caseReference,
  interactions.channel, interactions.direction, interactions.subject, interactions.text,
  interactions.occurred_at as occurredAt, interactions.duration_seconds as durationSeconds,
  interactions.delivery_status as deliveryStatus, interactions.metadata, interactions.html_sanitized as htmlSanitized,
  users.display_name as authorName`;
const TIMELINE_JOINS = `from interactions inner join cases on cases.id = interactions.case_id
  left join users on users.id = interactions.author_id`;
const TIMELINE = `select ${TIMELINE_COLUMNS} ${TIMELINE_JOINS}`;
/** A citizen's history: the timeline with the case's team and status (shown for cases the reader may not open). */
const HISTORY = `select ${TIMELINE_COLUMNS}, 1 as visible, teams.name as teamName, cases.status as caseStatus
  ${TIMELINE_JOINS} left join teams on teams.id = cases.team_id`;

/** As the search service: more matching messages than this is a broad query, listed by newest match. */
const RANKED_MATCHES = 2000;
const CITIZEN_RESULTS = 8;
const FROM_CITIZENS = 500;
const PANEL_CASES = 50;
const PANEL_RECENT = 10;

type Row = Record<string, unknown>;
type Id = { id: number };
interface CaseRow {
  id: number;
  reference: string;
  citizen_id: number;
  team_id: number | null;
  assignee_id: number | null;
  category_id: number | null;
  merged_into_id: number | null;
}
interface TimelineRow {
  id: number;
  occurredAt: number;
}

export interface CaseViewIds {
  caseId: number;
  timeline: number[];
  panelCases: number[];
  panelRecent: number[];
}
export interface SearchIds {
  citizens: number[];
  cases: number[];
}

export class RawSql {
  private readonly db: SQLite.Database;
  private readonly statements = new Map<string, SQLite.Statement>();

  constructor(path: string) {
    this.db = new SQLite(path);
    // The server's settings (server/src/db/database.ts), so both sides read the file the same way.
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
  }

  close(): void {
    this.db.close();
  }

  /** A prepared statement, prepared once; `(#)` stands for a list of `count` placeholders. */
  private statement(text: string, count = 0): SQLite.Statement {
    const key = `${count}|${text}`;
    let statement = this.statements.get(key);
    if (!statement) {
      statement = this.db.prepare(text.replace('(#)', `(${Array.from({ length: count }, () => '?').join(', ')})`));
      this.statements.set(key, statement);
    }
    return statement;
  }

  private all<T = Row>(text: string, ...params: unknown[]): T[] {
    return this.statement(text).all(...params) as T[];
  }

  private get<T = Row>(text: string, ...params: unknown[]): T | undefined {
    return this.statement(text).get(...params) as T | undefined;
  }

  /** `text` with `(#)` for the list; the list's values come first, then `params`. */
  private allIn<T = Row>(text: string, list: readonly unknown[], ...params: unknown[]): T[] {
    if (list.length === 0) return [];
    return this.statement(text, list.length).all(...list, ...params) as T[];
  }

  private audit(actorId: number, action: string, entityType: string, entityId: number | null, details: unknown): void {
    this.statement(
      `insert into audit_events (occurred_at, actor_id, action, entity_type, entity_id, ip, details)
       values (?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      Date.now(),
      actorId,
      action,
      entityType,
      entityId === null ? null : String(entityId),
      '127.0.0.1',
      JSON.stringify(details),
    );
  }

  private attachments(interactionIds: number[]): Row[] {
    return this.allIn(
      `select id, interaction_id as interactionId, filename, content_type as contentType, size_bytes as sizeBytes
       from attachments where interaction_id in (#) order by id`,
      interactionIds,
    );
  }

  /** cases.list, view "mine", sorted by last update, first page (limit + 1 to know whether there is more). */
  inbox(userId: number, limit = 50): number[] {
    const rows = this.all<Id & { citizenId: number }>(
      `select ${CASE_COLUMNS}, cases.updated_at as sortValue ${CASE_JOINS}
       where cases.merged_into_id is null and cases.assignee_id = ?
       and cases.status in (${OPEN}) order by cases.updated_at desc, cases.id desc limit ?`,
      userId,
      limit + 1,
    );
    const page = rows.slice(0, limit);
    this.audit(userId, 'case.listed', 'case', null, {
      view: 'mine',
      cases: page.length,
      citizenIds: [...new Set(page.map((row) => row.citizenId))],
    });
    return page.map((row) => row.id);
  }

  private resolveCase(found: CaseRow | undefined): CaseRow {
    let row = found;
    for (let hops = 0; row?.merged_into_id != null && hops < 10; hops++) {
      row = this.get<CaseRow>('select * from cases where id = ?', row.merged_into_id);
    }
    if (!row || row.merged_into_id != null) throw new Error('case not found');
    return row;
  }

  private resolveCitizen(id: number): Id {
    let row = this.get<Id & { merged_into_id: number | null }>('select * from citizens where id = ?', id);
    for (let hops = 0; row?.merged_into_id != null && hops < 10; hops++) {
      row = this.get('select * from citizens where id = ?', row.merged_into_id);
    }
    if (!row || row.merged_into_id != null) throw new Error('citizen not found');
    return row;
  }

  /** What citizenDtos reads: the citizens and their contact points. */
  private citizenRecords(ids: number[]): Row[] {
    const citizens = this.allIn('select * from citizens where id in (#)', ids);
    this.allIn('select * from contact_points where citizen_id in (#) order by is_primary desc, id', ids);
    return citizens;
  }

  private citizenTimeline(citizenId: number, limit: number, before?: { occurredAt: number; id: number }): TimelineRow[] {
    const rows = before
      ? this.all<TimelineRow>(
          `${HISTORY} where interactions.citizen_id = ? and (interactions.occurred_at, interactions.id) < (?, ?)
           order by interactions.occurred_at desc, interactions.id desc limit ?`,
          citizenId,
          before.occurredAt,
          before.id,
          limit,
        )
      : this.all<TimelineRow>(
          `${HISTORY} where interactions.citizen_id = ? order by interactions.occurred_at desc, interactions.id desc limit ?`,
          citizenId,
          limit,
        );
    this.attachments(rows.map((row) => row.id));
    return rows;
  }

  /** cases.byReference and citizens.panel: what the case page loads. */
  caseView(reference: string, actorId: number): CaseViewIds {
    const row = this.resolveCase(this.get<CaseRow>('select * from cases where reference = ?', reference));
    this.get(
      `select citizens.display_name as citizenName, citizens.unverified as citizenUnverified, teams.name as teamName,
       users.display_name as assigneeName, categories.name as categoryName
       from citizens left join teams on teams.id = ? left join users on users.id = ? left join categories on categories.id = ?
       where citizens.id = ?`,
      row.team_id,
      row.assignee_id,
      row.category_id,
      row.citizen_id,
    );
    const links = [
      ...this.all<Id>('select related_case_id as id from case_links where case_id = ?', row.id),
      ...this.all<Id>('select case_id as id from case_links where related_case_id = ?', row.id),
    ];
    this.allIn(
      `select cases.id, cases.reference, cases.subject, cases.status, teams.name as teamName, cases.team_id, cases.assignee_id
       from cases left join teams on teams.id = cases.team_id where cases.id in (#) order by cases.id`,
      links.map((link) => link.id),
    );
    this.all('select id, reference from cases where merged_into_id = ? order by id', row.id);
    const timeline = this.all<TimelineRow>(
      `${TIMELINE} where interactions.case_id = ? order by interactions.occurred_at asc, interactions.id asc`,
      row.id,
    );
    this.attachments(timeline.map((item) => item.id));
    this.audit(actorId, 'case.viewed', 'case', row.id, { citizenId: row.citizen_id, interactions: timeline.length });

    const citizen = this.resolveCitizen(row.citizen_id);
    this.all('select * from contact_points where citizen_id = ? order by is_primary desc, id', citizen.id);
    const cases = this.all<Id>(
      `select cases.id, cases.reference, cases.subject, cases.status, cases.priority, cases.origin_channel as originChannel,
       cases.created_at as createdAt, cases.updated_at as updatedAt, teams.name as teamName, 1 as visible,
       case when cases.status in (${OPEN}) then 0 else 1 end as closedRank
       from cases left join teams on teams.id = cases.team_id where cases.citizen_id = ? and cases.merged_into_id is null
       order by closedRank, cases.updated_at desc, cases.id desc limit ?`,
      citizen.id,
      PANEL_CASES,
    );
    const recent = this.citizenTimeline(citizen.id, PANEL_RECENT);
    this.audit(actorId, 'citizen.viewed', 'citizen', citizen.id, {
      view: 'panel',
      cases: cases.length,
      interactions: recent.length,
    });
    return {
      caseId: row.id,
      timeline: timeline.map((item) => item.id),
      panelCases: cases.map((c) => c.id),
      panelRecent: recent.map((item) => item.id),
    };
  }

  /** citizens.timeline: one page of a citizen's history, newest first, after the keyset cursor. */
  citizenHistory(citizenId: number, cursor: { occurredAt: number; id: number } | null, actorId: number, limit = 50): number[] {
    const citizen = this.resolveCitizen(citizenId);
    const rows = this.citizenTimeline(citizen.id, limit + 1, cursor ?? undefined).slice(0, limit);
    const ids = rows.map((row) => row.id);
    this.audit(actorId, 'citizen.timeline_viewed', 'citizen', citizenId, { interactions: ids.length, interactionIds: ids });
    return ids;
  }

  /** findCitizenIds: by email, by phone, else by every rotation of the name's words as a name-key prefix. */
  private findCitizenIds(query: string, limit: number): number[] {
    const byContact = `select citizens.id, citizens.updated_at from contact_points
      inner join citizens on citizens.id = contact_points.citizen_id
      where contact_points.kind = ? and contact_points.normalized = ? and citizens.merged_into_id is null
      order by citizens.updated_at desc, citizens.id desc`;
    if (query.includes('@'))
      return this.all<Id>(byContact, 'email', normaliseEmail(query))
        .map((row) => row.id)
        .slice(0, limit);
    const phone = looksLikePhoneNumber(query) ? normalisePhone(query) : null;
    if (phone)
      return this.all<Id>(byContact, 'phone', phone)
        .map((row) => row.id)
        .slice(0, limit);
    const words = foldName(query).split(' ').filter(Boolean);
    const found = words.flatMap((_, start) => {
      const prefix = [...words.slice(start), ...words.slice(0, start)].join(' ');
      return this.all<Id>(
        `select id from citizens where name_key >= ? and name_key < ? and merged_into_id is null order by name_key limit ?`,
        prefix,
        `${prefix}\uffff`,
        limit,
      );
    });
    return [...new Set(found.map((row) => row.id))].slice(0, limit);
  }

  /** search.run for plain words and phrases (no filters), first page: citizens above, cases best first. */
  search(q: string, actorId: number, limit = 25): SearchIds {
    const parsed = parseSearchQuery(q);
    if (parsed.problems.length > 0 || Object.keys(parsed.filters).length > 0 || parsed.terms.length === 0) {
      throw new Error(`raw search covers words and phrases only, not "${q}"`);
    }
    const text = parsed.terms.map((term) => term.text).join(' ');
    const contactQuery = parsed.terms.length > 0 && (looksLikePhoneNumber(text) || /^\S+@\S+$/.test(text));
    const scopeCitizens = contactQuery ? this.findCitizenIds(text, FROM_CITIZENS) : null;

    const found = this.findCitizenIds(text, CITIZEN_RESULTS);
    const present = new Set(this.citizenRecords(found).map((row) => row.id));
    const citizenIds = found.filter((id) => present.has(id));
    this.allIn(
      `select citizen_id, count(*) as count from cases where citizen_id in (#) and status in (${OPEN}) group by citizen_id`,
      citizenIds,
    );
    const query = contactQuery ? null : fullTextQuery('sqlite', parsed.terms);
    let page: { caseId: number; interactionId: number | null }[] = [];
    if (scopeCitizens?.length === 0 || (!contactQuery && query === null)) page = [];
    else if (query === null) {
      page = this.allIn<{ caseId: number }>(
        `select cases.id as caseId from cases where cases.merged_into_id is null and cases.citizen_id in (#)
         order by cases.updated_at desc, cases.id desc limit ?`,
        scopeCitizens!,
        limit + 1,
      ).map((row) => ({ ...row, interactionId: null }));
    } else {
      const matches = this.get<{ n: number }>(
        `select count(*) as n from (select 1 from (select rowid as interaction_id from interactions_fts
         where interactions_fts match ?) as matches limit ?) as capped`,
        query,
        RANKED_MATCHES + 1,
      )!.n;
      page = matches > RANKED_MATCHES ? this.newestMatches(query, limit) : this.rankedMatches(query, parsed.terms, limit);
    }
    const shown = page.slice(0, limit);
    const caseIds = shown.map((hit) => hit.caseId);
    const rows = this.allIn<Id>(`${CASE_ROWS} where cases.id in (#)`, caseIds);
    this.allIn(
      'select id, channel, occurred_at, subject, text from interactions where id in (#)',
      shown.flatMap((hit) => (hit.interactionId ? [hit.interactionId] : [])),
    );
    const listed = new Set(rows.map((row) => row.id));
    const cases = caseIds.filter((id) => listed.has(id));
    this.audit(actorId, 'search.performed', 'search', null, {
      citizens: citizenIds.length,
      citizenIds,
      cases: cases.length,
      caseIds: cases,
    });
    return { citizens: citizenIds, cases };
  }

  /** Broad query: cases of the latest matching messages, read newest first until the page is full. */
  private newestMatches(query: string, limit: number) {
    const wanted = limit + 1;
    for (let batch = wanted * 4; ; batch *= 4) {
      const rows = this.all<{ caseId: number; interactionId: number }>(
        `select cases.id as caseId, interactions.id as interactionId
         from (select rowid as interaction_id from interactions_fts where interactions_fts match ?) as matches
         inner join interactions on interactions.id = matches.interaction_id
         inner join cases on cases.id = interactions.case_id
         where cases.merged_into_id is null order by matches.interaction_id desc limit ?`,
        query,
        batch,
      );
      if (new Set(rows.map((row) => row.caseId)).size >= wanted || rows.length < batch) return firstPerCase(rows, wanted);
    }
  }

  /** Focused query: message and subject hits by bm25 (subjects count double), a typed reference first. */
  private rankedMatches(query: string, terms: { text: string }[], limit: number) {
    const wanted = limit + 1;
    const fromMessages = this.all<{ caseId: number; interactionId: number; score: number }>(
      `select cases.id as caseId, interactions.id as interactionId, hits.score
       from (select rowid as interaction_id, bm25(interactions_fts, 2.0, 1.0) as score
             from interactions_fts where interactions_fts match ?) as hits
       inner join interactions on interactions.id = hits.interaction_id
       inner join cases on cases.id = interactions.case_id
       where 1 = 1 and cases.merged_into_id is null`,
      query,
    );
    const fromSubjects = this.all<{ caseId: number; score: number }>(
      `select cases.id as caseId, hits.score
       from (select rowid as case_id, 2 * bm25(cases_fts) as score from cases_fts where cases_fts match ?) as hits
       inner join cases on cases.id = hits.case_id
       where cases.merged_into_id is null and 1 = 1 order by hits.score limit ?`,
      query,
      wanted,
    );
    const references = terms.flatMap((term) => (parseCaseReference(term.text) ? [term.text.trim()] : []));
    const byReference = this.allIn<{ caseId: number }>(
      'select cases.id as caseId from cases where cases.reference in (#) and cases.merged_into_id is null',
      references,
    );
    const ranked = [...fromMessages, ...fromSubjects.map((hit) => ({ ...hit, interactionId: null }))].sort(
      (a, b) => a.score - b.score || b.caseId - a.caseId,
    );
    const best = new Map<number, number>();
    for (const hit of ranked) if (hit.interactionId && !best.has(hit.caseId)) best.set(hit.caseId, hit.interactionId);
    return firstPerCase([...byReference.map((hit) => ({ ...hit, interactionId: null })), ...ranked], wanted).map((hit) => ({
      caseId: hit.caseId,
      interactionId: best.get(hit.caseId) ?? null,
    }));
  }
}

function firstPerCase<T extends { caseId: number }>(hits: T[], count: number): T[] {
  const seen = new Set<number>();
  return hits.filter((hit) => !seen.has(hit.caseId) && seen.add(hit.caseId)).slice(0, count);
}
