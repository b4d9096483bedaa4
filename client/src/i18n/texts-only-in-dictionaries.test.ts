import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Finding, findUserFacingTexts, looksGerman } from '../test/user-facing-texts';

/*
 * Every text people read is in a dictionary: client/src/i18n (German and English, same keys: i18n.test.ts) and, on
 * the server, modules named *.texts.ts beside their code (mails, the web form, exports, reports, the start banner).
 * This test reads the non-test sources of client, server and shared and fails on text written anywhere else.
 */

const ROOT = resolve(import.meta.dirname, '../../..');

const isTranslationFile = (path: string) => /^client\/src\/i18n\/[^/]+\.tsx?$/.test(path) || path.endsWith('.texts.ts');

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return ['node_modules', 'dist', 'test'].includes(entry.name) ? [] : sources(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/**
 * German in code that is data, not a text for people: each entry names its file (or a folder, ending in /), the exact
 * strings ('*': all of it) and why they stay.
 */
const DATA_NOT_TEXT: Array<{ file: string; texts: string[] | '*'; reason: string }> = [
  {
    file: 'server/src/seed/',
    texts: '*',
    reason: 'the demo town and the benchmark data: names, subjects, messages and templates are data',
  },
  {
    file: 'server/src/db/full-text.ts',
    texts: ['ß', 'ä', 'ö', 'ü'],
    reason: 'folding for the full-text index ("Straße" = "Strasse"), not shown',
  },
  {
    file: 'shared/src/search-query.ts',
    texts: ['wartet auf rückmeldung'],
    reason: 'search values people type (status labels, quoted), matched in lower case',
  },
  {
    file: 'shared/src/mail-replies.ts',
    texts: ['Aktenzeichen', 'Betreff'],
    reason: 'signature placeholders ({Aktenzeichen}) that admins type into a signature',
  },
  {
    file: 'server/src/modules/privacy/anonymise.ts',
    texts: ['[anonymisiert]'],
    reason: 'stored in the database in place of erased text (the marker the retention test looks for)',
  },
  {
    file: 'client/src/components/domain/header-controls.tsx',
    texts: ['Deutsch'],
    reason: 'the language menu names each language in itself (Deutsch, English), whatever the language shown',
  },
  {
    file: 'server/src/channels/webform/webform.pages.ts',
    texts: ['/anliegen/barrierefreiheit'],
    reason: 'the address of the Erklärung zur Barrierefreiheit: a path, German like every public page’s address',
  },
  {
    file: 'server/src/modules/feedback/survey-links.ts',
    texts: ['rueckmeldung'],
    reason: 'the address of the survey after a case: a path, German like every public page’s address',
  },
  {
    file: 'server/src/env.ts',
    texts: ['Bürgerservice <buergerservice@localhost>'],
    reason: 'default of the MAIL_FROM setting: configuration each administration sets',
  },
];

const inFile = (entry: (typeof DATA_NOT_TEXT)[number], finding: Finding) =>
  entry.file.endsWith('/') ? finding.file.startsWith(entry.file) : finding.file === entry.file;

function allowed(finding: Finding): boolean {
  return DATA_NOT_TEXT.some((entry) => inFile(entry, finding) && (entry.texts === '*' || entry.texts.includes(finding.text)));
}

describe('looksGerman', () => {
  it.each([
    'Fälle',
    'Bitte wählen Sie ein Thema.',
    'Datum: ',
    'hier sind die Zahlen',
    'Zustellung fehlgeschlagen',
    'Wartet auf Rückmeldung',
  ])('finds "%s" German', (text) => {
    expect(looksGerman(text)).toBe(true);
  });

  it.each(['case.updated', 'Save as view', 'A tag with this name exists', '@anliegen/shared', 'inbox-table', 'status'])(
    'leaves "%s" alone',
    (text) => {
      expect(looksGerman(text)).toBe(false);
    },
  );
});

describe('findUserFacingTexts', () => {
  it('finds JSX text, texts of labelled attributes and German literals, and no module names or keys', () => {
    const findings = findUserFacingTexts({
      'page.tsx': [
        "import { Button } from '@mantine/core';",
        "import { useI18n } from './i18n';",
        'export function Page() {',
        '  const { t } = useI18n();',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the snippet's source has a template literal
        '  const tooltip = `Fällig am ${when}`;',
        '  return (',
        '    <section aria-label="Seite">',
        "      <Button label={'Abschicken'} title={t('page.title')} data-testid=\"save-button\">Speichern</Button>",
        '      <img alt="Logo of the town" src="/logo.png" />',
        '      <p className="lead">{t(\'page.lead\')}</p>',
        '      {tooltip}',
        '    </section>',
        '  );',
        '}',
      ].join('\n'),
      'mail.ts': [
        "import { formatBerlin } from '@anliegen/shared';",
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the snippet's source has a template literal
        'export const subject = (reference: string) => `Ihr Anliegen ${reference}`;',
        "export const heading = 'Weitergeleitete Nachricht';",
        "export const log = 'mail sent';",
      ].join('\n'),
    });
    expect(findings.map(({ file, line, kind, text }) => `${file}:${line} ${kind} ${text}`)).toEqual([
      'page.tsx:5 german Fällig am ',
      'page.tsx:7 attribute Seite',
      'page.tsx:8 attribute Abschicken',
      'page.tsx:8 jsx-text Speichern',
      'page.tsx:9 attribute Logo of the town',
      'mail.ts:2 german Ihr Anliegen ',
      'mail.ts:3 german Weitergeleitete Nachricht',
    ]);
  });
});

describe('user-facing texts', () => {
  const files = ['client/src', 'server/src', 'shared/src'].flatMap(sources).filter((path) => !isTranslationFile(path));
  const findings = findUserFacingTexts(Object.fromEntries(files.map((path) => [path, readFileSync(join(ROOT, path), 'utf8')])));

  it('are only in the dictionaries (client/src/i18n, *.texts.ts on the server)', () => {
    const outside = findings.filter((finding) => !allowed(finding));
    expect(outside.map(({ file, line, kind, text }) => `${file}:${line} ${kind}: ${JSON.stringify(text)}`)).toEqual([]);
  });

  it('keeps no stale exception: every allowed string still occurs', () => {
    const stale = DATA_NOT_TEXT.flatMap((entry) =>
      entry.texts === '*'
        ? findings.some((finding) => inFile(entry, finding))
          ? []
          : [`${entry.file}: *`]
        : entry.texts
            .filter((text) => !findings.some((finding) => inFile(entry, finding) && finding.text === text))
            .map((text) => `${entry.file}: ${text}`),
    );
    expect(stale).toEqual([]);
  });

  it('reads the sources it should', () => {
    expect(files.length).toBeGreaterThan(200);
    expect(files).toContain('client/src/features/cases/reply-box.tsx');
    expect(files).toContain('server/src/modules/cases/forward.service.ts');
    expect(files).not.toContain('client/src/i18n/pages.de.ts');
    expect(relative(ROOT, join(ROOT, 'server/src/channels/webform/webform.texts.ts'))).toSatisfy(isTranslationFile);
  });
});
