import type { CaseStatus, Channel, Direction } from '@anliegen/shared';

/*
 * The German names of channels, directions and statuses in what the server writes for people (forwarded mails, the
 * Art. 15 export, the weekly report), as the desk shows them (client/src/i18n/de.ts). Vocabulary: docs/glossary.md.
 */
export const CHANNEL_NAMES: Record<Channel, string> = {
  email: 'E-Mail',
  webform: 'Webformular',
  phone: 'Telefon',
  counter: 'Schalter',
  note: 'Notiz',
};

export const DIRECTION_NAMES: Record<Direction, string> = { inbound: 'eingehend', outbound: 'ausgehend', internal: 'intern' };

export const STATUS_NAMES: Record<CaseStatus, string> = {
  new: 'Neu',
  open: 'Offen',
  waiting_citizen: 'Wartet auf Rückmeldung',
  waiting_internal: 'Wartet intern',
  resolved: 'Erledigt',
  closed: 'Geschlossen',
};
