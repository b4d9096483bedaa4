import type { Migration } from 'kysely';
import * as initial from './20261124000000_initial.js';
import * as search from './20261126000000_search.js';
import * as teamwork from './20261126100000_teamwork.js';
import * as statistics from './20261126200000_statistics.js';
import * as auditAppendOnly from './20261126300000_audit_append_only.js';
import * as privacy from './20261126400000_privacy.js';
import * as inboxOrder from './20261126500000_inbox_order.js';
import * as statisticsCounts from './20261126600000_statistics_counts.js';
import * as mailHardening from './20261202000000_mail_hardening.js';
import * as inboxViews from './20261206000000_inbox_views.js';
import * as mailQueue from './20261207000000_mail_queue.js';
import * as followUp from './20261207010000_follow_up.js';
import * as replyAttachments from './20261208000000_reply_attachments.js';
import * as tags from './20261208010000_tags.js';
import * as weeklyReport from './20261208030000_weekly_report.js';
import * as auditCitizens from './20261208040000_audit_citizens.js';
import * as characterShortcuts from './20261209000000_character_shortcuts.js';
import * as housekeeping from './20261210000000_housekeeping.js';
import * as citizenSide from './20261211000000_citizen_side.js';
import * as feedback from './20261211010000_feedback.js';
import * as impactTargets from './20261211020000_impact_targets.js';
import * as statusLinks from './20261211030000_status_links.js';
import * as surveyOnCase from './20261212000000_survey_on_case.js';
import * as searchParts from './20261213000000_search_parts.js';
import * as openCountsFollowUp from './20261213010000_open_counts_follow_up.js';

/** All migrations in order. Names are timestamps; a migration never changes once released. */
export const migrations: Record<string, Migration> = {
  '20261124000000_initial': initial,
  '20261126000000_search': search,
  '20261126100000_teamwork': teamwork,
  '20261126200000_statistics': statistics,
  '20261126300000_audit_append_only': auditAppendOnly,
  '20261126400000_privacy': privacy,
  '20261126500000_inbox_order': inboxOrder,
  '20261126600000_statistics_counts': statisticsCounts,
  '20261202000000_mail_hardening': mailHardening,
  '20261206000000_inbox_views': inboxViews,
  '20261207000000_mail_queue': mailQueue,
  '20261207010000_follow_up': followUp,
  '20261208000000_reply_attachments': replyAttachments,
  '20261208010000_tags': tags,
  '20261208030000_weekly_report': weeklyReport,
  '20261208040000_audit_citizens': auditCitizens,
  '20261209000000_character_shortcuts': characterShortcuts,
  '20261210000000_housekeeping': housekeeping,
  '20261211000000_citizen_side': citizenSide,
  '20261211010000_feedback': feedback,
  '20261211020000_impact_targets': impactTargets,
  '20261211030000_status_links': statusLinks,
  '20261212000000_survey_on_case': surveyOnCase,
  '20261213000000_search_parts': searchParts,
  '20261213010000_open_counts_follow_up': openCountsFollowUp,
};
