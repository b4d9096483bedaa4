/**
 * German the email channel stores with a message: caseworkers read it in the timeline as stored, so it is written in
 * the desk's language, once. Vocabulary: docs/glossary.md.
 */
export const emailTexts = {
  noSubject: '(ohne Betreff)',
  onlyAttachments: '(nur Anhänge)',
  empty: '(leer)',
  bounced: 'Unzustellbar: Der empfangende Mailserver hat die Mail zurückgeschickt.',
};
