import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sanitizeMailHtml } from './sanitize-mail-html.js';

/**
 * Mail HTML is shown inside the app: any URL in it that a browser resolves against the app's address would send the
 * agent's cookie along (an `<img src="/trpc/citizens.byId?…">` wrote a "viewed" audit row under the agent's name).
 * What may survive: absolute http(s), mailto and tel links, `cid:` images (shown as the message's own attachment) and
 * inline raster `data:` images (no request at all).
 *
 * Reproduce a failure with the seed fast-check prints: FC_SEED=<seed> vitest run … (FC_RUNS to change the runs).
 */
const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : Date.now() % 2 ** 31;
const RUNS = process.env.FC_RUNS ? Number(process.env.FC_RUNS) : 300;

const APP = new URL('https://anliegen.musterstadt.example/cases/A-2026-000001');
const LINK_SCHEMES = new Set(['http:', 'https:', 'mailto:', 'tel:']);

/** Attribute values as the browser reads them (the output is sanitize-html's: double-quoted, escaped). */
function decode(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function tagsOf(output: string) {
  return [...output.matchAll(/<([a-z][a-z0-9-]*)((?:\s+[^\s=>]+="[^"]*")*)\s*\/?>/gi)].map(([, name, rest]) => ({
    name: name!.toLowerCase(),
    attributes: [...rest!.matchAll(/([^\s=>]+)="([^"]*)"/g)].map(([, attribute, value]) => ({
      name: attribute!.toLowerCase(),
      value: decode(value!),
    })),
  }));
}

/**
 * Every URL left in the output is absolute on its own (its meaning does not depend on the page it is shown in) and
 * of an allowed kind; only the attachment URLs the caller mapped `cid:` images to point into the app.
 */
function expectNoUrlIntoTheApp(output: string, mapped: ReadonlySet<string> = new Set()) {
  expect(output).not.toMatch(/<(base|meta|link|form|area|style|iframe|object|embed|svg|image|input|video|audio|source)\b/i);
  expect(output).not.toMatch(/url\s*\(|srcset|background|style=|action=|poster=/i);
  for (const tag of tagsOf(output)) {
    for (const { name, value } of tag.attributes) {
      expect(['href', 'src', 'alt', 'title', 'rel', 'target', 'data-remote-image', 'colspan', 'rowspan']).toContain(name);
      if (name === 'href') {
        expect(tag.name).toBe('a');
        const url = new URL(value);
        // Exactly what a browser makes of it: no whitespace, controls or backslashes that it would read differently.
        expect(url.href).toBe(value);
        expect(LINK_SCHEMES).toContain(url.protocol);
      }
      if (name === 'src') {
        expect(tag.name).toBe('img');
        if (mapped.has(value)) continue;
        expect(value).toMatch(/^(cid:[^\s]+|data:image\/(png|jpeg|gif|webp)[;,])/);
        expect(new URL(value, APP).origin).not.toBe(APP.origin);
      }
    }
  }
}

const encodeAll = (text: string, style: 'dec' | 'hex' | 'none') =>
  style === 'none'
    ? text.replace(/&/g, '&amp;').replace(/"/g, '&quot;')
    : [...text]
        .map((char) => (style === 'dec' ? `&#${char.codePointAt(0)};` : `&#x${char.codePointAt(0)!.toString(16)};`))
        .join('');

/** URL variants that browsers resolve into the app, run as script, or read differently from a naive check. */
const hostileUrl = fc
  .record({
    lead: fc.constantFrom('', ' ', '  ', '\t', '\n', '\r\n', '\x00', '\x01', '\x1f', '\x0b', '\x0c'),
    scheme: fc.constantFrom(
      '',
      '',
      'http:',
      'https:',
      'HTTPS:',
      'HtTp:',
      'javascript:',
      'JaVaScRiPt:',
      'java\tscript:',
      'java\nscript:',
      'vbscript:',
      'data:text/html,',
      'data:image/svg+xml,',
      'file:',
      'blob:',
      'about:',
      'cid',
    ),
    slashes: fc.constantFrom('', '/', '//', '///', '\\\\', '\\/', '/\\', '\\/\\/', ' //', '/\t/', './', '../', '%2F%2F'),
    host: fc.constantFrom('', 'anliegen.musterstadt.example', 'evil.example', '127.0.0.1:3000', 'localhost'),
    path: fc.constantFrom(
      '/trpc/citizens.byId?input=%7B%22id%22%3A1%7D',
      'trpc/cases.byReference?input=1',
      '/attachments/1',
      '/x.png',
      '',
      '?q=1',
      '#frag',
      'alert(1)',
    ),
    trail: fc.constantFrom('', ' ', '\t', '\x00'),
  })
  .map(({ lead, scheme, slashes, host, path, trail }) => `${lead}${scheme}${slashes}${host}${path}${trail}`);

const position = fc.constantFrom(
  (u: string) => `<img src="${u}" alt="Bild">`,
  (u: string) => `<img src="${u}" width="400" height="300">`,
  (u: string) => `<img srcset="${u} 1x, ${u} 2x" src="cid:logo@example.com">`,
  (u: string) => `<a href="${u}">Link</a>`,
  (u: string) => `<map name="m"><area shape="rect" coords="0,0,1,1" href="${u}"></map>`,
  (u: string) => `<form action="${u}"><input type="image" src="${u}"><button formaction="${u}">Los</button></form>`,
  (u: string) => `<base href="${u}"><a href="page">relativ</a>`,
  (u: string) => `<link rel="stylesheet" href="${u}"><link rel="prefetch" href="${u}">`,
  (u: string) => `<meta http-equiv="refresh" content="0;url=${u}">`,
  (u: string) => `<table background="${u}"><tr><td background="${u}">Zelle</td></tr></table>`,
  (u: string) => `<body background="${u}"><p>Text</p></body>`,
  (u: string) => `<div style="background-image:url('${u}')">Stil</div>`,
  (u: string) => `<p style="background: url(${u})">Stil</p>`,
  (u: string) => `<style>@import "${u}"; p { background: url(${u}) }</style><p>x</p>`,
  (u: string) => `<video poster="${u}"><source src="${u}"></video>`,
  (u: string) => `<iframe src="${u}"></iframe><object data="${u}"></object><embed src="${u}">`,
  (u: string) => `<svg><image href="${u}" xlink:href="${u}"/></svg>`,
  (u: string) => `<a href="${u}"><img src="${u}"></a>`,
);

describe('mail HTML may not make the agent’s browser call the app', () => {
  it('no relative, protocol-relative or app URL survives, however it is written (property)', () => {
    fc.assert(
      fc.property(hostileUrl, position, fc.constantFrom('none', 'none', 'dec', 'hex' as const), (url, place, encoding) => {
        const html = place(encodeAll(url, encoding));
        const output = sanitizeMailHtml(html);
        expectNoUrlIntoTheApp(output);
        // Sanitising again when shown changes nothing but the cid images.
        expect(sanitizeMailHtml(output)).toBe(output);
        // Shown later (read time), with the message's attachments: the same holds, cid images now point at them.
        const shown = sanitizeMailHtml(output, { cidUrl: (id) => (id === 'logo@example.com' ? '/attachments/7' : null) });
        expectNoUrlIntoTheApp(shown, new Set(['/attachments/7']));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it.each([
    ['<img src="/trpc/citizens.byId?input=%7B%22id%22%3A1%7D">', 'relative image'],
    ['<img src="//evil.example/x.png">', 'protocol-relative image'],
    ['<img src="\\/\\/evil.example/x.png">', 'backslashed protocol-relative image'],
    ['<a href="/trpc/cases.byReference?input=1">x</a>', 'relative link'],
    ['<a href="  /x">x</a>', 'relative link after spaces'],
    ['<a href="&#47;trpc/x">x</a>', 'entity-encoded relative link'],
    ['<a href="java&#x09;script:alert(1)">x</a>', 'javascript with an encoded tab'],
    ['<a href="JAVASCRIPT:alert(1)">x</a>', 'uppercase javascript'],
    ['<a href="\x01javascript:alert(1)">x</a>', 'javascript after a control character'],
    ['<a href="http:/trpc/x">x</a>', 'same-scheme relative (http:/path)'],
    ['<img src="https:trpc/x.png">', 'same-scheme relative image'],
    ['<a href="?input=1">x</a>', 'query only'],
    ['<a href="#top">x</a>', 'fragment only'],
  ])('drops %s (%s)', (html) => {
    const output = sanitizeMailHtml(html);
    expectNoUrlIntoTheApp(output);
    expect(output).not.toMatch(/javascript|="\/|="\?|="#/i);
  });

  it('drops a web address without its two slashes: on an http page the browser reads it as relative to the app', () => {
    for (const html of ['<a href="http:/trpc/x">x</a>', '<a href="HTTPS:trpc/x">x</a>', '<img src="http:\\\\host/x.png">']) {
      expect(sanitizeMailHtml(html)).not.toMatch(/href=|src=/);
    }
  });

  it('keeps what is harmless: absolute links, cid and inline raster images, remote images as a link to click', () => {
    const png =
      'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
    const output = sanitizeMailHtml(
      `<p>Siehe <a href="https://www.musterstadt.example/abfall?tag=1&amp;x=2">Abfallkalender</a>, <a href="mailto:amt@example.com">Mail</a></p>` +
        `<img src="cid:logo@example.com" alt="Logo"><img src="${png}" alt="Punkt" width="40" height="40">` +
        '<img src="https://bilder.example/schild.jpg" alt="Schild"><img src="https://tracker.example/p.gif" width="1" height="1">' +
        '<img src="data:image/svg+xml,<svg/>" alt="Vektor">',
    );
    expect(output).toContain('href="https://www.musterstadt.example/abfall?tag=1&amp;x=2"');
    expect(output).toContain('href="mailto:amt@example.com"');
    expect(output).toContain('<img src="cid:logo@example.com" alt="Logo" />');
    expect(output).toContain(`<img src="${png}" alt="Punkt" />`);
    expect(output).toContain('href="https://bilder.example/schild.jpg"');
    expect(output).toContain('[Bild: Schild]');
    expect(output).not.toContain('tracker.example');
    expect(output).not.toContain('svg');
  });

  it('shows a cid image as the message’s own attachment; an unknown cid is dropped', () => {
    const stored = sanitizeMailHtml(
      '<p><img src="cid:logo@example.com" alt="Logo"><img src="cid:fehlt@example.com" alt="Fehlt"></p>',
    );
    const shown = sanitizeMailHtml(stored, {
      cidUrl: (id) => (id === 'logo@example.com' ? '/attachments/7' : null),
    });
    expect(shown).toContain('<img src="/attachments/7" alt="Logo" />');
    expect(shown).not.toContain('fehlt@example.com');
    expect(shown).toContain('[Bild: Fehlt]');
  });

  it('escapes an image’s alt text where it becomes text', () => {
    const output = sanitizeMailHtml('<img src="https://x.example/a.png" alt="&lt;script&gt;alert(1)&lt;/script&gt;">');
    expect(output).not.toContain('<script');
    expect(output).toContain('&lt;script&gt;');
  });
});
