import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

/** Emails are matched case-insensitively and without surrounding whitespace. */
export function normaliseEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

/**
 * A phone number in E.164 (`+4930123456`), read with Germany as the default region, or null when the text cannot
 * be a phone number. "Possible" rather than "valid": a number allocated after our metadata was built still matches.
 */
export function normalisePhone(raw: string, defaultRegion: 'DE' = 'DE'): string | null {
  const parsed = parsePhoneNumberFromString(raw.trim(), defaultRegion);
  return parsed?.isPossible() ? parsed.number : null;
}

/** Text that is meant as a phone number: digits and phone punctuation only, at least five digits ("(030) 123 45-67"). */
export function looksLikePhoneNumber(text: string): boolean {
  return /^[\d\s()+\-/.]+$/.test(text) && text.replace(/\D/g, '').length >= 5;
}

/** Readable national or international format for display: `030 1234567`, `+43 1 234567`. */
export function formatPhone(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  if (parsed.countryCallingCode !== '49') return parsed.formatInternational();
  // Where the compact metadata has no pattern for a range it drops the trunk prefix ("1512345678"): restore it.
  const national = parsed.formatNational();
  return national.startsWith('0') ? national : `0${parsed.nationalNumber}`;
}

/** Postal addresses as typed, with whitespace tidied; the matching key is its lower-case form. */
export function tidyAddress(raw: string): string {
  return raw
    .split('\n')
    .map((line) => line.trim().replace(/\s+/g, ' '))
    .filter(Boolean)
    .join('\n');
}

export function addressKey(raw: string): string {
  // "Hauptstr." is "Hauptstraße": after folding, a word ending in "str" is the abbreviation.
  return foldName(tidyAddress(raw).replace(/\n/g, ', ')).replace(/str\b/g, 'strasse');
}

/**
 * The spelling-insensitive key of a name, for finding the same person written differently:
 * "Müller" = "Mueller" = "Muller" = "MÜLLER" → "muller", "Strauß" = "Strauss" → "strauss", "José" → "jose".
 * Both sides of a comparison go through it, so folding "ue" to "u" everywhere ("Samuel" → "samul") is harmless.
 */
export function foldName(raw: string): string {
  return raw
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([aou])e/g, '$1')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
