import {
  addBusinessMinutes,
  addressKey,
  berlinYear,
  businessMinutesBetween,
  DEFAULT_BUSINESS_HOURS,
  CASEWORKER_ROLES,
  citizenDisplayName,
  citizenNameKey,
  formatCaseReference,
  OPEN_CASE_STATUSES,
  type CaseStatus,
  type Channel,
  type Priority,
  type ServiceCalendar,
} from '@anliegen/shared';
import type { Insertable } from 'kysely';
import type { DB } from '../db/database.js';
import type { ContactPointsTable, InteractionsTable } from '../db/schema.js';
import {
  AGENT_REPLIES,
  COUNTER_LOCATIONS,
  DEMO_CATEGORIES,
  DEMO_SLA,
  FAMILY_NAMES,
  FOLLOW_UPS,
  GIVEN_NAMES,
  INTERNAL_NOTES,
  STREETS,
  TOWN,
} from './demo-data.js';
import { Random } from './random.js';

const DEMO_CALENDAR: ServiceCalendar = { hours: DEFAULT_BUSINESS_HOURS, bundesland: 'NW' };

export interface GenerateOptions {
  citizens: number;
  cases: number;
  seed: number;
  /** The data set ends here and reaches back one year. */
  now: number;
  onProgress?: (message: string) => void;
  /**
   * One more citizen with exactly this many interactions, in cases of up to FREQUENT_CASE_CONTACTS each: the long
   * history a benchmark pages through (the random picks above never give an exact count).
   */
  frequentContact?: { interactions: number };
  /**
   * Open cases already overdue count as reported when they fell due (`escalated_at` set; the default): a benchmark's
   * server does not write thousands of old escalations. `false` leaves them to the escalation job, which tells their
   * leads and assignees on its first run (the demo: its agents see their overdue cases in the bell).
   */
  overdueReported?: boolean;
}

export interface GeneratedCounts {
  citizens: number;
  cases: number;
  interactions: number;
  /** The citizen of `frequentContact`, when it was asked for. */
  frequentCitizenId: number | null;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Rows per INSERT: well under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters.
const BATCH = 1000;
const MAIL_DOMAINS = ['example.com', 'example.org', 'example.net'];
const FREQUENT_CASE_CONTACTS = 20;

interface GeneratedCitizen {
  id: number;
  email: string | null;
  phone: string | null;
}

interface Organisation {
  categories: { id: number; name: string; teamId: number | null }[];
  agentsByTeam: Map<number, number[]>;
}

async function loadOrganisation(db: DB): Promise<Organisation> {
  const categories = await db.selectFrom('categories').select(['id', 'name', 'default_team_id']).execute();
  if (categories.length === 0) throw new Error('No categories: create the organisation (teams, categories) first');
  const members = await db
    .selectFrom('team_memberships')
    .innerJoin('users', 'users.id', 'team_memberships.user_id')
    .select(['team_memberships.team_id as teamId', 'users.id as userId'])
    .where('users.role', 'in', CASEWORKER_ROLES)
    .where('users.active', '=', 1)
    .orderBy('users.id')
    .execute();
  const agentsByTeam = new Map<number, number[]>();
  for (const member of members) agentsByTeam.set(member.teamId, [...(agentsByTeam.get(member.teamId) ?? []), member.userId]);
  return {
    categories: categories.map((c) => ({ id: c.id, name: c.name, teamId: c.default_team_id })),
    agentsByTeam,
  };
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[^a-z0-9]/g, '');
}

function weighted<T>(random: Random, entries: readonly (readonly [T, number])[]): T {
  let roll = random.next() * entries.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [value, weight] of entries) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return entries[entries.length - 1]![0];
}

async function insertInBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < rows.length; start += BATCH) await insert(rows.slice(start, start + BATCH));
}

interface GeneratedPerson {
  given: string;
  family: string;
  birthDate: string;
  email: string | null;
  phoneDigits: string | null;
  address: string | null;
  createdAt: number;
  unverified: boolean;
}

function newPerson(random: Random, options: GenerateOptions, serial: number, runTag: string): GeneratedPerson {
  const given = random.pick(GIVEN_NAMES);
  const family = random.pick(FAMILY_NAMES);
  const year = random.int(1935, 2006);
  return {
    given,
    family,
    birthDate: `${year}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`,
    email: random.chance(0.75) ? `${slug(given)}.${slug(family)}.${serial}-${runTag}@${random.pick(MAIL_DOMAINS)}` : null,
    phoneDigits: random.chance(0.6)
      ? `${random.pick(['151', '160', '170', '176', '30'])}${random.int(1_000_000, 9_999_999)}`
      : null,
    address: random.chance(0.5) ? `${random.pick(STREETS)} ${random.int(1, 120)}, ${TOWN.postcode} ${TOWN.name}` : null,
    createdAt: options.now - random.int(365, 3 * 365) * DAY,
    unverified: false,
  };
}

/** The same person recorded again: umlauts spelled out, the same birth date or phone, no email, unconfirmed. */
function secondRecordOf(random: Random, person: GeneratedPerson): GeneratedPerson {
  const spellOut = (name: string) => name.replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss');
  const samePhone = person.phoneDigits !== null && random.chance(0.5);
  return {
    ...person,
    family: spellOut(person.family),
    email: null,
    phoneDigits: samePhone ? person.phoneDigits : `${random.pick(['151', '160', '170'])}${random.int(1_000_000, 9_999_999)}`,
    address: null,
    createdAt: person.createdAt + random.int(30, 300) * DAY,
    unverified: true,
  };
}

async function generateCitizens(db: DB, random: Random, options: GenerateOptions, runTag: string) {
  const citizens: GeneratedCitizen[] = [];
  for (let start = 0; start < options.citizens; start += BATCH) {
    const size = Math.min(BATCH, options.citizens - start);
    const people: GeneratedPerson[] = [];
    for (let offset = 0; offset < size; offset++) {
      const previous = people[people.length - 1];
      // Now and then the same person again, as a second record: what happens when someone writes once and
      // later calls from another number. These are the duplicates agents are asked to merge.
      people.push(
        previous && random.chance(0.03) ? secondRecordOf(random, previous) : newPerson(random, options, start + offset, runTag),
      );
    }
    const inserted = await db
      .insertInto('citizens')
      .values(
        people.map((person) => ({
          given_name: person.given,
          family_name: person.family,
          display_name: citizenDisplayName(person.given, person.family),
          name_key: citizenNameKey(person.given, person.family),
          birth_date: person.birthDate,
          unverified: person.unverified ? (1 as const) : (0 as const),
          merged_into_id: null,
          anonymised_at: null,
          created_at: person.createdAt,
          updated_at: person.createdAt,
        })),
      )
      .returning('id')
      .execute();
    // Identity values of one multi-row insert ascend in VALUES order on both dialects.
    const ids = inserted.map((row) => row.id).sort((a, b) => a - b);
    const contacts: Insertable<ContactPointsTable>[] = [];
    people.forEach((person, index) => {
      const citizenId = ids[index]!;
      const phone = person.phoneDigits ? `+49${person.phoneDigits}` : null;
      if (person.email) {
        contacts.push({
          citizen_id: citizenId,
          kind: 'email',
          value: person.email,
          normalized: person.email,
          is_primary: 1,
          created_at: person.createdAt,
        });
      }
      if (phone && person.phoneDigits) {
        const display = `0${person.phoneDigits.slice(0, 3)} ${person.phoneDigits.slice(3)}`;
        contacts.push({
          citizen_id: citizenId,
          kind: 'phone',
          value: display,
          normalized: phone,
          is_primary: person.email ? 0 : 1,
          created_at: person.createdAt,
        });
      }
      if (person.address) {
        contacts.push({
          citizen_id: citizenId,
          kind: 'address',
          value: person.address,
          normalized: addressKey(person.address),
          is_primary: 0,
          created_at: person.createdAt,
        });
      }
      citizens.push({ id: citizenId, email: person.email, phone });
    });
    await insertInBatches(contacts, (batch) => db.insertInto('contact_points').values(batch).execute());
    options.onProgress?.(`citizens ${Math.min(start + BATCH, options.citizens)}/${options.citizens}`);
  }
  return citizens;
}

interface PlannedCase {
  citizen: GeneratedCitizen;
  category: Organisation['categories'][number];
  createdAt: number;
  /** Exactly this many interactions (the frequent citizen's cases, never `new`); else as chance has it. */
  interactions?: number;
}

/** One case's history: the first contact, replies, internal notes and sometimes a return on another channel. */
function planInteractions(
  random: Random,
  plan: PlannedCase,
  caseRow: { reference: string; status: CaseStatus; assigneeId: number | null; originChannel: Channel; subject: string },
  now: number,
  messageIdPrefix: string,
) {
  const rows: Omit<Insertable<InteractionsTable>, 'case_id'>[] = [];
  const material = DEMO_CATEGORIES.find((c) => c.name === plan.category.name);
  const add = (row: Omit<Insertable<InteractionsTable>, 'case_id' | 'citizen_id' | 'created_at'>) => {
    const occurredAt = Math.min(Number(row.occurred_at), now);
    rows.push({ ...row, occurred_at: occurredAt, citizen_id: plan.citizen.id, created_at: occurredAt });
  };
  const inbound = (channel: Channel, text: string, at: number) => {
    add({
      channel,
      direction: 'inbound',
      author_id: null,
      subject: channel === 'email' || channel === 'webform' ? caseRow.subject : null,
      text,
      html_sanitized: null,
      occurred_at: at,
      duration_seconds: channel === 'phone' || channel === 'counter' ? random.int(60, 900) : null,
      external_message_id: channel === 'email' ? `<${messageIdPrefix}.${rows.length}@${random.pick(MAIL_DOMAINS)}>` : null,
      delivery_status: null,
      metadata: channel === 'counter' ? JSON.stringify({ location: random.pick(COUNTER_LOCATIONS) }) : null,
    });
  };

  // Each step happens by chance, or for a planned count, as long as interactions are missing.
  const more = (probability: number) =>
    plan.interactions === undefined ? random.chance(probability) : rows.length < plan.interactions;
  let clock = plan.createdAt;
  inbound(caseRow.originChannel, material ? random.pick(material.messages) : caseRow.subject, clock);
  let firstResponseAt: number | null = null;
  if (caseRow.status !== 'new' && more(0.92)) {
    clock += random.int(1, 60) * HOUR;
    const channel: Channel = plan.citizen.email ? 'email' : 'phone';
    add({
      channel,
      direction: 'outbound',
      author_id: caseRow.assigneeId,
      subject: channel === 'email' ? `Re: [${caseRow.reference}] ${caseRow.subject}` : null,
      text: random.pick(AGENT_REPLIES),
      html_sanitized: null,
      occurred_at: clock,
      duration_seconds: channel === 'phone' ? random.int(60, 600) : null,
      external_message_id: null,
      delivery_status: channel === 'email' ? 'sent' : null,
      metadata: null,
    });
    firstResponseAt = Math.min(clock, now);
  }
  if (more(0.35)) {
    clock += random.int(1, 24) * HOUR;
    add({
      channel: 'note',
      direction: 'internal',
      author_id: caseRow.assigneeId,
      subject: null,
      text: random.pick(INTERNAL_NOTES),
      html_sanitized: null,
      occurred_at: clock,
      duration_seconds: null,
      external_message_id: null,
      delivery_status: null,
      metadata: null,
    });
  }
  // Citizens who come back, often on another channel: the re-contacts Anliegen exists to make visible.
  while (firstResponseAt !== null && more(0.45)) {
    clock += random.int(12, 120) * HOUR;
    const channel = weighted<Channel>(random, [
      ['email', plan.citizen.email ? 3 : 0],
      ['phone', 3],
      ['counter', 1],
      ['webform', 1],
    ]);
    inbound(channel, random.pick(FOLLOW_UPS), clock);
    if (more(0.7)) {
      clock += random.int(1, 48) * HOUR;
      add({
        channel: plan.citizen.email ? 'email' : 'phone',
        direction: 'outbound',
        author_id: caseRow.assigneeId,
        subject: null,
        text: random.pick(AGENT_REPLIES),
        html_sanitized: null,
        occurred_at: clock,
        duration_seconds: null,
        external_message_id: null,
        delivery_status: plan.citizen.email ? 'sent' : null,
        metadata: null,
      });
    }
  }
  return { rows, firstResponseAt, lastActivityAt: Math.min(clock, now) };
}

/** What insertInteraction keeps on the case for the statistics: the citizen's contacts, in time order. */
function contactFacts(origin: Channel, rows: readonly { direction: string; channel: Channel }[]) {
  const contacts = rows.filter((row) => row.direction === 'inbound' && row.channel !== 'note');
  return {
    contact_count: contacts.length,
    return_channel: contacts[1]?.channel ?? null,
    switch_channel: contacts.find((row) => row.channel !== origin)?.channel ?? null,
  };
}

function statusForAge(random: Random, ageDays: number): CaseStatus {
  if (ageDays > 45)
    return weighted<CaseStatus>(random, [
      ['closed', 80],
      ['resolved', 15],
      ['open', 3],
      ['waiting_internal', 2],
    ]);
  if (ageDays > 7) {
    return weighted<CaseStatus>(random, [
      ['closed', 35],
      ['resolved', 20],
      ['open', 20],
      ['waiting_citizen', 15],
      ['waiting_internal', 10],
    ]);
  }
  return weighted<CaseStatus>(random, [
    ['new', 35],
    ['open', 35],
    ['waiting_citizen', 15],
    ['waiting_internal', 10],
    ['resolved', 5],
  ]);
}

/**
 * Fills the database with a reproducible, realistic data set: the same options give the same data.
 * Used for the demo (small) and for benchmarks (hundreds of thousands of cases). One transaction.
 */
export async function generateDataset(db: DB, options: GenerateOptions): Promise<GeneratedCounts> {
  const random = new Random(options.seed);
  // Run tag: keeps emails and Message-IDs unique when the generator runs more than once on one database
  // (a second run normally has another `now`; the seed tells apart runs with the same one).
  const runTag = `${options.now.toString(36)}-${options.seed.toString(36)}`;
  return db.transaction().execute(async (trx) => {
    const organisation = await loadOrganisation(trx);
    const citizens = await generateCitizens(trx, random, options, runTag);
    if (citizens.length === 0 && options.cases > 0) throw new Error('Cases need at least one citizen');

    // Some citizens come often: a squared pick favours the front of the list.
    const plans: PlannedCase[] = Array.from({ length: options.cases }, () => ({
      citizen: citizens[Math.floor(random.next() ** 2 * citizens.length)]!,
      category: random.pick(organisation.categories),
      // More recent cases than old ones, over one year.
      createdAt: options.now - Math.floor(random.next() ** 1.5 * 365 * DAY),
    }));
    // Made after the others, so the rest of the data set stays what the seed gives without it.
    const [frequent] = options.frequentContact
      ? await generateCitizens(trx, random, { ...options, citizens: 1, onProgress: undefined }, `${runTag}-frequent`)
      : [];
    for (let left = options.frequentContact?.interactions ?? 0; frequent && left > 0; left -= FREQUENT_CASE_CONTACTS) {
      plans.push({
        citizen: frequent,
        category: random.pick(organisation.categories),
        createdAt: options.now - Math.floor(random.next() * 365 * DAY),
        interactions: Math.min(FREQUENT_CASE_CONTACTS, left),
      });
    }
    plans.sort((a, b) => a.createdAt - b.createdAt);

    const counters = new Map(
      (await trx.selectFrom('case_reference_counters').selectAll().execute()).map((row) => [row.year, row.last_serial]),
    );
    let interactionCount = 0;
    for (let start = 0; start < plans.length; start += BATCH) {
      const batch = plans.slice(start, start + BATCH);
      const cases = batch.map((plan) => {
        const year = berlinYear(plan.createdAt);
        const serial = (counters.get(year) ?? 0) + 1;
        counters.set(year, serial);
        const agents = plan.category.teamId === null ? [] : (organisation.agentsByTeam.get(plan.category.teamId) ?? []);
        const chanced = statusForAge(random, (options.now - plan.createdAt) / DAY);
        // A planned history has answers, so the case cannot be new.
        const status = plan.interactions !== undefined && chanced === 'new' ? 'open' : chanced;
        const originChannel = weighted<Channel>(random, [
          ['email', plan.citizen.email ? 40 : 0],
          ['webform', 20],
          ['phone', plan.citizen.phone ? 25 : 10],
          ['counter', 15],
        ]);
        return {
          reference: formatCaseReference(year, serial),
          status,
          originChannel,
          priority: weighted<Priority>(random, [
            ['low', 15],
            ['normal', 65],
            ['high', 15],
            ['urgent', 5],
          ]),
          subject: random.pick(DEMO_CATEGORIES.find((c) => c.name === plan.category.name)?.subjects ?? [plan.category.name]),
          assigneeId: status === 'new' || agents.length === 0 || random.chance(0.15) ? null : random.pick(agents),
        };
      });
      const histories = batch.map((plan, index) => {
        const c = cases[index]!;
        const history = planInteractions(random, plan, c, options.now, `${runTag}.${c.reference}`);
        const done = c.status === 'resolved' || c.status === 'closed';
        const resolvedAt = done ? Math.min(history.lastActivityAt + random.int(1, 72) * HOUR, options.now) : null;
        const closedAt = c.status === 'closed' && resolvedAt !== null ? Math.min(resolvedAt + 7 * DAY, options.now) : null;
        return { ...history, resolvedAt, closedAt };
      });
      const resolutionDue = batch.map((plan, index) =>
        addBusinessMinutes(plan.createdAt, DEMO_SLA[cases[index]!.priority].resolution, DEMO_CALENDAR),
      );
      const inserted = await trx
        .insertInto('cases')
        .values(
          cases.map((c, index) => {
            const plan = batch[index]!;
            const history = histories[index]!;
            return {
              reference: c.reference,
              citizen_id: plan.citizen.id,
              subject: c.subject,
              status: c.status,
              priority: c.priority,
              category_id: plan.category.id,
              team_id: plan.category.teamId,
              assignee_id: c.assigneeId,
              origin_channel: c.originChannel,
              created_by_id: null,
              merged_into_id: null,
              created_at: plan.createdAt,
              updated_at: history.closedAt ?? history.resolvedAt ?? history.lastActivityAt,
              first_response_at: history.firstResponseAt,
              resolved_at: history.resolvedAt,
              closed_at: history.closedAt,
              // The demo policies, on the default calendar (the demo teams keep the default hours, NRW).
              first_response_due_at: addBusinessMinutes(plan.createdAt, DEMO_SLA[c.priority].firstResponse, DEMO_CALENDAR),
              resolution_due_at: resolutionDue[index]!,
              // What the write path stores for the statistics: business minutes from creation, rounded.
              first_response_minutes:
                history.firstResponseAt === null
                  ? null
                  : Math.round(businessMinutesBetween(plan.createdAt, history.firstResponseAt, DEMO_CALENDAR)),
              ...contactFacts(c.originChannel, history.rows),
              resolution_minutes:
                history.resolvedAt === null
                  ? null
                  : Math.round(businessMinutesBetween(plan.createdAt, history.resolvedAt, DEMO_CALENDAR)),
              // Open cases already overdue count as reported when they fell due, unless the job is to tell them.
              escalated_at:
                options.overdueReported !== false && OPEN_CASE_STATUSES.includes(c.status) && resolutionDue[index]! < options.now
                  ? resolutionDue[index]!
                  : null,
              version: 1,
            };
          }),
        )
        .returning(['id', 'reference'])
        .execute();
      const idByReference = new Map(inserted.map((row) => [row.reference, row.id]));
      const interactions = histories.flatMap((history, index) => {
        const caseId = idByReference.get(cases[index]!.reference)!;
        return history.rows.map((row) => ({ ...row, case_id: caseId }));
      });
      await insertInBatches(interactions, (rows) => trx.insertInto('interactions').values(rows).execute());
      interactionCount += interactions.length;
      options.onProgress?.(`cases ${Math.min(start + BATCH, plans.length)}/${plans.length}`);
    }

    for (const [year, lastSerial] of counters) {
      await trx
        .insertInto('case_reference_counters')
        .values({ year, last_serial: lastSerial })
        .onConflict((oc) => oc.column('year').doUpdateSet({ last_serial: lastSerial }))
        .execute();
    }
    return {
      citizens: citizens.length + (frequent ? 1 : 0),
      cases: plans.length,
      interactions: interactionCount,
      frequentCitizenId: frequent?.id ?? null,
    };
  });
}
