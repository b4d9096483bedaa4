import type { AddressObject, ParsedMail } from 'mailparser';

export interface MailSender {
  address: string | null;
  name: string | null;
}

function firstAddress(field: unknown): MailSender | null {
  const groups = (Array.isArray(field) ? field : field ? [field] : []) as AddressObject[];
  for (const group of groups) {
    // Group syntax ("Kollegium: a@x, b@y;") nests its members one level down.
    for (const entry of group?.value ?? []) {
      for (const person of [entry, ...(entry.group ?? [])]) {
        const address = person.address?.trim();
        if (address?.includes('@')) return { address, name: person.name?.trim() || entry.name?.trim() || null };
      }
    }
  }
  return null;
}

/**
 * Who wrote a mail: `From`, else `Sender`, else `Reply-To`, else the SMTP envelope's MAIL FROM. A mail without a
 * usable From is still a person's mail (old scripts, scanners, broken clients): it is stored under whichever address
 * answers, and the display name of a From without an address is kept.
 */
export function senderOf(mail: ParsedMail, mailFrom: string | null): MailSender {
  const fromName = mail.from?.value[0]?.name?.trim() || null;
  const found =
    firstAddress(mail.from) ??
    firstAddress(mail.headers.get('sender')) ??
    firstAddress(mail.replyTo) ??
    (mailFrom?.includes('@') ? { address: mailFrom, name: null } : null);
  return { address: found?.address ?? null, name: found?.name ?? fromName };
}
