import type { Translation } from '../webform.texts.js';

/**
 * Leichte Sprache (`de-x-ls`), after the rules of the Netzwerk Leichte Sprache: short sentences, one statement per
 * sentence, common words, hard words explained, long words split with a hyphen (Vorgangs-Nummer), the reader
 * addressed as "Sie". Not a word-for-word copy of the German texts: it says what matters for doing the step.
 */
export const leichteSprache: Translation = {
  title: 'Ihr Anliegen an die Stadt-Verwaltung',
  intro:
    'Hier können Sie der Stadt-Verwaltung schreiben. Ein Anliegen ist zum Beispiel eine Frage, eine Bitte oder eine Beschwerde. Sie bekommen dann eine Vorgangs-Nummer. Und Sie bekommen einen Link. Mit dem Link sehen Sie immer: So weit sind wir mit Ihrem Anliegen.',
  required: 'Das müssen Sie ausfüllen',
  name: 'Ihr Name',
  contactLegend: 'Wie erreichen wir Sie?',
  contactHint: 'Schreiben Sie Ihre E-Mail-Adresse oder Ihre Telefon-Nummer auf. Sie können auch beides aufschreiben.',
  email: 'E-Mail-Adresse',
  phone: 'Telefon-Nummer',
  category: 'Thema',
  categoryChoose: 'Bitte aussuchen …',
  text: 'Ihr Anliegen',
  textHint: 'Schreiben Sie: Was ist passiert? Wo ist es passiert? Seit wann ist das so? Schreiben Sie mindestens 10 Zeichen.',
  files: 'Dateien mitschicken (wenn Sie möchten)',
  filesHint:
    'Sie können bis zu 3 Dateien mitschicken. Zum Beispiel ein Foto. Diese Arten von Dateien gehen: PDF, JPG, PNG und TXT. Jede Datei darf höchstens 5 Mega-Byte groß sein.',
  consent: 'Ich bin einverstanden: Die Stadt-Verwaltung darf meine Angaben benutzen. Sie braucht die Angaben für mein Anliegen.',
  privacy: 'Datenschutz-Hinweise',
  newWindow: 'öffnet ein neues Fenster',
  honeypot: 'Bitte schreiben Sie hier nichts hinein',
  submit: 'Anliegen abschicken',
  errorSummary: 'Bitte sehen Sie sich diese Angaben noch einmal an:',
  titleWithErrors: 'Fehler: {title}',
  'webform.name': 'Bitte schreiben Sie Ihren Namen. Schreiben Sie mindestens 2 Zeichen.',
  'webform.email': 'Bitte schreiben Sie eine richtige E-Mail-Adresse. Zum Beispiel: name@beispiel.de',
  'webform.phone': 'Wir können diese Telefon-Nummer nicht lesen. So sieht eine Telefon-Nummer zum Beispiel aus: 030 1234567',
  'webform.contact': 'Bitte schreiben Sie Ihre E-Mail-Adresse oder Ihre Telefon-Nummer auf.',
  'webform.category': 'Bitte suchen Sie ein Thema aus.',
  'webform.text': 'Bitte schreiben Sie Ihr Anliegen auf. Schreiben Sie mindestens 10 Zeichen.',
  'webform.textLong': 'Der Text ist zu lang. Schreiben Sie höchstens 10.000 Zeichen.',
  'webform.consent':
    'Bitte machen Sie einen Haken bei: Ich bin einverstanden. Ohne den Haken dürfen wir Ihr Anliegen nicht bearbeiten.',
  'webform.reply': 'Bitte schreiben Sie eine Antwort. Schreiben Sie mindestens 2 Zeichen.',
  'webform.tooFast':
    'Das war sehr schnell. Bitte sehen Sie sich Ihre Angaben noch einmal an. Dann schicken Sie das Formular noch einmal ab.',
  'webform.expired': 'Das Formular war zu lange offen. Bitte schicken Sie es noch einmal ab.',
  'webform.file':
    'Mit einer Datei gibt es ein Problem. Die Datei ist zu groß. Oder die Datei hat eine falsche Art. Diese Arten gehen: PDF, JPG, PNG und TXT. Jede Datei darf höchstens 5 Mega-Byte groß sein. Sie können höchstens 3 Dateien mitschicken.',
  'webform.tooLarge':
    'Das ist zu viel auf einmal. Bitte schicken Sie weniger Dateien mit. Oder schicken Sie kleinere Dateien mit.',
  'webform.used':
    'Sie haben dieses Formular schon abgeschickt. Ihre Angaben stehen noch unten im Formular. Möchten Sie noch ein Anliegen schicken? Dann sehen Sie sich die Angaben bitte noch einmal an. Danach schicken Sie das Formular noch einmal ab.',
  'webform.filesAgain': 'Bitte suchen Sie Ihre Dateien noch einmal aus. Das Formular kann die Dateien nicht behalten.',
  titleWithNotice: 'Nicht abgeschickt: {title}',
  outageTitle: 'Gerade gibt es ein technisches Problem',
  outageBefore: 'Wir können gerade keine Anliegen speichern. Bitte versuchen Sie es in ein paar Minuten noch einmal.',
  outageNotSaved:
    'Darum konnten wir Ihr Anliegen nicht speichern. Ihre Angaben stehen noch unten im Formular. Bitte schicken Sie das Formular in ein paar Minuten noch einmal ab.',
  outageFiles: 'Suchen Sie dann bitte Ihre Dateien noch einmal aus. Das Formular kann die Dateien nicht behalten.',
  outageStatus:
    'Darum können wir Ihnen gerade nicht zeigen: So weit sind wir mit Ihrem Anliegen. Ihrem Anliegen passiert dabei nichts. Bitte versuchen Sie es in ein paar Minuten noch einmal.',
  outageReply:
    'Darum konnten wir Ihre Nachricht nicht speichern. Ihre Nachricht steht noch unten im Feld. Bitte schicken Sie die Nachricht in ein paar Minuten noch einmal ab.',
  outagePhone: 'Ist es dringend? Dann rufen Sie uns an:',
  outageNoPhone: 'Ist es dringend? Dann rufen Sie bitte bei Ihrer Stadt-Verwaltung an.',
  rateLimited:
    'Von Ihrem Internet-Anschluss kamen sehr viele Anfragen in kurzer Zeit. Bitte versuchen Sie es in 1 Stunde noch einmal.',
  thanksTitle: 'Vielen Dank. Wir haben Ihr Anliegen bekommen.',
  referenceIs: 'Das ist Ihre Vorgangs-Nummer:',
  statusLinkIntro:
    'Mit diesem Link sehen Sie immer: So weit sind wir. Sie können uns damit auch antworten. Der Link ist nur für Sie. Bitte geben Sie den Link nicht weiter:',
  mailSent: 'Sie bekommen die Vorgangs-Nummer und den Link auch per E-Mail.',
  mailNotSent:
    'Sie bekommen keine E-Mail von uns. Bitte speichern Sie diesen Link. Oder schreiben Sie sich die Vorgangs-Nummer auf.',
  statusTitle: 'So weit sind wir mit Ihrem Anliegen',
  status: 'Stand',
  receivedOn: 'Angekommen am',
  history: 'Alle Nachrichten',
  fromYou: 'Von Ihnen',
  fromUs: 'Von der Stadt-Verwaltung',
  reply: 'Antworten',
  replyLabel: 'Ihre Nachricht',
  replySend: 'Nachricht abschicken',
  replied: 'Vielen Dank. Wir haben Ihre Nachricht bekommen.',
  notFoundTitle: 'Der Link geht nicht',
  notFound: 'Dieser Link ist falsch oder zu alt. Bitte prüfen Sie: Haben Sie den ganzen Link kopiert?',
  errorTitle: 'Das hat nicht geklappt',
  languageSwitch: 'Sprache',
  skipToContent: 'Zum Inhalt springen',
  accessibilityLink: 'Erklärung zur Barriere-Freiheit',
  barrierLink: 'Barriere melden',
  'a11y.title': 'Erklärung zur Barriere-Freiheit',
  'a11y.intro':
    '{body} möchte: Alle Menschen können diese Seiten gut benutzen. Das nennt man: Barriere-Freiheit. Dafür gibt es Gesetze. Zum Beispiel das Behinderten-Gleichstellungs-Gesetz. Die Abkürzung dafür ist: BGG. Und die Barriere-freie-Informations-Technik-Verordnung. Die Abkürzung dafür ist: BITV 2.0.',
  'a11y.defaultBody': 'Die Stadt-Verwaltung',
  'a11y.scope':
    'Diese Erklärung gilt für alle öffentlichen Seiten unter {url}. Zum Beispiel für das Kontakt-Formular, für die Status-Seite und für die Datenschutz-Hinweise.',
  'a11y.conformanceTitle': 'Sind die Seiten barriere-frei?',
  'a11y.conformance.full':
    'Ja. Die Seiten erfüllen alle Regeln der BITV 2.0. Die Regeln stehen in der Norm EN 301 549. Für Internet-Seiten gelten die Regeln WCAG 2.1 auf der Stufe AA.',
  'a11y.conformance.partial':
    'Zum Teil. Die Seiten erfüllen viele Regeln der BITV 2.0. Die Regeln stehen in der Norm EN 301 549. Für Internet-Seiten gelten die Regeln WCAG 2.1 auf der Stufe AA. Im nächsten Teil steht: Das ist noch nicht barriere-frei.',
  'a11y.conformance.none':
    'Nein. Die Seiten erfüllen die Regeln der BITV 2.0 noch nicht. Die Regeln stehen in der Norm EN 301 549. Für Internet-Seiten gelten die Regeln WCAG 2.1 auf der Stufe AA. Im nächsten Teil steht: Diese Probleme kennen wir.',
  'a11y.issuesTitle': 'Das ist noch nicht barriere-frei',
  'a11y.issuesIntro': 'Diese Inhalte sind noch nicht ganz barriere-frei:',
  'a11y.issue.messages':
    'Die Nachrichten auf der Status-Seite stehen in der Sprache, in der sie geschrieben wurden. Meistens ist das Deutsch. Wir übersetzen die Nachrichten nicht. Es gibt die Nachrichten auch nicht in Leichter Sprache.',
  'a11y.issue.files':
    'Manchmal schicken wir Dateien mit unserer Antwort. Zum Beispiel ein PDF. Diese Dateien prüft kein Computer auf Barriere-Freiheit. Können Sie eine Datei nicht benutzen? Dann sagen Sie es uns. Wir schicken Ihnen den Inhalt dann anders.',
  'a11y.issue.topics':
    'Die Themen zum Aussuchen im Kontakt-Formular gibt es nur in Alltags-Sprache. Es gibt die Themen nicht in Leichter Sprache.',
  'a11y.issue.town': 'Hinweis von der Stadt-Verwaltung (in Alltags-Sprache):',
  'a11y.preparationTitle': 'Wann haben wir diese Erklärung geschrieben?',
  'a11y.preparedOn': 'Wir haben diese Erklärung am {date} geschrieben.',
  'a11y.assessment.self':
    'Wir haben die Seiten selbst geprüft. Ein Computer-Programm prüft die Seiten bei jeder Änderung. Es prüft die Seiten auf dem Handy und auf einem großen Bild-Schirm. Es prüft helle Farben und dunkle Farben. Es prüft alle Sprachen. Es prüft die Seiten mit doppelt so großer Schrift. Und es prüft: Kann man alles nur mit der Tastatur benutzen?',
  'a11y.assessment.external': 'Eine fremde Prüf-Stelle hat die Seiten geprüft.',
  'a11y.reviewedOn': 'Zuletzt haben wir die Erklärung am {date} geprüft.',
  'a11y.contactTitle': 'Ihre Meinung und Kontakt',
  'a11y.contactIntro':
    'Haben Sie eine Barriere gefunden? Eine Barriere ist etwas, das Sie nicht benutzen können. Oder brauchen Sie Inhalte von diesen Seiten anders? Dann sagen Sie es uns. Dafür gibt es das Formular: Barriere melden. Für das Formular brauchen Sie kein Konto.',
  'a11y.contactEmail': 'E-Mail',
  'a11y.contactPhone': 'Telefon',
  'a11y.contactAddress': 'Adresse',
  'a11y.website': 'Internet-Seite',
  'a11y.enforcementTitle': 'Durchsetzungs-Verfahren: Wenn Sie nicht zufrieden sind',
  'a11y.enforcement':
    'Sie haben uns eine Barriere gemeldet? Und unsere Antwort hilft Ihnen nicht? Dann können Sie sich an diese Stelle wenden. Die Stelle hilft bei Streit über Barriere-Freiheit. Sie müssen dafür nicht vor Gericht. Das nennt man: Schlichtungs-Verfahren. Das Verfahren kostet nichts. Sie brauchen dafür keine Anwältin und keinen Anwalt.',
  'a11y.enforcementDefaultName':
    'Schlichtungs-Stelle nach dem Behinderten-Gleichstellungs-Gesetz beim Beauftragten der Bundes-Regierung für die Belange von Menschen mit Behinderungen',
  'barrier.title': 'Barriere melden',
  'barrier.intro':
    'Können Sie etwas auf diesen Seiten nicht benutzen? Oder ist etwas sehr schwer? Dann schreiben Sie es uns bitte. Wir kümmern uns darum. Sie möchten eine Antwort? Dann schreiben Sie uns, wie wir Sie erreichen.',
  'barrier.what': 'Was können Sie nicht benutzen?',
  'barrier.whatHint': 'Zum Beispiel: Ich finde den Knopf zum Abschicken nicht. Schreiben Sie mindestens 10 Zeichen.',
  'barrier.where': 'Wo ist das? (wenn Sie möchten)',
  'barrier.whereHint': 'Schreiben Sie die Adresse von der Seite auf. Oder den Namen von der Seite.',
  'barrier.name': 'Ihr Name (wenn Sie möchten)',
  'barrier.contactLegend': 'Wie erreichen wir Sie? (wenn Sie möchten)',
  'barrier.contactHint':
    'Schreiben Sie Ihre E-Mail-Adresse oder Ihre Telefon-Nummer auf. Dann können wir Ihnen antworten. Sie möchten das nicht? Dann weiß niemand, wer die Meldung geschickt hat.',
  'barrier.privacyHint': 'Wir benutzen Ihre Angaben nur für die Barriere und für unsere Antwort.',
  'barrier.submit': 'Meldung abschicken',
  'barrier.whatError': 'Bitte schreiben Sie auf: Was können Sie nicht benutzen? Schreiben Sie mindestens 10 Zeichen.',
  'barrier.whereLong': 'Der Text bei „Wo ist das?“ ist zu lang. Schreiben Sie höchstens 500 Zeichen.',
  'barrier.nameLong': 'Der Name ist zu lang. Schreiben Sie höchstens 120 Zeichen.',
  privacyTitle: 'Datenschutz-Hinweise zum Kontakt-Formular',
  privacyText:
    'Die Stadt-Verwaltung benutzt Ihre Angaben für Ihr Anliegen. Angaben sind: Ihr Name, Ihre E-Mail-Adresse oder Telefon-Nummer, Ihre Nachricht und Ihre Dateien. Das erlaubt das Datenschutz-Gesetz der Europäischen Union. Das Gesetz heißt: Datenschutz-Grundverordnung. Die Abkürzung ist: DSGVO. Die Regeln stehen in Artikel 6 Absatz 1 Buchstabe a und e. Wir geben Ihre Angaben nur an die Stellen weiter, die Ihr Anliegen bearbeiten. Wenn Ihr Anliegen fertig ist, löschen wir Ihre Angaben. Dafür gibt es feste Fristen. Sie haben Rechte: Sie dürfen fragen, welche Angaben wir über Sie haben. Sie dürfen falsche Angaben richtig machen lassen. Sie dürfen Angaben löschen lassen. Sie dürfen verlangen: Wir benutzen Ihre Angaben weniger. Sie dürfen sich bei der Aufsichts-Behörde beschweren. Die Aufsichts-Behörde passt auf den Datenschutz auf. Bei Fragen hilft Ihnen die Person für Datenschutz in Ihrer Stadt-Verwaltung.',
  mailSubject: 'Wir haben Ihr Anliegen bekommen',
  mailBody:
    'Guten Tag,\n\nvielen Dank für Ihre Nachricht.\nWir haben Ihr Anliegen bekommen.\nIhre Vorgangs-Nummer ist: {reference}\n\nMit diesem Link sehen Sie immer, wie weit wir sind:\n{statusUrl}\n\nDer Link ist nur für Sie.\nBitte geben Sie den Link nicht weiter.\n\nDiese E-Mail hat ein Computer geschickt.',
  quietMailSubject: 'Neue Nachricht zu Ihrem Anliegen',
  quietMailBody:
    'Guten Tag,\n\nes gibt eine neue Nachricht zu Ihrem Anliegen.\nIhre Vorgangs-Nummer ist: {reference}\nDie Nachricht steht nicht in dieser E-Mail.\nSo schützen wir Ihre Daten.\n\nSie können die Nachricht auf Ihrer Status-Seite lesen.\nDort finden Sie auch die Dateien zu der Nachricht.\nUnd Sie können uns dort antworten.\nDer Link ist nur für Sie.\nBitte geben Sie den Link nicht weiter.\nDas ist der Link zu Ihrer Status-Seite:\n{statusUrl}\n\nViele Grüße\n{sender}',
  quietMailSender: 'Ihre Stadt-Verwaltung',
  filesLabel: 'Dateien',
  downloadTitle: 'Alle Nachrichten herunterladen',
  downloadIntro:
    'Sie können alle Nachrichten zu Ihrem Anliegen als Datei speichern. Sie können die Datei auch ausdrucken. Die Dateien zu den Nachrichten sind nicht dabei. Diese Dateien finden Sie oben bei den Nachrichten. Dort können Sie jede Datei einzeln herunterladen.',
  downloadPdf: 'Als PDF-Datei herunterladen',
  downloadHtml: 'Als HTML-Datei herunterladen (die Datei geht in jedem Internet-Browser auf)',
  documentTitle: 'Ihr Anliegen {reference}: alle Nachrichten',
  documentMade: 'Sie haben diese Datei am {date} heruntergeladen.',
  documentFilesNote:
    'Die Dateien zu den Nachrichten sind nicht in dieser Datei. Sie finden diese Dateien auf Ihrer Status-Seite. Dort können Sie die Dateien herunterladen.',
  subjectLabel: 'Thema',
  notFoundRenew: 'Ihr Link geht nicht mehr? Dann können Sie einen neuen Link bekommen.',
  revokedTitle: 'Der Link ist gesperrt',
  revoked:
    'Die Stadt-Verwaltung hat diesen Link gesperrt. Das schützt Sie. Der Link geht jetzt nicht mehr. Sie können einen neuen Link bekommen. Wir schicken den neuen Link an Ihre E-Mail-Adresse. Das ist die E-Mail-Adresse, die Sie uns gegeben haben.',
  renewLink: 'Neuen Link bekommen',
  renewTitle: 'Einen neuen Link zu Ihrem Anliegen bekommen',
  renewIntro:
    'Schreiben Sie Ihre Vorgangs-Nummer auf. Und schreiben Sie Ihre E-Mail-Adresse auf. Wir prüfen: Gehören die Vorgangs-Nummer und die E-Mail-Adresse zu einem Anliegen? Dann schicken wir Ihnen einen neuen Link an diese E-Mail-Adresse. Der Link ist nur für Sie.',
  referenceLabel: 'Vorgangs-Nummer',
  renewReferenceHint: 'Zum Beispiel: A-2026-000123. Die Vorgangs-Nummer steht in jeder E-Mail zu Ihrem Anliegen.',
  renewEmail: 'Ihre E-Mail-Adresse',
  renewEmailHint: 'Schreiben Sie die E-Mail-Adresse auf, die Sie uns für dieses Anliegen gegeben haben.',
  renewSubmit: 'Neuen Link bekommen',
  renewDoneTitle: 'Wir haben Ihre Anfrage bekommen',
  renewDone:
    'Passen die Vorgangs-Nummer und die E-Mail-Adresse zusammen? Dann haben wir Ihnen einen neuen Link an diese E-Mail-Adresse geschickt. Bitte sehen Sie auch im Spam-Ordner nach. Der Spam-Ordner ist ein Ordner in Ihrem E-Mail-Programm. Dort sammelt das Programm zum Beispiel Werbung. Wir sagen hier nicht, ob die Angaben gepasst haben. Das schützt Sie.',
  renewNoMail:
    'Wir können gerade keine E-Mails schicken. Bitte versuchen Sie es später noch einmal. Oder melden Sie sich bei Ihrer Stadt-Verwaltung.',
  'renew.reference': 'Bitte schreiben Sie die Vorgangs-Nummer auf. Zum Beispiel: A-2026-000123',
  'renew.email': 'Bitte schreiben Sie eine richtige E-Mail-Adresse. Zum Beispiel: name@beispiel.de',
  renewMailSubject: 'Ihr neuer Link zu Ihrem Anliegen',
  renewMailBody:
    'Guten Tag,\n\nSie wollten einen neuen Link zu Ihrem Anliegen.\nIhre Vorgangs-Nummer ist: {reference}\nMit dem Link sehen Sie, wie weit wir sind.\nUnd Sie sehen alle Nachrichten.\nDer Link ist nur für Sie.\nBitte geben Sie den Link nicht weiter.\nDas ist Ihr neuer Link:\n{statusUrl}\n\nSie wollten keinen neuen Link?\nDann können Sie diese E-Mail löschen.\n\nDiese E-Mail hat ein Computer geschickt.',
  'survey.title': 'Ihre Meinung',
  'survey.intro': 'Ihr Anliegen {reference} ist erledigt. Bitte sagen Sie uns: Wie war es für Sie? So können wir besser werden.',
  'survey.statusIntro': 'Ihr Anliegen ist erledigt. Bitte sagen Sie uns: Wie war es für Sie?',
  'survey.question': 'Ist Ihr Anliegen gelöst?',
  'survey.solved.yes': 'Ja',
  'survey.solved.partly': 'Zum Teil',
  'survey.solved.no': 'Nein',
  'survey.rating': 'Wie zufrieden sind Sie insgesamt? (wenn Sie möchten)',
  'survey.ratingHint': 'Suchen Sie eine Zahl aus. 1 heißt: Ich bin gar nicht zufrieden. 5 heißt: Ich bin sehr zufrieden.',
  'survey.rating.1': '1 – gar nicht zufrieden',
  'survey.rating.5': '5 – sehr zufrieden',
  'survey.comment': 'Möchten Sie uns noch etwas sagen? Das müssen Sie nicht.',
  'survey.commentHint':
    'Schreiben Sie höchstens 2.000 Zeichen. Haben Sie eine neue Frage an uns? Dann schreiben Sie uns bitte über das Kontakt-Formular. Denn hier bearbeiten wir keine neuen Anliegen.',
  'survey.submit': 'Antwort abschicken',
  'survey.recorded':
    'Vielen Dank! Wir haben Ihre Antwort gespeichert. Ihre Antwort ist: {answer}. Unten können Sie noch eine Zahl von 1 bis 5 aussuchen. Oder Sie schreiben uns etwas.',
  'survey.choose':
    'Wir haben Ihre Antwort noch nicht gespeichert. Bitte suchen Sie unten aus: Ist Ihr Anliegen gelöst? Dann schicken Sie Ihre Antwort ab.',
  'survey.saved': 'Vielen Dank für Ihre Meinung! Wir haben Ihre Antwort gespeichert.',
  'survey.changeUntil': 'Sie können Ihre Antwort noch ändern. Das geht bis zum {date}.',
  'survey.backToStatus': 'Zurück zu Ihrem Anliegen',
  'survey.expiredTitle': 'Die Umfrage ist vorbei',
  'survey.expired':
    'Diese Umfrage ist vorbei. Sie konnten 30 Tage lang antworten. Möchten Sie uns noch etwas sagen? Dann schreiben Sie uns bitte über das Kontakt-Formular.',
  'survey.notFound': 'Diesen Link zur Umfrage kennen wir nicht. Bitte prüfen Sie: Haben Sie den ganzen Link kopiert?',
  'survey.failed': 'Wir konnten Ihre Antwort gerade nicht speichern. Bitte versuchen Sie es in ein paar Minuten noch einmal.',
  'survey.solvedMissing': 'Bitte suchen Sie aus: Ist Ihr Anliegen gelöst?',
  'survey.ratingInvalid': 'Bitte suchen Sie eine Zahl von 1 bis 5 aus.',
  'survey.commentLong': 'Ihr Text ist zu lang. Schreiben Sie höchstens 2.000 Zeichen.',
  'survey.mailSubject': 'Ihr Anliegen ist erledigt',
  'survey.mailBody':
    'Guten Tag,\n\nIhr Anliegen ist erledigt.\nIhre Vorgangs-Nummer ist: {reference}\n\nIst Ihr Anliegen gelöst?\nBitte klicken Sie auf Ihre Antwort:\n\nJa:\n{yesUrl}\n\nZum Teil:\n{partlyUrl}\n\nNein:\n{noUrl}\n\nDanach können Sie noch eine Zahl von 1 bis 5 aussuchen.\nUnd Sie können uns etwas schreiben.\nSie müssen nicht antworten.\nDie Links gehen bis zum {date}.{statusPart}\n\nDiese E-Mail hat ein Computer geschickt.',
  'survey.mailStatus':
    '\n\nMit diesem Link sehen Sie, wie weit wir sind.\nUnd Sie sehen alle Nachrichten zu Ihrem Anliegen.\nBitte geben Sie den Link nicht weiter:\n{statusUrl}',
  'figures.title': 'Unsere Zahlen',
  'figures.intro':
    'Hier sehen Sie: So schnell bearbeitet die Stadt-Verwaltung Anliegen. Und so gut bearbeitet die Stadt-Verwaltung Anliegen. Die Stadt-Verwaltung hat sich dafür Ziele gesetzt. Die Ziele stehen auch hier.',
  'figures.period': 'Diese Zeit zählt: vom {from} bis zum {to}. Das sind die letzten {days} Tage.',
  'figures.updated': 'Die Zahlen sind vom {time}.',
  'figures.firstResponse': 'Die erste Antwort',
  'figures.firstResponseIntro':
    'So lange dauert es bis zu unserer ersten Antwort. Das hängt davon ab: Wie haben Sie sich bei uns gemeldet? In der Tabelle steht der Median. Median bedeutet: Die Hälfte der Anliegen hat schneller eine Antwort bekommen. Die andere Hälfte hat langsamer eine Antwort bekommen. Wir zählen nur die Zeit, in der wir arbeiten. Abende zählen nicht. Wochen-Enden zählen nicht. Feier-Tage zählen nicht. Ein Arbeits-Tag hat 8 Stunden.',
  'figures.channel': 'So kam das Anliegen zu uns',
  'figures.median':
    'So lange dauert es meistens bis zur ersten Antwort. Wir zählen nur die Arbeits-Zeit. Ein Tag bedeutet: ein Arbeits-Tag mit 8 Stunden.',
  'figures.cases': 'Anzahl der Anliegen',
  'figures.channel.email': 'E-Mail',
  'figures.channel.webform': 'Kontakt-Formular im Internet',
  'figures.channel.phone': 'Telefon',
  'figures.channel.counter': 'Persönlich im Bürger-Büro',
  'figures.withinDay': 'Erste Antwort in 1 Arbeits-Tag oder schneller',
  'figures.resolution': 'Erledigte Anliegen',
  'figures.resolutionIntro':
    'Für jedes Anliegen gibt es eine Frist. Frist bedeutet: Bis dahin soll das Anliegen erledigt sein. Wir zählen diese Anliegen: Anliegen, die erledigt sind. Und Anliegen, bei denen die Frist schon vorbei ist.',
  'figures.resolved': 'Vor dem Ende der Frist erledigt',
  'figures.satisfaction': 'So zufrieden sind die Menschen',
  'figures.satisfactionIntro':
    'Wenn ein Anliegen erledigt ist, fragen wir: Ist Ihr Anliegen gelöst? Und wir bitten um eine Zahl von 1 bis 5. 1 heißt: schlecht. 5 heißt: sehr gut. Niemand muss antworten.',
  'figures.answers': 'So viele Antworten haben wir in dieser Zeit bekommen: {n}',
  'figures.mean': 'Durchschnitt von allen Zahlen',
  'figures.meanValue': '{value} von 5',
  'figures.solved': 'Anliegen gelöst (Antwort: Ja)',
  'figures.baseAnswered': 'So viele Anliegen mit Antwort haben wir gezählt: {n}',
  'figures.baseCases': 'So viele Anliegen haben wir gezählt: {n}',
  'figures.baseAnswers': 'So viele Antworten haben wir gezählt: {n}',
  'figures.targetAtLeast': 'Unser Ziel: mindestens {target}',
  'figures.targetAtMost': 'Unser Ziel: höchstens {target}',
  'figures.noTarget': 'Dafür haben wir kein Ziel.',
  'figures.verdict.met': 'Ziel geschafft',
  'figures.verdict.near': 'Ziel knapp nicht geschafft',
  'figures.verdict.missed': 'Ziel nicht geschafft',
  'figures.tooFew': 'Zu wenige Fälle für eine Zahl. Es sind weniger als {n}.',
  'figures.openDataTitle': 'Offene Daten',
  'figures.openData':
    'Sie können diese Zahlen auch selbst benutzen. Das kostet nichts. Auch Computer können die Zahlen lesen. Hier sind die Zahlen als Datei:',
  'figures.openDataLink': 'Zahlen als JSON-Datei',
  'figures.offTitle': 'Diese Seite gibt es nicht',
  'figures.off': 'Die Stadt-Verwaltung zeigt hier gerade keine Zahlen.',
  'figures.unavailable':
    'Darum können wir Ihnen die Zahlen gerade nicht zeigen. Bitte versuchen Sie es in ein paar Minuten noch einmal.',
  'status.new': 'Angekommen',
  'status.open': 'Wir arbeiten daran',
  'status.waiting_citizen': 'Wir warten auf Ihre Antwort',
  'status.waiting_internal': 'Wir arbeiten daran',
  'status.resolved': 'Erledigt',
  'status.closed': 'Beendet',
};
