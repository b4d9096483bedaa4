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

/** Categories with their default team and case material: subjects and what citizens write about them. */
export const DEMO_CATEGORIES: {
  name: string;
  team: DemoTeamName;
  retentionDays: number;
  subjects: string[];
  messages: string[];
}[] = [
  {
    name: 'Personalausweis und Reisepass',
    team: 'Bürgerbüro',
    retentionDays: 365,
    subjects: [
      'Termin für neuen Personalausweis',
      'Reisepass abholen',
      'Express-Reisepass für Urlaubsreise',
      'Personalausweis verloren',
    ],
    messages: [
      'Guten Tag, mein Personalausweis läuft im nächsten Monat ab. Wann kann ich einen Termin bekommen?',
      'Ich habe die Benachrichtigung erhalten, dass mein Reisepass fertig ist. Muss ich persönlich kommen?',
      'Wir fliegen in drei Wochen in den Urlaub und der Pass meiner Tochter ist abgelaufen. Was ist möglich?',
      'Ich habe meinen Ausweis gestern verloren. Was muss ich jetzt tun und welche Unterlagen brauche ich?',
    ],
  },
  {
    name: 'Meldewesen',
    team: 'Bürgerbüro',
    retentionDays: 730,
    subjects: ['Anmeldung nach Umzug', 'Meldebescheinigung benötigt', 'Ummeldung innerhalb der Stadt', 'Abmeldung ins Ausland'],
    messages: [
      'Ich bin letzte Woche nach Musterstadt gezogen und möchte mich anmelden. Brauche ich die Wohnungsgeberbestätigung?',
      'Für meinen Arbeitgeber brauche ich eine Meldebescheinigung. Kann ich sie auch per Post bekommen?',
      'Wir sind innerhalb der Stadt umgezogen. Reicht es, wenn einer von uns zur Ummeldung kommt?',
      'Ich ziehe nächsten Monat nach Österreich. Wie funktioniert die Abmeldung?',
    ],
  },
  {
    name: 'Parken und Verkehr',
    team: 'Ordnungsamt',
    retentionDays: 365,
    subjects: [
      'Dauerparker in der Feuerwehrzufahrt',
      'Bewohnerparkausweis beantragen',
      'Verwarnungsgeld – Widerspruch',
      'Abgemeldetes Fahrzeug am Straßenrand',
    ],
    messages: [
      'Seit Tagen parkt ein Transporter in der Feuerwehrzufahrt vor unserem Haus. Bitte schicken Sie jemanden vorbei.',
      'Ich möchte einen Bewohnerparkausweis für die Zone B beantragen. Welche Unterlagen werden benötigt?',
      'Ich habe ein Verwarnungsgeld erhalten, obwohl mein Parkschein gut sichtbar im Auto lag. Foto anbei.',
      'In der Lindenstraße steht seit Wochen ein Auto ohne Kennzeichen. Können Sie es entfernen lassen?',
    ],
  },
  {
    name: 'Lärm und Ruhestörung',
    team: 'Ordnungsamt',
    retentionDays: 365,
    subjects: ['Nächtlicher Lärm aus Gaststätte', 'Baulärm am Sonntag', 'Laubbläser in der Mittagsruhe'],
    messages: [
      'Die Gaststätte am Marktplatz hat jede Nacht bis 2 Uhr laute Musik. Wir können nicht schlafen.',
      'Auf der Baustelle gegenüber wird heute, Sonntag, seit 7 Uhr gearbeitet. Ist das erlaubt?',
      'Mein Nachbar benutzt jeden Mittag einen Laubbläser. Gibt es in Musterstadt eine Mittagsruhe?',
    ],
  },
  {
    name: 'Bäume und Grünanlagen',
    team: 'Grünflächenamt',
    retentionDays: 365,
    subjects: [
      'Umsturzgefahr: Baum im Stadtpark',
      'Spielplatz – defekte Schaukel',
      'Überwucherter Gehweg',
      'Müll in der Grünanlage',
    ],
    messages: [
      'Nach dem Sturm hängt im Stadtpark ein großer Ast über dem Weg. Das ist gefährlich für Kinder.',
      'Auf dem Spielplatz an der Schulstraße ist die Kette einer Schaukel gerissen.',
      'Die Hecke am Friedhofsweg wächst so weit auf den Gehweg, dass man mit dem Kinderwagen nicht vorbeikommt.',
      'Am Teich in der Grünanlage liegt seit dem Wochenende sehr viel Müll.',
    ],
  },
  {
    name: 'Straßen und Beleuchtung',
    team: 'Tiefbauamt',
    retentionDays: 365,
    subjects: ['Schlagloch in der Hauptstraße', 'Straßenlaterne defekt', 'Gehwegplatten lose', 'Gully verstopft'],
    messages: [
      'In der Hauptstraße Höhe Hausnummer 40 ist ein tiefes Schlagloch, Radfahrer müssen ausweichen.',
      'Die Straßenlaterne vor dem Haus Am Mühlbach 7 ist seit einer Woche aus.',
      'Vor der Bäckerei in der Bahnhofstraße sind mehrere Gehwegplatten lose. Ich bin fast gestolpert.',
      'Nach jedem Regen steht das Wasser an der Kreuzung Gartenweg, der Gully scheint verstopft.',
    ],
  },
];

export const AGENT_REPLIES = [
  'Vielen Dank für Ihre Nachricht. Wir kümmern uns darum und melden uns in den nächsten Tagen.',
  'Guten Tag, wir haben Ihr Anliegen an die zuständige Stelle weitergegeben. Sie erhalten eine Rückmeldung.',
  'Vielen Dank für den Hinweis. Ein Kollege sieht sich die Stelle diese Woche an.',
  'Bitte bringen Sie zum Termin Ihren alten Ausweis und ein biometrisches Foto mit.',
  'Ihr Anliegen ist erledigt. Bei Rückfragen antworten Sie einfach auf diese Nachricht.',
];

export const INTERNAL_NOTES = [
  'Rückruf vereinbart, Bürgerin wartet auf Termin.',
  'Bauhof informiert, Auftrag angelegt.',
  'Vor-Ort-Kontrolle für Donnerstag eingeplant.',
  'Rückfrage an Fachbereich gestellt.',
];

export const FOLLOW_UPS = [
  'Ich wollte nachfragen, ob es schon etwas Neues gibt. Ich hatte mich bereits gemeldet.',
  'Das Problem besteht leider immer noch. Können Sie bitte noch einmal nachsehen?',
  'Vielen Dank, das hat geklappt!',
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
