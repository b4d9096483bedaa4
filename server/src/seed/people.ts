import { CITIZEN_MAIL_DOMAINS, PHONE_PREFIXES, STREETS, TOWN } from './demo-data.js';
import type { Random } from './random.js';

/** A name as it goes into an address: German letters spelled out (ü → ue, ß → ss), other accents dropped, lower case. */
export function asciiName(name: string): string {
  return name
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/ı/g, 'i')
    .normalize('NFD')
    .replace(/[^a-z-]/g, '');
}

/** How people build their address from their name, most common first. */
const EMAIL_PATTERNS: readonly (readonly [(given: string, family: string) => string, number])[] = [
  [(given, family) => `${given}.${family}`, 10],
  [(given, family) => `${given[0]}.${family}`, 4],
  [(given, family) => `${given}${family}`, 2],
  [(given, family) => `${family}.${given}`, 1],
  [(given, family) => `${given}-${family}`, 1],
];

/**
 * Readable, unique email addresses: "anna.mueller@example.org", "m.schulz@example.net"; a taken one gets the next
 * number ("anna.mueller2@example.org"). `taken` holds the addresses already given (lower case) and is updated.
 */
export function emailFor(random: Random, given: string, family: string, taken: Set<string>): string {
  const patterns = EMAIL_PATTERNS;
  let roll = random.next() * patterns.reduce((sum, [, weight]) => sum + weight, 0);
  let pattern = patterns[0]![0];
  for (const [candidate, weight] of patterns) {
    roll -= weight;
    if (roll < 0) {
      pattern = candidate;
      break;
    }
  }
  const local = pattern(asciiName(given), asciiName(family));
  const domain = random.pick(CITIZEN_MAIL_DOMAINS);
  let address = `${local}@${domain}`;
  for (let number = 2; taken.has(address); number++) address = `${local}${number}@${domain}`;
  taken.add(address);
  return address;
}

/** A German phone number as written ("0151 23456789", "030 1234567") and in E.164 ("+4915123456789"). */
export function phoneNumber(random: Random): { display: string; e164: string } {
  const landline = random.chance(0.3);
  const [prefix, digits] = landline ? [TOWN.areaCode.slice(1), random.pick([7, 8])] : random.pick(PHONE_PREFIXES);
  // Subscriber numbers do not start with 0 (that would dial another area) or 1 (special numbers).
  let subscriber = String(random.int(2, 9));
  while (subscriber.length < digits) subscriber += String(random.int(0, 9));
  return { display: `0${prefix} ${subscriber}`, e164: `+49${prefix}${subscriber}` };
}

/** A street address in the town: "Lindenstraße 14, 12345 Musterstadt", sometimes with a letter ("7a"). */
export function streetAddress(random: Random): string {
  const number = `${random.int(1, 98)}${random.chance(0.08) ? random.pick(['a', 'b']) : ''}`;
  return `${random.pick(STREETS)} ${number}, ${TOWN.postcode} ${TOWN.name}`;
}
