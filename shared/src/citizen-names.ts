import { foldName } from './normalise.js';

/** The key stored in citizens.name_key: family name first, so a family-name prefix finds it by index. */
export function citizenNameKey(givenName: string | null | undefined, familyName: string | null | undefined): string {
  return foldName(`${familyName ?? ''} ${givenName ?? ''}`);
}

/** What agents see: the name, or the first contact for someone we only know by an address or number. */
export function citizenDisplayName(
  givenName: string | null | undefined,
  familyName: string | null | undefined,
  firstContact?: string | null,
): string {
  return [givenName, familyName].filter(Boolean).join(' ') || firstContact || '?';
}
