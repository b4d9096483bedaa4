import type { z } from 'zod';
import type { Translate } from '../i18n/i18n';
import { isMessageKey } from '../i18n/page-i18n';

export type FieldErrors = Partial<Record<string, string>>;

/** Turns one zod issue into a sentence in the user's language. Shared schemas use message keys for custom rules. */
function describeIssue(issue: z.core.$ZodIssue, t: Translate): string {
  // Shared schemas name their own rules with message keys ('password.tooShort', 'contact.phone', …).
  const ownKey = `validation.${issue.message}`;
  if (isMessageKey(ownKey)) return t(ownKey);
  switch (issue.code) {
    case 'too_small':
      return Number(issue.minimum) <= 1 ? t('validation.required') : t('validation.tooShort', { min: Number(issue.minimum) });
    case 'too_big':
      return t('validation.tooLong', { max: Number(issue.maximum) });
    case 'invalid_format':
      return issue.format === 'email' ? t('validation.email') : t('validation.invalid');
    case 'invalid_union':
      // The optional-email union: the only branch that matters to a person is "an email address".
      return t('validation.email');
    default:
      return t('validation.invalid');
  }
}

/**
 * Checks form values with the same schema the server procedure uses, before sending them.
 * Returns one translated message per field (its first issue), or null when the values are valid.
 * The raw values are sent: the server parses (and transforms) them itself.
 */
export function fieldErrorsOf(schema: z.ZodType, values: unknown, t: Translate): FieldErrors | null {
  const result = schema.safeParse(values);
  if (result.success) return null;
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? '');
    errors[field] ??= describeIssue(issue, t);
  }
  return errors;
}
