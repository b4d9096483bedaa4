import {
  addressKey,
  berlinIsoDay,
  berlinParts,
  type CaseStatus,
  type Channel,
  citizenDisplayName,
  citizenNameKey,
  fillPlaceholders,
  followUpStart,
  type Priority,
  shortenAtWord,
  type TagColor,
  tagKey,
} from '@anliegen/shared';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { parseMail } from '../channels/email/parse-mail.js';
import type { DB } from '../db/database.js';
import { sanitizeMailHtml } from '../modules/cases/sanitize-mail-html.js';
import { storeAttachment } from '../storage/attachment-store.js';
import { DEMO_TEAMS, TOWN } from './demo-data.js';
import { branchPhoto, pdf, potholePhoto, textFile } from './demo-files.js';
import { answerText, caseFacts, writtenText } from './generator.js';
import { Random } from './random.js';
import { type Moment, nextMoment } from './times.js';

/**
 * The demo's showcase: a few hand-written cases among the generated ones, so that every feature has an example a
 * visitor finds (README "What you can try"): mails in HTML with an inline photo and attachments (PDF, PNG, text),
 * replies that quote the office's answer, a citizen who wrote, then called, then came to the counter, a message
 * forwarded to another office and its answer, merged duplicate cases, merged and still-to-merge citizen records,
 * linked cases, curated and free tags, a follow-up date, a case waiting for the citizen, an overdue one, canned
 * responses, routing rules and saved views. Knowledge articles and feedback do not exist yet; add theirs here
 * when they do.
 *
 * Everything is planned from the seed and `now` first (showcaseMoments: when the cases were opened, so the generator
 * gives them references in creation order), then written in the generator's transaction (addShowcase).
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

type Staff = 'sachbearbeitung' | 'j.becker' | 'm.yilmaz' | 'j.wagner' | 'l.hoffmann' | 'f.neumann' | 'leitung';
const staffEmail = (staff: Staff) => `${staff}@${TOWN.mailDomain}`;

interface Person {
  key: string;
  given: string;
  family: string;
  birthDate: string | null;
  email?: string;
  phone?: { display: string; e164: string };
  address?: string;
  unverified?: boolean;
  /** Merged into this person (the record stays as a redirect; its contacts and cases moved). */
  mergedInto?: string;
}

interface File {
  filename: string;
  contentType: string;
  content: () => Buffer;
  cid?: string;
}

/** A mail as a mail program sends it: composed, then read the way ingest reads mail. */
interface Mail {
  from: string;
  fromName: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  files?: File[];
  /** Another office's answer to a forward (not the citizen's). */
  external?: boolean;
}

interface Message {
  channel: Channel;
  direction: 'inbound' | 'outbound' | 'internal';
  at: number;
  by?: Staff;
  /** What is stored as the text (a mail's text comes from the mail). */
  text?: string;
  subject?: string;
  duration?: number;
  metadata?: Record<string, unknown>;
  mail?: Mail;
  files?: File[];
  /** This message forwards the case's message with this index. */
  forwards?: number;
}

interface StoryCase {
  key: string;
  person: string;
  category: string;
  priority: Priority;
  status: CaseStatus;
  assignee: Staff | null;
  subject: string;
  messages: Message[];
  resolvedAt?: number;
  closedAt?: number;
  followUpDay?: string;
  tags?: string[];
  /** Merged into that case: closed, its messages moved there. */
  mergedInto?: string;
  mergedAt?: number;
}

/** Curated tags (the admins' list; not "Eilt", which an end-to-end test creates) and free ones typed by agents. */
const CURATED_TAGS: [string, TagColor][] = [
  ['Gefahrenstelle', 'red'],
  ['Unterlagen fehlen', 'orange'],
  ['Wiederholt gemeldet', 'blue'],
  ['Vor-Ort-Termin', 'teal'],
  ['Beschwerde', 'violet'],
];

const CANNED = [
  {
    team: 'Bürgerbüro',
    title: 'Anmeldung: benötigte Unterlagen',
    body: 'Guten Tag {{citizen.name}},\n\nfür die Anmeldung brauchen wir Ihren Personalausweis oder Reisepass und die Wohnungsgeberbestätigung Ihres Vermieters. Termine buchen Sie unter musterstadt.example/termine; die Anmeldung ist innerhalb von zwei Wochen nach dem Einzug fällig.\n\nMit freundlichen Grüßen\n{{agent.name}}',
  },
  {
    team: null,
    title: 'Zwischenbescheid',
    body: 'Guten Tag {{citizen.name}},\n\nIhr Anliegen „{{case.subject}}“ (Aktenzeichen {{case.reference}}) ist bei uns in Bearbeitung. Wir melden uns, sobald wir mehr wissen. Bei Rückfragen antworten Sie einfach auf diese Nachricht.\n\nMit freundlichen Grüßen\n{{agent.name}}',
  },
  {
    team: 'Ordnungsamt',
    title: 'Lärmbeschwerde: Protokoll erbeten',
    body: 'Guten Tag {{citizen.name}},\n\ndanke für Ihre Beschwerde. Damit wir tätig werden können, notieren Sie bitte zwei Wochen lang jede Störung mit Datum, Uhrzeit und Art des Lärms und schicken uns die Liste.\n\nMit freundlichen Grüßen\n{{agent.name}}',
  },
  {
    team: 'Grünflächenamt',
    title: 'Baumkontrolle beauftragt',
    body: 'Guten Tag {{citizen.name}},\n\ndanke für Ihre Meldung. Unsere Baumkontrolle sieht sich den Baum an und veranlasst, was nötig ist. Bei Gefahr sperren wir den Bereich sofort ab.\n\nMit freundlichen Grüßen\n{{agent.name}}',
  },
];

const ROUTING_RULES = [
  { kind: 'keyword' as const, value: 'Schlagloch', team: 'Tiefbauamt' },
  { kind: 'keyword' as const, value: 'Laterne', team: 'Tiefbauamt' },
  { kind: 'address' as const, value: `laerm@${TOWN.mailDomain}`, team: 'Ordnungsamt' },
];

const SAVED_VIEWS = [
  { user: 'sachbearbeitung' as Staff, name: 'Unterlagen fehlen', query: 'schlagwort:"Unterlagen fehlen" status:offen' },
  { user: 'leitung' as Staff, name: 'Offene E-Mails', query: 'kanal:email status:offen' },
];

const DESK = (team: string) => DEMO_TEAMS.find((t) => t.name === team)!.emailAddress;
const NAMES: Record<Staff, string> = {
  sachbearbeitung: 'Anna Schmidt',
  'j.becker': 'Jonas Becker',
  'm.yilmaz': 'Mehmet Yılmaz',
  'j.wagner': 'Julia Wagner',
  'l.hoffmann': 'Lena Hoffmann',
  'f.neumann': 'Frank Neumann',
  leitung: 'Sabine Krüger',
};

/** "Am 12.03.2026 um 10:14 schrieb …:" and the quoted lines, as mail programs write a reply. */
function quote(at: number, who: string, text: string): string {
  const p = berlinParts(at);
  const two = (n: number) => String(n).padStart(2, '0');
  return `Am ${two(p.day)}.${two(p.month)}.${p.year} um ${two(p.hour)}:${two(p.minute)} schrieb ${who}:\n${text
    .split('\n')
    .map((line) => (line ? `> ${line}` : '>'))
    .join('\n')}`;
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const paragraphs = (text: string) =>
  text
    .split('\n\n')
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n');

/** The whole showcase, planned from the seed and `now`: people, cases and their histories. */
function plan(seed: number, now: number): { people: Person[]; cases: StoryCase[] } {
  const random = new Random(seed ^ 0x5e0c);
  const phone = (display: string) => ({ display, e164: `+49${display.slice(1).replace(' ', '')}` });
  const people: Person[] = [
    {
      key: 'brandt',
      given: 'Katharina',
      family: 'Brandt',
      birthDate: '1991-05-23',
      email: 'k.brandt@example.org',
      phone: phone('0176 52318847'),
    },
    {
      key: 'hinrichs',
      given: 'Jörg',
      family: 'Hinrichs',
      birthDate: '1968-11-02',
      email: 'joerg.hinrichs@example.net',
      address: `Hauptstraße 38, ${TOWN.postcode} ${TOWN.name}`,
    },
    { key: 'sommer', given: 'Hildegard', family: 'Sommer', birthDate: '1944-02-17', phone: phone('030 6612984') },
    {
      key: 'reinhardt',
      given: 'Tobias',
      family: 'Reinhardt',
      birthDate: '1985-08-09',
      email: 't.reinhardt@example.org',
      phone: phone('0151 40827713'),
    },
    {
      key: 'albrecht',
      given: 'Sven',
      family: 'Albrecht',
      birthDate: '1979-03-30',
      email: 'sven.albrecht@example.net',
      address: `Marktplatz 3, ${TOWN.postcode} ${TOWN.name}`,
    },
    { key: 'kuehn', given: 'Renate', family: 'Kühn', birthDate: '1956-04-12', email: 'renate.kuehn@example.org' },
    {
      key: 'kuehn2',
      given: 'Renate',
      family: 'Kuehn',
      birthDate: null,
      phone: phone('0171 3390476'),
      unverified: true,
      mergedInto: 'kuehn',
    },
    {
      key: 'gross',
      given: 'Dieter',
      family: 'Groß',
      birthDate: '1949-09-30',
      email: 'dieter.gross@example.net',
      address: `Talstraße 12, ${TOWN.postcode} ${TOWN.name}`,
    },
    { key: 'gross2', given: 'Dieter', family: 'Gross', birthDate: '1949-09-30', unverified: true },
    {
      key: 'demir',
      given: 'Aylin',
      family: 'Demir',
      birthDate: '1993-12-04',
      email: 'aylin.demir@example.org',
      phone: phone('0157 72046631'),
    },
  ];
  const nameOf = (key: string) => {
    const person = people.find((p) => p.key === key)!;
    return citizenDisplayName(person.given, person.family);
  };

  /** A story's clock: each step at the next plausible moment after a delay; starts again a week earlier when too late. */
  const story = (daysBack: number, build: (step: (kind: Moment, min: number, max: number) => number) => StoryCase[]) => {
    for (let back = daysBack; ; back += 7) {
      let clock = now - back * DAY;
      const cases = build((kind, min, max) => {
        clock = nextMoment(random, kind, clock + random.int(min, max));
        return clock;
      });
      if (clock <= now) return cases;
    }
  };

  // A: wrote, then called, then came to the counter (one case, three channels); a reply that quotes the office.
  const a = story(24, (step) => {
    const asked = step('writing', 0, 0);
    const answered = step('staff', 2 * HOUR, 20 * HOUR);
    const answer = fillPlaceholders(CANNED[0]!.body, {
      citizenName: nameOf('brandt'),
      caseReference: '',
      caseSubject: '',
      agentName: NAMES.sachbearbeitung,
    });
    const replied = step('writing', 10 * HOUR, 30 * HOUR);
    const noted = step('staff', HOUR, 20 * HOUR);
    const confirmed = step('staff', HOUR, 6 * HOUR);
    const called = step('phone', 2 * DAY, 4 * DAY);
    const visited = step('counter', DAY, 3 * DAY);
    const resolved = step('staff', 5 * MINUTE, 20 * MINUTE);
    const subject = 'Anmeldung nach Umzug – Wohnungsgeberbestätigung fehlt';
    return [
      {
        key: 'umzug',
        person: 'brandt',
        category: 'Meldewesen',
        priority: 'normal',
        status: 'resolved',
        assignee: 'sachbearbeitung',
        subject,
        resolvedAt: resolved,
        tags: ['Unterlagen fehlen', 'Vermieter'],
        messages: [
          {
            channel: 'email',
            direction: 'inbound',
            at: asked,
            subject,
            text: writtenText(
              'email',
              'ich bin zum Monatsanfang in die Lindenstraße 21 gezogen und möchte mich anmelden. Mein Vermieter hat mir die Wohnungsgeberbestätigung noch nicht gegeben. Kann ich trotzdem schon einen Termin machen?',
              nameOf('brandt'),
            ),
            metadata: { from: 'k.brandt@example.org', fromName: nameOf('brandt') },
          },
          {
            channel: 'email',
            direction: 'outbound',
            by: 'sachbearbeitung',
            at: answered,
            subject: `[ref] ${subject}`,
            text: answer,
          },
          {
            channel: 'email',
            direction: 'inbound',
            at: replied,
            mail: {
              from: 'k.brandt@example.org',
              fromName: nameOf('brandt'),
              to: DESK('Bürgerbüro'),
              subject: `Re: [ref] ${subject}`,
              text: `Guten Tag Frau Schmidt,\n\nmein Vermieter antwortet leider weder auf Mails noch auf Anrufe, und die zwei Wochen sind am Freitag um. Reicht übergangsweise der Mietvertrag?\n\nViele Grüße\n${nameOf('brandt')}\n\n${quote(answered, `${NAMES.sachbearbeitung} <${DESK('Bürgerbüro')}>`, answer)}`,
            },
          },
          {
            channel: 'note',
            direction: 'internal',
            by: 'sachbearbeitung',
            at: noted,
            text: 'Vermieter laut Bürgerin nicht erreichbar. Können wir übergangsweise den Mietvertrag als Nachweis nehmen? @Sabine Krüger bitte kurz bestätigen.',
          },
          {
            channel: 'note',
            direction: 'internal',
            by: 'leitung',
            at: confirmed,
            text: 'Nein, die Bestätigung ist Pflicht (§ 19 BMG). Bitte auf das Bußgeld für den Vermieter hinweisen, dann kommt sie meist schnell.',
          },
          {
            channel: 'phone',
            direction: 'inbound',
            by: 'sachbearbeitung',
            at: called,
            duration: 260,
            text: 'Ruft an: Vermieter hat die Bestätigung nach Hinweis auf das Bußgeld geschickt. Kommt Donnerstagnachmittag zur Anmeldung.',
          },
          {
            channel: 'counter',
            direction: 'inbound',
            by: 'sachbearbeitung',
            at: visited,
            duration: 840,
            metadata: { location: 'Rathaus, Bürgerbüro Erdgeschoss' },
            text: 'Am Schalter: Anmeldung mit Wohnungsgeberbestätigung erfasst, Meldebescheinigung ausgehändigt. Bestätigung eingescannt.',
            files: [
              {
                filename: 'Wohnungsgeberbestaetigung.pdf',
                contentType: 'application/pdf',
                content: () =>
                  pdf('Wohnungsgeberbestaetigung nach Paragraf 19 BMG', [
                    'Wohnung: Lindenstrasse 21, 12345 Musterstadt, 2. OG links',
                    `Einzug: ${berlinIsoDay(asked - 6 * DAY)}`,
                    'Meldepflichtige Person: Katharina Brandt',
                    'Wohnungsgeber: Hausverwaltung Linde GmbH',
                  ]),
              },
            ],
          },
        ],
      },
    ];
  });

  // B: an HTML mail with an inline photo and a PDF, the answer, an HTML reply quoting it; high priority and overdue.
  // C: another citizen's call about the same pothole, linked to B.
  const bc = story(12, (step) => {
    const asked = step('writing', 0, 0);
    const reported = step('phone', 2 * HOUR, 8 * HOUR);
    const answered = step('staff', HOUR, 6 * HOUR);
    const noted = step('staff', 10 * MINUTE, HOUR);
    const replied = step('writing', DAY, 2 * DAY);
    const subject = 'Gefährliches Schlagloch vor Hauptstraße 40';
    const answer = answerText(
      'danke für Ihre Meldung und die Fotos. Der Bauhof sichert die Stelle heute noch ab; die Reparatur ist für die kommende Woche eingeplant.',
      nameOf('hinrichs'),
      NAMES['f.neumann'],
      'Tiefbauamt',
    );
    const cid = 'schlagloch-1@hinrichs.example';
    const photo: File = { filename: 'Schlagloch.png', contentType: 'image/png', content: potholePhoto, cid };
    const plan: File = {
      filename: 'Lageplan Hauptstraße 40.pdf',
      contentType: 'application/pdf',
      content: () =>
        pdf('Lageplan: Schlagloch Hauptstrasse 40', [
          'Fahrbahn stadteinwaerts, ca. 1,5 m vom Bordstein',
          'Groesse: etwa 60 x 40 cm, Tiefe bis 12 cm',
          'Gegenueber: Baeckerei, Einfahrt Hof Nr. 40',
        ]),
    };
    const firstText = `Sehr geehrte Damen und Herren,\n\nvor dem Haus Hauptstraße 40 ist seit dem Frost ein tiefes Schlagloch in der Fahrbahn. Gestern ist dort ein Radfahrer gestürzt.\n\nDas Loch ist etwa 60 × 40 cm groß und bis zu 12 cm tief.\nEs liegt direkt in der Fahrspur, Radfahrer weichen auf die Gegenfahrbahn aus.\nNachts ist es kaum zu sehen.\n\nEin Foto und einen Lageplan habe ich angehängt.\n\nMit freundlichen Grüßen\n${nameOf('hinrichs')}`;
    const firstHtml = `<html><body><p>Sehr geehrte Damen und Herren,</p><p>vor dem Haus <strong>Hauptstraße 40</strong> ist seit dem Frost ein tiefes Schlagloch in der Fahrbahn. Gestern ist dort ein Radfahrer gestürzt.</p><ul><li>Das Loch ist etwa <strong>60 × 40 cm</strong> groß und bis zu 12 cm tief.</li><li>Es liegt direkt in der Fahrspur, Radfahrer weichen auf die Gegenfahrbahn aus.</li><li>Nachts ist es kaum zu sehen.</li></ul><p><img src="cid:${cid}" alt="Foto des Schlaglochs" width="240" height="160"></p><p>Ein Foto und einen Lageplan habe ich angehängt.</p><p>Mit freundlichen Grüßen<br>${nameOf('hinrichs')}</p></body></html>`;
    const replyOwn = `Sehr geehrter Herr Neumann,\n\ndie Absperrung steht, danke. Heute Morgen hat aber jemand die Baken zur Seite gestellt, und das Loch ist nach dem Regen noch größer geworden. Wann genau wird repariert?\n\nMit freundlichen Grüßen\n${nameOf('hinrichs')}`;
    const quoted = quote(answered, `Tiefbauamt Musterstadt <${DESK('Tiefbauamt')}>`, answer);
    return [
      {
        key: 'schlagloch',
        person: 'hinrichs',
        category: 'Straßen und Beleuchtung',
        priority: 'high',
        status: 'open',
        assignee: 'f.neumann',
        subject,
        tags: ['Gefahrenstelle', 'Wiederholt gemeldet'],
        messages: [
          {
            channel: 'email',
            direction: 'inbound',
            at: asked,
            mail: {
              from: 'joerg.hinrichs@example.net',
              fromName: nameOf('hinrichs'),
              to: DESK('Tiefbauamt'),
              subject,
              text: firstText,
              html: firstHtml,
              files: [photo, plan],
            },
          },
          { channel: 'email', direction: 'outbound', by: 'f.neumann', at: answered, subject: `[ref] ${subject}`, text: answer },
          {
            channel: 'note',
            direction: 'internal',
            by: 'f.neumann',
            at: noted,
            text: 'Bauhof (Kolonne 2) beauftragt: Absicherung heute, Kaltasphalt nächste Woche. Zweite Meldung von Frau Sommer verknüpft.',
          },
          {
            channel: 'email',
            direction: 'inbound',
            at: replied,
            mail: {
              from: 'joerg.hinrichs@example.net',
              fromName: nameOf('hinrichs'),
              to: DESK('Tiefbauamt'),
              subject: `Re: [ref] ${subject}`,
              text: `${replyOwn}\n\n${quoted}`,
              html: `<html><body>${paragraphs(replyOwn)}<div>Am ${quoted.split('\n')[0]!.slice(3)}</div><blockquote type="cite">${paragraphs(answer)}</blockquote></body></html>`,
            },
          },
        ],
      },
      {
        key: 'schlagloch-anruf',
        person: 'sommer',
        category: 'Straßen und Beleuchtung',
        priority: 'normal',
        status: 'waiting_internal',
        assignee: 'f.neumann',
        subject: 'Schlagloch Hauptstraße',
        messages: [
          {
            channel: 'phone',
            direction: 'inbound',
            by: 'f.neumann',
            at: reported,
            duration: 190,
            text: 'Ruft an: Vor der Bäckerei in der Hauptstraße ist ein großes Loch in der Straße, ihr Enkel ist mit dem Rad fast gestürzt. Bittet um Rückruf, wenn es repariert ist.',
          },
          {
            channel: 'note',
            direction: 'internal',
            by: 'f.neumann',
            at: noted + MINUTE,
            text: 'Gleiche Stelle wie die Mail von Herrn Hinrichs, Vorgänge verknüpft. Rückruf nach der Reparatur.',
          },
        ],
      },
    ];
  });

  // D: a web form with a photo, forwarded to the tree service, its answer with a text file; waits for the work.
  const d = story(20, (step) => {
    const asked = step('writing', 0, 0);
    const answered = step('staff', 30 * MINUTE, 2 * HOUR);
    const forwarded = step('staff', 5 * MINUTE, 30 * MINUTE);
    const external = step('staff', DAY, 2 * DAY);
    const noted = step('staff', HOUR, 4 * HOUR);
    const text =
      'Über dem Weg am Spielplatz Schulstraße hängt ein großer, angebrochener Ast der Linde direkt neben dem Eingang. Bei Wind bewegt er sich stark, darunter spielen jeden Nachmittag Kinder. Foto anbei.';
    const subject = `Bäume und Grünanlagen: Über dem Weg am Spielplatz Schulstraße hängt ein großer, angebrochener Ast…`;
    const answer = fillPlaceholders(CANNED[3]!.body, {
      citizenName: nameOf('reinhardt'),
      caseReference: '',
      caseSubject: '',
      agentName: NAMES['l.hoffmann'],
    });
    const office = 'baumkontrolle@gruenpflege-west.example';
    const cover =
      'Guten Tag,\n\nbitte prüfen Sie den Ast kurzfristig (Verkehrssicherung Spielplatz). Die Meldung mit Foto folgt unten.\n\nMit freundlichen Grüßen\nLena Hoffmann\nGrünflächenamt – Stadt Musterstadt';
    return [
      {
        key: 'ast',
        person: 'reinhardt',
        category: 'Bäume und Grünanlagen',
        priority: 'high',
        status: 'waiting_internal',
        assignee: 'l.hoffmann',
        subject,
        tags: ['Gefahrenstelle', 'Vor-Ort-Termin'],
        messages: [
          {
            channel: 'webform',
            direction: 'inbound',
            at: asked,
            subject,
            text,
            files: [{ filename: 'ast-spielplatz.png', contentType: 'image/png', content: branchPhoto }],
          },
          { channel: 'email', direction: 'outbound', by: 'l.hoffmann', at: answered, subject: `[ref] ${subject}`, text: answer },
          {
            channel: 'email',
            direction: 'outbound',
            by: 'l.hoffmann',
            at: forwarded,
            subject: `[ref] WG: ${subject}`,
            forwards: 0,
            metadata: { to: office },
            text: `${cover}\n\n---------- Weitergeleitete Nachricht ----------\n\n${text}`,
          },
          {
            channel: 'email',
            direction: 'inbound',
            at: external,
            mail: {
              external: true,
              from: office,
              fromName: 'Grünpflege West – Baumkontrolle',
              to: DESK('Grünflächenamt'),
              subject: `Re: [ref] WG: ${subject}`,
              text: `Guten Tag Frau Hoffmann,\n\nwir waren heute vor Ort. Der Ast ist angebrochen und muss entfernt werden; der Baum selbst ist standsicher. Den Bereich haben wir mit Flatterband gesichert. Der Rückschnitt ist für nächste Woche mit Hubsteiger eingeplant. Das Protokoll liegt bei.\n\nMit freundlichen Grüßen\nM. Petersen\nGrünpflege West GmbH\n\n${quote(forwarded, `Lena Hoffmann <${DESK('Grünflächenamt')}>`, cover)}`,
              files: [
                {
                  filename: 'Baumkontrolle-Protokoll.txt',
                  contentType: 'text/plain',
                  content: () =>
                    textFile([
                      'Baumkontrolle – Protokoll',
                      `Datum: ${berlinIsoDay(external)}`,
                      'Standort: Spielplatz Schulstraße, Eingang Nord',
                      'Baum: Winterlinde (Tilia cordata), Stammumfang 210 cm',
                      'Befund: Starkast in 5 m Höhe angebrochen, Bruchgefahr',
                      'Maßnahme: Absperrung sofort, Rückschnitt mit Hubsteiger',
                      'Standsicherheit des Baumes: gegeben',
                    ]),
                },
              ],
            },
          },
          {
            channel: 'note',
            direction: 'internal',
            by: 'l.hoffmann',
            at: noted,
            text: 'Rückschnitt durch Grünpflege West beauftragt. Danach Herrn Reinhardt Bescheid geben.',
          },
        ],
      },
    ];
  });

  // E: the same noise complaint by mail and, the next evening, by web form: the second merged into the first.
  const e = story(16, (step) => {
    const asked = step('writing', 0, 0);
    const again = step('writing', 20 * HOUR, 26 * HOUR);
    const merged = step('staff', 30 * MINUTE, 3 * HOUR);
    const answered = step('staff', 5 * MINUTE, HOUR);
    const logged = step('writing', 5 * DAY, 7 * DAY);
    const noted = step('staff', HOUR, DAY);
    const subject = 'Laute Musik aus der Gaststätte am Marktplatz';
    const answer = fillPlaceholders(CANNED[2]!.body, {
      citizenName: nameOf('albrecht'),
      caseReference: '',
      caseSubject: '',
      agentName: NAMES['m.yilmaz'],
    });
    const formText =
      'Schon wieder bis halb drei laute Musik aus der Gaststätte am Marktplatz, die Türen stehen offen. Ich hatte gestern schon gemailt. Wir wohnen direkt darüber und können nicht schlafen.';
    return [
      {
        key: 'laerm',
        person: 'albrecht',
        category: 'Lärm und Ruhestörung',
        priority: 'normal',
        status: 'open',
        assignee: 'm.yilmaz',
        subject,
        tags: ['Beschwerde', 'Lärmprotokoll'],
        messages: [
          {
            channel: 'email',
            direction: 'inbound',
            at: asked,
            subject,
            text: writtenText(
              'email',
              'die Gaststätte am Marktplatz hat seit einigen Wochen bis 2 Uhr nachts die Türen offen und laute Musik. Wir wohnen direkt darüber und können nicht schlafen. Gibt es keine Sperrstunde?',
              nameOf('albrecht'),
            ),
            metadata: { from: 'sven.albrecht@example.net', fromName: nameOf('albrecht') },
          },
          { channel: 'email', direction: 'outbound', by: 'm.yilmaz', at: answered, subject: `[ref] ${subject}`, text: answer },
          {
            channel: 'email',
            direction: 'inbound',
            at: logged,
            mail: {
              from: 'sven.albrecht@example.net',
              fromName: nameOf('albrecht'),
              to: DESK('Ordnungsamt'),
              subject: `Re: [ref] ${subject}`,
              text: `Guten Tag Herr Yılmaz,\n\nanbei wie gewünscht mein Protokoll der letzten Tage.\n\nViele Grüße\n${nameOf('albrecht')}\n\n${quote(answered, `${NAMES['m.yilmaz']} <${DESK('Ordnungsamt')}>`, answer)}`,
              files: [
                {
                  filename: 'Lärmprotokoll.txt',
                  contentType: 'text/plain',
                  content: () =>
                    textFile([
                      'Lärmprotokoll Marktplatz 3 (Gaststätte im Erdgeschoss)',
                      '',
                      ...[0, 1, 3, 4].map(
                        (n) => `${berlinIsoDay(answered + n * DAY)}  22:40 – 02:30  laute Musik, Türen offen, Gäste vor der Tür`,
                      ),
                      '',
                      'Sven Albrecht, 2. OG',
                    ]),
                },
              ],
            },
          },
          {
            channel: 'note',
            direction: 'internal',
            by: 'm.yilmaz',
            at: noted,
            text: 'Protokoll liegt vor. Gaststätte angeschrieben, Kontrolle Freitagnacht mit dem Außendienst.',
          },
        ],
      },
      {
        key: 'laerm-doppelt',
        person: 'albrecht',
        category: 'Lärm und Ruhestörung',
        priority: 'normal',
        status: 'closed',
        assignee: 'm.yilmaz',
        subject: `Lärm und Ruhestörung: ${shortenAtWord(formText, 80)}`,
        mergedInto: 'laerm',
        mergedAt: merged,
        messages: [
          {
            channel: 'webform',
            direction: 'inbound',
            at: again,
            subject: `Lärm und Ruhestörung: ${shortenAtWord(formText, 80)}`,
            text: formText,
          },
        ],
      },
    ];
  });

  // F: a citizen recorded twice (by mail, and again from a call), the second record merged into the first.
  const f = story(75, (step) => {
    const asked = step('writing', 0, 0);
    const answered = step('staff', HOUR, DAY);
    const resolved = step('staff', 2 * DAY, 4 * DAY);
    const closed = step('staff', 7 * DAY, 8 * DAY);
    const called = step('phone', 20 * DAY, 25 * DAY);
    const callResolved = step('staff', 10 * MINUTE, HOUR);
    return [
      {
        key: 'ausweis',
        person: 'kuehn',
        category: 'Personalausweis und Reisepass',
        priority: 'normal',
        status: 'closed',
        assignee: 'j.becker',
        subject: 'Termin für neuen Personalausweis',
        resolvedAt: resolved,
        closedAt: closed,
        messages: [
          {
            channel: 'email',
            direction: 'inbound',
            at: asked,
            subject: 'Termin für neuen Personalausweis',
            text: writtenText(
              'email',
              'mein Personalausweis läuft Ende nächsten Monats ab. Wie bekomme ich einen Termin für den neuen Ausweis, und welche Unterlagen brauche ich?',
              nameOf('kuehn'),
            ),
            metadata: { from: 'renate.kuehn@example.org', fromName: nameOf('kuehn') },
          },
          {
            channel: 'email',
            direction: 'outbound',
            by: 'j.becker',
            at: answered,
            subject: '[ref] Termin für neuen Personalausweis',
            text: answerText(
              'für den neuen Personalausweis buchen Sie bitte einen Termin über musterstadt.example/termine. Bitte bringen Sie Ihren alten Ausweis und ein aktuelles biometrisches Passfoto mit.',
              nameOf('kuehn'),
              NAMES['j.becker'],
              'Bürgerbüro',
            ),
          },
        ],
      },
      {
        key: 'ausweis-abholen',
        person: 'kuehn',
        category: 'Personalausweis und Reisepass',
        priority: 'low',
        status: 'resolved',
        assignee: 'j.becker',
        subject: 'Personalausweis abholen',
        resolvedAt: callResolved,
        messages: [
          {
            channel: 'phone',
            direction: 'inbound',
            by: 'j.becker',
            at: called,
            duration: 150,
            text: 'Ruft an: Fragt, ob der neue Ausweis abholbereit ist. Ja, liegt vor; Abholung ohne Termin möglich. Anruferin zunächst als neue Person erfasst, mit dem vorhandenen Datensatz zusammengeführt.',
          },
        ],
      },
    ];
  });

  // G: the same man once by mail, once at the counter without his email: a duplicate still to be merged.
  const g = story(110, (step) => {
    const asked = step('writing', 0, 0);
    const answered = step('staff', HOUR, DAY);
    const resolved = step('staff', DAY, 2 * DAY);
    const closed = step('staff', 7 * DAY, 8 * DAY);
    const visited = step('counter', 60 * DAY, 70 * DAY);
    const visitResolved = step('staff', 5 * MINUTE, 20 * MINUTE);
    return [
      {
        key: 'meldebescheinigung',
        person: 'gross',
        category: 'Meldewesen',
        priority: 'normal',
        status: 'closed',
        assignee: 'j.wagner',
        subject: 'Meldebescheinigung benötigt',
        resolvedAt: resolved,
        closedAt: closed,
        messages: [
          {
            channel: 'email',
            direction: 'inbound',
            at: asked,
            subject: 'Meldebescheinigung benötigt',
            text: writtenText(
              'email',
              'für meine Rentenversicherung brauche ich eine Meldebescheinigung. Können Sie mir die per Post schicken?',
              nameOf('gross'),
            ),
            metadata: { from: 'dieter.gross@example.net', fromName: nameOf('gross') },
          },
          {
            channel: 'email',
            direction: 'outbound',
            by: 'j.wagner',
            at: answered,
            subject: '[ref] Meldebescheinigung benötigt',
            text: answerText(
              'die Meldebescheinigung ist heute mit der Post an Ihre Anschrift in der Talstraße gegangen. Die Gebühr von 10 Euro überweisen Sie bitte mit dem beiliegenden Bescheid.',
              nameOf('gross'),
              NAMES['j.wagner'],
              'Bürgerbüro',
            ),
          },
        ],
      },
      {
        key: 'abmeldung',
        person: 'gross2',
        category: 'Meldewesen',
        priority: 'normal',
        status: 'resolved',
        assignee: 'j.wagner',
        subject: 'Abmeldung Nebenwohnung',
        resolvedAt: visitResolved,
        messages: [
          {
            channel: 'counter',
            direction: 'inbound',
            by: 'j.wagner',
            at: visited,
            duration: 600,
            metadata: { location: 'Bürgeramt Nord' },
            text: 'Am Schalter: Meldet die Nebenwohnung in der Gartenstraße ab (Wohnung aufgegeben). Abmeldebescheinigung ausgehändigt.',
          },
        ],
      },
    ];
  });

  // H: the office asked for a document and waits for the citizen; a follow-up date in a week.
  const h = story(9, (step) => {
    const asked = step('writing', 0, 0);
    const answered = step('staff', HOUR, DAY);
    const subject = 'Bewohnerparkausweis Zone B für Firmenwagen';
    return [
      {
        key: 'parkausweis',
        person: 'demir',
        category: 'Parken und Verkehr',
        priority: 'normal',
        status: 'waiting_citizen',
        assignee: 'j.wagner',
        subject,
        followUpDay: berlinIsoDay(now + 7 * DAY),
        tags: ['Unterlagen fehlen'],
        messages: [
          {
            channel: 'email',
            direction: 'inbound',
            at: asked,
            subject,
            text: writtenText(
              'email',
              'ich möchte einen Bewohnerparkausweis für die Zone B beantragen. Das Auto ist auf meinen Arbeitgeber zugelassen, ich nutze es aber auch privat. Geht das trotzdem?',
              nameOf('demir'),
            ),
            metadata: { from: 'aylin.demir@example.org', fromName: nameOf('demir') },
          },
          {
            channel: 'email',
            direction: 'outbound',
            by: 'j.wagner',
            at: answered,
            subject: `[ref] ${subject}`,
            text: answerText(
              'für einen Firmenwagen erhalten Sie einen Bewohnerparkausweis, wenn Sie uns eine Bescheinigung Ihres Arbeitgebers über die private Nutzung vorlegen. Bitte schicken Sie uns diese und eine Kopie der Zulassungsbescheinigung Teil I; danach stellen wir den Ausweis aus.',
              nameOf('demir'),
              NAMES['j.wagner'],
              'Ordnungsamt',
            ),
          },
        ],
      },
    ];
  });

  const cases = [...a, ...bc, ...d, ...e, ...f, ...g, ...h];
  return { people, cases };
}

/** How many citizens and cases the showcase adds (part of the demo's numbers). */
export const SHOWCASE_SIZE = { citizens: 10, cases: 11 };

/** When the showcase's cases were opened, in the order addShowcase expects their reservations. */
export function showcaseMoments(seed: number, now: number): number[] {
  return plan(seed, now).cases.map((c) => c.messages[0]!.at);
}

/** A mail composed as a mail program sends it, then read as ingest reads it (parsed, HTML sanitised). */
async function receive(mail: Mail, at: number, messageId: string) {
  const raw = await new MailComposer({
    from: { name: mail.fromName, address: mail.from },
    to: mail.to,
    subject: mail.subject,
    date: new Date(at),
    messageId,
    text: mail.text,
    ...(mail.html ? { html: mail.html } : {}),
    attachments: (mail.files ?? []).map((file) => ({
      filename: file.filename,
      content: file.content(),
      contentType: file.contentType,
      ...(file.cid ? { cid: file.cid } : {}),
    })),
  })
    .compile()
    .build();
  const parsed = await parseMail(raw);
  return {
    raw,
    text: (parsed.text ?? '').trim(),
    html: parsed.html ? sanitizeMailHtml(parsed.html) : null,
    files: parsed.attachments.map((file) => ({
      filename: file.filename,
      contentType: file.contentType || 'application/octet-stream',
      content: file.content,
      cid: file.cid ?? null,
    })),
  };
}

/**
 * Writes the showcase in the generator's transaction: organisation extras (curated tags, canned responses, routing
 * rules, saved views), its people and its cases with the references reserved for them. Returns what it added.
 */
export async function addShowcase(
  trx: DB,
  options: { now: number; seed: number; reservations: { createdAt: number; reference: string }[]; attachmentsDir: string | null },
): Promise<{ citizens: number; cases: number; interactions: number }> {
  const { people, cases } = plan(options.seed, options.now);
  if (options.reservations.length !== cases.length) throw new Error('showcase: one reserved reference per case');
  const users = new Map(
    (await trx.selectFrom('users').select(['id', 'email']).execute()).map((user) => [user.email, user.id] as const),
  );
  const userId = (staff: Staff) => users.get(staffEmail(staff))!;
  const teams = new Map((await trx.selectFrom('teams').select(['id', 'name']).execute()).map((t) => [t.name, t.id] as const));
  const categories = new Map(
    (await trx.selectFrom('categories').select(['id', 'name', 'default_team_id']).execute()).map((c) => [c.name, c] as const),
  );
  const setUp = options.now - 400 * DAY;

  // The admins' tags and the agents' own.
  const tagIds = new Map<string, number>();
  for (const [name, color] of CURATED_TAGS) {
    const row = await trx
      .insertInto('tags')
      .values({
        name,
        name_key: tagKey(name),
        color,
        curated: 1,
        created_by_id: users.get(`admin@${TOWN.mailDomain}`) ?? null,
        created_at: setUp,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    tagIds.set(name, row.id);
  }
  for (const canned of CANNED) {
    await trx
      .insertInto('canned_responses')
      .values({
        team_id: canned.team ? teams.get(canned.team)! : null,
        title: canned.title,
        body: canned.body,
        created_at: setUp,
        updated_at: setUp,
      })
      .execute();
  }
  for (const [position, rule] of ROUTING_RULES.entries()) {
    await trx
      .insertInto('routing_rules')
      .values({ position: position + 1, kind: rule.kind, value: rule.value, team_id: teams.get(rule.team)!, created_at: setUp })
      .execute();
  }
  for (const view of SAVED_VIEWS) {
    await trx
      .insertInto('saved_searches')
      .values({ user_id: userId(view.user), name: view.name, query: view.query, created_at: setUp })
      .execute();
  }

  // People: survivors first, then the records merged into them (their contacts and cases are the survivor's now).
  const citizenIds = new Map<string, number>();
  const ordered = [...people.filter((p) => !p.mergedInto), ...people.filter((p) => p.mergedInto)];
  for (const person of ordered) {
    const firstContact = Math.min(
      ...cases.filter((c) => c.person === person.key).map((c) => c.messages[0]!.at),
      options.now - 30 * DAY,
    );
    const createdAt = person.unverified ? firstContact : firstContact - 200 * DAY;
    const survivor = person.mergedInto ? citizenIds.get(person.mergedInto)! : null;
    const row = await trx
      .insertInto('citizens')
      .values({
        given_name: person.given,
        family_name: person.family,
        display_name: citizenDisplayName(person.given, person.family),
        name_key: citizenNameKey(person.given, person.family),
        birth_date: person.birthDate,
        unverified: person.unverified ? 1 : 0,
        merged_into_id: survivor,
        anonymised_at: null,
        created_at: createdAt,
        updated_at: createdAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    citizenIds.set(person.key, row.id);
    const owner = survivor ?? row.id;
    const contacts = [
      ...(person.email ? [{ kind: 'email' as const, value: person.email, normalized: person.email }] : []),
      ...(person.phone ? [{ kind: 'phone' as const, value: person.phone.display, normalized: person.phone.e164 }] : []),
      ...(person.address ? [{ kind: 'address' as const, value: person.address, normalized: addressKey(person.address) }] : []),
    ];
    if (contacts.length > 0) {
      await trx
        .insertInto('contact_points')
        .values(
          contacts.map((c, index) => ({
            citizen_id: owner,
            ...c,
            is_primary: survivor === null && index === 0 ? 1 : 0,
            created_at: createdAt,
          })),
        )
        .execute();
    }
  }
  // A merged record's cases belong to the survivor.
  const citizenOf = (key: string) => {
    const person = people.find((p) => p.key === key)!;
    return citizenIds.get(person.mergedInto ?? key)!;
  };

  // Cases: merge targets first (the merged ones' messages move into them).
  const caseIds = new Map<string, number>();
  const pending = new Map<
    string,
    { rows: { direction: string; channel: Channel }[]; firstResponseAt: number | null; last: number }
  >();
  let interactions = 0;
  const order = [...cases.keys()].sort((x, y) => Number(Boolean(cases[x]!.mergedInto)) - Number(Boolean(cases[y]!.mergedInto)));
  for (const index of order) {
    const story = cases[index]!;
    const { reference } = options.reservations[index]!;
    const category = categories.get(story.category)!;
    const citizenId = citizenOf(story.person);
    const into = story.mergedInto ? caseIds.get(story.mergedInto)! : null;
    const createdAt = story.messages[0]!.at;
    const answers = story.messages.filter((m) => m.direction === 'outbound' && m.forwards === undefined);
    const firstResponseAt = answers[0]?.at ?? null;
    const lastAt = Math.max(...story.messages.map((m) => m.at));
    const resolvedAt = into !== null ? story.mergedAt! : (story.resolvedAt ?? null);
    const closedAt = into !== null ? story.mergedAt! : (story.closedAt ?? null);
    const origin = story.messages[0]!.channel;
    const lastOutbound = [...story.messages].reverse().find((m) => m.direction === 'outbound');
    const row = await trx
      .insertInto('cases')
      .values({
        reference,
        citizen_id: citizenId,
        subject: story.subject,
        status: story.status,
        priority: story.priority,
        category_id: category.id,
        team_id: category.default_team_id,
        assignee_id: story.assignee ? userId(story.assignee) : null,
        origin_channel: origin,
        created_by_id: null,
        merged_into_id: into,
        created_at: createdAt,
        updated_at: Math.max(lastAt, closedAt ?? 0, resolvedAt ?? 0),
        first_response_at: into === null ? firstResponseAt : null,
        resolved_at: resolvedAt,
        closed_at: closedAt,
        sla_paused_at: story.status === 'waiting_citizen' ? (lastOutbound?.at ?? null) : null,
        follow_up_at: story.followUpDay ? followUpStart(story.followUpDay) : null,
        ...caseFacts({
          createdAt,
          priority: story.priority,
          categoryName: story.category,
          origin,
          rows: into === null ? story.messages : [],
          status: story.status,
          firstResponseAt: into === null ? firstResponseAt : null,
          resolvedAt,
          now: options.now,
          overdueReported: false,
        }),
        version: 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    caseIds.set(story.key, row.id);
    const target = into ?? row.id;
    if (into !== null) {
      const facts = pending.get(story.mergedInto!)!;
      facts.rows.push(...story.messages);
      facts.last = Math.max(facts.last, lastAt);
    } else pending.set(story.key, { rows: [...story.messages], firstResponseAt, last: lastAt });

    // Messages, in order (a forward names the message it forwards by id).
    const messageIds: number[] = [];
    for (const [n, message] of story.messages.entries()) {
      const withReference = (text: string | undefined) => text?.replace('[ref]', `[${reference}]`) ?? null;
      const received = message.mail
        ? await receive(
            { ...message.mail, subject: withReference(message.mail.subject)! },
            message.at,
            `<${reference}.${n}.${options.seed}@${message.mail.from.split('@')[1]}>`,
          )
        : null;
      const files =
        received?.files ?? (message.files ?? []).map((file) => ({ ...file, content: file.content(), cid: file.cid ?? null }));
      const rawSha256 = received && options.attachmentsDir ? await storeAttachment(options.attachmentsDir, received.raw) : null;
      const isMail = message.channel === 'email';
      const metadata =
        message.mail !== undefined
          ? {
              from: message.mail.from,
              fromName: message.mail.fromName,
              ...(message.mail.external ? { external: 'forward' } : {}),
            }
          : message.direction === 'outbound' && isMail
            ? {
                to: people.find((p) => p.key === story.person)!.email,
                ...message.metadata,
                ...(message.forwards !== undefined
                  ? { forward: { kind: 'message', interactionId: messageIds[message.forwards]! } }
                  : {}),
                attempts: 1,
              }
            : (message.metadata ?? null);
      const inserted = await trx
        .insertInto('interactions')
        .values({
          case_id: target,
          citizen_id: citizenId,
          channel: message.channel,
          direction: message.direction,
          author_id: message.by ? userId(message.by) : null,
          subject: withReference(message.mail?.subject ?? message.subject),
          text: received?.text ?? message.text ?? '',
          html_sanitized: received?.html ?? null,
          occurred_at: message.at,
          duration_seconds: message.duration ?? null,
          external_message_id: isMail
            ? message.direction === 'outbound'
              ? `<anliegen.${reference}.${n}.${options.seed}@${TOWN.mailDomain}>`
              : `<${reference}.${n}.${options.seed}@${(message.mail?.from ?? String(metadata?.from ?? 'example.org')).split('@')[1]}>`
            : null,
          delivery_status: message.direction === 'outbound' && isMail ? 'sent' : null,
          metadata: metadata ? JSON.stringify(metadata) : null,
          created_at: message.at,
          raw_sha256: rawSha256,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      messageIds.push(inserted.id);
      interactions++;
      if (options.attachmentsDir && files.length > 0) {
        for (const file of files) {
          await trx
            .insertInto('attachments')
            .values({
              interaction_id: inserted.id,
              filename: file.filename,
              content_type: file.contentType,
              size_bytes: file.content.length,
              sha256: await storeAttachment(options.attachmentsDir, file.content),
              content_id: file.cid,
              created_at: message.at,
            })
            .execute();
        }
      }
    }
    for (const name of story.tags ?? []) {
      let tagId = tagIds.get(name);
      if (tagId === undefined) {
        // A free tag, typed by the agent on the case.
        const created = await trx
          .insertInto('tags')
          .values({
            name,
            name_key: tagKey(name),
            color: null,
            curated: 0,
            created_by_id: story.assignee ? userId(story.assignee) : null,
            created_at: createdAt,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        tagId = created.id;
        tagIds.set(name, tagId);
      }
      await trx
        .insertInto('case_tags')
        .values({ tag_id: tagId, case_id: target, created_at: story.messages[1]?.at ?? createdAt })
        .execute();
    }
  }
  // A merge target's statistics count the messages it took over.
  for (const [key, facts] of pending) {
    const story = cases.find((c) => c.key === key)!;
    if (!cases.some((c) => c.mergedInto === key)) continue;
    const ordered = [...facts.rows].sort((x, y) => (x as Message).at - (y as Message).at);
    await trx
      .updateTable('cases')
      .set({
        ...caseFacts({
          createdAt: story.messages[0]!.at,
          priority: story.priority,
          categoryName: story.category,
          origin: story.messages[0]!.channel,
          rows: ordered,
          status: story.status,
          firstResponseAt: facts.firstResponseAt,
          resolvedAt: story.resolvedAt ?? null,
          now: options.now,
          overdueReported: false,
        }),
        updated_at: facts.last,
      })
      .where('id', '=', caseIds.get(key)!)
      .execute();
  }
  // The two reports of one pothole, linked (lower id first, as the service stores links).
  const [low, high] = [caseIds.get('schlagloch')!, caseIds.get('schlagloch-anruf')!].sort((x, y) => x - y);
  await trx
    .insertInto('case_links')
    .values({
      case_id: low!,
      related_case_id: high!,
      created_at: cases.find((c) => c.key === 'schlagloch-anruf')!.messages[1]!.at,
    })
    .execute();
  return { citizens: people.length, cases: cases.length, interactions };
}
