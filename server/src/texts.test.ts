import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * The server's dictionaries are the modules named *.texts.ts (client/src/i18n/texts-only-in-dictionaries.test.ts
 * fails on German anywhere else). Those written in German and English export an object with `de` and `en`: English
 * has every text German has, with the same placeholders.
 */

const SRC = import.meta.dirname;

function textModules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : textModules(path);
    return entry.name.endsWith('.texts.ts') ? [path] : [];
  });
}

/** Every text of a dictionary by its path ("mail.subject", "headers.3"); functions by their source's placeholders. */
function flatten(value: unknown, prefix = ''): Map<string, string> {
  if (typeof value === 'string') return new Map([[prefix, value]]);
  if (typeof value === 'function') return new Map([[prefix, `${(value as () => unknown).length} arguments`]]);
  if (value && typeof value === 'object')
    return new Map(Object.entries(value).flatMap(([key, inner]) => [...flatten(inner, prefix ? `${prefix}.${key}` : key)]));
  return new Map([[prefix, String(value)]]);
}

const placeholders = (text: string) =>
  [...text.matchAll(/\{(\w+)\}/g)]
    .map((match) => match[1])
    .sort()
    .join();

const bilingual = await Promise.all(
  textModules(SRC).map(async (path) => {
    const module = (await import(path)) as Record<string, unknown>;
    return Object.entries(module)
      .filter(([, value]) => value && typeof value === 'object' && 'de' in value && 'en' in value)
      .map(([name, value]) => ({ name: `${relative(SRC, path)}: ${name}`, ...(value as { de: unknown; en: unknown }) }));
  }),
).then((lists) => lists.flat());

describe('the server dictionaries in two languages', () => {
  it('are found (the web form and the audit export at least)', () => {
    expect(bilingual.map((dictionary) => dictionary.name)).toEqual(
      expect.arrayContaining([
        'channels/webform/webform.texts.ts: webformTexts',
        'modules/audit/audit-export.texts.ts: auditExportTexts',
      ]),
    );
  });

  it.each(bilingual.map((dictionary) => [dictionary.name, dictionary] as const))(
    '%s: English has every German text, with the same placeholders',
    (_name, dictionary) => {
      const de = flatten(dictionary.de);
      const en = flatten(dictionary.en);
      expect([...en.keys()].sort()).toEqual([...de.keys()].sort());
      const differing = [...de].filter(([key, text]) => placeholders(text) !== placeholders(en.get(key) ?? ''));
      expect(differing).toEqual([]);
      expect([...en].filter(([, text]) => text.trim() === '')).toEqual([]);
    },
  );
});

describe('every server text that counts', () => {
  it('says one thing in the singular ("aus einem weiteren Datensatz", never "1 weiteren Datensätzen")', async () => {
    const wrong: string[] = [];
    for (const path of textModules(SRC)) {
      const module = (await import(path)) as Record<string, unknown>;
      const visit = (value: unknown, where: string) => {
        if (typeof value === 'function') {
          const text = String((value as (...args: unknown[]) => unknown)(...Array(value.length).fill(1)));
          if (
            /\b1 (weiteren|Vorgänge|Vorgängen|Einträge|Tage|Tagen|Kontakte|Datensätzen|Nachrichten|Anhänge|[a-z]+[^aius]s)\b/.test(
              text,
            )
          )
            wrong.push(`${where}: ${text}`);
        } else if (value && typeof value === 'object')
          for (const [key, inner] of Object.entries(value)) visit(inner, `${where}.${key}`);
      };
      visit(module, relative(SRC, path));
    }
    expect(wrong).toEqual([]);
  });
});
