import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The client's layout rules (docs/architecture.md), checked here so that nobody has to remember them. */
const SRC = import.meta.dirname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

const files = sourceFiles(SRC).map((file) => ({ path: relative(SRC, file), text: readFileSync(file, 'utf8') }));
const importsOf = (file: { path: string; text: string }) =>
  [...file.text.matchAll(/from '(\.{1,2}\/[^']+)'/g)].map((match) =>
    relative(SRC, resolve(dirname(join(SRC, file.path)), match[1]!)),
  );

/** A feature's api module (features/x/api.ts or features/x/api/*.ts), or the shell's in lib/. */
const isApiModule = (path: string) =>
  /^features\/[^/]+\/(api\.ts|api\/[^/]+\.ts)$/.test(path) ||
  ['lib/session.ts', 'lib/notifications.ts', 'lib/sign-in-again.ts'].includes(path);

describe('client conventions', () => {
  it('keeps mutations in the api modules, which own what they invalidate', () => {
    const offenders = files.filter((file) => file.text.includes('useMutation(') && !isApiModule(file.path));
    expect(offenders.map((file) => file.path)).toEqual([]);
  });

  it('invalidates queries only in the api modules and lib/invalidate.ts', () => {
    const offenders = files.filter(
      (file) => file.text.includes('invalidateQueries(') && !isApiModule(file.path) && file.path !== 'lib/invalidate.ts',
    );
    expect(offenders.map((file) => file.path)).toEqual([]);
  });

  it('keeps generic UI free of the domain: components/ui imports no domain widget and no feature', () => {
    const offenders = files
      .filter((file) => file.path.startsWith('components/ui/'))
      .filter((file) =>
        importsOf(file).some((target) => target.startsWith('components/domain/') || target.startsWith('features/')),
      );
    expect(offenders.map((file) => file.path)).toEqual([]);
  });

  it('lets no shared component or lib module import a feature', () => {
    const offenders = files
      .filter((file) => file.path.startsWith('components/') || file.path.startsWith('lib/'))
      .filter((file) => importsOf(file).some((target) => target.startsWith('features/')));
    expect(offenders.map((file) => file.path)).toEqual([]);
  });
});
