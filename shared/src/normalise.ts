import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { foldName } from './fold-name.js';

export { foldName };

// The WHATWG URL parser (Node and every browser) maps a host name the IDNA way; shared's lib has no DOM types.
declare const URL: new (url: string) => { readonly hostname: string };

/** A domain's ASCII form ("mächine.example" → "xn--mchine-bua.example"), or null when it is no host name. */
function asciiDomain(domain: string): string | null {
  // Characters that would make the URL parser read a path, port, user or escape instead of a host, and invisible
  // ones IDNA would silently drop (a zero-width space makes no second address).
  if (!domain || /[\p{C}\p{Z}\s/\\?#%@:[\]]/u.test(domain)) return null;
  try {
    return new URL(`http://${domain}`).hostname;
  } catch {
    return null;
  }
}

/**
 * The matching key of an email address: trimmed, Unicode NFC, lower-case, the domain in its ASCII (punycode) form.
 * "jdöe@mächine.example", "JDÖE@MÄCHINE.EXAMPLE" and "jdöe@xn--mchine-bua.example" are one address (RFC 6532 mail
 * shows either domain form). Text that is no address comes back trimmed and lower-cased.
 */
export function normaliseEmail(raw: string): string {
  const text = raw.trim().normalize('NFC').toLowerCase();
  const at = text.lastIndexOf('@');
  if (at < 0) return text;
  const domain = asciiDomain(text.slice(at + 1));
  return domain === null ? text : `${text.slice(0, at + 1)}${domain}`;
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

// RFC 5322 atext, plus any non-ASCII character that is not a control, format, separator or unassigned one (RFC 6532).
const LOCAL_ATOM = /^(?:[a-z0-9!#$%&'*+/=?^_`{|}~-]|[^\p{C}\p{Z}\p{ASCII}])+$/u;
const DOMAIN_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * An address mail can be sent to, internationalised ones included (`jdöe@mächine.example`, RFC 6532): one @, a
 * dot-atom local part of at most 64 bytes, a host name of two or more labels whose top level is not numeric, at most
 * 254 bytes in all. No quoted local parts, IP literals, spaces or control characters.
 */
export function isEmailAddress(raw: string): boolean {
  const [local, written, ...rest] = raw.trim().normalize('NFC').toLowerCase().split('@');
  // The URL parser also rejects what IDNA forbids in a domain (bidi overrides, invalid punycode "xn--zz").
  const domain = written === undefined ? null : asciiDomain(written);
  if (local === undefined || domain === null || rest.length > 0) return false;
  const email = `${local}@${domain}`;
  if (utf8Length(email) > 254 || utf8Length(local) > 64 || domain.length > 253) return false;
  if (!local.split('.').every((atom) => LOCAL_ATOM.test(atom))) return false;
  const labels = domain.split('.');
  const topLevel = labels[labels.length - 1] ?? '';
  return labels.length >= 2 && labels.every((label) => DOMAIN_LABEL.test(label)) && /^(?=.*[a-z])[a-z0-9-]{2,}$/.test(topLevel);
}

/** The display name of a From address ("Bürgerservice Musterstadt <buergerservice@…>"), null without one. */
export function mailDisplayName(from: string): string | null {
  const match = /^\s*"?([^"<]*?)"?\s*</.exec(from);
  return match?.[1]?.trim() || null;
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
