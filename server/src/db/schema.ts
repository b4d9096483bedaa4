import type { Generated, GeneratedAlways, Insertable, Selectable, Updateable } from 'kysely';
import type {
  Bundesland,
  CaseStatus,
  Channel,
  ContactKind,
  Direction,
  ImpactMetric,
  Locale,
  Priority,
  Role,
  TagColor,
} from '@anliegen/shared';

/**
 * Table types for Kysely. Conventions that keep both dialects identical:
 * timestamps are epoch milliseconds (bigint), booleans are 0/1 integers, JSON is text.
 */
type Flag = 0 | 1;

export interface UsersTable {
  id: Generated<number>;
  email: string;
  display_name: string;
  password_hash: string;
  role: Role;
  locale: Locale;
  active: Flag;
  absent: Generated<Flag>;
  /** Whether the single-character keyboard shortcuts act (the user's own setting; Ctrl shortcuts always do). */
  character_shortcuts: Generated<Flag>;
  created_at: number;
  updated_at: number;
}

export type AssignmentMode = 'none' | 'round_robin' | 'least_open';

export interface TeamsTable {
  id: Generated<number>;
  name: string;
  email_address: string | null;
  /** How new cases of the team get an agent: not at all, in turn, or to whoever has the fewest open cases. */
  assignment_mode: Generated<AssignmentMode>;
  /** Opening hours as JSON (BusinessHours); null means the default, Monday to Friday 8–16. */
  business_hours: string | null;
  /** Whose public holidays close the team. */
  bundesland: Generated<Bundesland>;
  last_assigned_user_id: number | null;
  created_at: number;
  updated_at: number;
  /** Appended to the team's email replies; placeholders as in renderSignature (shared/mail-replies.ts). */
  email_signature: Generated<string | null>;
}

export interface TeamMembershipsTable {
  team_id: number;
  user_id: number;
}

export interface CitizensTable {
  id: Generated<number>;
  given_name: string | null;
  family_name: string | null;
  /** What agents see; composed from the names or the first contact point when names are unknown. */
  display_name: string;
  /** foldName(`${family} ${given}`): "Müller Anna" and "Mueller Anna" share it. */
  name_key: Generated<string>;
  birth_date: string | null;
  /** 1 while the citizen was created automatically from an unknown contact and nobody has confirmed them. */
  unverified: Flag;
  /** Set when merged into another citizen: reads of this id redirect there. */
  merged_into_id: number | null;
  anonymised_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface ContactPointsTable {
  id: Generated<number>;
  citizen_id: number;
  kind: ContactKind;
  /** As entered, for display. */
  value: string;
  /** Normalised for matching: lower-cased email, E.164 phone, addressKey() of an address. */
  normalized: string;
  is_primary: Flag;
  created_at: number;
}

export interface CategoriesTable {
  id: Generated<number>;
  name: string;
  default_team_id: number | null;
  /** Days after closing until a case of this category is anonymised; null keeps it. */
  retention_days: number | null;
  created_at: number;
  /** Resolved cases of this category ask the citizen for feedback (when the desk does): 0/1. */
  survey_enabled: Generated<number>;
  /** Mail to citizens about cases of this category names only the reference and the status link: 0/1. */
  mail_without_content: Generated<number>;
}

export interface CasesTable {
  id: Generated<number>;
  reference: string;
  citizen_id: number;
  subject: string;
  status: CaseStatus;
  priority: Priority;
  category_id: number | null;
  team_id: number | null;
  assignee_id: number | null;
  origin_channel: Channel;
  created_by_id: number | null;
  merged_into_id: number | null;
  created_at: number;
  updated_at: number;
  first_response_at: number | null;
  resolved_at: number | null;
  closed_at: number | null;
  first_response_due_at: number | null;
  resolution_due_at: number | null;
  /** Set while the SLA clock is paused (waiting for the citizen). */
  sla_paused_at: number | null;
  /** Optimistic locking: every update bumps it and requires the version the editor saw. */
  version: number;
  /** When the team lead was told the case is overdue; once per case. */
  escalated_at: Generated<number | null>;
  /** Business minutes from creation to the first answer, rounded; set with first_response_at (statistics). */
  first_response_minutes: Generated<number | null>;
  /** Business minutes from creation to resolution, rounded; set and cleared with resolved_at (statistics). */
  resolution_minutes: Generated<number | null>;
  /** The citizen's contacts on the case (inbound, not notes); kept by insertInteraction (statistics). */
  contact_count: Generated<number>;
  /** The channel of the case's second contact: the citizen came back (statistics). */
  return_channel: Generated<Channel | null>;
  /** The channel of the first contact on another channel than origin_channel (statistics). */
  switch_channel: Generated<Channel | null>;
  /** When retention or an erasure removed the case's personal data; statistics columns stay. */
  anonymised_at: Generated<number | null>;
  /** The priority as a number (urgent 3 … low 0), computed by the database: the inbox sorts and pages by it. */
  priority_rank: GeneratedAlways<number>;
  /** The next SLA target: the first response while none was given (and it comes first), else the resolution. */
  next_due_at: GeneratedAlways<number | null>;
  /**
   * A follow-up date (Wiedervorlage): midnight in Berlin on the day the case comes back. Until then it is left out of
   * the inbox's views; the follow-up job clears it when the day has come and notifies. Null: waits for nothing.
   */
  follow_up_at: Generated<number | null>;
  /**
   * The survey as the statistics count it, copied from survey_invitations and feedback by modules/feedback with
   * every write of them (copySurveyToCases): when the case was invited, when first answered, the answer's rating
   * and "solved". The impact figures read them in the cases' covering indexes.
   */
  survey_invited_at: Generated<number | null>;
  feedback_at: Generated<number | null>;
  feedback_rating: Generated<number | null>;
  feedback_solved: Generated<FeedbackSolved | null>;
}

export interface CaseLinksTable {
  case_id: number;
  related_case_id: number;
  created_at: number;
}

export interface CaseReferenceCountersTable {
  year: number;
  last_serial: number;
}

export interface CaseAccessTokensTable {
  /** SHA-256 of the token in the citizen's status link. */
  token_hash: string;
  case_id: number;
  created_at: number;
  /** When an agent revoked the link (issue 18): it then opens a page that says so; null while it works. */
  revoked_at: Generated<number | null>;
}

export interface InteractionsTable {
  id: Generated<number>;
  case_id: number;
  citizen_id: number;
  channel: Channel;
  direction: Direction;
  author_id: number | null;
  subject: string | null;
  text: string;
  html_sanitized: string | null;
  occurred_at: number;
  duration_seconds: number | null;
  /** Email Message-ID (or another channel's id); unique so the same message is stored once. */
  external_message_id: string | null;
  /** Outbound delivery state: pending | sent | failed; null for everything else. */
  delivery_status: string | null;
  /** Channel details as JSON text (headers, call outcome, office location). */
  metadata: string | null;
  created_at: number;
  /** The original source of an accepted mail in the content-addressed store (.eml download, re-parsing). */
  raw_sha256: Generated<string | null>;
  /** SHA-256 of what a mail says (sender, date, subject, bodies, attachments): tells a redelivery from a reused Message-ID. */
  content_hash: Generated<string | null>;
}

export interface AttachmentsTable {
  id: Generated<number>;
  interaction_id: number;
  filename: string;
  content_type: string;
  size_bytes: number;
  /** Content address on disk. */
  sha256: string;
  created_at: number;
  /** MIME Content-ID without angle brackets: `cid:` references in the mail's HTML point here. */
  content_id: Generated<string | null>;
}

/** A file a caseworker uploaded for a reply, not sent yet: only they may attach it; cleaned up after UPLOAD_TTL_MS. */
export interface ReplyUploadsTable {
  id: Generated<number>;
  user_id: number;
  filename: string;
  content_type: string;
  size_bytes: number;
  /** Content address on disk (the attachment store). */
  sha256: string;
  created_at: number;
}

/** When an address last got an automatic mail (acknowledgment, confirmation): one per hour at most. */
export interface AutomaticMailThrottleTable {
  address: string;
  last_sent_at: number;
}

/** Web form time tokens already used: each is good for one submission until it expires. */
export interface UsedFormTokensTable {
  token_hash: string;
  expires_at: number;
}

export interface AuditEventsTable {
  id: Generated<number>;
  occurred_at: number;
  actor_id: number | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  ip: string | null;
  /** JSON text; never personal data beyond ids. */
  details: string | null;
}

/** The citizens whose data an audit event touched (modules/audit/audit-subjects.ts): ids only, like the log. */
export interface AuditEventCitizensTable {
  citizen_id: number;
  audit_event_id: number;
}

export interface SessionsTable {
  /** SHA-256 of the cookie token: a stolen database does not yield usable sessions. */
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
}

export interface LoginThrottlesTable {
  /** Normalised email as typed: kept for unknown accounts too, so a lock reveals nothing. */
  key: string;
  failures: number;
  locked_until: number | null;
  updated_at: number;
}

/** A caseworker's named search, shown as a view in the inbox. */
export interface SavedSearchesTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  query: string;
  created_at: number;
}

export interface RoutingRulesTable {
  id: Generated<number>;
  /** Rules are tried in this order; the first that matches decides the team. */
  position: number;
  kind: 'channel' | 'address' | 'category' | 'keyword';
  /** A channel name, a receiving address, a category id, or a word. */
  value: string;
  team_id: number;
  created_at: number;
}

/** Targets in business minutes; null priority or category matches any. The most specific policy applies. */
export interface SlaPoliciesTable {
  id: Generated<number>;
  priority: Priority | null;
  category_id: number | null;
  first_response_minutes: number | null;
  resolution_minutes: number | null;
  created_at: number;
}

export interface CannedResponsesTable {
  id: Generated<number>;
  /** null: for every team. */
  team_id: number | null;
  title: string;
  /** Text with placeholders such as {{citizen.name}} and {{case.reference}}. */
  body: string;
  created_at: number;
  updated_at: number;
}

export type NotificationKind = 'assigned' | 'mention' | 'escalation' | 'follow_up' | 'feedback_not_solved';

/** A recipient's own choice about the weekly statistics report (no row: the role's default). */
export interface WeeklyReportSettingsTable {
  user_id: number;
  enabled: 0 | 1;
  updated_at: number;
}

/** A report week (its Monday, "2026-11-30"), claimed by the one process that makes its report. */
export interface WeeklyReportsTable {
  week: string;
  recipients: number;
  created_at: number;
}

export type WeeklyReportDeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'skipped';

/** One weekly report mail to one recipient, claimed for sending row by row. */
export interface WeeklyReportDeliveriesTable {
  id: Generated<number>;
  week: string;
  user_id: number;
  status: WeeklyReportDeliveryStatus;
  attempts: Generated<number>;
  next_attempt_at: number;
  claimed_at: number | null;
  sent_at: number | null;
  created_at: number;
}

export interface NotificationsTable {
  id: Generated<number>;
  user_id: number;
  kind: NotificationKind;
  case_id: number;
  actor_id: number | null;
  created_at: number;
  read_at: number | null;
}

/** Tags on cases: free ones agents typed and the admins' curated list with a colour (shared/src/tags.ts). */
export interface TagsTable {
  id: Generated<number>;
  name: string;
  /** Lower-case name: one tag per spelling regardless of case. */
  name_key: string;
  color: TagColor | null;
  curated: number;
  created_by_id: number | null;
  created_at: number;
}

export interface CaseTagsTable {
  tag_id: number;
  case_id: number;
  created_at: number;
}

/** One row (id 1): whether agents may only pick curated tags. */
/** The desk's one row (id 1) of choices about citizens (issue 18); see migration 20261211000000_citizen_side. */
export interface DeskSettingsTable {
  id: number;
  survey_enabled: Generated<number>;
  mail_without_content: Generated<number>;
  public_figures: Generated<number>;
  barrier_category_id: number | null;
  updated_at: number;
}

/** A case's one invitation to give feedback (issue 18): the link's token by its hash, valid until expires_at. */
export interface SurveyInvitationsTable {
  case_id: number;
  token_hash: string;
  created_at: number;
  expires_at: number;
  /** How the invitation was made (migration 20261211010000_feedback): the words of `feedback.source`. */
  via: Generated<FeedbackSource>;
  /** The latest counter receipt's link (its QR code), by its hash: answers through it are from source `receipt`. */
  receipt_token_hash: string | null;
  /** The guard against mail scanners (feedback.service.ts): what the latest link click did, when, and what was before. */
  link_answer: FeedbackSolved | 'discarded' | null;
  link_answer_at: number | null;
  answer_before_links: string | null;
}

export type FeedbackSolved = 'yes' | 'partly' | 'no';
export type FeedbackSource = 'email' | 'status_page' | 'receipt' | 'in_person';

/** A case's one answer to "Wurde Ihr Anliegen gelöst?" (issue 18); the comment is personal data like a message. */
export interface FeedbackTable {
  case_id: number;
  solved: FeedbackSolved | null;
  rating: number | null;
  comment: string | null;
  source: FeedbackSource;
  /** The agent who recorded an answer given in person or on the phone. */
  recorded_by_id: number | null;
  created_at: number;
  updated_at: number;
}

/** A target of an impact figure (issue 18) for the whole desk (team_id null) or one team; see shared/src/impact.ts. */
export interface ImpactTargetsTable {
  id: Generated<number>;
  metric: ImpactMetric;
  team_id: number | null;
  /** Thousandths of the figure's unit: 800 = 80 % (a share), 4000 = 4.0 (the mean rating). */
  target_milli: number;
  updated_by_id: number | null;
  updated_at: number;
}

export interface TagSettingsTable {
  id: number;
  only_curated: number;
}

export interface Database {
  users: UsersTable;
  teams: TeamsTable;
  team_memberships: TeamMembershipsTable;
  citizens: CitizensTable;
  contact_points: ContactPointsTable;
  categories: CategoriesTable;
  cases: CasesTable;
  case_links: CaseLinksTable;
  case_reference_counters: CaseReferenceCountersTable;
  case_access_tokens: CaseAccessTokensTable;
  interactions: InteractionsTable;
  attachments: AttachmentsTable;
  reply_uploads: ReplyUploadsTable;
  audit_events: AuditEventsTable;
  audit_event_citizens: AuditEventCitizensTable;
  sessions: SessionsTable;
  login_throttles: LoginThrottlesTable;
  saved_searches: SavedSearchesTable;
  routing_rules: RoutingRulesTable;
  sla_policies: SlaPoliciesTable;
  canned_responses: CannedResponsesTable;
  notifications: NotificationsTable;
  weekly_report_settings: WeeklyReportSettingsTable;
  weekly_reports: WeeklyReportsTable;
  weekly_report_deliveries: WeeklyReportDeliveriesTable;
  tags: TagsTable;
  case_tags: CaseTagsTable;
  tag_settings: TagSettingsTable;
  desk_settings: DeskSettingsTable;
  survey_invitations: SurveyInvitationsTable;
  feedback: FeedbackTable;
  impact_targets: ImpactTargetsTable;
  automatic_mail_throttle: AutomaticMailThrottleTable;
  used_form_tokens: UsedFormTokensTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type TeamRow = Selectable<TeamsTable>;
export type CaseRow = Selectable<CasesTable>;
export type InteractionRow = Selectable<InteractionsTable>;
