import { z } from 'zod';
import { idSchema } from './users.schemas.js';

/** Canned responses (Textbausteine): text templates for replies, for one team or (team null) for every team. */
const cannedResponseFields = {
  /** null: for every team (only administrators may choose this). */
  teamId: idSchema.nullable(),
  title: z.string().trim().min(1).max(120),
  body: z.string().trim().min(1).max(10_000),
};

export const createCannedResponseInput = z.object(cannedResponseFields);
export type CreateCannedResponseInput = z.input<typeof createCannedResponseInput>;

export const updateCannedResponseInput = z.object({ id: idSchema, ...cannedResponseFields });
export type UpdateCannedResponseInput = z.input<typeof updateCannedResponseInput>;

export const removeCannedResponseInput = z.object({ id: idSchema });
export type RemoveCannedResponseInput = z.input<typeof removeCannedResponseInput>;

/** What a placeholder is filled with: known from the case, its citizen and the signed-in agent. */
export interface PlaceholderValues {
  citizenName: string;
  caseReference: string;
  agentName: string;
  caseSubject: string;
}

/** The placeholders a canned response may contain, in the order the editor explains them. */
export const CANNED_PLACEHOLDERS = [
  { token: '{{citizen.name}}', value: 'citizenName' },
  { token: '{{case.reference}}', value: 'caseReference' },
  { token: '{{case.subject}}', value: 'caseSubject' },
  { token: '{{agent.name}}', value: 'agentName' },
] as const satisfies readonly { token: string; value: keyof PlaceholderValues }[];

const VALUE_OF_NAME: ReadonlyMap<string, keyof PlaceholderValues> = new Map(
  CANNED_PLACEHOLDERS.map(({ token, value }) => [token.slice(2, -2), value]),
);

/**
 * Fills the known placeholders of a canned response (`{{ citizen.name }}` with spaces inside the braces works too).
 * Unknown placeholders stay as they are; a filled-in value is never read for placeholders again.
 */
export function fillPlaceholders(body: string, values: PlaceholderValues): string {
  return body.replace(/\{\{\s*([A-Za-z]+\.[A-Za-z]+)\s*\}\}/g, (match, name: string) => {
    const key = VALUE_OF_NAME.get(name);
    return key ? values[key] : match;
  });
}
