import { API } from 'typescript/unstable/sync';
import { createVirtualFileSystem } from 'typescript/unstable/fs';
import { type Node, SyntaxKind } from 'typescript/unstable/ast';
import {
  isCallExpression,
  isExportDeclaration,
  isImportDeclaration,
  isJsxAttribute,
  isJsxExpression,
  isJsxText,
  isNoSubstitutionTemplateLiteral,
  isStringLiteral,
  isTemplateHead,
  isTemplateMiddle,
  isTemplateTail,
} from 'typescript/unstable/ast/is';

/*
 * Finds user-facing text written into code instead of the dictionaries (tests only; the rule is
 * texts-only-in-dictionaries.test.ts). TypeScript 7 parses, through its API (the native compiler behind a pipe):
 * - `jsx-text`: text between JSX tags with a word in it, in any language;
 * - `attribute`: a string with a word in it given to an attribute people read or hear (label, title, aria-label …);
 * - `german`: any other string or template literal that looks German (see looksGerman), module names excepted.
 */

export type FindingKind = 'jsx-text' | 'attribute' | 'german';
export interface Finding {
  file: string;
  line: number;
  kind: FindingKind;
  text: string;
}

/** Attributes whose text is shown or read out (Mantine's props included). */
export const USER_FACING_ATTRIBUTES = new Set([
  'label',
  'placeholder',
  'title',
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
  'aria-placeholder',
  'description',
  'alt',
  'error',
  'message',
  'tooltip',
  'hint',
  'caption',
  'legend',
  'summary',
  'nothingFoundMessage',
  'emptyMessage',
  'confirmLabel',
  'cancelLabel',
  'submitLabel',
]);

const WORD = /\p{L}{2,}/u;

/** Words English does not use, lower case (matched as whole words, in any case). */
// biome-ignore format: a list of words
const GERMAN_WORDS = [
  'der', 'die', 'das', 'und', 'oder', 'nicht', 'ist', 'sind', 'ein', 'eine', 'einen', 'einem', 'einer', 'mit', 'für',
  'von', 'vom', 'zu', 'zum', 'zur', 'auf', 'bitte', 'sie', 'wird', 'werden', 'wurde', 'den', 'dem', 'des', 'im', 'ihr',
  'ihre', 'ihren', 'kein', 'keine', 'aus', 'bei', 'nach', 'wir', 'sich', 'noch', 'nur', 'auch', 'als', 'hier', 'jetzt',
  'neu', 'alle', 'seit', 'weitere', 'über', 'unter', 'gegen', 'ohne', 'heute', 'gestern', 'morgen',
];
/** Nouns and adjectives this application's German texts use often (matched capitalised, as German writes them). */
// biome-ignore format: a list of words
const GERMAN_NOUNS = [
  'Datum', 'Betreff', 'Aktenzeichen', 'Nachricht', 'Nachrichten', 'Verwaltung', 'Vorgang', 'Vorgänge', 'Antwort',
  'Zuständig', 'Thema', 'Kanal', 'Schalter', 'Telefon', 'Webformular', 'Formular', 'Notiz', 'Sachbearbeitung',
  'Teamleitung', 'Erledigt', 'Offen', 'Geschlossen', 'Wartet', 'Eingang', 'Eingegangen', 'Zeitraum', 'Woche', 'Frist',
  'Fristen', 'Person', 'Personen', 'Anhang', 'Anhänge', 'Absender', 'Empfänger', 'Verlauf', 'Protokoll', 'Datensatz',
  'Kontakt', 'Kontakte', 'Kontaktdaten', 'Fall', 'Fälle', 'Benutzer', 'Abmelden', 'Anmelden', 'Speichern', 'Senden',
  'Abbrechen', 'Löschen', 'Suche', 'Suchen', 'Schlagwort', 'Schlagwörter', 'Ansicht', 'Posteingang', 'Übersicht',
  'Statistik', 'Bericht', 'Einheit', 'Zeit', 'Aktion', 'Objekt', 'Stunden', 'Minuten', 'Tage', 'Datei', 'Dateien',
  'Vorname', 'Nachname', 'Anschrift', 'Kategorie', 'Themen', 'Deutsch', 'Englisch', 'Wiedervorlage',
];
const GERMAN = new RegExp(
  [
    '[äöüÄÖÜß]',
    `(?<![\\p{L}])(?:${GERMAN_WORDS.join('|')})(?![\\p{L}])`,
    // German endings no English word has (Zustellung, Möglichkeit, täglich, automatisiert).
    '(?<![\\p{L}])\\p{L}{3,}(?:ung|ungen|heit|keit|lich|isch|iert|ierte)(?![\\p{L}])',
  ].join('|'),
  'iu',
);
const GERMAN_NOUN = new RegExp(`(?<![\\p{L}])(?:${GERMAN_NOUNS.join('|')})(?![\\p{L}])`, 'u');

/** Umlauts or ß, a German function word, a German ending or one of the app's German nouns. */
export function looksGerman(text: string): boolean {
  return GERMAN.test(text) || GERMAN_NOUN.test(text);
}

/** Finds user-facing text in the given sources (path → source text; .ts or .tsx). */
export function findUserFacingTexts(sources: Record<string, string>): Finding[] {
  const root = '/sources';
  const files = Object.fromEntries(Object.entries(sources).map(([path, text]) => [`${root}/${path}`, text]));
  const config = {
    compilerOptions: { jsx: 'preserve', noLib: true, noResolve: true, types: [], allowJs: false },
    files: Object.keys(files),
  };
  const api = new API({
    cwd: root,
    fs: createVirtualFileSystem({ ...files, [`${root}/tsconfig.json`]: JSON.stringify(config) }),
  });
  try {
    const project = api.updateSnapshot({ openProject: `${root}/tsconfig.json` }).getProjects()[0];
    if (!project) throw new Error('TypeScript opened no project');
    return Object.keys(sources).flatMap((path) => {
      const sourceFile = project.program.getSourceFile(`${root}/${path}`);
      if (!sourceFile) throw new Error(`TypeScript did not parse ${path}`);
      const findings: Finding[] = [];
      const add = (node: Node, kind: FindingKind, text: string) =>
        findings.push({ file: path, line: sourceFile.getLineAndCharacterOfPosition(node.pos).line + 1, kind, text });
      const visit = (node: Node): void => {
        // Module names are not text.
        if (isImportDeclaration(node) || isExportDeclaration(node)) return;
        if (isCallExpression(node) && node.expression.kind === SyntaxKind.ImportKeyword) return;
        if (isJsxText(node)) {
          if (WORD.test(node.text)) add(node, 'jsx-text', node.text.trim());
          return;
        }
        if (isJsxAttribute(node) && node.initializer) {
          const name = (node.name as { text?: string }).text ?? '';
          const value = isJsxExpression(node.initializer) ? node.initializer.expression : node.initializer;
          if (
            USER_FACING_ATTRIBUTES.has(name) &&
            value &&
            (isStringLiteral(value) || isNoSubstitutionTemplateLiteral(value)) &&
            WORD.test(value.text)
          ) {
            add(node, 'attribute', value.text);
            return;
          }
        }
        if (
          (isStringLiteral(node) ||
            isNoSubstitutionTemplateLiteral(node) ||
            isTemplateHead(node) ||
            isTemplateMiddle(node) ||
            isTemplateTail(node)) &&
          looksGerman(node.text)
        )
          add(node, 'german', node.text);
        node.forEachChild(visit);
      };
      visit(sourceFile);
      return findings;
    });
  } finally {
    api.close();
  }
}
