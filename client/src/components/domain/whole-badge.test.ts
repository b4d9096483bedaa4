import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { CASE_STATUSES } from '@anliegen/shared';
import { describe, expect, it } from 'vitest';
import { de } from '../../i18n/de';
import { en } from '../../i18n/en';

/*
 * Mantine's Badge has a fixed height and cuts its text with "…" (issue 24: "WARTET…" for both waiting states under the
 * WCAG 1.4.12 text spacing, so only the colour told them apart). WholeBadge (status-badge.tsx) wraps instead: every
 * badge of the app is one. The e2e screens test finds cut text on the screens it visits; this finds a bare Badge
 * anywhere, also in a state no e2e test opens.
 */

const SRC = resolve(import.meta.dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sources(path);
    return /\.tsx$/.test(entry.name) && !/\.test\.tsx$/.test(entry.name) ? [path] : [];
  });
}

describe('badges never cut their text', () => {
  it('uses WholeBadge, never Mantine’s Badge directly (except WholeBadge itself)', () => {
    const bare = sources(SRC)
      .filter((path) => !path.endsWith('components/domain/status-badge.tsx'))
      .filter((path) => /import\s*\{[^}]*\bBadge\b[^}]*\}\s*from\s*'@mantine\/core'/.test(readFileSync(path, 'utf8')))
      .map((path) => relative(SRC, path));
    expect(bare).toEqual([]);
  });
});

describe('statuses differ in words, not only in colour (WCAG 1.4.1)', () => {
  it.each([
    ['de', de],
    ['en', en],
  ] as const)('%s: every status has a name of its own', (_, texts) => {
    const names = CASE_STATUSES.map((status) => texts[`status.${status}`]);
    expect(new Set(names).size).toBe(CASE_STATUSES.length);
  });
});
