import type { Priority, Role } from '@anliegen/shared';

/** Fictional town used throughout the demo data. */
export const TOWN = { name: 'Musterstadt', postcode: '12345', areaCode: '030', mailDomain: 'musterstadt.example' };

export const DEMO_PASSWORD = 'Musterstadt-2026!';

/** Size of the demo data set created on first start. */
export const DEMO_SCALE = { citizens: 300, cases: 450, seed: 2026 };

export const DEMO_TEAMS = [
  { name: 'Bürgerbüro', emailAddress: `buergerbuero@${TOWN.mailDomain}` },
  { name: 'Ordnungsamt', emailAddress: `ordnungsamt@${TOWN.mailDomain}` },
  { name: 'Grünflächenamt', emailAddress: `gruenflaechen@${TOWN.mailDomain}` },
  { name: 'Tiefbauamt', emailAddress: `tiefbau@${TOWN.mailDomain}` },
] as const;
export type DemoTeamName = (typeof DEMO_TEAMS)[number]['name'];

export const DEMO_USERS: { email: string; displayName: string; role: Role; teams: DemoTeamName[] }[] = [
  { email: `admin@${TOWN.mailDomain}`, displayName: 'Petra Vogel', role: 'admin', teams: [] },
  { email: `statistik@${TOWN.mailDomain}`, displayName: 'Dr. Thomas Weber', role: 'supervisor', teams: [] },
  { email: `leitung@${TOWN.mailDomain}`, displayName: 'Sabine Krüger', role: 'team_lead', teams: ['Bürgerbüro'] },
  { email: `m.fischer@${TOWN.mailDomain}`, displayName: 'Markus Fischer', role: 'team_lead', teams: ['Ordnungsamt'] },
  { email: `sachbearbeitung@${TOWN.mailDomain}`, displayName: 'Anna Schmidt', role: 'agent', teams: ['Bürgerbüro'] },
  { email: `j.becker@${TOWN.mailDomain}`, displayName: 'Jonas Becker', role: 'agent', teams: ['Bürgerbüro'] },
  { email: `m.yilmaz@${TOWN.mailDomain}`, displayName: 'Mehmet Yılmaz', role: 'agent', teams: ['Ordnungsamt'] },
  { email: `j.wagner@${TOWN.mailDomain}`, displayName: 'Julia Wagner', role: 'agent', teams: ['Ordnungsamt', 'Bürgerbüro'] },
  { email: `l.hoffmann@${TOWN.mailDomain}`, displayName: 'Lena Hoffmann', role: 'agent', teams: ['Grünflächenamt'] },
  { email: `f.neumann@${TOWN.mailDomain}`, displayName: 'Frank Neumann', role: 'agent', teams: ['Tiefbauamt'] },
];

/**
 * A concern of one topic, told the ways it reaches the town hall: written (mail, web form) in the citizen's words,
 * spoken (call, counter) as the caseworker notes it; the office's answers; and what the citizen says when they come
 * back without being done (a question, a reminder, more details; never a thank-you: those are in THANKS).
 */
export interface DemoConcern {
  subject: string;
  written: string[];
  spoken: string[];
  answers: string[];
  followUps: string[];
}

/** Categories with their default team and case material. */
export const DEMO_CATEGORIES: {
  name: string;
  team: DemoTeamName;
  retentionDays: number;
  concerns: DemoConcern[];
  /** Internal notes as caseworkers write them: short, for colleagues. */
  notes: string[];
}[] = [
  {
    name: 'Personalausweis und Reisepass',
    team: 'Bürgerbüro',
    retentionDays: 365,
    concerns: [
      {
        subject: 'Termin für neuen Personalausweis',
        written: [
          'mein Personalausweis läuft Ende nächsten Monats ab. Wie bekomme ich einen Termin für den neuen Ausweis, und welche Unterlagen brauche ich?',
          'ich brauche einen neuen Personalausweis, online finde ich aber keinen freien Termin in den nächsten vier Wochen. Gibt es eine andere Möglichkeit?',
        ],
        spoken: [
          'Fragt nach einem Termin für einen neuen Personalausweis (alter läuft in sechs Wochen ab). Online keine Termine gefunden.',
        ],
        answers: [
          'für den neuen Personalausweis buchen Sie bitte einen Termin über die Terminvergabe auf musterstadt.example/termine; freitags werden dort um 7:30 Uhr zusätzliche Termine freigeschaltet. Bitte bringen Sie Ihren alten Ausweis und ein aktuelles biometrisches Passfoto mit. Die Gebühr beträgt 37 Euro (ab 24 Jahren).',
        ],
        followUps: [
          'Ich habe für Freitag einen Termin bekommen. Reicht ein Passfoto vom Automaten im Rathaus, oder muss es vom Fotografen sein?',
        ],
      },
      {
        subject: 'Reisepass abholen',
        written: [
          'ich habe die Nachricht bekommen, dass mein Reisepass fertig ist. Kann meine Frau ihn für mich abholen, ich bin beruflich die ganze Woche unterwegs?',
        ],
        spoken: [
          'Möchte wissen, ob der Reisepass schon abholbereit ist (beantragt vor vier Wochen). Abholung durch den Ehemann gewünscht.',
        ],
        answers: [
          'Ihr Reisepass liegt zur Abholung bereit. Eine andere Person kann ihn abholen, wenn sie eine schriftliche Vollmacht von Ihnen, Ihren bisherigen Pass und ihren eigenen Ausweis mitbringt. Die Abholung ist ohne Termin zu den Öffnungszeiten des Bürgerbüros möglich.',
        ],
        followUps: ['Muss die Vollmacht ein bestimmtes Formular sein, oder reicht ein formloses Schreiben mit Unterschrift?'],
      },
      {
        subject: 'Express-Reisepass für Urlaubsreise',
        written: [
          'wir fliegen in drei Wochen in die Türkei und haben gerade gemerkt, dass der Kinderreisepass unserer Tochter abgelaufen ist. Was können wir jetzt noch tun?',
        ],
        spoken: ['Urlaub in drei Wochen, Kinderreisepass der Tochter (8) abgelaufen. Fragt nach Express-Reisepass und Kosten.'],
        answers: [
          'Kinderreisepässe werden seit 2024 nicht mehr ausgestellt. Für Ihre Tochter können Sie einen Reisepass im Expressverfahren beantragen; er liegt nach etwa vier Werktagen vor. Bitte kommen Sie mit Ihrer Tochter, einem biometrischen Foto, der Geburtsurkunde und den Ausweisen beider Sorgeberechtigten (oder der Zustimmung des anderen Elternteils). Die Gebühr beträgt 69,50 Euro.',
        ],
        followUps: [
          'Der andere Elternteil kann nicht mitkommen. Reicht eine unterschriebene Einverständniserklärung mit Kopie seines Ausweises?',
        ],
      },
      {
        subject: 'Personalausweis verloren',
        written: [
          'ich habe am Wochenende meinen Personalausweis verloren, vermutlich im Bus. Was muss ich jetzt tun? Muss ich die Online-Ausweisfunktion sperren lassen?',
        ],
        spoken: [
          'Verlust des Personalausweises gemeldet (seit Samstag). Hinweis auf Sperrhotline gegeben, Verlustanzeige aufgenommen.',
        ],
        answers: [
          'bitte lassen Sie die Online-Ausweisfunktion über die Sperrhotline 116 116 sperren, falls sie eingeschaltet war. Den Verlust zeigen Sie bei uns an, wenn Sie den neuen Ausweis beantragen; bringen Sie dazu ein biometrisches Foto mit. Bis zur Ausgabe können wir Ihnen einen vorläufigen Personalausweis ausstellen (10 Euro).',
        ],
        followUps: [
          'Der Ausweis ist leider nicht wieder aufgetaucht. Kann ich den vorläufigen Ausweis und den neuen im selben Termin beantragen?',
        ],
      },
    ],
    notes: [
      'Termin für Donnerstag, 9:20 Uhr, im System eingetragen.',
      'Vollmacht liegt vor, Pass kann ausgegeben werden.',
      'Antrag an die Bundesdruckerei übermittelt, Expressverfahren.',
      'Verlustanzeige aufgenommen, alte Ausweisnummer gesperrt.',
    ],
  },
  {
    name: 'Meldewesen',
    team: 'Bürgerbüro',
    retentionDays: 730,
    concerns: [
      {
        subject: 'Anmeldung nach Umzug',
        written: [
          'ich bin zum Monatsanfang nach Musterstadt gezogen und möchte mich anmelden. Mein Vermieter hat mir die Wohnungsgeberbestätigung noch nicht gegeben. Kann ich trotzdem schon einen Termin machen?',
          'wir sind vor einer Woche mit der ganzen Familie zugezogen. Müssen alle vier zur Anmeldung kommen, oder reicht es, wenn ich die Kinder mit anmelde?',
        ],
        spoken: ['Zugezogen zum 1., möchte sich anmelden. Wohnungsgeberbestätigung fehlt noch, Vermieter schwer erreichbar.'],
        answers: [
          'für die Anmeldung brauchen wir Ihren Ausweis und die Wohnungsgeberbestätigung Ihres Vermieters. Sie können den Termin schon jetzt buchen; die Bestätigung muss zum Termin vorliegen. Die Anmeldung ist innerhalb von zwei Wochen nach dem Einzug fällig.',
          'eine Person kann die ganze Familie anmelden, wenn sie die Ausweise bzw. Geburtsurkunden aller Familienmitglieder und die Wohnungsgeberbestätigung mitbringt. Für die anderen Erwachsenen brauchen wir außerdem eine Vollmacht.',
        ],
        followUps: [
          'Mein Vermieter reagiert nicht auf meine Anfrage nach der Bestätigung, und die zwei Wochen sind bald um. Was kann ich tun?',
        ],
      },
      {
        subject: 'Meldebescheinigung benötigt',
        written: [
          'für meinen neuen Arbeitgeber brauche ich eine erweiterte Meldebescheinigung. Kann ich sie online beantragen und per Post bekommen?',
        ],
        spoken: ['Benötigt Meldebescheinigung für den Arbeitgeber, fragt nach Versand per Post und Kosten.'],
        answers: [
          'die Meldebescheinigung können Sie über das Serviceportal beantragen; wir schicken sie Ihnen innerhalb weniger Tage per Post. Die Gebühr von 10 Euro bezahlen Sie online. Eine erweiterte Meldebescheinigung enthält zusätzlich frühere Anschriften.',
        ],
        followUps: [
          'Die Bescheinigung ist noch nicht angekommen, mein Arbeitgeber braucht sie bis Freitag. Können Sie nachsehen, ob sie verschickt wurde?',
        ],
      },
      {
        subject: 'Ummeldung innerhalb der Stadt',
        written: [
          'wir sind innerhalb von Musterstadt in die Goethestraße umgezogen. Reicht es, wenn einer von uns zur Ummeldung kommt? Und wird die Adresse im Fahrzeugschein gleich mit geändert?',
        ],
        spoken: [
          'Umzug innerhalb der Stadt, fragt, ob der Partner mit umgemeldet werden kann und ob die Fahrzeugpapiere geändert werden.',
        ],
        answers: [
          'ja, eine Person kann alle Mitglieder des Haushalts ummelden, mit deren Ausweisen und der Wohnungsgeberbestätigung. Die Anschrift im Fahrzeugschein ändern wir bei der Ummeldung gleich mit; bringen Sie dazu bitte die Zulassungsbescheinigung Teil I mit.',
        ],
        followUps: ['Muss ich für die Änderung im Fahrzeugschein zusätzlich etwas bezahlen?'],
      },
      {
        subject: 'Abmeldung ins Ausland',
        written: [
          'ich ziehe zum nächsten Monat beruflich nach Wien. Muss ich mich persönlich abmelden, oder geht das auch schriftlich?',
        ],
        spoken: ['Zieht nach Österreich, fragt nach Abmeldung und ob das schriftlich geht.'],
        answers: [
          'die Abmeldung ins Ausland ist frühestens eine Woche vor dem Auszug möglich, persönlich, online über das Serviceportal oder schriftlich mit dem Abmeldeformular und einer Kopie Ihres Ausweises. Die Abmeldebescheinigung schicken wir Ihnen zu.',
        ],
        followUps: ['Ich habe das Formular vor zwei Wochen geschickt. Ist die Abmeldung schon bearbeitet?'],
      },
    ],
    notes: [
      'Wohnungsgeberbestätigung nachgereicht, Anmeldung erfasst.',
      'Bescheinigung heute per Post raus.',
      'Abmeldeformular unvollständig, Unterschrift fehlt.',
      'Rückruf versucht, nicht erreicht. Morgen noch einmal.',
    ],
  },
  {
    name: 'Parken und Verkehr',
    team: 'Ordnungsamt',
    retentionDays: 365,
    concerns: [
      {
        subject: 'Dauerparker in der Feuerwehrzufahrt',
        written: [
          'seit mehr als einer Woche steht ein weißer Transporter in der Feuerwehrzufahrt vor unserem Haus in der Lindenstraße. Im Notfall kommt hier kein Rettungswagen durch. Bitte kümmern Sie sich darum.',
        ],
        spoken: ['Meldet Transporter, der seit über einer Woche in der Feuerwehrzufahrt Lindenstraße 14 parkt.'],
        answers: [
          'danke für Ihre Meldung. Der Außendienst des Ordnungsamts kontrolliert die Zufahrt in den nächsten Tagen und veranlasst, wenn nötig, das Abschleppen.',
        ],
        followUps: ['Der Transporter steht immer noch dort, heute Morgen musste die Müllabfuhr zurücksetzen.'],
      },
      {
        subject: 'Bewohnerparkausweis beantragen',
        written: [
          'ich möchte einen Bewohnerparkausweis für die Zone B beantragen. Das Auto ist auf meinen Arbeitgeber zugelassen, ich nutze es aber auch privat. Geht das trotzdem?',
        ],
        spoken: ['Fragt nach Bewohnerparkausweis Zone B, Firmenwagen mit privater Nutzung.'],
        answers: [
          'für einen Firmenwagen erhalten Sie einen Bewohnerparkausweis, wenn Sie uns eine Bescheinigung Ihres Arbeitgebers über die private Nutzung vorlegen. Bitte schicken Sie uns außerdem eine Kopie der Zulassungsbescheinigung Teil I. Der Ausweis kostet 30 Euro im Jahr.',
        ],
        followUps: ['Die Bescheinigung meines Arbeitgebers habe ich jetzt. Kann ich sie Ihnen einfach per Mail schicken?'],
      },
      {
        subject: 'Widerspruch gegen Verwarnungsgeld',
        written: [
          'ich habe ein Verwarnungsgeld über 25 Euro erhalten, weil mein Parkschein angeblich abgelaufen war. Der Parkschein lag aber gut sichtbar im Auto und war noch 20 Minuten gültig. Ich bitte um Prüfung.',
        ],
        spoken: [
          'Widerspricht mündlich einem Verwarnungsgeld (Parkschein angeblich abgelaufen). Hinweis auf schriftliche Anhörung gegeben.',
        ],
        answers: [
          'wir haben Ihren Einwand erhalten und prüfen den Vorgang mit den Angaben der Politesse. Bitte schicken Sie uns, falls vorhanden, ein Foto des Parkscheins. Bis zur Entscheidung müssen Sie das Verwarnungsgeld nicht bezahlen.',
        ],
        followUps: [
          'Ich habe noch ein Foto vom Parkschein gefunden. Soll ich es Ihnen schicken, oder haben Sie schon entschieden?',
        ],
      },
      {
        subject: 'Abgemeldetes Fahrzeug am Straßenrand',
        written: [
          'in der Birkenallee steht seit über einem Monat ein Auto ohne Kennzeichen, inzwischen ist ein Reifen platt. Können Sie es entfernen lassen?',
        ],
        spoken: ['Meldet abgemeldetes Fahrzeug ohne Kennzeichen in der Birkenallee, seit etwa einem Monat.'],
        answers: [
          'danke für den Hinweis. Wir bringen am Fahrzeug eine Aufforderung zur Entfernung an. Wird es innerhalb der Frist nicht entfernt, lassen wir es abschleppen.',
        ],
        followUps: ['Am Auto klebt jetzt ein roter Aufkleber, aber es steht immer noch da. Wie lange ist die Frist?'],
      },
    ],
    notes: [
      'Außendienst beauftragt, Kontrolle Dienstag früh.',
      'Halterabfrage beim KBA gestellt.',
      'Foto des Parkscheins liegt vor, Verfahren eingestellt.',
      'Aufkleber angebracht, Frist bis übernächsten Montag.',
    ],
  },
  {
    name: 'Lärm und Ruhestörung',
    team: 'Ordnungsamt',
    retentionDays: 365,
    concerns: [
      {
        subject: 'Nächtlicher Lärm aus Gaststätte',
        written: [
          'die Gaststätte am Marktplatz hat seit einigen Wochen bis 2 Uhr nachts die Türen offen und laute Musik. Wir wohnen direkt darüber und können nicht schlafen. Gibt es keine Sperrstunde?',
        ],
        spoken: ['Beschwerde über laute Musik aus der Gaststätte am Marktplatz bis 2 Uhr, mehrere Nächte pro Woche.'],
        answers: [
          'danke für Ihre Beschwerde. Wir haben die Gaststätte angeschrieben und an die Einhaltung der Nachtruhe ab 22 Uhr erinnert. Der Außendienst wird an den nächsten Wochenenden kontrollieren. Bitte notieren Sie weitere Störungen mit Datum und Uhrzeit.',
        ],
        followUps: [
          'Letztes Wochenende war es wieder bis halb drei laut. Ich habe die Zeiten aufgeschrieben, soll ich Ihnen die Liste schicken?',
        ],
      },
      {
        subject: 'Baulärm am Sonntag',
        written: [
          'auf der Baustelle gegenüber wird heute, am Sonntag, seit 7 Uhr mit einem Bagger gearbeitet. Ist das überhaupt erlaubt?',
        ],
        spoken: ['Meldet Bauarbeiten mit Bagger am Sonntag auf der Baustelle Schillerstraße.'],
        answers: [
          'Bauarbeiten an Sonn- und Feiertagen sind nur mit Ausnahmegenehmigung erlaubt, und für diese Baustelle liegt keine vor. Wir haben den Bauherrn angehört und ein Bußgeldverfahren eingeleitet.',
        ],
        followUps: ['Heute wird schon wieder gearbeitet, diesmal ab 6:30 Uhr.'],
      },
      {
        subject: 'Laubbläser in der Mittagsruhe',
        written: [
          'mein Nachbar benutzt jeden Tag zwischen 13 und 15 Uhr einen benzinbetriebenen Laubbläser. Gibt es in Musterstadt eine Mittagsruhe?',
        ],
        spoken: ['Fragt nach Regeln zur Mittagsruhe, Nachbar nutzt täglich mittags einen Laubbläser.'],
        answers: [
          'Laubbläser und Laubsauger mit Verbrennungsmotor dürfen an Werktagen nur von 9 bis 13 Uhr und von 15 bis 17 Uhr betrieben werden. Wir weisen Ihren Nachbarn schriftlich darauf hin.',
        ],
        followUps: ['Das Schreiben hat leider nichts geändert. Was kann ich jetzt noch tun?'],
      },
    ],
    notes: [
      'Gaststätte angeschrieben, Kontrolle Freitagnacht eingeplant.',
      'Anhörungsbogen an Bauherrn verschickt.',
      'Kein Verstoß festgestellt, Beschwerdeführer informiert.',
      'Lärmprotokoll liegt vor, an Gewerbeaufsicht weitergegeben.',
    ],
  },
  {
    name: 'Bäume und Grünanlagen',
    team: 'Grünflächenamt',
    retentionDays: 365,
    concerns: [
      {
        subject: 'Abgebrochener Ast im Stadtpark',
        written: [
          'nach dem Sturm gestern hängt im Stadtpark am Weg zum Teich ein großer abgebrochener Ast über dem Weg. Dort laufen jeden Tag Kinder zur Schule. Bitte sehen Sie sich das schnell an.',
        ],
        spoken: ['Meldet abgebrochenen Ast über dem Hauptweg im Stadtpark (Höhe Teich), Schulweg.'],
        answers: [
          'danke für Ihre Meldung. Die Baumkontrolle hat den Bereich abgesperrt; der Ast wird in den nächsten Tagen entfernt.',
        ],
        followUps: ['Die Absperrung ist umgefallen, und der Ast hängt immer noch. Kommt heute noch jemand?'],
      },
      {
        subject: 'Defekte Schaukel auf dem Spielplatz',
        written: [
          'auf dem Spielplatz an der Schulstraße ist an der großen Schaukel eine Kette gerissen. Die Schaukel hängt schief, und die Kinder spielen trotzdem darauf.',
        ],
        spoken: ['Meldet gerissene Kette an der Schaukel, Spielplatz Schulstraße.'],
        answers: [
          'danke für den Hinweis. Die Schaukel ist gesperrt; die Ersatzkette ist bestellt und wird nächste Woche montiert.',
        ],
        followUps: ['Die Schaukel ist immer noch nicht repariert. Wissen Sie schon, wann die Kette kommt?'],
      },
      {
        subject: 'Hecke ragt in den Gehweg',
        written: [
          'die Hecke am Friedhofsweg wächst inzwischen so weit über den Gehweg, dass man mit Kinderwagen oder Rollator auf die Straße ausweichen muss. Wer ist dafür zuständig?',
        ],
        spoken: ['Hecke am Friedhofsweg ragt weit in den Gehweg, Rollator kommt nicht vorbei.'],
        answers: [
          'die Hecke gehört zu einem privaten Grundstück. Wir haben die Eigentümer aufgefordert, sie bis Ende des Monats zurückzuschneiden, und kontrollieren das danach.',
        ],
        followUps: ['Die Frist ist vorbei und es wurde nichts geschnitten.'],
      },
      {
        subject: 'Müll in der Grünanlage am Teich',
        written: [
          'in der Grünanlage am Teich liegt seit dem Wochenende sehr viel Müll, die Mülleimer quellen über. Könnten sie öfter geleert werden?',
        ],
        spoken: ['Meldet überquellende Mülleimer und Müll in der Grünanlage am Teich.'],
        answers: [
          'danke für Ihre Nachricht. Die Kolonne räumt die Anlage morgen auf. In den Sommermonaten leeren wir die Eimer dort ab sofort zweimal pro Woche.',
        ],
        followUps: ['Seit der Leerung sieht es schon wieder genauso aus. Könnten dort größere Behälter aufgestellt werden?'],
      },
    ],
    notes: [
      'Baumkontrolleur vor Ort gewesen, Bereich abgesperrt.',
      'Ersatzteil bestellt, Lieferung KW 23.',
      'Eigentümer ermittelt, Anschreiben raus.',
      'Kolonne Nord informiert, Termin Mittwoch.',
    ],
  },
  {
    name: 'Straßen und Beleuchtung',
    team: 'Tiefbauamt',
    retentionDays: 365,
    concerns: [
      {
        subject: 'Schlagloch in der Hauptstraße',
        written: [
          'in der Hauptstraße auf Höhe der Hausnummer 40 ist ein tiefes Schlagloch, etwa so groß wie ein Kanaldeckel. Radfahrer müssen auf die Gegenfahrbahn ausweichen.',
        ],
        spoken: ['Meldet tiefes Schlagloch Hauptstraße Höhe Nr. 40, Radfahrer weichen auf die Gegenfahrbahn aus.'],
        answers: ['danke für die Meldung. Die Stelle ist gesichert und wird in der kommenden Woche ausgebessert.'],
        followUps: ['Das Schlagloch ist nach dem Regen noch größer geworden. Wann wird es repariert?'],
      },
      {
        subject: 'Straßenlaterne defekt',
        written: [
          'die Straßenlaterne vor dem Haus Am Mühlbach 7 ist seit über einer Woche aus. Abends ist der Weg zur Bushaltestelle jetzt komplett dunkel.',
        ],
        spoken: ['Laterne Am Mühlbach 7 seit über einer Woche aus, Weg zur Bushaltestelle dunkel.'],
        answers: [
          'danke für den Hinweis. Wir haben die Reparatur bei den Stadtwerken beauftragt; defekte Leuchten werden in der Regel innerhalb von zehn Werktagen repariert.',
        ],
        followUps: ['Die Laterne ist immer noch aus. Haben die Stadtwerke den Auftrag bekommen?'],
      },
      {
        subject: 'Lose Gehwegplatten',
        written: [
          'vor der Bäckerei in der Bahnhofstraße sind mehrere Gehwegplatten lose und stehen hoch. Meine Mutter ist dort gestern fast gestürzt.',
        ],
        spoken: ['Lose Gehwegplatten vor der Bäckerei Bahnhofstraße, Stolpergefahr.'],
        answers: ['danke für Ihre Meldung. Der Bauhof hat die Stelle markiert und setzt die Platten in den nächsten Tagen neu.'],
        followUps: ['Die Markierung ist da, aber die Platten liegen immer noch lose. Wann kommt der Bauhof?'],
      },
      {
        subject: 'Gully verstopft',
        written: [
          'an der Kreuzung Gartenweg/Rosenweg steht nach jedem Regen das Wasser knöcheltief, der Gully scheint verstopft zu sein.',
        ],
        spoken: ['Gully Kreuzung Gartenweg/Rosenweg verstopft, nach Regen steht Wasser.'],
        answers: ['danke für den Hinweis. Der Gully wird diese Woche von der Stadtentwässerung gereinigt.'],
        followUps: ['Nach dem Regen gestern stand das Wasser wieder auf der Kreuzung.'],
      },
    ],
    notes: [
      'Auftrag an Bauhof, Kolonne 2.',
      'Störung bei den Stadtwerken gemeldet, Auftragsnummer im Anhang der Mail.',
      'Vor Ort geprüft: Absicherung ausreichend, Reparatur eingeplant.',
      'Stadtentwässerung beauftragt.',
    ],
  },
];

/** Later replies of a citizen whose concern was dealt with: never the first message of a case. */
export const THANKS = [
  'Vielen Dank, das hat geklappt!',
  'Danke für die schnelle Hilfe, das hat sich damit erledigt.',
  'Vielen Dank für Ihre Antwort, damit ist mir geholfen.',
  'Danke schön, inzwischen ist alles erledigt.',
];

/** Every answer of the material: what the benchmark's load and its comparison peer reply with. */
export const AGENT_REPLIES = DEMO_CATEGORIES.flatMap((category) => category.concerns.flatMap((concern) => concern.answers));

/** Every later message of a citizen in the material (questions, reminders, thanks). */
export const FOLLOW_UPS = [
  ...DEMO_CATEGORIES.flatMap((category) => category.concerns.flatMap((concern) => concern.followUps)),
  ...THANKS,
];

/** The office's later answers, when the citizen asks again. */
export const LATER_ANSWERS = [
  'danke für Ihre Nachricht. Ihr Anliegen ist in Bearbeitung; wir melden uns, sobald es Neues gibt.',
  'der Auftrag ist erteilt, die Erledigung ist für die kommende Woche eingeplant. Wir geben Ihnen Bescheid, wenn sie erledigt ist.',
  'wir haben beim zuständigen Fachbereich nachgefragt und melden uns bis Ende der Woche bei Ihnen.',
  'ja, so können Sie es machen. Schicken Sie uns die Unterlagen gern als Antwort auf diese Nachricht.',
  'danke für den Hinweis, wir haben ihn an die Kolleginnen und Kollegen im Außendienst weitergegeben.',
];

/** The office asks back and then waits for the citizen (status "Wartet auf Rückmeldung"). */
export const QUESTIONS_BACK = [
  'damit wir weitermachen können, schicken Sie uns bitte noch eine Kopie Ihres Ausweises.',
  'können Sie uns die Stelle noch genauer beschreiben, zum Beispiel mit der nächsten Hausnummer oder einem Foto?',
  'bitte teilen Sie uns noch mit, an welchen Tagen und zu welchen Uhrzeiten das vorkommt.',
];

/** A caseworker's notes of a call they made themselves. */
export const CALLS_BACK = [
  'Rückruf: Sachstand erklärt, ist einverstanden.',
  'Rückruf: Unterlagen besprochen, schickt sie per Post.',
  'Rückruf: Termin vereinbart.',
];

/** Notes when a case waits for another office. */
export const WAITING_NOTES = [
  'Rückfrage an den Fachbereich gestellt, Antwort steht aus.',
  'Warten auf Stellungnahme der Stadtwerke.',
];

export const GIVEN_NAMES = [
  'Maria',
  'Ursula',
  'Monika',
  'Petra',
  'Elisabeth',
  'Sabine',
  'Renate',
  'Helga',
  'Karin',
  'Brigitte',
  'Ingrid',
  'Erika',
  'Andrea',
  'Gisela',
  'Claudia',
  'Susanne',
  'Gabriele',
  'Christa',
  'Christine',
  'Hannelore',
  'Michael',
  'Thomas',
  'Andreas',
  'Peter',
  'Wolfgang',
  'Klaus',
  'Jürgen',
  'Stefan',
  'Hans',
  'Uwe',
  'Lukas',
  'Leon',
  'Finn',
  'Jonas',
  'Elias',
  'Noah',
  'Paul',
  'Ben',
  'Emil',
  'Felix',
  'Emma',
  'Mia',
  'Hannah',
  'Sophie',
  'Lea',
  'Lena',
  'Marie',
  'Lina',
  'Jana',
  'Zoé',
  'Ayşe',
  'Fatma',
  'Mehmet',
  'Ali',
  'Olga',
  'Dmitri',
  'Agnieszka',
  'Piotr',
  'Giulia',
  'Luca',
];

export const FAMILY_NAMES = [
  'Müller',
  'Schmidt',
  'Schneider',
  'Fischer',
  'Weber',
  'Meyer',
  'Wagner',
  'Becker',
  'Schulz',
  'Hoffmann',
  'Schäfer',
  'Koch',
  'Bauer',
  'Richter',
  'Klein',
  'Wolf',
  'Schröder',
  'Neumann',
  'Schwarz',
  'Zimmermann',
  'Braun',
  'Krüger',
  'Hofmann',
  'Hartmann',
  'Lange',
  'Schmitt',
  'Werner',
  'Schmitz',
  'Krause',
  'Meier',
  'Lehmann',
  'Schmid',
  'Schulze',
  'Maier',
  'Köhler',
  'Herrmann',
  'König',
  'Walter',
  'Mayer',
  'Huber',
  'Kaiser',
  'Fuchs',
  'Peters',
  'Lang',
  'Scholz',
  'Möller',
  'Weiß',
  'Jung',
  'Hahn',
  'Vogel',
  'Yılmaz',
  'Kaya',
  'Demir',
  'Nowak',
  'Kowalski',
  'Ivanov',
  'Rossi',
  'Öztürk',
  'Groß',
  'Strauß',
];

export const STREETS = [
  'Hauptstraße',
  'Schulstraße',
  'Gartenweg',
  'Bahnhofstraße',
  'Lindenstraße',
  'Am Mühlbach',
  'Kirchplatz',
  'Friedhofsweg',
  'Marktplatz',
  'Rosenweg',
  'Goethestraße',
  'Schillerstraße',
  'Birkenallee',
  'Talstraße',
];

export const COUNTER_LOCATIONS = ['Rathaus, Bürgerbüro Erdgeschoss', 'Bürgeramt Nord', 'Technisches Rathaus'];

/** The demo town's service levels per priority, in business minutes (first response, resolution). */
export const DEMO_SLA: Record<Priority, { firstResponse: number; resolution: number }> = {
  urgent: { firstResponse: 60, resolution: 8 * 60 },
  high: { firstResponse: 4 * 60, resolution: 3 * 8 * 60 },
  normal: { firstResponse: 8 * 60, resolution: 5 * 8 * 60 },
  low: { firstResponse: 2 * 8 * 60, resolution: 10 * 8 * 60 },
};

/**
 * A service level for one topic and priority, more specific than the priority's alone (the most specific policy
 * applies): an urgent-ish concern about trees (a branch about to fall) is looked at within two business hours and
 * dealt with within one business day.
 */
export const DEMO_TOPIC_SLA = {
  category: 'Bäume und Grünanlagen',
  priority: 'high' as Priority,
  firstResponse: 2 * 60,
  resolution: 8 * 60,
};

/** Mail domains of the demo's citizens (example.com is left to the end-to-end tests' own senders). */
export const CITIZEN_MAIL_DOMAINS = ['example.org', 'example.net'] as const;

/** The town's phone area code and the mobile prefixes people have, with how many digits follow them. */
export const PHONE_PREFIXES: readonly (readonly [prefix: string, digits: number])[] = [
  ['151', 8],
  ['152', 8],
  ['157', 8],
  ['160', 7],
  ['162', 7],
  ['170', 7],
  ['171', 7],
  ['172', 7],
  ['175', 7],
  ['176', 8],
  ['177', 8],
  ['179', 7],
];
