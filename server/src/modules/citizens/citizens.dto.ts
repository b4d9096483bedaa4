import { formatPhone } from '@anliegen/shared';
import type { Selectable } from 'kysely';
import type { CitizensTable, ContactPointsTable } from '../../db/schema.js';

export function toContactDto(row: Selectable<ContactPointsTable>) {
  return {
    id: row.id,
    kind: row.kind,
    value: row.value,
    /** Phones in a consistent readable format; emails and addresses as stored. */
    display: row.kind === 'phone' ? formatPhone(row.normalized) : row.value,
    normalized: row.normalized,
    isPrimary: row.is_primary === 1,
  };
}
export type ContactDto = ReturnType<typeof toContactDto>;

export function toCitizenDto(row: Selectable<CitizensTable>, contacts: Selectable<ContactPointsTable>[]) {
  return {
    id: row.id,
    givenName: row.given_name,
    familyName: row.family_name,
    displayName: row.display_name,
    birthDate: row.birth_date,
    unverified: row.unverified === 1,
    createdAt: row.created_at,
    contacts: contacts.filter((contact) => contact.citizen_id === row.id).map(toContactDto),
  };
}
export type CitizenDto = ReturnType<typeof toCitizenDto>;
