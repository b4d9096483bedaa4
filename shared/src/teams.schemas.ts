import { z } from 'zod';
import { type BusinessHours, bundeslandSchema, businessHoursSchema } from './sla-clock.js';
import { idSchema } from './users.schemas.js';
import { emailSignatureSchema } from './mail-replies.js';

/** How new cases of a team get an agent: not at all, in turn, or to whoever has the fewest open cases. */
export const ASSIGNMENT_MODES = ['none', 'round_robin', 'least_open'] as const;
export const assignmentModeSchema = z.enum(ASSIGNMENT_MODES);
export type AssignmentMode = z.infer<typeof assignmentModeSchema>;

/** ISO weekdays as keys of BusinessHours: 1 = Monday … 7 = Sunday. */
export const OPENING_WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;
export type OpeningWeekday = (typeof OPENING_WEEKDAYS)[number];

/** Opening hours of a team: at least one opening in the week, or the SLA clock would never run. */
export const teamBusinessHoursSchema = businessHoursSchema.refine(
  (hours) => OPENING_WEEKDAYS.some((day) => (hours[day]?.length ?? 0) > 0),
  { message: 'hours.none', path: ['1'] },
);

const teamFields = {
  name: z.string().trim().min(2).max(80),
  /** The desk address mail for this team arrives at (optional; used by email routing). */
  emailAddress: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.union([z.literal(''), z.email().max(254)]))
    .transform((value) => value || null),
  /** Appended to the team's email replies, with placeholders (renderSignature); empty = none; left out = unchanged. */
  emailSignature: emailSignatureSchema.nullable().optional(),
};

export const createTeamInput = z.object({
  ...teamFields,
  assignmentMode: assignmentModeSchema.default('none'),
  bundesland: bundeslandSchema.default('NW'),
  /** null (or left out): the default, Monday to Friday 8–16. */
  businessHours: teamBusinessHoursSchema.nullable().default(null),
});
export type CreateTeamInput = z.input<typeof createTeamInput>;

/** Settings left out stay as they are. */
export const updateTeamInput = z.object({
  id: idSchema,
  ...teamFields,
  assignmentMode: assignmentModeSchema.optional(),
  bundesland: bundeslandSchema.optional(),
  businessHours: teamBusinessHoursSchema.nullable().optional(),
});
export type UpdateTeamInput = z.input<typeof updateTeamInput>;

// Opening hours as people type them: one line per weekday, "08:00-12:00, 13:00-16:00", empty = closed.

const TIME = String.raw`(\d{1,2})(?:[:.](\d{2}))?`;
const INTERVAL = new RegExp(String.raw`^${TIME}\s*(?:-|–|—|bis|to)\s*${TIME}$`, 'i');

function hhmm(hours: string, minutes: string | undefined): string {
  return `${hours.padStart(2, '0')}:${minutes ?? '00'}`;
}

/**
 * One day's opening hours as typed ("8-12, 13:00–16:00", "08.00 bis 12.00") → sorted [from, to] pairs "HH:MM";
 * empty text → [] (closed); null when a part cannot be read. Whether the times make sense is businessHoursSchema's
 * job (valid clock times, from before to, no overlaps).
 */
export function parseDayHours(text: string): Array<[string, string]> | null {
  const parts = text
    .split(/[,;]/)
    .map((part) => part.trim())
    .filter(Boolean);
  const intervals: Array<[string, string]> = [];
  for (const part of parts) {
    const match = INTERVAL.exec(part);
    if (!match) return null;
    intervals.push([hhmm(match[1]!, match[2]), hhmm(match[3]!, match[4])]);
  }
  return intervals.sort(([a], [b]) => a.localeCompare(b));
}

/** The text form of one day's opening hours: "08:00-12:00, 13:00-16:00"; closed → "". */
export function formatDayHours(intervals: ReadonlyArray<readonly [string, string]> | undefined): string {
  return (intervals ?? []).map(([from, to]) => `${from}-${to}`).join(', ');
}

/** The text fields of a week, one per ISO weekday. */
export type OpeningHoursText = Record<OpeningWeekday, string>;

export function openingHoursToText(hours: BusinessHours): OpeningHoursText {
  return Object.fromEntries(OPENING_WEEKDAYS.map((day) => [day, formatDayHours(hours[day])])) as OpeningHoursText;
}

/**
 * The week's text fields → BusinessHours, with every problem reported at its weekday (path [day]) as a message key:
 * hours.format (unreadable), hours.invalid / hours.order / hours.overlap (from businessHoursSchema), hours.none.
 */
export const openingHoursTextSchema = z
  .object(Object.fromEntries(OPENING_WEEKDAYS.map((day) => [day, z.string().max(200)])) as Record<OpeningWeekday, z.ZodString>)
  .transform((text, ctx): BusinessHours => {
    const hours: BusinessHours = {};
    const reported = new Set<string>();
    for (const day of OPENING_WEEKDAYS) {
      const intervals = parseDayHours(text[day]);
      if (intervals === null) {
        reported.add(day);
        ctx.addIssue({ code: 'custom', message: 'hours.format', path: [day] });
      } else if (intervals.length > 0) {
        hours[day] = intervals;
      }
    }
    const checked = teamBusinessHoursSchema.safeParse(hours);
    for (const issue of checked.error?.issues ?? []) {
      const day = String(issue.path[0] ?? '1');
      // One message per day; and a week whose only hours were unreadable is not also "never open".
      if (reported.has(day) || (issue.message === 'hours.none' && reported.size > 0)) continue;
      reported.add(day);
      ctx.addIssue({ code: 'custom', message: issue.message, path: [day] });
    }
    return hours;
  });
