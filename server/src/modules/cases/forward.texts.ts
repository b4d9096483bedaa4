import { CHANNEL_NAMES, DIRECTION_NAMES } from '../../domain/names.texts.js';

/**
 * The text of a forwarded case or message (forward.service.ts). It goes to another office of the administration,
 * which reads German: German only. Vocabulary: docs/glossary.md.
 */
export const forwardTexts = {
  channel: CHANNEL_NAMES as Record<string, string>,
  direction: DIRECTION_NAMES as Record<string, string>,
  /** Who wrote an outgoing entry when the author's name is gone. */
  administration: 'Verwaltung',
  sentTo: (author: string, to: string) => `${author} an ${to}`,
  date: 'Datum',
  kind: 'Art',
  from: 'Von',
  subject: 'Betreff',
  attachments: 'Anhänge',
  caseHeading: '---------- Weitergeleiteter Vorgang ----------',
  messageHeading: '---------- Weitergeleitete Nachricht ----------',
  reference: 'Aktenzeichen',
  citizen: 'Bürgerin oder Bürger',
};
