import { createHash } from 'node:crypto';
import type { ImpactMetric } from '@anliegen/shared';
import type { Insertable } from 'kysely';
import type { FeedbackSolved, FeedbackTable, SurveyInvitationsTable } from '../db/schema.js';
import type { Random } from './random.js';

/**
 * The survey's answers in generated data (issue 18), so the demo and the benchmark have satisfaction figures:
 * every resolved case of a citizen with an email address was invited when it was resolved, and about 30 % answered
 * within a few days (by the mail's link, some on the status page), most content, some not, a few with a comment.
 * Its own random stream: the rest of a data set stays what its seed gave before.
 */

/** The demo town's targets (the examples), for the whole desk, in thousandths of their unit. */
export const DEMO_IMPACT_TARGETS: readonly { metric: ImpactMetric; targetMilli: number }[] = [
  { metric: 'first_response_within_day', targetMilli: 800 },
  { metric: 'first_contact_resolution', targetMilli: 650 },
  { metric: 'satisfaction', targetMilli: 4000 },
  { metric: 'recontact_rate', targetMilli: 100 },
];

const RESPONSE_RATE = 0.3;
const DAY = 86_400_000;
const HOUR = 3_600_000;
/** How long an invitation's link is valid (issue 18: changeable for 30 days). */
const INVITATION_DAYS = 30;

/** Ratings with how often they are given: most are content. */
const RATINGS: readonly (readonly [number, number])[] = [
  [5, 38],
  [4, 30],
  [3, 14],
  [2, 9],
  [1, 9],
];

const COMMENTS: Record<'good' | 'mixed' | 'bad', readonly string[]> = {
  good: [
    'Schnelle und freundliche Antwort, vielen Dank!',
    'Alles hat gut geklappt, der Termin war schnell vereinbart.',
    'Sehr verständlich erklärt, was ich tun muss.',
    'Danke für die unkomplizierte Hilfe.',
  ],
  mixed: [
    'Hat etwas gedauert, aber am Ende wurde mir geholfen.',
    'Die Antwort war korrekt, aber schwer zu verstehen.',
    'Ich musste zweimal nachfragen.',
  ],
  bad: [
    'Ich habe lange auf eine Antwort gewartet.',
    'Mein Problem ist leider immer noch nicht gelöst.',
    'Ich wurde mehrmals weiterverbunden und musste alles neu erklären.',
  ],
};

function weightedRating(random: Random): number {
  let roll = random.next() * RATINGS.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [rating, weight] of RATINGS) {
    roll -= weight;
    if (roll < 0) return rating;
  }
  return 5;
}

/** "Gelöst?" follows the rating mostly, not always. */
function solvedFor(random: Random, rating: number): FeedbackSolved | null {
  if (random.chance(0.05)) return null;
  if (rating >= 4) return random.chance(0.9) ? 'yes' : 'partly';
  if (rating === 3) return random.chance(0.5) ? 'partly' : random.chance(0.5) ? 'yes' : 'no';
  return random.chance(0.6) ? 'no' : 'partly';
}

/**
 * The invitation of a resolved case whose citizen can receive mail, and sometimes the answer to it (never after
 * `now` nor after the link expired). `tag` makes the stored token hash unique per generator run.
 */
export function plannedFeedback(
  random: Random,
  c: { caseId: number; resolvedAt: number; now: number; tag: string },
): { invitation: Insertable<SurveyInvitationsTable>; feedback: Insertable<FeedbackTable> | null } {
  const invitation = {
    case_id: c.caseId,
    // A generated case has no link anyone knows: only the hash of a made-up token is stored, as for a real one.
    token_hash: createHash('sha256').update(`${c.tag}.${c.caseId}`).digest('hex'),
    created_at: c.resolvedAt,
    expires_at: c.resolvedAt + INVITATION_DAYS * DAY,
  };
  if (!random.chance(RESPONSE_RATE)) return { invitation, feedback: null };
  // Most answer the same day or the next; some a few days later.
  const at = c.resolvedAt + Math.round((random.chance(0.7) ? random.next() * 30 : 30 + random.next() * 120) * HOUR);
  if (at > c.now || at >= invitation.expires_at) return { invitation, feedback: null };
  const rating = weightedRating(random);
  const mood = rating >= 4 ? 'good' : rating === 3 ? 'mixed' : 'bad';
  return {
    invitation,
    feedback: {
      case_id: c.caseId,
      solved: solvedFor(random, rating),
      rating,
      comment: random.chance(0.25) ? random.pick(COMMENTS[mood]) : null,
      source: random.chance(0.85) ? 'email' : 'status_page',
      recorded_by_id: null,
      created_at: at,
      updated_at: at,
    },
  };
}
