import { z } from 'zod';

/** The four roles. Team scoping comes from memberships, not from the role. */
export const ROLES = ['agent', 'team_lead', 'supervisor', 'admin'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;
/** The roles that handle cases and see citizens' personal data. */
export const CASEWORKER_ROLES = ['agent', 'team_lead'] as const satisfies readonly Role[];
export const isCaseworker = (role: Role): boolean => (CASEWORKER_ROLES as readonly Role[]).includes(role);

export const CHANNELS = ['email', 'webform', 'phone', 'counter', 'note'] as const;
export const channelSchema = z.enum(CHANNELS);
export type Channel = z.infer<typeof channelSchema>;

export const DIRECTIONS = ['inbound', 'outbound', 'internal'] as const;
export const directionSchema = z.enum(DIRECTIONS);
export type Direction = z.infer<typeof directionSchema>;

export const CASE_STATUSES = ['new', 'open', 'waiting_citizen', 'waiting_internal', 'resolved', 'closed'] as const;
export const caseStatusSchema = z.enum(CASE_STATUSES);
export type CaseStatus = z.infer<typeof caseStatusSchema>;
/** Statuses in which a case still needs work from the administration or the citizen. */
export const OPEN_CASE_STATUSES: readonly CaseStatus[] = ['new', 'open', 'waiting_citizen', 'waiting_internal'];

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const prioritySchema = z.enum(PRIORITIES);
export type Priority = z.infer<typeof prioritySchema>;

export const CONTACT_KINDS = ['email', 'phone', 'address'] as const;
export const contactKindSchema = z.enum(CONTACT_KINDS);
export type ContactKind = z.infer<typeof contactKindSchema>;

export const LOCALES = ['de', 'en'] as const;
export const localeSchema = z.enum(LOCALES);
export type Locale = z.infer<typeof localeSchema>;
