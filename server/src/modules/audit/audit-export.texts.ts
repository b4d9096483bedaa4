import type { Locale } from '@anliegen/shared';

/** The audit log's CSV export (audit.service.ts): column headings in the language of the person exporting. */
export const auditExportTexts: Record<Locale, { headers: string[] }> = {
  de: {
    headers: ['Zeit', 'Benutzerkonto-ID', 'Benutzerkonto', 'E-Mail', 'Aktion', 'Objekttyp', 'Objekt-ID', 'IP', 'Details'],
  },
  en: { headers: ['Time', 'User id', 'User', 'Email', 'Action', 'Entity type', 'Entity id', 'IP', 'Details'] },
};
