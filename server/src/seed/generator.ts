import {
  addBusinessMinutes,
  addressKey,
  berlinYear,
  businessMinutesBetween,
  CASEWORKER_ROLES,
  type CaseStatus,
  type Channel,
  citizenDisplayName,
  citizenNameKey,
  DEFAULT_BUSINESS_HOURS,
  formatCaseReference,
  OPEN_CASE_STATUSES,
  type Priority,
  type ServiceCalendar,
  shortenAtWord,
} from '@anliegen/shared';
import type { Insertable } from 'kysely';
import type { DB } from '../db/database.js';
import type { ContactPointsTable, InteractionsTable } from '../db/schema.js';
import {
  CALLS_BACK,
  COUNTER_LOCATIONS,
  DEMO_CATEGORIES,
  DEMO_SLA,
  DEMO_TOPIC_SLA,
  type DemoConcern,
  FAMILY_NAMES,
  GIVEN_NAMES,
  LATER_ANSWERS,
  QUESTIONS_BACK,
  THANKS,
  TOWN,
  WAITING_NOTES,
} from './demo-data.js';
import { copyAllSurveysToCases } from '../modules/feedback/feedback.service.js';
import { plannedFeedback } from './feedback.js';
import { emailFor, phoneNumber, streetAddress } from './people.js';
import { Random } from './random.js';
import { type Moment, momentNear, nextMoment } from './times.js';

/**
 * Bumped whenever the same options give other data (2: survey invitations and answers, issue 18; 3: the survey kept
 * on the case, copySurveyToCases), so a benchmark's kept data set of an older generator is generated again
 * (bench/src/data-set.ts).
 */
export const GENERATOR_VERSION = 3;

/** The demo teams keep the default hours (Monday to Friday 8–16) and North Rhine-Westphalia's holidays. */
export const DEMO_CALENDAR: ServiceCalendar = { hours: DEFAULT_BUSINESS_HOURS, bundesland: 'NW' };

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
  /**
   * Cases someone else writes (the demo's showcase), opened at these moments: each gets its reference in creation
   * order among the generated ones (counters included), and `whenGenerated` is called in the same transaction with
   * them to insert the cases.
   */
  reserved?: readonly number[];
  whenGenerated?: (trx: DB, reserved: { createdAt: number; reference: string }[]) => Promise<void>;
}

export interface GeneratedCounts {
  citizens: number;
  cases: number;
  interactions: number;
  /** The citizen of `frequentContact`, when it was asked for. */
  frequentCitizenId: number | null;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
// Rows per INSERT: well under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters.
const BATCH = 1000;
const FREQUENT_CASE_CONTACTS = 20;

export interface GeneratedCitizen {
  id: number;
  name: string;
  email: string | null;
  /** As written ("0151 23456789"). */
  phone: string | null;
}

interface Organisation {
  categories: { id: number; name: string; teamId: number | null; teamName: string | null }[];
  agentsByTeam: Map<number, number[]>;
  userNames: Map<number, string>;
}

async function loadOrganisation(db: DB): Promise<Organisation> {
  const categories = await db
    .selectFrom('categories')
    .leftJoin('teams', 'teams.id', 'categories.default_team_id')
    .select(['categories.id', 'categories.name', 'categories.default_team_id', 'teams.name as teamName'])
    .orderBy('categories.id')
    .execute();
  if (categories.length === 0) throw new Error('No categories: create the organisation (teams, categories) first');
  const members = await db
    .selectFrom('team_memberships')
    .innerJoin('users', 'users.id', 'team_memberships.user_id')
    .select(['team_memberships.team_id as teamId', 'users.id as userId', 'users.display_name as name'])
    .where('users.role', 'in', CASEWORKER_ROLES)
    .where('users.active', '=', 1)
    .orderBy('users.id')
    .execute();
  const agentsByTeam = new Map<number, number[]>();
  for (const member of members) agentsByTeam.set(member.teamId, [...(agentsByTeam.get(member.teamId) ?? []), member.userId]);
  return {
    categories: categories.map((c) => ({ id: c.id, name: c.name, teamId: c.default_team_id, teamName: c.teamName })),
    agentsByTeam,
    userNames: new Map(members.map((member) => [member.userId, member.name])),
  };
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

/** The service level of a case in the demo organisation (the topic's policy where there is one). */
export function demoSlaTargets(priority: Priority, categoryName: string | null) {
  return categoryName === DEMO_TOPIC_SLA.category && priority === DEMO_TOPIC_SLA.priority
    ? { firstResponse: DEMO_TOPIC_SLA.firstResponse, resolution: DEMO_TOPIC_SLA.resolution }
    : DEMO_SLA[priority];
}

interface GeneratedPerson {
  given: string;
  family: string;
  birthDate: string;
  email: string | null;
  phone: { display: string; e164: string } | null;
  address: string | null;
  createdAt: number;
  unverified: boolean;
}

function newPerson(random: Random, options: GenerateOptions, emails: Set<string>): GeneratedPerson {
  const given = random.pick(GIVEN_NAMES);
  const family = random.pick(FAMILY_NAMES);
  const year = random.int(1935, 2006);
  return {
    given,
    family,
    birthDate: `${year}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`,
    email: random.chance(0.75) ? emailFor(random, given, family, emails) : null,
    phone: random.chance(0.6) ? phoneNumber(random) : null,
    address: random.chance(0.5) ? streetAddress(random) : null,
    createdAt: options.now - random.int(365, 3 * 365) * DAY,
    unverified: false,
  };
}

/** The same person recorded again: umlauts spelled out, the same birth date or phone, no email, unconfirmed. */
function secondRecordOf(random: Random, person: GeneratedPerson): GeneratedPerson {
  const spellOut = (name: string) => name.replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss');
  const samePhone = person.phone !== null && random.chance(0.5);
  return {
    ...person,
    family: spellOut(person.family),
    email: null,
    phone: samePhone ? person.phone : phoneNumber(random),
    address: null,
    createdAt: person.createdAt + random.int(30, 300) * DAY,
    unverified: true,
  };
}

/** Email addresses already in the database: a second run numbers its own around them. */
async function takenEmails(db: DB): Promise<Set<string>> {
  const rows = await db.selectFrom('contact_points').select('normalized').where('kind', '=', 'email').execute();
  return new Set(rows.map((row) => row.normalized));
}

async function generateCitizens(db: DB, random: Random, options: GenerateOptions, emails: Set<string>) {
  const citizens: GeneratedCitizen[] = [];
  for (let start = 0; start < options.citizens; start += BATCH) {
    const size = Math.min(BATCH, options.citizens - start);
    const people: GeneratedPerson[] = [];
    for (let offset = 0; offset < size; offset++) {
      const previous = people[people.length - 1];
      // Now and then the same person again, as a second record: what happens when someone writes once and
      // later calls from another number. These are the duplicates agents are asked to merge.
      people.push(previous && random.chance(0.03) ? secondRecordOf(random, previous) : newPerson(random, options, emails));
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
      if (person.phone) {
        contacts.push({
          citizen_id: citizenId,
          kind: 'phone',
          value: person.phone.display,
          normalized: person.phone.e164,
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
      citizens.push({
        id: citizenId,
        name: citizenDisplayName(person.given, person.family),
        email: person.email,
        phone: person.phone?.display ?? null,
      });
    });
    await insertInBatches(contacts, (batch) => db.insertInto('contact_points').values(batch).execute());
    options.onProgress?.(`citizens ${Math.min(start + BATCH, options.citizens)}/${options.citizens}`);
  }
  return citizens;
}

/** When a contact on this channel can happen. */
export const momentOf = (channel: Channel): Moment =>
  channel === 'phone' ? 'phone' : channel === 'counter' ? 'counter' : channel === 'note' ? 'staff' : 'writing';

interface PlannedCase {
  citizen: GeneratedCitizen;
  category: Organisation['categories'][number];
  origin: Channel;
  createdAt: number;
  /** Exactly this many interactions (the frequent citizen's cases, never `new`); else as chance has it. */
  interactions?: number;
  /** A case the caller inserts (GenerateOptions.reserved): only its reference is made here. */
  reserved?: number;
}

type Row = Omit<Insertable<InteractionsTable>, 'case_id'>;

/** Material of the case's topic (a fallback for categories the demo does not know, as a benchmark might add). */
function materialOf(categoryName: string) {
  const material = DEMO_CATEGORIES.find((c) => c.name === categoryName);
  return material ?? { concerns: DEMO_CATEGORIES.flatMap((c) => c.concerns), notes: DEMO_CATEGORIES.flatMap((c) => c.notes) };
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** What a citizen writes: a mail with greeting and name, a web form just the text. */
export function writtenText(channel: Channel, body: string, name: string): string {
  // After the greeting's comma a mail goes on in lower case (the material never starts with a noun).
  const lower = `${body.charAt(0).toLowerCase()}${body.slice(1)}`;
  return channel === 'email'
    ? `Sehr geehrte Damen und Herren,\n\n${lower}\n\nMit freundlichen Grüßen\n${name}`
    : capitalise(body);
}

/** An answer by mail as a caseworker writes it. */
export function answerText(body: string, citizenName: string, agentName: string | null, teamName: string | null): string {
  const signature = [agentName, teamName ? `${teamName} – Stadt ${TOWN.name}` : `Stadt ${TOWN.name}`].filter(Boolean).join('\n');
  return `Guten Tag ${citizenName},\n\n${body}\n\nMit freundlichen Grüßen\n${signature}`;
}

const GENERIC_FOLLOW_UPS = [
  'Ich wollte nachfragen, ob es schon etwas Neues gibt.',
  'Gibt es inzwischen einen Zwischenstand? Ich habe noch nichts wieder gehört.',
];

interface History {
  rows: Row[];
  status: CaseStatus;
  firstResponseAt: number | null;
  lastActivityAt: number;
  resolvedAt: number | null;
  closedAt: number | null;
  slaPausedAt: number | null;
}

/**
 * One case's history as it plausibly happened: the first contact on its channel at a time that channel is open, the
 * office's answer in working hours, notes, the citizen coming back (often on another channel) and, at the end, what
 * the case's status says: a question back (waiting for the citizen), a note (waiting internally), or resolution,
 * sometimes after a thank-you. Steps that would fall after `now` do not happen; the status then says what did.
 */
function planHistory(
  random: Random,
  plan: PlannedCase,
  c: { reference: string; status: CaseStatus; assigneeId: number | null; subject: string; concern: DemoConcern; opening: string },
  context: { now: number; messageIdPrefix: string; staff: number[]; organisation: Organisation },
): History {
  const { now, organisation } = context;
  const rows: Row[] = [];
  const citizen = plan.citizen;
  const notes = materialOf(plan.category.name).notes;
  const planned = plan.interactions;
  const staffId = c.assigneeId ?? (context.staff.length > 0 ? random.pick(context.staff) : null);
  const staffName = staffId === null ? null : (organisation.userNames.get(staffId) ?? null);
  // A planned history (a benchmark's frequent citizen) keeps its steps short, so all of them fit before now.
  const pace = planned === undefined ? 1 : 0.25;
  let clock = plan.createdAt;
  const at = (kind: Moment, minDelay: number, maxDelay: number): number | null => {
    const moment = nextMoment(random, kind, clock + Math.round(random.int(minDelay, maxDelay) * pace));
    if (moment <= now) return moment;
    // A planned count must be met: the last steps crowd just before now (benchmark data only).
    return planned !== undefined ? Math.max(clock + 1000, now - (planned - rows.length) * MINUTE) : null;
  };
  const push = (row: Omit<Row, 'citizen_id' | 'created_at'>) => {
    clock = Number(row.occurred_at);
    rows.push({ ...row, citizen_id: citizen.id, created_at: clock });
  };
  const inbound = (channel: Channel, body: string, time: number, subject = c.subject) => {
    const written = channel === 'email' || channel === 'webform';
    push({
      channel,
      direction: 'inbound',
      // Calls and visits are recorded by the caseworker who took them.
      author_id: written ? null : staffId,
      subject: written ? (channel === 'email' && rows.length > 0 ? `Re: [${c.reference}] ${c.subject}` : subject) : null,
      text: written ? writtenText(channel, body, citizen.name) : body,
      html_sanitized: null,
      occurred_at: time,
      duration_seconds: channel === 'phone' ? random.int(90, 720) : channel === 'counter' ? random.int(240, 1500) : null,
      external_message_id:
        channel === 'email'
          ? `<${context.messageIdPrefix}.${rows.length}@${citizen.email?.split('@')[1] ?? 'example.org'}>`
          : null,
      delivery_status: null,
      metadata:
        channel === 'counter'
          ? JSON.stringify({ location: random.pick(COUNTER_LOCATIONS) })
          : channel === 'email' && citizen.email
            ? JSON.stringify({ from: citizen.email, fromName: citizen.name })
            : null,
    });
  };
  /** The office answers: by mail when the citizen has an address (and wrote, or chance says so), else by phone. */
  const answer = (body: string, time: number) => {
    const byMail =
      citizen.email !== null && (rows[0]?.channel === 'email' || rows[0]?.channel === 'webform' || random.chance(0.6));
    if (byMail || !citizen.phone) {
      if (!citizen.email) return false;
      push({
        channel: 'email',
        direction: 'outbound',
        author_id: staffId,
        subject: `[${c.reference}] ${c.subject}`,
        text: answerText(body, citizen.name, staffName, plan.category.teamName),
        html_sanitized: null,
        occurred_at: time,
        duration_seconds: null,
        external_message_id: `<anliegen.${context.messageIdPrefix}.${rows.length}@${TOWN.mailDomain}>`,
        delivery_status: 'sent',
        metadata: JSON.stringify({ to: citizen.email, attempts: 1 }),
      });
    } else {
      // A call back while people are reachable by phone.
      const callAt = nextMoment(random, 'phone', time);
      if (callAt > now && planned === undefined) return false;
      push({
        channel: 'phone',
        direction: 'outbound',
        author_id: staffId,
        subject: null,
        text: random.pick(CALLS_BACK),
        html_sanitized: null,
        occurred_at: Math.min(callAt, Math.max(time, now)),
        duration_seconds: random.int(60, 420),
        external_message_id: null,
        delivery_status: null,
        metadata: null,
      });
    }
    return true;
  };
  const note = (text: string, time: number) =>
    push({
      channel: 'note',
      direction: 'internal',
      author_id: staffId,
      subject: null,
      text,
      html_sanitized: null,
      occurred_at: time,
      duration_seconds: null,
      external_message_id: null,
      delivery_status: null,
      metadata: null,
    });
  const comeBackOn = (): Channel =>
    weighted<Channel>(random, [
      ['email', citizen.email ? 4 : 0],
      ['phone', 3],
      ['counter', 1],
      ['webform', 1],
    ]);
  const origin = plan.origin;
  inbound(origin, origin === 'email' || origin === 'webform' ? c.opening : random.pick(c.concern.spoken), plan.createdAt);

  let status = c.status;
  let answered = false;
  const done = () => (planned === undefined ? false : rows.length >= planned);
  if (status !== 'new' && !done()) {
    if (random.chance(0.2) && !done()) {
      const time = at('staff', 20 * MINUTE, 6 * HOUR);
      if (time !== null) note(random.pick(notes), time);
    }
    const time = !done() ? at('staff', 15 * MINUTE, 30 * HOUR) : null;
    if (time !== null) answered = answer(random.pick(c.concern.answers), time);
    // Someone without mail or phone hears back on their next visit; a planned history notes the answer instead.
    if (time !== null && !answered && planned !== undefined) note(random.pick(notes), time);
    // Citizens who come back, often on another channel: the re-contacts Anliegen exists to make visible.
    let returns = 0;
    while (!done() && (planned !== undefined || (answered && random.chance(0.4)))) {
      const channel = comeBackOn();
      const back = at(momentOf(channel), 20 * HOUR, 6 * DAY);
      if (back === null) break;
      const body = returns === 0 ? random.pick(c.concern.followUps) : random.pick(GENERIC_FOLLOW_UPS);
      inbound(channel, channel === 'phone' || channel === 'counter' ? `Fragt nach: ${body}` : body, back);
      returns++;
      if (done() || (planned === undefined && random.chance(0.2))) break;
      const reply = at('staff', 30 * MINUTE, 2 * DAY);
      if (reply === null) break;
      if (!answer(random.pick(LATER_ANSWERS), reply)) note(random.pick(notes), reply);
    }
  }
  if (planned === undefined) {
    const last = rows[rows.length - 1]!;
    if (status === 'waiting_citizen') {
      const time = at('staff', 30 * MINUTE, 2 * DAY);
      if (time === null || !citizen.email || !answer(random.pick(QUESTIONS_BACK), time)) status = 'open';
    } else if (status === 'waiting_internal') {
      const time = at('staff', 30 * MINUTE, DAY);
      if (time === null) status = 'open';
      else note(random.pick(WAITING_NOTES), time);
    } else if (
      (status === 'resolved' || status === 'closed') &&
      answered &&
      last.direction === 'outbound' &&
      random.chance(0.35)
    ) {
      const channel = citizen.email ? 'email' : 'phone';
      const time = at(momentOf(channel), 2 * HOUR, 3 * DAY);
      if (time !== null)
        inbound(channel, channel === 'email' ? random.pick(THANKS) : 'Ruft an und bedankt sich, hat sich erledigt.', time);
    }
  }
  const firstResponseAt = rows.find((row) => row.direction === 'outbound')?.occurred_at ?? null;
  if (firstResponseAt === null && status !== 'new' && planned === undefined)
    status = status === 'closed' || status === 'resolved' ? 'open' : status;
  let resolvedAt: number | null = null;
  let closedAt: number | null = null;
  if (status === 'resolved' || status === 'closed') {
    resolvedAt = at('staff', 10 * MINUTE, DAY);
    if (resolvedAt === null) status = 'open';
    else if (status === 'closed') {
      // Closed a week after resolution, by whoever tidies up the list.
      closedAt = momentNear(random, 'staff', resolvedAt + 7 * DAY, now);
      if (closedAt === null || closedAt < resolvedAt) {
        status = 'resolved';
        closedAt = null;
      }
    }
  }
  const lastActivityAt = Number(rows[rows.length - 1]!.occurred_at);
  const waitingSince = [...rows].reverse().find((row) => row.direction === 'outbound')?.occurred_at;
  return {
    rows,
    status,
    firstResponseAt: firstResponseAt === null ? null : Number(firstResponseAt),
    lastActivityAt,
    resolvedAt,
    closedAt,
    slaPausedAt: status === 'waiting_citizen' && waitingSince !== undefined ? Number(waitingSince) : null,
  };
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
 * What the write path keeps on a case besides its history: due dates by the demo's policies, the statistics'
 * business minutes and contact facts, and whether its lateness counts as reported.
 */
export function caseFacts(input: {
  createdAt: number;
  priority: Priority;
  categoryName: string | null;
  origin: Channel;
  rows: readonly { direction: string; channel: Channel }[];
  status: CaseStatus;
  firstResponseAt: number | null;
  resolvedAt: number | null;
  now: number;
  overdueReported: boolean;
}) {
  const targets = demoSlaTargets(input.priority, input.categoryName);
  const resolutionDue = addBusinessMinutes(input.createdAt, targets.resolution, DEMO_CALENDAR);
  return {
    first_response_due_at: addBusinessMinutes(input.createdAt, targets.firstResponse, DEMO_CALENDAR),
    resolution_due_at: resolutionDue,
    // What the write path stores for the statistics: business minutes from creation, rounded.
    first_response_minutes:
      input.firstResponseAt === null
        ? null
        : Math.round(businessMinutesBetween(input.createdAt, input.firstResponseAt, DEMO_CALENDAR)),
    resolution_minutes:
      input.resolvedAt === null ? null : Math.round(businessMinutesBetween(input.createdAt, input.resolvedAt, DEMO_CALENDAR)),
    ...contactFacts(input.origin, input.rows),
    // Open cases already overdue count as reported when they fell due, unless the job is to tell them.
    escalated_at:
      input.overdueReported && OPEN_CASE_STATUSES.includes(input.status) && resolutionDue < input.now ? resolutionDue : null,
  };
}

/**
 * Fills the database with a reproducible, realistic data set: the same options give the same data.
 * Used for the demo (small) and for benchmarks (hundreds of thousands of cases). One transaction.
 */
export async function generateDataset(db: DB, options: GenerateOptions): Promise<GeneratedCounts> {
  const random = new Random(options.seed);
  // Run tag: keeps Message-IDs unique when the generator runs more than once on one database
  // (a second run normally has another `now`; the seed tells apart runs with the same one).
  const runTag = `${options.now.toString(36)}-${options.seed.toString(36)}`;
  // The survey's answers draw from a stream of their own, so adding them changed nothing else of a seed's data.
  const surveyRandom = new Random(options.seed ^ 0x5e5e18);
  return db.transaction().execute(async (trx) => {
    const organisation = await loadOrganisation(trx);
    const emails = await takenEmails(trx);
    const citizens = await generateCitizens(trx, random, options, emails);
    if (citizens.length === 0 && options.cases > 0) throw new Error('Cases need at least one citizen');

    const origin = (citizen: GeneratedCitizen) =>
      weighted<Channel>(random, [
        ['email', citizen.email ? 40 : 0],
        ['webform', 20],
        ['phone', citizen.phone ? 25 : 10],
        ['counter', 15],
      ]);
    /** A first contact on the channel around the day, at an hour it is open, never after now. */
    const openedAt = (channel: Channel, day: number) =>
      momentNear(random, momentOf(channel), day, options.now) ?? options.now - 7 * DAY;
    // Some citizens come often: a squared pick favours the front of the list.
    const plans: PlannedCase[] = Array.from({ length: options.cases }, () => {
      const citizen = citizens[Math.floor(random.next() ** 2 * citizens.length)]!;
      const channel = origin(citizen);
      return {
        citizen,
        category: random.pick(organisation.categories),
        origin: channel,
        // More recent cases than old ones, over one year.
        createdAt: openedAt(channel, options.now - Math.floor(random.next() ** 1.5 * 365 * DAY)),
      };
    });
    // Made after the others, so the rest of the data set stays what the seed gives without it.
    const [frequent] = options.frequentContact
      ? await generateCitizens(trx, random, { ...options, citizens: 1, onProgress: undefined }, emails)
      : [];
    for (let left = options.frequentContact?.interactions ?? 0; frequent && left > 0; left -= FREQUENT_CASE_CONTACTS) {
      const channel = origin(frequent);
      plans.push({
        citizen: frequent,
        category: random.pick(organisation.categories),
        origin: channel,
        // Long enough ago for its twenty contacts.
        createdAt: openedAt(channel, options.now - Math.floor((120 + random.next() * 240) * DAY)),
        interactions: Math.min(FREQUENT_CASE_CONTACTS, left),
      });
    }
    const placeholder = citizens[0];
    (options.reserved ?? []).forEach((createdAt, index) => {
      if (!placeholder) throw new Error('Reserved cases need at least one citizen');
      plans.push({ citizen: placeholder, category: organisation.categories[0]!, origin: 'email', createdAt, reserved: index });
    });
    plans.sort((a, b) => a.createdAt - b.createdAt);

    const counters = new Map(
      (await trx.selectFrom('case_reference_counters').selectAll().execute()).map((row) => [row.year, row.last_serial]),
    );
    const reservations: { createdAt: number; reference: string }[] = [];
    const reference = (plan: PlannedCase) => {
      const year = berlinYear(plan.createdAt);
      const serial = (counters.get(year) ?? 0) + 1;
      counters.set(year, serial);
      return formatCaseReference(year, serial);
    };
    let interactionCount = 0;
    let generatedCases = 0;
    for (let start = 0; start < plans.length; start += BATCH) {
      const slice = plans.slice(start, start + BATCH);
      for (const plan of slice)
        if (plan.reserved !== undefined) reservations[plan.reserved] = { createdAt: plan.createdAt, reference: reference(plan) };
      const batch = slice.filter((plan) => plan.reserved === undefined);
      const cases = batch.map((plan) => {
        const ref = reference(plan);
        const agents = plan.category.teamId === null ? [] : (organisation.agentsByTeam.get(plan.category.teamId) ?? []);
        const chanced = statusForAge(random, (options.now - plan.createdAt) / DAY);
        // A planned history has answers, so the case cannot be new.
        const status = plan.interactions !== undefined && chanced === 'new' ? 'open' : chanced;
        const concern = random.pick(materialOf(plan.category.name).concerns);
        const firstLine = random.pick(concern.written);
        return {
          reference: ref,
          status,
          concern,
          opening: firstLine,
          agents,
          priority: weighted<Priority>(random, [
            ['low', 15],
            ['normal', 65],
            ['high', 15],
            ['urgent', 5],
          ]),
          // A web form's subject is its topic and first line, as the form makes it.
          subject:
            plan.origin === 'webform'
              ? `${plan.category.name}: ${shortenAtWord(capitalise(firstLine).split('\n')[0]!, 80)}`
              : concern.subject,
          assigneeId: status === 'new' || agents.length === 0 || random.chance(0.15) ? null : random.pick(agents),
        };
      });
      const histories = batch.map((plan, index) => {
        const c = cases[index]!;
        return planHistory(random, plan, c, {
          now: options.now,
          messageIdPrefix: `${runTag}.${c.reference}`,
          staff: c.agents,
          organisation,
        });
      });
      const inserted =
        batch.length === 0
          ? []
          : await trx
              .insertInto('cases')
              .values(
                cases.map((c, index) => {
                  const plan = batch[index]!;
                  const history = histories[index]!;
                  return {
                    reference: c.reference,
                    citizen_id: plan.citizen.id,
                    subject: c.subject,
                    status: history.status,
                    priority: c.priority,
                    category_id: plan.category.id,
                    team_id: plan.category.teamId,
                    assignee_id: history.status === 'new' ? null : c.assigneeId,
                    origin_channel: plan.origin,
                    created_by_id: null,
                    merged_into_id: null,
                    created_at: plan.createdAt,
                    updated_at: history.closedAt ?? history.resolvedAt ?? history.lastActivityAt,
                    first_response_at: history.firstResponseAt,
                    resolved_at: history.resolvedAt,
                    closed_at: history.closedAt,
                    sla_paused_at: history.slaPausedAt,
                    ...caseFacts({
                      createdAt: plan.createdAt,
                      priority: c.priority,
                      categoryName: plan.category.name,
                      origin: plan.origin,
                      rows: history.rows,
                      status: history.status,
                      firstResponseAt: history.firstResponseAt,
                      resolvedAt: history.resolvedAt,
                      now: options.now,
                      overdueReported: options.overdueReported !== false,
                    }),
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
      // Resolved cases of citizens with an address were invited to the survey; some answered (seed/feedback.ts).
      const surveys = histories.flatMap((history, index) => {
        const plan = batch[index]!;
        if (history.resolvedAt === null || plan.citizen.email === null) return [];
        const caseId = idByReference.get(cases[index]!.reference)!;
        return [plannedFeedback(surveyRandom, { caseId, resolvedAt: history.resolvedAt, now: options.now, tag: runTag })];
      });
      await insertInBatches(
        surveys.map((survey) => survey.invitation),
        (rows) => trx.insertInto('survey_invitations').values(rows).execute(),
      );
      await insertInBatches(
        surveys.flatMap((survey) => (survey.feedback ? [survey.feedback] : [])),
        (rows) => trx.insertInto('feedback').values(rows).execute(),
      );
      generatedCases += batch.length;
      options.onProgress?.(`cases ${Math.min(start + BATCH, plans.length)}/${plans.length}`);
    }
    await copyAllSurveysToCases(trx);

    for (const [year, lastSerial] of counters) {
      await trx
        .insertInto('case_reference_counters')
        .values({ year, last_serial: lastSerial })
        .onConflict((oc) => oc.column('year').doUpdateSet({ last_serial: lastSerial }))
        .execute();
    }
    await options.whenGenerated?.(trx, reservations);
    return {
      citizens: citizens.length + (frequent ? 1 : 0),
      cases: generatedCases,
      interactions: interactionCount,
      frequentCitizenId: frequent?.id ?? null,
    };
  });
}
