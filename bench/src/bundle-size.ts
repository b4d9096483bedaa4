import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { RouteBundle } from './measure.js';

/** Sizes are gzip at level 9 (node:zlib), what a server that pre-compresses its assets sends. */
export const GZIP_LEVEL = 9;

/**
 * Each route and the page modules it loads lazily (`lazyRouteComponent` in client/src/routes/*.route.tsx); an empty
 * list means the page is in the entry chunk. A module missing from the build fails the measurement, so this table
 * cannot silently fall behind the routes; a lazy module not named here still gets a row of its own.
 */
const ROUTES: { route: string; lazy: string[] }[] = [
  { route: '/login', lazy: ['src/features/auth/login-page.tsx'] },
  { route: '/ (overview)', lazy: [] },
  { route: '/cases (inbox)', lazy: [] },
  { route: '/cases/$reference', lazy: ['src/features/cases/case-page.tsx'] },
  // The print view is exported by the case page's module (one chunk: no further split of the entry's chunks).
  { route: '/cases/$reference/print', lazy: ['src/features/cases/case-page.tsx'] },
  { route: '/cases/$reference/receipt', lazy: ['src/features/cases/case-page.tsx'] },
  { route: '/capture', lazy: ['src/features/intake/quick-capture-page.tsx'] },
  { route: '/citizens', lazy: ['src/features/citizens/citizens-page.tsx'] },
  { route: '/citizens/$id', lazy: ['src/features/citizens/citizen-page.tsx'] },
  { route: '/search', lazy: ['src/features/search/search-page.tsx'] },
  { route: '/team', lazy: ['src/features/workload/team-board-page.tsx'] },
  { route: '/statistics', lazy: ['src/features/statistics/statistics-page.tsx'] },
  { route: '/canned-responses', lazy: ['src/features/canned-responses/canned-responses-page.tsx'] },
  { route: '/admin/users', lazy: ['src/features/admin/users-page.tsx'] },
  { route: '/admin/teams', lazy: ['src/features/admin/teams-page.tsx'] },
  { route: '/admin/routing', lazy: ['src/features/admin/routing-rules-page.tsx'] },
  { route: '/admin/sla', lazy: ['src/features/admin/sla-policies-page.tsx'] },
  { route: '/admin/tags', lazy: ['src/features/admin/tags-page.tsx'] },
  { route: '/admin/audit', lazy: ['src/features/admin/audit-log-page.tsx'] },
  { route: '/admin/privacy', lazy: ['src/features/admin/privacy-page.tsx'] },
];

/**
 * The public web form is server-rendered HTML without any script (server/src/channels/webform/, whose route test
 * asserts there is no `<script`), so the browser loads no JS for it.
 */
const WEB_FORM: RouteBundle = { route: '/anliegen (public web form)', initialJsGzipBytes: 0, files: [] };

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
}
type Manifest = Record<string, ManifestChunk>;

/** Vite's build manifest (build.manifest in client/vite.config.ts), checked for the fields used here. */
function readManifest(clientDist: string): Manifest {
  const path = join(clientDist, '.vite/manifest.json');
  if (!existsSync(path)) throw new Error(`${path} is missing: run pnpm build (client/vite.config.ts writes the manifest)`);
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
  const isChunk = (value: unknown): value is ManifestChunk => {
    const chunk = value as Partial<ManifestChunk> | null;
    return (
      typeof chunk === 'object' &&
      chunk !== null &&
      typeof chunk.file === 'string' &&
      (chunk.imports === undefined || (Array.isArray(chunk.imports) && chunk.imports.every((key) => typeof key === 'string')))
    );
  };
  if (typeof parsed !== 'object' || parsed === null || !Object.values(parsed).every(isChunk)) {
    throw new Error(`${path} is not a Vite manifest`);
  }
  return parsed as Manifest;
}

/**
 * Per route, the JS the browser loads before the page renders: the entry chunk and its static imports, plus the
 * route's lazy chunks and theirs (what the router fetches, with Vite preloading a lazy chunk's imports alongside),
 * each file gzip-compressed on its own at GZIP_LEVEL, as it travels. CSS is not counted.
 */
export async function measureBundles(clientDist: string): Promise<RouteBundle[]> {
  const manifest = readManifest(clientDist);
  const entries = Object.keys(manifest).filter((key) => manifest[key]?.isEntry);
  if (entries.length !== 1) throw new Error(`expected one entry chunk in the manifest, found ${entries.length}`);

  const staticClosure = (keys: string[]): string[] => {
    const files = new Set<string>();
    const seen = new Set<string>();
    const visit = (key: string) => {
      if (seen.has(key)) return;
      seen.add(key);
      const chunk = manifest[key];
      if (!chunk) throw new Error(`${key} is not in the build: update ROUTES in bench/src/bundle-size.ts`);
      files.add(chunk.file);
      for (const imported of chunk.imports ?? []) visit(imported);
    };
    for (const key of keys) visit(key);
    return [...files];
  };
  const gzipBytes = new Map<string, number>();
  const sizeOf = (file: string) => {
    let bytes = gzipBytes.get(file);
    if (bytes === undefined) {
      bytes = gzipSync(readFileSync(join(clientDist, file)), { level: GZIP_LEVEL }).length;
      gzipBytes.set(file, bytes);
    }
    return bytes;
  };
  const bundle = (route: string, lazy: string[]): RouteBundle => {
    const files = staticClosure([...entries, ...lazy]);
    return { route, initialJsGzipBytes: files.reduce((sum, file) => sum + sizeOf(file), 0), files };
  };

  const named = new Set(ROUTES.flatMap((route) => route.lazy));
  const unnamed = Object.keys(manifest).filter((key) => manifest[key]?.isDynamicEntry && !named.has(key));
  return [
    ...ROUTES.map(({ route, lazy }) => bundle(route, lazy)),
    ...unnamed.map((key) => bundle(`(lazy) ${key}`, [key])),
    WEB_FORM,
  ];
}
