import { z } from 'zod';
import { ASSIGNMENT_MODES } from './teams.schemas.js';
import { ROUTING_RULE_KINDS } from './routing-rules.schemas.js';
import { BUNDESLAENDER } from './sla-clock.js';
import { TAG_COLORS } from './tags.js';
import { FEEDBACK_SOLVED, FEEDBACK_SOURCES } from './feedback.js';
import { IMPACT_METRICS } from './impact.js';
import {
  CASE_STATUSES,
  CASE_VIEWS,
  CHANNELS,
  CONTACT_KINDS,
  DIRECTIONS,
  PRIORITIES,
  ROLES,
  STAT_FIGURE_KINDS,
} from './domain.js';

/**
 * Every action the audit log records, with what it is about and the schema of its details. Details hold ids,
 * counts, flags and values from fixed lists only, never names, texts or addresses: the audit log must not become a
 * second copy of personal data. The field builders below are the only ones a details schema may use (`AuditField`),
 * so a free-text field is a type error, and the writer rejects unknown keys at run time.
 */

const brandedToken = z
  .string()
  .max(100)
  .regex(/^[\w.:-]*$/)
  .brand<'AuditToken'>();

const id = z.number().int();
const field = {
  id,
  optionalId: id.nullable().optional(),
  ids: z.array(id),
  count: z.number().int().nonnegative(),
  flag: z.boolean(),
  instant: z.number().int(),
  /** A value from a fixed list of the app (a status, a channel, a role). */
  oneOf: <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values),
  /** Machine words: field names, a filter's action prefix, an ISO day. Not for anything a person typed as content. */
  token: brandedToken,
  tokens: z.array(brandedToken),
};
const optional = <T extends z.ZodType>(schema: T) => schema.nullable().optional();

type SafeLeaf =
  | z.ZodNumber
  | z.ZodBoolean
  | z.ZodEnum
  | typeof brandedToken
  | z.ZodArray<z.ZodNumber | z.ZodEnum | typeof brandedToken>;
/** What a details field may be: a safe leaf, optional or nullable, or a nested object of safe fields. */
export type AuditField =
  | SafeLeaf
  | z.ZodOptional<SafeLeaf | z.ZodNullable<SafeLeaf>>
  | z.ZodNullable<SafeLeaf>
  | z.ZodObject<Record<string, SafeLeaf | z.ZodOptional<SafeLeaf | z.ZodNullable<SafeLeaf>> | z.ZodNullable<SafeLeaf>>>;

export const AUDIT_ENTITIES = [
  'case',
  'citizen',
  'user',
  'team',
  'category',
  'sla_policy',
  'routing_rule',
  'canned_response',
  'attachment',
  'interaction',
  'audit_log',
  'search',
  'tag',
  'impact',
] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];

const details = <T extends Record<string, AuditField>>(shape: T) => z.strictObject(shape);
const none = details({});
const entry = <E extends AuditEntity, D extends z.ZodObject>(entity: E, schema: D) => ({ entity, details: schema });

// Always all four; null is "any" (priority, category) or "no target" (minutes).
const slaValues = {
  priority: field.oneOf(PRIORITIES).nullable(),
  categoryId: field.id.nullable(),
  firstResponseMinutes: field.count.nullable(),
  resolutionMinutes: field.count.nullable(),
};
const retentionCounts = {
  cases: field.count,
  interactions: field.count,
  attachments: field.count,
};

export const AUDIT_CATALOGUE = {
  // Sign-in
  'auth.login': entry('user', none),
  'auth.logout': entry('user', none),
  'auth.login_failed': entry('user', details({ locked: field.flag })),
  'auth.login_blocked': entry('user', none),
  // Cases
  'case.created': entry('case', details({ channel: field.oneOf(CHANNELS), citizenId: field.id })),
  'case.updated': entry(
    'case',
    details({
      status: optional(field.oneOf(CASE_STATUSES)),
      priority: optional(field.oneOf(PRIORITIES)),
      categoryId: field.optionalId,
      teamId: field.optionalId,
      assigneeId: field.optionalId,
      subjectChanged: optional(field.flag),
      /** The follow-up date set (midnight in Berlin on its day), or null when cleared. */
      followUpAt: optional(field.instant),
      fromStatus: field.oneOf(CASE_STATUSES),
      /** Part of a bulk action from the inbox on this many cases. */
      bulk: optional(field.count),
    }),
  ),
  'case.linked': entry('case', details({ relatedCaseId: field.id })),
  'case.unlinked': entry('case', details({ relatedCaseId: field.id })),
  'case.merged': entry('case', details({ sourceId: field.id, interactions: field.count })),
  // Tags added to and taken off a case (ids: a tag's name is typed text); bulk: part of a bulk action on this many cases.
  'case.tagged': entry('case', details({ added: field.ids, removed: field.ids, bulk: optional(field.count) })),
  'case.reassigned': entry(
    'case',
    details({ fromAssigneeId: field.optionalId, assigneeId: field.optionalId, teamId: field.optionalId }),
  ),
  'case.listed': entry('case', details({ view: field.oneOf(CASE_VIEWS), cases: field.count, citizenIds: field.ids })),
  'case.viewed': entry('case', details({ citizenId: field.id, interactions: field.count })),
  // A team lead opened the cases behind a statistics figure (issue 16).
  'case.statistics_listed': entry(
    'case',
    details({ figure: field.oneOf(STAT_FIGURE_KINDS), cases: field.count, citizenIds: field.ids }),
  ),
  // Messages
  'interaction.added': entry(
    'case',
    details({
      interactionId: field.id,
      channel: field.oneOf(CHANNELS),
      direction: field.oneOf(DIRECTIONS),
      /** Files attached, copies sent (issue 16: complete replies). */
      attachments: optional(field.count),
      cc: optional(field.count),
      bcc: optional(field.count),
      /** "Senden und Status setzen": the status set with the reply. */
      thenStatus: optional(field.oneOf(CASE_STATUSES)),
    }),
  ),
  /** A case or one of its messages forwarded by mail to another office (interactionId: the forward itself). */
  'interaction.forwarded': entry(
    'case',
    details({ interactionId: field.id, forwardedId: field.optionalId, attachments: field.count }),
  ),
  'interaction.received': entry(
    'case',
    details({
      interactionId: field.id,
      channel: field.oneOf(CHANNELS),
      createdCase: field.flag,
      createdCitizen: field.flag,
      otherSender: optional(field.flag),
      /** An answer from an office the case was forwarded to (issue 16): not the citizen's, no re-contact. */
      externalParty: optional(field.flag),
    }),
  ),
  'interaction.senderAdded': entry(
    'case',
    details({
      interactionId: field.id,
      citizenId: field.id,
      senderId: field.id,
      messages: field.count,
      mergedSender: field.flag,
    }),
  ),
  'interaction.split': entry('case', details({ interactionId: field.id, newCaseId: field.id, citizenId: field.id })),
  /** The new case of a split (`interaction.split` is recorded on the case the message left). */
  'case.splitFrom': entry('case', details({ interactionId: field.id, sourceCaseId: field.id })),
  // The citizen's status links (issue 18): all of a case's revoked by an agent (how many), a new one mailed on request.
  'case.statusLinksRevoked': entry('case', details({ count: field.count })),
  'case.statusLinkRenewed': entry('case', none),
  'attachment.downloaded': entry('attachment', details({ interactionId: field.id })),
  /** A file uploaded for a reply (kept until it is sent, or cleaned up after a day). */
  'attachment.uploaded': entry('attachment', details({ sizeBytes: field.count })),
  'mail.sourceDownloaded': entry('interaction', none),
  'mail.reparsed': entry(
    'interaction',
    details({ since: field.instant, checked: field.count, changed: field.count, missing: field.count }),
  ),
  // Citizens
  'citizen.created': entry('citizen', details({ unverified: field.flag, contacts: z.array(field.oneOf(CONTACT_KINDS)) })),
  'citizen.updated': entry('citizen', details({ fields: field.tokens })),
  'citizen.contact_added': entry('citizen', details({ kind: field.oneOf(CONTACT_KINDS), contactPointId: field.id })),
  'citizen.contact_removed': entry('citizen', details({ contactPointId: field.id })),
  'citizen.merged': entry(
    'citizen',
    details({ mergedId: field.id, contacts: field.count, cases: field.count, interactions: field.count }),
  ),
  'citizen.viewed': entry(
    'citizen',
    details({
      view: field.oneOf(['record', 'panel']),
      redirectedFrom: optional(field.id),
      cases: optional(field.count),
      interactions: optional(field.count),
    }),
  ),
  'citizen.looked_up': entry('citizen', details({ count: field.count, citizenIds: field.ids })),
  'citizen.timeline_viewed': entry('citizen', details({ interactions: field.count, interactionIds: field.ids })),
  'citizen.duplicates_viewed': entry('citizen', details({ count: field.count, citizenIds: field.ids })),
  'citizen.exported': entry('citizen', details({ cases: field.count, contacts: field.count })),
  'citizen.erased': entry('citizen', details(retentionCounts)),
  'retention.anonymised': entry('case', details({ ...retentionCounts, citizens: field.count, files: field.count })),
  'search.performed': entry(
    'search',
    details({ citizens: field.count, citizenIds: field.ids, cases: field.count, caseIds: field.ids }),
  ),
  // Administration
  'user.created': entry('user', details({ role: field.oneOf(ROLES), teamIds: field.ids })),
  'user.updated': entry(
    'user',
    details({ role: field.oneOf(ROLES), active: field.flag, teamIds: field.ids, passwordReset: field.flag }),
  ),
  'user.absent': entry('user', details({ moved: field.count })),
  'user.present': entry('user', details({ moved: field.count })),
  // The weekly statistics report by email: switched on or off by its recipient, and sent (week: its Monday, ISO day).
  'user.weekly_report_changed': entry('user', details({ enabled: field.flag })),
  'user.weekly_report_sent': entry('user', details({ week: field.token, attempts: field.count })),
  // A user's own settings (the user menu's "Einstellungen"): the single-character keyboard shortcuts on or off.
  'user.settingsChanged': entry('user', details({ characterShortcuts: field.flag })),
  'team.created': entry(
    'team',
    details({
      assignmentMode: field.oneOf(ASSIGNMENT_MODES),
      bundesland: field.oneOf(BUNDESLAENDER),
      ownHours: field.flag,
    }),
  ),
  'team.updated': entry(
    'team',
    details({
      assignmentMode: optional(field.oneOf(ASSIGNMENT_MODES)),
      bundesland: optional(field.oneOf(BUNDESLAENDER)),
      hoursChanged: field.flag,
      signatureChanged: optional(field.flag),
    }),
  ),
  // null: kept until erased on request.
  'category.retention_changed': entry('category', details({ from: field.count.nullable(), to: field.count.nullable() })),
  // The category reported barriers are filed under (Erklärung zur Barrierefreiheit, issue 18); entity: the new one, null: none.
  'category.barrierCategoryChanged': entry('category', details({ previousId: field.id.nullable() })),
  // Mail to citizens without content (issue 18): one category's switch, or without an entity id the desk-wide one.
  'category.mailWithoutContentChanged': entry('category', details({ enabled: field.flag })),
  'slaPolicy.created': entry('sla_policy', details(slaValues)),
  'slaPolicy.updated': entry('sla_policy', details(slaValues)),
  'slaPolicy.removed': entry('sla_policy', none),
  'routingRule.created': entry('routing_rule', details({ kind: field.oneOf(ROUTING_RULE_KINDS), teamId: field.id })),
  'routingRule.removed': entry('routing_rule', details({ kind: field.oneOf(ROUTING_RULE_KINDS), teamId: field.id })),
  'routingRule.moved': entry('routing_rule', details({ direction: field.oneOf(['up', 'down']), position: field.count })),
  // teamId null: a response for every team; fromTeamId only when the response moved.
  'canned_response.created': entry('canned_response', details({ teamId: field.id.nullable() })),
  'canned_response.updated': entry('canned_response', details({ teamId: field.id.nullable(), fromTeamId: field.optionalId })),
  'canned_response.removed': entry('canned_response', details({ teamId: field.id.nullable() })),
  // Tags: curated is the admins' list; a free tag is created by an agent typing it.
  'tag.created': entry('tag', details({ curated: field.flag, color: optional(field.oneOf(TAG_COLORS)) })),
  'tag.updated': entry(
    'tag',
    details({ renamed: field.flag, color: optional(field.oneOf(TAG_COLORS)), curated: optional(field.flag) }),
  ),
  'tag.merged': entry('tag', details({ targetId: field.id, cases: field.count })),
  'tag.removed': entry('tag', details({ cases: field.count })),
  'tag.settingsChanged': entry('tag', details({ onlyCurated: field.flag })),
  // Impact figures (issue 18): a target set or removed (in thousandths of its unit; teamId null: the whole desk),
  // the public figures switched on or off, and a page of the citizens' comments read for the statistics.
  'impact.targetSaved': entry(
    'impact',
    details({
      metric: field.oneOf(IMPACT_METRICS),
      teamId: field.id.nullable(),
      targetMilli: field.count,
      previousMilli: field.count.nullable(),
    }),
  ),
  'impact.targetRemoved': entry('impact', details({ metric: field.oneOf(IMPACT_METRICS), teamId: field.id.nullable() })),
  'impact.publicFiguresChanged': entry('impact', details({ enabled: field.flag })),
  'impact.commentsListed': entry('impact', details({ comments: field.count, rating: optional(field.count) })),
  // The citizen's feedback (issue 18): the answer's fixed values and where it came from, never the comment. `via`: the
  // way the invitation was made (the resolution mail, the status page, a receipt, an agent asking in person).
  'feedback.invited': entry('case', details({ via: field.oneOf(FEEDBACK_SOURCES) })),
  'feedback.recorded': entry(
    'case',
    details({
      solved: field.oneOf(FEEDBACK_SOLVED),
      rating: field.count.nullable(),
      source: field.oneOf(FEEDBACK_SOURCES),
    }),
  ),
  // A mail scanner fetched the mail's links at once: the answers its clicks recorded were taken back (feedback.service).
  'feedback.linkAnswersDiscarded': entry('case', none),
  // A counter receipt printed: a new status link, and a survey link (QR code) when the case asks for feedback.
  'feedback.receiptIssued': entry('case', details({ surveyLink: field.flag })),
  // Resolved cases ask for feedback: the desk-wide switch (entity id null) or one category's.
  'category.surveyChanged': entry('category', details({ enabled: field.flag })),
  'audit.exported': entry(
    'audit_log',
    details({
      rows: field.count,
      truncated: field.flag,
      filter: details({
        actorId: optional(field.id),
        citizenId: optional(field.id),
        action: optional(field.token),
        entityType: optional(field.token),
        entityId: optional(field.token),
        from: optional(field.token),
        to: optional(field.token),
        locale: optional(field.token),
      }),
    }),
  ),
} as const;

export type AuditAction = keyof typeof AUDIT_CATALOGUE;
export const AUDIT_ACTIONS = Object.keys(AUDIT_CATALOGUE) as AuditAction[];
/** The details an action's writer passes (before parsing). */
export type AuditDetails<A extends AuditAction> = z.input<(typeof AUDIT_CATALOGUE)[A]['details']>;
export type AuditEntityOf<A extends AuditAction> = (typeof AUDIT_CATALOGUE)[A]['entity'];

/** The groups the log viewer filters by: the part of each action before the dot. */
export type AuditActionGroup = AuditAction extends `${infer G}.${string}` ? G : never;
export const AUDIT_ACTION_GROUPS = [...new Set(AUDIT_ACTIONS.map((action) => action.split('.')[0]!))] as AuditActionGroup[];

/** An action's details, checked against its schema: throws on an unknown key or a value of the wrong kind. */
export function parseAuditDetails<A extends AuditAction>(
  action: A,
  details: AuditDetails<A>,
): z.output<(typeof AUDIT_CATALOGUE)[A]['details']> {
  return AUDIT_CATALOGUE[action].details.parse(details) as z.output<(typeof AUDIT_CATALOGUE)[A]['details']>;
}
