import { z } from 'zod';
import { CASE_STATUSES, CHANNELS, CONTACT_KINDS, DIRECTIONS, LOCALES, PRIORITIES, ROLES } from './domain.js';

export const roleSchema = z.enum(ROLES);
export const channelSchema = z.enum(CHANNELS);
export const directionSchema = z.enum(DIRECTIONS);
export const caseStatusSchema = z.enum(CASE_STATUSES);
export const prioritySchema = z.enum(PRIORITIES);
export const contactKindSchema = z.enum(CONTACT_KINDS);
export const localeSchema = z.enum(LOCALES);
