import type { CaseStatus } from '@anliegen/shared';
import type { PublicLang } from './public-lang.js';

/** Texts of the citizen-facing pages (server-rendered, so they work without JavaScript). German first. */
const de = {
  title: 'Ihr Anliegen an die Stadtverwaltung',
  intro:
    'Beschreiben Sie uns Ihr Anliegen. Sie erhalten eine Vorgangsnummer und können den Stand jederzeit über einen persönlichen Link einsehen.',
  required: 'Pflichtfeld',
  name: 'Ihr Name',
  contactLegend: 'Wie können wir Sie erreichen?',
  contactHint: 'Bitte geben Sie eine E-Mail-Adresse, eine Telefonnummer oder beides an.',
  email: 'E-Mail-Adresse',
  phone: 'Telefonnummer',
  category: 'Thema',
  categoryChoose: 'Bitte wählen …',
  text: 'Ihr Anliegen',
  textHint: 'Was ist passiert, wo, seit wann? Mindestens 10 Zeichen.',
  files: 'Anhänge (optional)',
  filesHint: 'Bis zu 3 Dateien (PDF, JPG, PNG, TXT), je höchstens 5 MB.',
  consent: 'Ich bin einverstanden, dass die Stadtverwaltung meine Angaben zur Bearbeitung meines Anliegens verarbeitet.',
  privacy: 'Datenschutzhinweise',
  newWindow: 'öffnet in neuem Fenster',
  honeypot: 'Bitte dieses Feld leer lassen',
  submit: 'Anliegen absenden',
  errorSummary: 'Bitte prüfen Sie Ihre Angaben:',
  titleWithErrors: 'Fehler: {title}',
  'webform.name': 'Bitte geben Sie Ihren Namen an (mindestens 2 Zeichen).',
  'webform.email': 'Bitte geben Sie eine gültige E-Mail-Adresse an.',
  'webform.phone': 'Diese Telefonnummer können wir nicht lesen. Beispiel: 030 1234567',
  'webform.contact': 'Bitte geben Sie eine E-Mail-Adresse oder eine Telefonnummer an.',
  'webform.category': 'Bitte wählen Sie ein Thema.',
  'webform.text': 'Bitte beschreiben Sie Ihr Anliegen (mindestens 10 Zeichen).',
  'webform.textLong': 'Der Text ist zu lang (höchstens 10.000 Zeichen).',
  'webform.consent': 'Ohne Ihre Einwilligung können wir Ihr Anliegen nicht bearbeiten.',
  'webform.reply': 'Bitte schreiben Sie eine Antwort (mindestens 2 Zeichen).',
  'webform.tooFast': 'Das ging sehr schnell. Bitte prüfen Sie Ihre Angaben und senden Sie das Formular erneut.',
  'webform.expired': 'Das Formular war zu lange geöffnet. Bitte senden Sie es erneut.',
  'webform.file':
    'Eine Datei hat ein nicht erlaubtes Format oder ist zu groß (erlaubt: PDF, JPG, PNG, TXT, je höchstens 5 MB, höchstens 3 Dateien).',
  'webform.tooLarge': 'Die Anfrage ist zu groß. Bitte senden Sie weniger oder kleinere Anhänge.',
  'webform.used':
    'Dieses Formular wurde bereits abgeschickt. Ihre Angaben stehen noch unten im Formular: Wenn Sie ein weiteres Anliegen senden möchten, prüfen Sie sie bitte und senden Sie das Formular erneut.',
  'webform.filesAgain': 'Bitte wählen Sie Ihre Anhänge erneut aus: Das Formular kann ausgewählte Dateien nicht behalten.',
  titleWithNotice: 'Nicht gesendet: {title}',
  outageTitle: 'Gerade gibt es eine technische Störung',
  outageBefore: 'Anliegen können im Moment nicht gespeichert werden. Bitte versuchen Sie es in einigen Minuten noch einmal.',
  outageNotSaved:
    'Ihr Anliegen konnte deshalb nicht gespeichert werden. Ihre Angaben stehen noch unten im Formular: Bitte senden Sie es in einigen Minuten noch einmal.',
  outageFiles: 'Ihre Anhänge wählen Sie dabei bitte erneut aus: Das Formular kann ausgewählte Dateien nicht behalten.',
  outageStatus:
    'Der Stand Ihres Anliegens kann deshalb gerade nicht angezeigt werden. Ihr Anliegen ist davon nicht betroffen. Bitte versuchen Sie es in einigen Minuten noch einmal.',
  outageReply:
    'Ihre Nachricht konnte deshalb nicht gespeichert werden. Sie steht noch unten im Feld: Bitte senden Sie sie in einigen Minuten noch einmal.',
  outagePhone: 'Wenn es eilt, erreichen Sie uns telefonisch:',
  outageNoPhone: 'Wenn es eilt, rufen Sie bitte Ihre Stadtverwaltung an.',
  rateLimited: 'Von Ihrem Anschluss kamen in kurzer Zeit sehr viele Anfragen. Bitte versuchen Sie es in einer Stunde erneut.',
  thanksTitle: 'Vielen Dank, Ihr Anliegen ist eingegangen',
  referenceIs: 'Ihre Vorgangsnummer:',
  statusLinkIntro:
    'Unter diesem persönlichen Link sehen Sie jederzeit den Stand und können antworten. Bitte geben Sie ihn nicht weiter:',
  mailSent: 'Wir schicken Ihnen die Vorgangsnummer und den Link auch per E-Mail.',
  mailNotSent: 'Wir schicken Ihnen keine E-Mail. Bitte speichern Sie diesen Link oder notieren Sie sich die Vorgangsnummer.',
  statusTitle: 'Stand Ihres Anliegens',
  status: 'Stand',
  receivedOn: 'Eingegangen am',
  history: 'Verlauf',
  fromYou: 'Von Ihnen',
  fromUs: 'Von der Stadtverwaltung',
  reply: 'Antworten',
  replyLabel: 'Ihre Nachricht',
  replySend: 'Nachricht senden',
  replied: 'Vielen Dank, Ihre Nachricht ist eingegangen.',
  notFoundTitle: 'Link ungültig',
  notFound: 'Dieser Link ist ungültig oder abgelaufen. Bitte prüfen Sie, ob Sie ihn vollständig kopiert haben.',
  errorTitle: 'Das hat nicht geklappt',
  // The frame of every page (issue 18): the language switch (each language named in itself) and the footer.
  languageSwitch: 'Sprache',
  skipToContent: 'Zum Inhalt springen',
  accessibilityLink: 'Erklärung zur Barrierefreiheit',
  barrierLink: 'Barriere melden',
  // Erklärung zur Barrierefreiheit (BITV 2.0 § 7, after the EU's model statement); {body}: the town or "a11y.defaultBody".
  'a11y.title': 'Erklärung zur Barrierefreiheit',
  'a11y.intro':
    '{body} ist bemüht, diese Seiten im Einklang mit dem Behindertengleichstellungsgesetz (BGG) und der Barrierefreie-Informationstechnik-Verordnung (BITV 2.0) barrierefrei zugänglich zu machen.',
  'a11y.defaultBody': 'Die Stadtverwaltung',
  'a11y.scope':
    'Diese Erklärung gilt für alle öffentlichen Seiten unter {url}, zum Beispiel das Kontaktformular, die persönliche Statusseite und die Datenschutzhinweise.',
  'a11y.conformanceTitle': 'Stand der Vereinbarkeit mit den Anforderungen',
  'a11y.conformance.full':
    'Diese Seiten sind mit den Anforderungen der BITV 2.0 vollständig vereinbar. Maßstab ist die Norm EN 301 549, für Webseiten die WCAG 2.1 auf Stufe AA.',
  'a11y.conformance.partial':
    'Diese Seiten sind mit den Anforderungen der BITV 2.0 teilweise vereinbar. Maßstab ist die Norm EN 301 549, für Webseiten die WCAG 2.1 auf Stufe AA. Die Ausnahmen stehen im nächsten Abschnitt.',
  'a11y.conformance.none':
    'Diese Seiten sind mit den Anforderungen der BITV 2.0 nicht vereinbar. Maßstab ist die Norm EN 301 549, für Webseiten die WCAG 2.1 auf Stufe AA. Die bekannten Mängel stehen im nächsten Abschnitt.',
  'a11y.issuesTitle': 'Nicht barrierefreie Inhalte',
  'a11y.issuesIntro': 'Die folgenden Inhalte sind nicht oder nicht vollständig barrierefrei:',
  'a11y.issue.messages':
    'Nachrichten auf der Statusseite stehen in der Sprache, in der sie geschrieben wurden, meist auf Deutsch. Sie werden weder übersetzt noch in Leichte Sprache übertragen.',
  'a11y.issue.files':
    'Dateien, die wir unseren Antworten anhängen (zum Beispiel PDF-Dokumente), werden nicht automatisch auf Barrierefreiheit geprüft. Können Sie eine Datei nicht nutzen, schicken wir Ihnen den Inhalt auf Wunsch in einer anderen Form.',
  'a11y.issue.topics': 'Die Themen zur Auswahl im Kontaktformular gibt es nur auf Deutsch.',
  'a11y.issue.town': 'Hinweis der Stadtverwaltung (auf Deutsch):',
  'a11y.preparationTitle': 'Erstellung dieser Erklärung',
  'a11y.preparedOn': 'Diese Erklärung wurde am {date} erstellt.',
  'a11y.assessment.self':
    'Sie beruht auf einer Selbstbewertung. Die Seiten werden bei jeder Änderung der Software automatisch geprüft: auf dem Smartphone und am großen Bildschirm, in heller und dunkler Darstellung, in allen Sprachen, bei 200 % Vergrößerung und bei Bedienung allein mit der Tastatur.',
  'a11y.assessment.external': 'Sie beruht auf einer Prüfung durch eine unabhängige Prüfstelle.',
  'a11y.reviewedOn': 'Die Erklärung wurde zuletzt am {date} überprüft.',
  'a11y.contactTitle': 'Feedback und Kontakt',
  'a11y.contactIntro':
    'Sind Ihnen Barrieren aufgefallen? Oder brauchen Sie Inhalte dieser Seiten in einer anderen Form? Dann melden Sie sich bei uns. Für das Formular „Barriere melden“ brauchen Sie kein Konto.',
  'a11y.contactEmail': 'E-Mail',
  'a11y.contactPhone': 'Telefon',
  'a11y.contactAddress': 'Anschrift',
  'a11y.website': 'Website',
  'a11y.enforcementTitle': 'Durchsetzungsverfahren',
  'a11y.enforcement':
    'Haben Sie auf Ihre Meldung keine zufriedenstellende Antwort erhalten? Dann können Sie sich an die folgende Stelle wenden. Sie hilft, einen Streit über Barrierefreiheit ohne Gericht zu lösen (Schlichtungsverfahren). Das Verfahren ist kostenlos. Sie brauchen dafür keine Anwältin und keinen Anwalt.',
  'a11y.enforcementDefaultName':
    'Schlichtungsstelle nach dem Behindertengleichstellungsgesetz bei dem Beauftragten der Bundesregierung für die Belange von Menschen mit Behinderungen',
  // The statement's feedback mechanism: a reported barrier becomes a case.
  'barrier.title': 'Barriere melden',
  'barrier.intro':
    'Können Sie etwas auf diesen Seiten nicht oder nur schwer nutzen? Beschreiben Sie es uns bitte. Wir kümmern uns darum. Wenn Sie uns sagen, wie wir Sie erreichen, antworten wir Ihnen auch.',
  'barrier.what': 'Was können Sie nicht nutzen?',
  'barrier.whatHint': 'Zum Beispiel: „Mit meinem Bildschirmleser finde ich den Knopf zum Absenden nicht.“ Mindestens 10 Zeichen.',
  'barrier.where': 'Wo ist das? (optional)',
  'barrier.whereHint': 'Die Adresse oder der Name der Seite.',
  'barrier.name': 'Ihr Name (optional)',
  'barrier.contactLegend': 'Wie können wir Sie erreichen? (optional)',
  'barrier.contactHint':
    'Mit einer E-Mail-Adresse oder Telefonnummer können wir nachfragen und Ihnen antworten. Ohne diese Angaben bleibt Ihre Meldung anonym.',
  'barrier.privacyHint': 'Wir verwenden Ihre Angaben nur, um die Barriere zu beheben und Ihnen zu antworten.',
  'barrier.submit': 'Meldung absenden',
  'barrier.whatError': 'Bitte beschreiben Sie, was Sie nicht nutzen können (mindestens 10 Zeichen).',
  'barrier.whereLong': 'Die Angabe, wo es ist, ist zu lang (höchstens 500 Zeichen).',
  'barrier.nameLong': 'Der Name ist zu lang (höchstens 120 Zeichen).',
  privacyTitle: 'Datenschutzhinweise zum Kontaktformular',
  privacyText:
    'Ihre Angaben (Name, Kontaktdaten, Ihre Nachricht und Anhänge) verarbeitet die Stadtverwaltung zur Bearbeitung Ihres Anliegens (Art. 6 Abs. 1 lit. a und e DSGVO). Sie werden nur an die zuständigen Stellen weitergegeben und nach Abschluss des Vorgangs gemäß den Aufbewahrungsfristen gelöscht. Sie haben das Recht auf Auskunft, Berichtigung, Löschung und Einschränkung der Verarbeitung sowie auf Beschwerde bei der Aufsichtsbehörde. Kontakt: die Datenschutzbeauftragte oder der Datenschutzbeauftragte Ihrer Stadtverwaltung.',
  mailSubject: 'Ihr Anliegen ist eingegangen',
  mailBody:
    'Guten Tag,\n\nvielen Dank für Ihre Nachricht. Ihr Anliegen ist unter der Vorgangsnummer {reference} eingegangen.\n\nDen Stand sehen Sie jederzeit hier (bitte nicht weitergeben):\n{statusUrl}\n\nDies ist eine automatische Bestätigung.',
  // The citizen's mailbox (issue 18): mail without content, files and downloads on the status page, new and revoked links.
  quietMailSubject: 'Neue Nachricht zu Ihrem Anliegen',
  quietMailBody:
    'Guten Tag,\n\nzu Ihrem Anliegen mit der Vorgangsnummer {reference} gibt es eine neue Nachricht. Zum Schutz Ihrer Daten steht sie nicht in dieser E-Mail.\n\nSie lesen die Nachricht und ihre Anhänge auf Ihrer persönlichen Statusseite. Dort können Sie auch antworten. Bitte geben Sie den Link nicht weiter:\n{statusUrl}\n\nMit freundlichen Grüßen\n{sender}',
  quietMailSender: 'Ihre Stadtverwaltung',
  filesLabel: 'Anhänge',
  downloadTitle: 'Gespräch herunterladen',
  downloadIntro:
    'Speichern oder drucken Sie alle Nachrichten zu Ihrem Anliegen als Datei. Die Anhänge laden Sie oben bei den Nachrichten einzeln herunter.',
  downloadPdf: 'Als PDF-Datei herunterladen',
  downloadHtml: 'Als HTML-Datei herunterladen (öffnet in jedem Browser)',
  documentTitle: 'Ihr Anliegen {reference}: alle Nachrichten',
  documentMade: 'Heruntergeladen am {date}.',
  documentFilesNote: 'Die Anhänge sind nicht in dieser Datei enthalten. Sie laden sie auf Ihrer Statusseite herunter.',
  subjectLabel: 'Betreff',
  notFoundRenew: 'Haben Sie keinen gültigen Link mehr? Dann können Sie einen neuen Link anfordern.',
  revokedTitle: 'Link gesperrt',
  revoked:
    'Die Stadtverwaltung hat diesen Link zu Ihrem Schutz gesperrt. Er funktioniert nicht mehr. Sie können einen neuen Link anfordern. Wir schicken ihn an die E-Mail-Adresse, die Sie uns genannt haben.',
  renewLink: 'Neuen Link anfordern',
  renewTitle: 'Neuen Link zu Ihrem Anliegen anfordern',
  renewIntro:
    'Geben Sie die Vorgangsnummer und Ihre E-Mail-Adresse an. Wenn beides zu einem Anliegen passt, schicken wir Ihnen einen neuen persönlichen Link an diese Adresse.',
  referenceLabel: 'Vorgangsnummer',
  renewReferenceHint: 'Zum Beispiel A-2026-000123. Sie steht in jeder E-Mail zu Ihrem Anliegen.',
  renewEmail: 'Ihre E-Mail-Adresse',
  renewEmailHint: 'Die Adresse, die Sie uns für dieses Anliegen genannt haben.',
  renewSubmit: 'Neuen Link anfordern',
  renewDoneTitle: 'Ihre Anfrage ist eingegangen',
  renewDone:
    'Wenn die Vorgangsnummer und die E-Mail-Adresse zusammenpassen, haben wir Ihnen einen neuen Link an diese Adresse geschickt. Bitte sehen Sie auch im Spam-Ordner nach. Zu Ihrem Schutz sagen wir hier nicht, ob die Angaben gepasst haben.',
  renewNoMail:
    'Wir können gerade keine E-Mails verschicken. Bitte versuchen Sie es später noch einmal oder wenden Sie sich an Ihre Stadtverwaltung.',
  'renew.reference': 'Bitte geben Sie die Vorgangsnummer an, zum Beispiel A-2026-000123.',
  'renew.email': 'Bitte geben Sie eine gültige E-Mail-Adresse an.',
  renewMailSubject: 'Ihr neuer Link zu Ihrem Anliegen',
  renewMailBody:
    'Guten Tag,\n\nSie haben einen neuen Link zu Ihrem Anliegen mit der Vorgangsnummer {reference} angefordert. Unter diesem Link sehen Sie den Stand und alle Nachrichten. Bitte geben Sie ihn nicht weiter:\n{statusUrl}\n\nWenn Sie keinen neuen Link angefordert haben, können Sie diese E-Mail löschen.\n\nDies ist eine automatische Nachricht.',
  // The survey after a case (issue 18): its page behind the resolution mail's links and a receipt's QR code, its part of
  // the status page, and the resolution mail ({yesUrl} …: the one-click links; {statusPart}: survey.mailStatus or '').
  'survey.title': 'Ihre Rückmeldung',
  'survey.intro':
    'Ihr Anliegen {reference} ist erledigt. Sagen Sie uns bitte, wie es für Sie gelaufen ist. Das hilft uns, besser zu werden.',
  'survey.statusIntro': 'Ihr Anliegen ist erledigt. Sagen Sie uns bitte, wie es für Sie gelaufen ist.',
  'survey.question': 'Wurde Ihr Anliegen gelöst?',
  'survey.solved.yes': 'Ja',
  'survey.solved.partly': 'Teilweise',
  'survey.solved.no': 'Nein',
  'survey.rating': 'Wie zufrieden sind Sie insgesamt? (freiwillig)',
  'survey.ratingHint': '1 heißt: gar nicht zufrieden. 5 heißt: sehr zufrieden.',
  'survey.rating.1': '1 – gar nicht zufrieden',
  'survey.rating.5': '5 – sehr zufrieden',
  'survey.comment': 'Möchten Sie uns noch etwas sagen? (freiwillig)',
  'survey.commentHint':
    'Höchstens 2.000 Zeichen. Eine neue Frage an uns schicken Sie bitte über das Kontaktformular: Was Sie hier schreiben, bearbeiten wir nicht als neues Anliegen.',
  'survey.submit': 'Rückmeldung senden',
  'survey.recorded':
    'Vielen Dank! Ihre Antwort „{answer}“ ist gespeichert. Unten können Sie noch eine Bewertung geben oder uns etwas schreiben.',
  'survey.choose':
    'Ihre Antwort ist noch nicht gespeichert. Bitte wählen Sie unten aus, ob Ihr Anliegen gelöst wurde, und senden Sie Ihre Rückmeldung ab.',
  'survey.saved': 'Vielen Dank für Ihre Rückmeldung! Sie ist gespeichert.',
  'survey.changeUntil': 'Sie können Ihre Rückmeldung bis zum {date} ändern.',
  'survey.backToStatus': 'Zurück zum Stand Ihres Anliegens',
  'survey.expiredTitle': 'Umfrage abgelaufen',
  'survey.expired':
    'Diese Umfrage ist abgelaufen. Sie konnten 30 Tage lang antworten. Wenn Sie uns noch etwas sagen möchten, schreiben Sie uns bitte über das Kontaktformular.',
  'survey.notFound': 'Diesen Link zur Umfrage kennen wir nicht. Bitte prüfen Sie, ob Sie ihn vollständig kopiert haben.',
  'survey.failed':
    'Ihre Rückmeldung konnte gerade nicht gespeichert werden. Bitte versuchen Sie es in einigen Minuten noch einmal.',
  'survey.solvedMissing': 'Bitte wählen Sie aus, ob Ihr Anliegen gelöst wurde.',
  'survey.ratingInvalid': 'Bitte wählen Sie eine Zahl von 1 bis 5.',
  'survey.commentLong': 'Ihr Text ist zu lang (höchstens 2.000 Zeichen).',
  'survey.mailSubject': 'Ihr Anliegen ist erledigt',
  'survey.mailBody':
    'Guten Tag,\n\nIhr Anliegen mit der Vorgangsnummer {reference} ist erledigt.\n\nWurde Ihr Anliegen gelöst? Bitte klicken Sie auf Ihre Antwort:\n\nJa:\n{yesUrl}\n\nTeilweise:\n{partlyUrl}\n\nNein:\n{noUrl}\n\nDanach können Sie uns noch eine Bewertung geben und etwas schreiben. Ihre Antwort ist freiwillig. Die Links gelten bis zum {date}.{statusPart}\n\nDies ist eine automatische Nachricht.',
  'survey.mailStatus':
    '\n\nDen Stand und alle Nachrichten zu Ihrem Anliegen sehen Sie hier (bitte nicht weitergeben):\n{statusUrl}',
  // The published figures (/anliegen/kennzahlen, figures.pages.ts).
  'figures.title': 'Unsere Kennzahlen',
  'figures.intro':
    'Hier sehen Sie, wie schnell und wie gut die Stadtverwaltung Anliegen bearbeitet, und welche Ziele sie sich dafür gesetzt hat.',
  'figures.period': 'Zeitraum: {from} bis {to} (die letzten {days} Tage)',
  'figures.updated': 'Stand: {time}',
  'figures.firstResponse': 'Erste Antwort',
  'figures.firstResponseIntro':
    'So lange dauert es bis zur ersten Antwort, je nachdem, wie Sie sich an uns gewandt haben. Der Median heißt: Die Hälfte der Anliegen wurde schneller beantwortet, die andere Hälfte langsamer. Gezählt wird nur die Zeit, in der wir geöffnet haben: ohne Abende, Wochenenden und Feiertage. Ein Arbeitstag hat 8 Stunden.',
  'figures.channel': 'Kontaktweg',
  'figures.median': 'Median bis zur ersten Antwort (Arbeitszeit; ein Tag: ein Arbeitstag mit 8 Stunden)',
  'figures.cases': 'Anliegen',
  'figures.channel.email': 'E-Mail',
  'figures.channel.webform': 'Webformular',
  'figures.channel.phone': 'Telefon',
  'figures.channel.counter': 'Schalter',
  'figures.withinDay': 'Erste Antwort innerhalb eines Arbeitstags',
  'figures.resolution': 'Erledigung',
  'figures.resolutionIntro':
    'Für jedes Anliegen gilt eine Frist, bis zu der es erledigt sein soll. Gezählt werden die Anliegen, die erledigt sind oder deren Frist schon abgelaufen ist.',
  'figures.resolved': 'Erledigt innerhalb der Frist',
  'figures.satisfaction': 'Zufriedenheit',
  'figures.satisfactionIntro':
    'Wenn ein Anliegen erledigt ist, fragen wir: „Wurde Ihr Anliegen gelöst?“ und bitten um eine Bewertung von 1 (gar nicht zufrieden) bis 5 (sehr zufrieden). Die Antwort ist freiwillig.',
  'figures.answers': 'Antworten in diesem Zeitraum: {n}',
  'figures.mean': 'Durchschnittliche Bewertung',
  'figures.meanValue': '{value} von 5',
  'figures.solved': 'Anliegen gelöst (Antwort „Ja“)',
  'figures.baseAnswered': 'Grundlage: {n} beantwortete Anliegen',
  'figures.baseCases': 'Grundlage: {n} Anliegen',
  'figures.baseAnswers': 'Grundlage: {n} Antworten',
  'figures.targetAtLeast': 'Unser Ziel: mindestens {target}',
  'figures.targetAtMost': 'Unser Ziel: höchstens {target}',
  'figures.noTarget': 'Dafür haben wir kein Ziel festgelegt.',
  'figures.verdict.met': 'Ziel erreicht',
  'figures.verdict.near': 'Ziel knapp verfehlt',
  'figures.verdict.missed': 'Ziel verfehlt',
  'figures.tooFew': 'Zu wenige Anliegen für eine Angabe (weniger als {n})',
  'figures.openDataTitle': 'Offene Daten',
  'figures.openData': 'Diese Zahlen gibt es auch zum Weiterverwenden, frei und maschinenlesbar:',
  'figures.openDataLink': 'Kennzahlen als JSON-Datei',
  'figures.offTitle': 'Seite nicht gefunden',
  'figures.off': 'Die Stadtverwaltung veröffentlicht hier zurzeit keine Kennzahlen.',
  'figures.unavailable':
    'Deshalb können die Kennzahlen gerade nicht angezeigt werden. Bitte versuchen Sie es in einigen Minuten noch einmal.',
  'status.new': 'Eingegangen',
  'status.open': 'In Bearbeitung',
  'status.waiting_citizen': 'Wartet auf Ihre Antwort',
  'status.waiting_internal': 'In Bearbeitung',
  'status.resolved': 'Erledigt',
  'status.closed': 'Abgeschlossen',
} satisfies Record<string, string> & Record<`status.${CaseStatus}`, string>;

export type WebformTextKey = keyof typeof de;

const en: Record<WebformTextKey, string> = {
  title: 'Your request to the town administration',
  intro: 'Describe your request. You will receive a reference number and can check the progress at any time via a personal link.',
  required: 'required',
  name: 'Your name',
  contactLegend: 'How can we reach you?',
  contactHint: 'Please give an email address, a phone number, or both.',
  email: 'Email address',
  phone: 'Phone number',
  category: 'Topic',
  categoryChoose: 'Please choose …',
  text: 'Your request',
  textHint: 'What happened, where, since when? At least 10 characters.',
  files: 'Attachments (optional)',
  filesHint: 'Up to 3 files (PDF, JPG, PNG, TXT), at most 5 MB each.',
  consent: 'I agree that the town administration processes my details to handle my request.',
  privacy: 'Privacy notice',
  newWindow: 'opens in a new window',
  honeypot: 'Please leave this field empty',
  submit: 'Send request',
  errorSummary: 'Please check your details:',
  titleWithErrors: 'Error: {title}',
  'webform.name': 'Please give your name (at least 2 characters).',
  'webform.email': 'Please give a valid email address.',
  'webform.phone': 'We cannot read this phone number. Example: +49 30 1234567',
  'webform.contact': 'Please give an email address or a phone number.',
  'webform.category': 'Please choose a topic.',
  'webform.text': 'Please describe your request (at least 10 characters).',
  'webform.textLong': 'The text is too long (at most 10,000 characters).',
  'webform.consent': 'We cannot handle your request without your consent.',
  'webform.reply': 'Please write a reply (at least 2 characters).',
  'webform.tooFast': 'That was very quick. Please check your details and send the form again.',
  'webform.expired': 'The form was open for too long. Please send it again.',
  'webform.file':
    'A file has a format that is not allowed or is too large (allowed: PDF, JPG, PNG, TXT, at most 5 MB each, at most 3 files).',
  'webform.tooLarge': 'The request is too large. Please send fewer or smaller attachments.',
  'webform.used':
    'This form has already been sent. Your details are still in the form below: if you want to send another request, please check them and send the form again.',
  'webform.filesAgain': 'Please choose your attachments again: the form cannot keep selected files.',
  titleWithNotice: 'Not sent: {title}',
  outageTitle: 'There is a technical fault right now',
  outageBefore: 'Requests cannot be saved at the moment. Please try again in a few minutes.',
  outageNotSaved:
    'So your request could not be saved. Your details are still in the form below: please send it again in a few minutes.',
  outageFiles: 'Please choose your attachments again when you do: the form cannot keep selected files.',
  outageStatus:
    'So the progress of your request cannot be shown just now. Your request itself is not affected. Please try again in a few minutes.',
  outageReply: 'So your message could not be saved. It is still in the field below: please send it again in a few minutes.',
  outagePhone: 'If it is urgent, you can reach us by phone:',
  outageNoPhone: 'If it is urgent, please call your town administration.',
  rateLimited: 'We received very many requests from your connection in a short time. Please try again in an hour.',
  thanksTitle: 'Thank you, we have received your request',
  referenceIs: 'Your reference number:',
  statusLinkIntro: 'This personal link shows the progress at any time and lets you reply. Please do not share it:',
  mailSent: 'We are also sending you the reference number and the link by email.',
  mailNotSent: 'We do not send you an email. Please save this link or write down the reference number.',
  statusTitle: 'Progress of your request',
  status: 'Status',
  receivedOn: 'Received on',
  history: 'History',
  fromYou: 'From you',
  fromUs: 'From the administration',
  reply: 'Reply',
  replyLabel: 'Your message',
  replySend: 'Send message',
  replied: 'Thank you, we have received your message.',
  notFoundTitle: 'Invalid link',
  notFound: 'This link is invalid or has expired. Please check that you copied all of it.',
  errorTitle: 'That did not work',
  languageSwitch: 'Language',
  skipToContent: 'Skip to content',
  accessibilityLink: 'Accessibility statement',
  barrierLink: 'Report a barrier',
  'a11y.title': 'Accessibility statement',
  'a11y.intro':
    '{body} is committed to making these pages accessible in accordance with the German Disability Equality Act (BGG) and the Accessible Information Technology Ordinance (BITV 2.0).',
  'a11y.defaultBody': 'The town administration',
  'a11y.scope':
    'This statement applies to all public pages at {url}, for example the contact form, the personal status page and the privacy notice.',
  'a11y.conformanceTitle': 'Compliance status',
  'a11y.conformance.full':
    'These pages are fully compliant with the requirements of BITV 2.0. The standard is EN 301 549; for web pages, WCAG 2.1 at level AA.',
  'a11y.conformance.partial':
    'These pages are partially compliant with the requirements of BITV 2.0. The standard is EN 301 549; for web pages, WCAG 2.1 at level AA. The exceptions are listed in the next section.',
  'a11y.conformance.none':
    'These pages are not compliant with the requirements of BITV 2.0. The standard is EN 301 549; for web pages, WCAG 2.1 at level AA. The known shortcomings are listed in the next section.',
  'a11y.issuesTitle': 'Non-accessible content',
  'a11y.issuesIntro': 'The following content is not accessible, or not fully:',
  'a11y.issue.messages':
    'Messages on the status page are in the language they were written in, mostly German. They are neither translated nor put into Leichte Sprache (easy-to-read German).',
  'a11y.issue.files':
    'Files we attach to our answers (for example PDF documents) are not checked for accessibility automatically. If you cannot use a file, we will send you its content in another form on request.',
  'a11y.issue.topics': 'The topics to choose from in the contact form are available in German only.',
  'a11y.issue.town': 'Note from the town administration (in German):',
  'a11y.preparationTitle': 'Preparation of this statement',
  'a11y.preparedOn': 'This statement was prepared on {date}.',
  'a11y.assessment.self':
    'It is based on a self-assessment. The pages are tested automatically with every change to the software: on a smartphone and on a large screen, in light and dark mode, in all languages, at 200 % zoom and with a keyboard alone.',
  'a11y.assessment.external': 'It is based on an assessment by an independent testing body.',
  'a11y.reviewedOn': 'The statement was last reviewed on {date}.',
  'a11y.contactTitle': 'Feedback and contact',
  'a11y.contactIntro':
    'Have you noticed barriers? Or do you need content of these pages in another form? Then please contact us. You do not need an account for the form “Report a barrier”.',
  'a11y.contactEmail': 'Email',
  'a11y.contactPhone': 'Phone',
  'a11y.contactAddress': 'Address',
  'a11y.website': 'Website',
  'a11y.enforcementTitle': 'Enforcement procedure',
  'a11y.enforcement':
    'If you have not received a satisfactory answer to your report, you can contact the body below. It helps to settle a dispute about accessibility without going to court (conciliation procedure). The procedure is free of charge, and you do not need a lawyer.',
  'a11y.enforcementDefaultName':
    'Conciliation body under the German Disability Equality Act (Schlichtungsstelle nach dem Behindertengleichstellungsgesetz), at the Federal Government Commissioner for Matters relating to Persons with Disabilities',
  'barrier.title': 'Report a barrier',
  'barrier.intro':
    'Is there something on these pages you cannot use, or only with difficulty? Please describe it to us. We will take care of it. If you tell us how to reach you, we will also answer you.',
  'barrier.what': 'What can you not use?',
  'barrier.whatHint': 'For example: “With my screen reader I cannot find the send button.” At least 10 characters.',
  'barrier.where': 'Where is it? (optional)',
  'barrier.whereHint': 'The address or the name of the page.',
  'barrier.name': 'Your name (optional)',
  'barrier.contactLegend': 'How can we reach you? (optional)',
  'barrier.contactHint':
    'With an email address or phone number we can ask questions and answer you. Without them, your report stays anonymous.',
  'barrier.privacyHint': 'We use your details only to remove the barrier and to answer you.',
  'barrier.submit': 'Send report',
  'barrier.whatError': 'Please describe what you cannot use (at least 10 characters).',
  'barrier.whereLong': 'The description of where it is is too long (at most 500 characters).',
  'barrier.nameLong': 'The name is too long (at most 120 characters).',
  privacyTitle: 'Privacy notice for the contact form',
  privacyText:
    'The town administration processes your details (name, contact details, your message and attachments) to handle your request (Art. 6(1)(a) and (e) GDPR). They are passed only to the responsible departments and deleted after the case is closed, according to the retention periods. You have the right to access, rectification, erasure and restriction of processing, and to lodge a complaint with the supervisory authority. Contact: the data protection officer of your town administration.',
  mailSubject: 'We have received your request',
  mailBody:
    'Hello,\n\nthank you for your message. Your request has been registered under the reference {reference}.\n\nYou can see its progress here at any time (please do not share this link):\n{statusUrl}\n\nThis is an automatic confirmation.',
  // The citizen's mailbox (issue 18).
  quietMailSubject: 'New message about your request',
  quietMailBody:
    'Hello,\n\nthere is a new message about your request with the reference {reference}. To protect your data, it is not in this email.\n\nYou can read the message and its attachments on your personal status page, where you can also reply. Please do not share this link:\n{statusUrl}\n\nKind regards\n{sender}',
  quietMailSender: 'Your town administration',
  filesLabel: 'Attachments',
  downloadTitle: 'Download the conversation',
  downloadIntro:
    'Save or print all messages about your request as a file. Download the attachments one by one with the messages above.',
  downloadPdf: 'Download as a PDF file',
  downloadHtml: 'Download as an HTML file (opens in any browser)',
  documentTitle: 'Your request {reference}: all messages',
  documentMade: 'Downloaded on {date}.',
  documentFilesNote: 'The attachments are not part of this file. You can download them on your status page.',
  subjectLabel: 'Subject',
  notFoundRenew: 'No longer have a valid link? You can ask for a new one.',
  revokedTitle: 'Link blocked',
  revoked:
    'The town administration has blocked this link to protect you. It no longer works. You can ask for a new link; we will send it to the email address you gave us.',
  renewLink: 'Ask for a new link',
  renewTitle: 'Ask for a new link to your request',
  renewIntro:
    'Enter the reference and your email address. If both belong to the same request, we will send a new personal link to that address.',
  referenceLabel: 'Reference',
  renewReferenceHint: 'For example A-2026-000123. It is in every email about your request.',
  renewEmail: 'Your email address',
  renewEmailHint: 'The address you gave us for this request.',
  renewSubmit: 'Ask for a new link',
  renewDoneTitle: 'We have received your request',
  renewDone:
    'If the reference and the email address belong together, we have sent a new link to that address. Please also check your spam folder. To protect you, we do not say here whether the details matched.',
  renewNoMail: 'We cannot send emails at the moment. Please try again later or contact your town administration.',
  'renew.reference': 'Please enter the reference, for example A-2026-000123.',
  'renew.email': 'Please enter a valid email address.',
  renewMailSubject: 'Your new link to your request',
  renewMailBody:
    'Hello,\n\nyou asked for a new link to your request with the reference {reference}. This link shows its progress and all messages. Please do not share it:\n{statusUrl}\n\nIf you did not ask for a new link, you can delete this email.\n\nThis is an automatic message.',
  'survey.title': 'Your feedback',
  'survey.intro': 'Your request {reference} has been dealt with. Please tell us how it went for you. It helps us get better.',
  'survey.statusIntro': 'Your request has been dealt with. Please tell us how it went for you.',
  'survey.question': 'Was your request solved?',
  'survey.solved.yes': 'Yes',
  'survey.solved.partly': 'Partly',
  'survey.solved.no': 'No',
  'survey.rating': 'How satisfied are you overall? (optional)',
  'survey.ratingHint': '1 means: not satisfied at all. 5 means: very satisfied.',
  'survey.rating.1': '1 – not satisfied at all',
  'survey.rating.5': '5 – very satisfied',
  'survey.comment': 'Is there anything else you would like to tell us? (optional)',
  'survey.commentHint':
    'At most 2,000 characters. Please send a new question through the contact form: nobody reads it here as a request.',
  'survey.submit': 'Send feedback',
  'survey.recorded': 'Thank you! Your answer “{answer}” has been saved. Below you can also give a rating or write to us.',
  'survey.choose':
    'Your answer has not been saved yet. Please choose below whether your request was solved, and send your feedback.',
  'survey.saved': 'Thank you for your feedback! It has been saved.',
  'survey.changeUntil': 'You can change your feedback until {date}.',
  'survey.backToStatus': 'Back to the progress of your request',
  'survey.expiredTitle': 'Survey expired',
  'survey.expired':
    'This survey has expired. You could answer for 30 days. If you would still like to tell us something, please write to us through the contact form.',
  'survey.notFound': 'We do not know this survey link. Please check that you copied all of it.',
  'survey.failed': 'Your feedback could not be saved just now. Please try again in a few minutes.',
  'survey.solvedMissing': 'Please choose whether your request was solved.',
  'survey.ratingInvalid': 'Please choose a number from 1 to 5.',
  'survey.commentLong': 'Your text is too long (at most 2,000 characters).',
  'survey.mailSubject': 'Your request has been dealt with',
  'survey.mailBody':
    'Hello,\n\nyour request with the reference {reference} has been dealt with.\n\nWas your request solved? Please click your answer:\n\nYes:\n{yesUrl}\n\nPartly:\n{partlyUrl}\n\nNo:\n{noUrl}\n\nAfterwards you can also give a rating and write to us. Answering is voluntary. The links work until {date}.{statusPart}\n\nThis is an automatic message.',
  'survey.mailStatus':
    '\n\nYou can see the progress and all messages of your request here (please do not share this link):\n{statusUrl}',
  'figures.title': 'Our figures',
  'figures.intro':
    'Here you can see how quickly and how well the town administration deals with requests, and which targets it has set itself.',
  'figures.period': 'Period: {from} to {to} (the last {days} days)',
  'figures.updated': 'As of {time}',
  'figures.firstResponse': 'First response',
  'figures.firstResponseIntro':
    'How long it takes until the first response, depending on how you contacted us. The median means: half of the requests were answered faster, the other half more slowly. Only the time we are open counts: no evenings, weekends or public holidays. A working day has 8 hours.',
  'figures.channel': 'Contact channel',
  'figures.median': 'Median until the first response (working time; a day: a working day of 8 hours)',
  'figures.cases': 'Requests',
  'figures.channel.email': 'Email',
  'figures.channel.webform': 'Web form',
  'figures.channel.phone': 'Phone',
  'figures.channel.counter': 'Counter',
  'figures.withinDay': 'First response within one working day',
  'figures.resolution': 'Resolution',
  'figures.resolutionIntro':
    'Every request has a deadline by which it should be dealt with. Counted are the requests that have been dealt with or whose deadline has passed.',
  'figures.resolved': 'Dealt with within the deadline',
  'figures.satisfaction': 'Satisfaction',
  'figures.satisfactionIntro':
    'When a request has been dealt with, we ask: “Was your request solved?” and ask for a rating from 1 (not satisfied at all) to 5 (very satisfied). Answering is voluntary.',
  'figures.answers': 'Answers in this period: {n}',
  'figures.mean': 'Average rating',
  'figures.meanValue': '{value} out of 5',
  'figures.solved': 'Request solved (answer “Yes”)',
  'figures.baseAnswered': 'Based on {n} answered requests',
  'figures.baseCases': 'Based on {n} requests',
  'figures.baseAnswers': 'Based on {n} answers',
  'figures.targetAtLeast': 'Our target: at least {target}',
  'figures.targetAtMost': 'Our target: at most {target}',
  'figures.noTarget': 'We have not set a target for this.',
  'figures.verdict.met': 'Target met',
  'figures.verdict.near': 'Target narrowly missed',
  'figures.verdict.missed': 'Target missed',
  'figures.tooFew': 'Too few requests to give a figure (fewer than {n})',
  'figures.openDataTitle': 'Open data',
  'figures.openData': 'These figures are also available for reuse, free and machine-readable:',
  'figures.openDataLink': 'Figures as a JSON file',
  'figures.offTitle': 'Page not found',
  'figures.off': 'The town administration does not publish figures here at the moment.',
  'figures.unavailable': 'So the figures cannot be shown just now. Please try again in a few minutes.',
  'status.new': 'Received',
  'status.open': 'In progress',
  'status.waiting_citizen': 'Waiting for your reply',
  'status.waiting_internal': 'In progress',
  'status.resolved': 'Resolved',
  'status.closed': 'Closed',
};

/** The language of a citizen-facing page: all of public-lang.ts's (the name is older than the five new ones). */
export type WebformLang = PublicLang;
/**
 * A dictionary of another language (texts/*.texts.ts): Partial, so a key added to German does not stop the build
 * while its translations are written; public-languages.test.ts lists every key a language lacks, and until it has
 * it the page shows the German text (public-texts.ts says why German).
 */
export type Translation = Partial<Record<WebformTextKey, string>>;

/** German stored with a citizen's contact, read by caseworkers (the desk's language, whatever the page's). */
export const storedTexts = { statusPageReplySubject: 'Antwort über die Statusseite' };
/** German and English; the other languages join them in public-texts.ts. */
export const webformTexts: Record<'de' | 'en', Record<WebformTextKey, string>> = { de, en };

export function isTextKey(key: string): key is WebformTextKey {
  return key in de;
}
