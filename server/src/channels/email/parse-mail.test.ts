import { Buffer, isUtf8 } from 'node:buffer';
import { contactPointInput } from '@anliegen/shared';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { parseMail, safeFilename, uudecode } from './parse-mail.js';

// Every message is built here byte by byte: strings are latin1 (one byte per char) unless passed as a Buffer.
type Part = string | Buffer;
const bytes = (part: Part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : part);
const utf8 = (text: string) => Buffer.from(text, 'utf8');
const cp1252 = (text: string) => iconv.encode(text, 'windows-1252');

/** A message from header lines and a body; any part may be a Buffer with exactly the bytes wanted. */
function message(headers: Part[], body: Part): Buffer {
  const lines = headers.flatMap((header) => [bytes(header), Buffer.from('\r\n')]);
  return Buffer.concat([...lines, Buffer.from('\r\n'), bytes(body), Buffer.from('\r\n')]);
}

const BASE = ['From: anna@example.de', 'To: desk@musterstadt.example', 'Message-ID: <m1@example.de>'];
const BOUNDARY = 'b0und4ry-lower-case';

/** multipart/<kind> from parts that are each [headers, body]. */
function multipart(kind: string, parts: [Part[], Part][], extraHeaders: Part[] = BASE): Buffer {
  const body = parts.flatMap(([headers, content]) => [
    Buffer.from(`--${BOUNDARY}\r\n`),
    ...headers.flatMap((header) => [bytes(header), Buffer.from('\r\n')]),
    Buffer.from('\r\n'),
    bytes(content),
    Buffer.from('\r\n'),
  ]);
  return message(
    [...extraHeaders, 'MIME-Version: 1.0', `Content-Type: multipart/${kind}; boundary="${BOUNDARY}"`],
    Buffer.concat([...body, Buffer.from(`--${BOUNDARY}--`)]),
  );
}

const NO_REPLACEMENT = /[\ufffd]|ï¿½/;

// Text that windows-1252 can write: ASCII letters and digits, and every printable character of 0x80–0xFF.
const CP1252_EXTRA =
  '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ¡¢£¤¥¦§¨©ª«¬®¯°±²³´µ¶·¸¹º»¼½¾¿ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõö÷øùúûüýþÿ';
const cp1252Char = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', ...CP1252_EXTRA);
const cp1252Words = fc.array(fc.string({ unit: cp1252Char, minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 8 });
/** Latin-1 text whose bytes are not also valid UTF-8 (then no reader can tell, and UTF-8 wins by design). */
const cp1252Text = cp1252Words
  .map((words) => words.join(' '))
  .filter((text) => /[^\p{ASCII}]/u.test(text) && !isUtf8(cp1252(text)));
const cp1252Name = fc
  .array(fc.stringMatching(/^[A-Za-zÀ-ÖØ-öø-ÿŠšŒœŽžŸ]{1,10}$/), { minLength: 1, maxLength: 3 })
  .map((words) => words.join(' '))
  .filter((name) => !isUtf8(cp1252(name)));

// Non-ASCII letters, digits, punctuation and symbols from across Unicode (BMP and emoji), no spaces or controls.
const unicodeChar = fc
  .oneof(
    fc.integer({ min: 0xa1, max: 0x2fff }),
    fc.integer({ min: 0x3040, max: 0x9fff }),
    fc.integer({ min: 0x1f600, max: 0x1f64f }),
  )
  .map((code) => String.fromCodePoint(code))
  .filter((char) => /^[\p{L}\p{N}\p{P}\p{S}]$/u.test(char) && char.normalize('NFC') === char);
const utf8Text = fc
  .array(fc.string({ unit: fc.oneof(unicodeChar, fc.constantFrom(...'abcXYZ019')), minLength: 1, maxLength: 10 }), {
    minLength: 1,
    maxLength: 6,
  })
  .map((words) => words.join(' '));

describe('text of HTML-only mail (item 5)', () => {
  const html = [
    '<html><head><title>Newsletter</title><style>p { color: red }</style></head><body>',
    '<style>.x { display: none }</style><script>alert("x")</script>',
    '<p>Guten Tag,<br>bitte sehen Sie <a href="https://musterstadt.example/antrag?id=1">das Formular</a> an.</p>',
    '<table><tr><th>Name</th><th>Termin</th></tr><tr><td>Anna Berg</td><td>12.03.</td></tr></table>',
    '<p><img src="cid:logo@x" alt="Logo"></p>',
    '<div></div><div></div><br><br><br><br><br><p>Gruß</p></body></html>',
  ].join('\n');

  function expectReadable(text: string | undefined) {
    expect(text).toContain('das Formular [https://musterstadt.example/antrag?id=1]');
    expect(text).toContain('Name | Termin\nAnna Berg | 12.03.');
    expect(text).toMatch(/^Guten Tag,\nbitte sehen Sie/);
    expect(text).toMatch(/Gruß$/);
    expect(text).not.toMatch(/alert|color|display|Newsletter|<|data:|base64|\n\n\n/);
  }

  it('text/html as the only body', async () => {
    const mail = await parseMail(message([...BASE, 'Content-Type: text/html; charset=utf-8'], utf8(html)));
    expectReadable(mail.text);
  });

  it('HTML beside an empty or whitespace-only text alternative', async () => {
    for (const empty of ['', ' \r\n\t', '\r\n\r\n']) {
      const mail = await parseMail(
        multipart('alternative', [
          [['Content-Type: text/plain; charset=utf-8'], empty],
          [['Content-Type: text/html; charset=utf-8'], utf8(html)],
        ]),
      );
      expectReadable(mail.text);
    }
  });

  it('HTML with inline images and attachments, where mailparser gives no text at all', async () => {
    const raw = multipart('mixed', [
      [['Content-Type: text/html; charset=utf-8'], utf8(html)],
      [['Content-Type: image/png', 'Content-Transfer-Encoding: base64', 'Content-ID: <logo@x>'], 'iVBORw0KGgo='],
      [['Content-Type: application/pdf; name="antrag.pdf"', 'Content-Transfer-Encoding: base64'], 'JVBERi0xLjQ='],
    ]);
    expect((await simpleParser(raw)).text).toBeUndefined();
    const mail = await parseMail(raw);
    expectReadable(mail.text);
    expect(mail.attachments.map((file) => file.filename)).toEqual(['anhang.png', 'antrag.pdf']);
  });

  it('keeps a real plain text alternative as it is', async () => {
    const mail = await parseMail(
      multipart('alternative', [
        [['Content-Type: text/plain; charset=utf-8'], 'Nur Text.'],
        [['Content-Type: text/html; charset=utf-8'], '<p>Anderer Text</p>'],
      ]),
    );
    expect(mail.text).toBe('Nur Text.');
  });

  it('any table of words becomes one line per row, cells separated', async () => {
    const word = fc.stringMatching(/^[A-Za-zÄÖÜäöüß0-9]{1,10}$/);
    const table = fc.array(fc.array(word, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 6 });
    await fc.assert(
      fc.asyncProperty(table, fc.constantFrom('\n', '', '  '), async (rows, gap) => {
        const markup = `<table>${rows.map((row) => `<tr>${row.map((cell) => `${gap}<td>${cell}</td>`).join('')}${gap}</tr>`).join(gap)}</table>`;
        const mail = await parseMail(message([...BASE, 'Content-Type: text/html; charset=utf-8'], utf8(markup)));
        expect(mail.text).toBe(rows.map((row) => row.join(' | ')).join('\n'));
      }),
      { numRuns: 40 },
    );
  });
});

describe('undeclared and wrongly declared 8-bit text (item 6)', () => {
  it('raw Latin-1 in Subject and the From display name', async () => {
    const mail = await parseMail(
      message(
        [
          Buffer.concat([bytes('From: '), cp1252('Jürgen Müller'), bytes(' <jm@example.de>')]),
          Buffer.concat([bytes('Subject: '), cp1252('Frösche im Teich – „Bitte“ prüfen, 5 €')]),
        ],
        'x',
      ),
    );
    expect(mail.subject).toBe('Frösche im Teich – „Bitte“ prüfen, 5 €');
    expect(mail.from?.value[0]).toEqual({ name: 'Jürgen Müller', address: 'jm@example.de' });
  });

  it('raw UTF-8 headers (RFC 6532) stay as they are', async () => {
    const mail = await parseMail(
      message([utf8('From: Jörg Döe <jdöe@mächine.example>'), utf8('Subject: Grüße aus Köln 😀 – 東京')], 'x'),
    );
    expect(mail.subject).toBe('Grüße aus Köln 😀 – 東京');
    expect(mail.from?.value[0]).toEqual({ name: 'Jörg Döe', address: 'jdöe@mächine.example' });
  });

  it('a value that ends in a character whose last UTF-8 byte is 0xA0 (mailparser trims it as a space)', async () => {
    for (const subject of ['Voilà', 'Kreuz †', 'Gebühr 5 €'])
      for (const raw of [utf8(subject), cp1252(subject)])
        expect((await parseMail(message([...BASE, Buffer.concat([bytes('Subject: '), raw])], 'x'))).subject).toBe(subject);
  });

  it.each([
    [
      'a raw 8-bit byte inside a Q encoded word',
      Buffer.concat([bytes('Subject: =?iso-8859-1?Q?Fr'), cp1252('ö'), bytes('sche?=')]),
    ],
    ['an unknown charset label', 'Subject: =?unknown-8bit?Q?Fr=F6sche?='],
    ['x-user-defined', 'Subject: =?x-user-defined?B?RnL2c2NoZQ==?='],
    ['UTF-8 declared, Latin-1 sent', 'Subject: =?utf-8?Q?Fr=F6sche?='],
    ['us-ascii declared, UTF-8 sent', 'Subject: =?us-ascii?Q?Fr=C3=B6sche?='],
    ['Latin-1 split over two words', 'Subject: =?iso-8859-1?Q?Fr?= =?iso-8859-1?Q?=F6sche?='],
  ])('an encoded word with %s', async (_, subject) => {
    expect((await parseMail(message([...BASE, subject], 'x'))).subject).toBe('Frösche');
  });

  it('windows-1252 characters (0x80–0x9F) in a declared iso-8859-1 encoded word', async () => {
    const mail = await parseMail(message([...BASE, 'Subject: =?iso-8859-1?Q?=84Geb=FChr=93_=96_20_=80?='], 'x'));
    expect(mail.subject).toBe('„Gebühr“ – 20 €');
  });

  it.each([
    ['no charset, 8bit', ['Content-Transfer-Encoding: 8bit'], cp1252('Grüße – 5 € „gut“')],
    ['no Content-Type at all', [], cp1252('Grüße – 5 € „gut“')],
    ['no charset, UTF-8 bytes', ['Content-Type: text/plain', 'Content-Transfer-Encoding: 8bit'], utf8('Grüße – 5 € „gut“')],
    ['charset=unknown-8bit', ['Content-Type: text/plain; charset=unknown-8bit'], cp1252('Grüße – 5 € „gut“')],
    ['charset="x-user-defined"', ['Content-Type: text/plain; charset="x-user-defined"'], cp1252('Grüße – 5 € „gut“')],
    ['us-ascii with 8-bit bytes', ['Content-Type: text/plain; charset=us-ascii'], cp1252('Grüße – 5 € „gut“')],
    ['us-ascii with UTF-8 bytes', ['Content-Type: text/plain; charset=us-ascii'], utf8('Grüße – 5 € „gut“')],
    ['UTF-8 declared, Latin-1 sent', ['Content-Type: text/plain; charset=utf-8'], cp1252('Grüße – 5 € „gut“')],
    ['iso-8859-1 with windows-1252 punctuation', ['Content-Type: text/plain; charset=iso-8859-1'], cp1252('Grüße – 5 € „gut“')],
    ['quoted-printable, no charset', ['Content-Transfer-Encoding: quoted-printable'], 'Gr=FC=DFe =96 5 =80 =84gut=93'],
    [
      'base64 HTML, no charset',
      ['Content-Type: text/html', 'Content-Transfer-Encoding: base64'],
      cp1252('<p>Grüße – 5 € „gut“</p>').toString('base64'),
    ],
  ])('a body with %s', async (_, headers, body) => {
    const mail = await parseMail(message([...BASE, 'Subject: x', ...headers], body));
    expect(mail.text?.trim()).toBe('Grüße – 5 € „gut“');
  });

  it.each([
    ['ISO-2022-JP', 'iso-2022-jp', Buffer.from([0x1b, 0x24, 0x42, 0x46, 0x7c, 0x4b, 0x5c, 0x1b, 0x28, 0x42]), '日本'],
    ['KOI8-R', 'koi8-r', iconv.encode('Привет, мир', 'koi8-r'), 'Привет, мир'],
    ['windows-1251', 'windows-1251', iconv.encode('Добрый день', 'windows-1251'), 'Добрый день'],
    ['ISO-8859-2', 'iso-8859-2', iconv.encode('Zażółć gęślą jaźń', 'iso-8859-2'), 'Zażółć gęślą jaźń'],
    ['UTF-16 with BOM', 'utf-16', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Grüße 東京', 'utf16le')]), 'Grüße 東京'],
  ])('leaves correctly declared %s alone (8bit and base64)', async (_, charset, body, expected) => {
    // UTF-16 cannot travel as 8bit: the line break after the body would be half a character.
    const encodings = charset === 'utf-16' ? [] : ([['8bit', body]] as const);
    for (const [encoding, content] of [...encodings, ['base64', body.toString('base64')] as const]) {
      const raw = message(
        [...BASE, `Content-Type: text/plain; charset=${charset}`, `Content-Transfer-Encoding: ${encoding}`],
        content,
      );
      const mail = await parseMail(raw);
      expect(mail.text?.trim()).toBe(expected);
      expect(mail.text).toBe((await simpleParser(raw)).text);
    }
  });

  it('(a) any windows-1252 text in an undeclared 8-bit subject, name and body comes back exactly', async () => {
    await fc.assert(
      fc.asyncProperty(
        cp1252Text,
        fc.array(cp1252Text, { minLength: 1, maxLength: 5 }),
        cp1252Name,
        async (subject, lines, from) => {
          const raw = message(
            [
              Buffer.concat([bytes('From: '), cp1252(from), bytes(' <a@example.de>')]),
              Buffer.concat([bytes('Subject: '), cp1252(subject)]),
              'Content-Transfer-Encoding: 8bit',
            ],
            cp1252(lines.join('\r\n')),
          );
          const mail = await parseMail(raw);
          expect(mail.subject).toBe(subject);
          expect(mail.from?.value[0]?.name).toBe(from);
          expect(mail.text?.replace(/\n$/, '')).toBe(lines.join('\n'));
          expect(`${mail.subject}${mail.text}${mail.from?.text}`).not.toMatch(NO_REPLACEMENT);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('(b) any UTF-8 text survives: raw headers, declared and undeclared bodies, encoded words', async () => {
    await fc.assert(
      fc.asyncProperty(utf8Text, utf8Text, fc.boolean(), async (subject, body, declared) => {
        const raw = message(
          [...BASE, utf8(`Subject: ${subject}`), declared ? 'Content-Type: text/plain; charset=utf-8' : 'X-Nothing: 1'],
          utf8(body),
        );
        const mail = await parseMail(raw);
        expect(mail.subject).toBe(subject);
        expect(mail.text?.replace(/\n$/, '')).toBe(body);
        const encoded = `Subject: =?utf-8?B?${utf8(subject).toString('base64')}?=`;
        expect((await parseMail(message([...BASE, encoded], 'x'))).subject).toBe(subject);
      }),
      { numRuns: 60 },
    );
  });

  it('hands well-formed mail to mailparser unchanged', async () => {
    const raw = multipart('mixed', [
      [['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: quoted-printable'], 'Gr=C3=BC=C3=9Fe'],
      [['Content-Type: application/pdf; name="=?utf-8?Q?Antr=C3=A4ge.pdf?="', 'Content-Transfer-Encoding: base64'], 'JVBERi0='],
    ]);
    const [repaired, plain] = await Promise.all([parseMail(raw), simpleParser(raw)]);
    expect(repaired.text).toBe(plain.text);
    expect(repaired.headerLines).toEqual(plain.headerLines);
    expect(repaired.attachments.map((file) => [file.filename, file.content])).toEqual(
      plain.attachments.map((file) => [file.filename, file.content]),
    );
  });
});

/** The uuencode of `data` as old clients write it; `strip` drops trailing spaces as some transports do. */
function uuencode(data: Uint8Array, name: string, { zero = '`', strip = false } = {}): string {
  const lines = [`begin 644 ${name}`];
  for (let offset = 0; offset < data.length; offset += 45) {
    const chunk = data.subarray(offset, offset + 45);
    let line = String.fromCharCode(32 + chunk.length);
    for (let i = 0; i < chunk.length; i += 3) {
      const group = ((chunk[i] ?? 0) << 16) | ((chunk[i + 1] ?? 0) << 8) | (chunk[i + 2] ?? 0);
      for (const shift of [18, 12, 6, 0]) {
        const value = (group >> shift) & 0x3f;
        line += value === 0 ? zero : String.fromCharCode(32 + value);
      }
    }
    lines.push(strip ? line.trimEnd() : line);
  }
  return [...lines, '`', 'end'].join('\r\n');
}

describe('x-uuencode attachments (item 7)', () => {
  it('(c) decode to exactly the bytes that were encoded', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 600 }),
        fc.constantFrom('x-uuencode', 'uuencode', 'x-uue', 'X-UUENCODE'),
        fc.record({ zero: fc.constantFrom('`', ' '), strip: fc.boolean() }),
        async (data, encoding, style) => {
          const raw = multipart('mixed', [
            [['Content-Type: text/plain'], 'Anbei der Scan.'],
            [
              ['Content-Type: application/octet-stream', `Content-Transfer-Encoding: ${encoding}`],
              uuencode(data, 'scan 1.pdf', style),
            ],
          ]);
          const mail = await parseMail(raw);
          expect(mail.text).toBe('Anbei der Scan.');
          expect(mail.attachments).toHaveLength(1);
          expect(mail.attachments[0]?.filename).toBe('scan 1.pdf');
          expect(mail.attachments[0]?.contentType).toBe('application/pdf');
          expect(Buffer.compare(mail.attachments[0]!.content, Buffer.from(data))).toBe(0);
          expect(uudecode(uuencode(data, 'x', style))?.content.equals(Buffer.from(data))).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('keeps the name the part gives over the one on the begin line', async () => {
    const raw = multipart('mixed', [
      [
        ['Content-Type: image/png; name="foto.png"', 'Content-Transfer-Encoding: x-uuencode'],
        uuencode(Buffer.from([0x89, 0x50, 0x4e, 0x47]), 'tmp0001.dat'),
      ],
    ]);
    const [file] = (await parseMail(raw)).attachments;
    expect(file?.filename).toBe('foto.png');
    expect(file?.content).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  });
  it('reads a name on the begin line as UTF-8 or, failing that, windows-1252', async () => {
    for (const name of [utf8('Bürgerantrag 東京.pdf'), cp1252('Bürgerantrag.pdf')]) {
      const raw = multipart('mixed', [
        [
          ['Content-Type: application/octet-stream', 'Content-Transfer-Encoding: x-uuencode'],
          Buffer.concat([
            bytes('begin 644 '),
            name,
            bytes(`\r\n${uuencode(Buffer.from('%PDF'), 'x').split('\r\n').slice(1).join('\r\n')}`),
          ]),
        ],
      ]);
      const [file] = (await parseMail(raw)).attachments;
      expect(file?.filename).toBe(isUtf8(name) ? 'Bürgerantrag 東京.pdf' : 'Bürgerantrag.pdf');
      expect(file?.content.toString()).toBe('%PDF');
    }
  });
});

describe('internationalised sender addresses (item 8)', () => {
  it('give one contact point, whichever form the domain has in From', async () => {
    const normalised = await Promise.all(
      ['jdöe@mächine.example', 'JDÖE@MÄCHINE.EXAMPLE', 'jdöe@xn--mchine-bua.example'].map(async (address) => {
        const mail = await parseMail(message([utf8(`From: Jörg Döe <${address}>`), 'Subject: x'], 'x'));
        const contact = contactPointInput.parse({ kind: 'email', value: mail.from?.value[0]?.address ?? '' });
        return contact.normalized;
      }),
    );
    expect(new Set(normalised)).toEqual(new Set(['jdöe@xn--mchine-bua.example']));
  });
});

describe('attachment names (item 9)', () => {
  const attachment = (headers: Part[]) =>
    multipart('mixed', [
      [['Content-Type: text/plain'], 'Siehe Anhang.'],
      [[...headers, 'Content-Transfer-Encoding: base64'], 'JVBERi0='],
    ]);
  const nameOf = async (headers: Part[]) => (await parseMail(attachment(headers))).attachments[0]?.filename;

  it.each([
    ['a DOS path', ['Content-Type: image/png', 'Content-Disposition: attachment; filename="C:\\TEMP\\scan.png"'], 'scan.png'],
    [
      'a DOS path, escaped',
      ['Content-Type: image/png', 'Content-Disposition: attachment; filename="C:\\\\TEMP\\\\scan.png"'],
      'scan.png',
    ],
    ['a Unix path', ['Content-Type: text/plain', 'Content-Disposition: attachment; filename="../../etc/passwd"'], 'passwd'],
    ['a drive prefix', ['Content-Type: image/png', 'Content-Disposition: attachment; filename="C:scan.png"'], 'scan.png'],
    [
      'a right-to-left override',
      ['Content-Type: application/pdf', "Content-Disposition: attachment; filename*=utf-8''rechnung%E2%80%AEfdp.exe"],
      'rechnungfdp.exe',
    ],
    [
      'NUL, newline and tab',
      ['Content-Type: application/pdf', "Content-Disposition: attachment; filename*=utf-8''a%00b%0A%0Dc%09d.pdf"],
      'abcd.pdf',
    ],
    ['only dots and spaces', ['Content-Type: application/pdf', 'Content-Disposition: attachment; filename=" .. "'], 'anhang.pdf'],
    ['no name', ['Content-Type: application/pdf', 'Content-Disposition: attachment'], 'anhang.pdf'],
    [
      'RFC 2231 continuations',
      [
        'Content-Type: application/pdf',
        "Content-Disposition: attachment; filename*0*=utf-8''B%C3%BCrger; filename*1*=%20Antrag.pdf",
      ],
      'Bürger Antrag.pdf',
    ],
    ['an encoded word in name=', ['Content-Type: application/pdf; name="=?utf-8?Q?Gr=C3=BC=C3=9Fe.pdf?="'], 'Grüße.pdf'],
    [
      'an encoded word in filename=',
      ['Content-Disposition: attachment; filename="=?iso-8859-1?B?QW50cuRnZS5wZGY=?="'],
      'Anträge.pdf',
    ],
    [
      'raw Latin-1 in name=',
      [Buffer.concat([bytes('Content-Type: application/pdf; name="'), cp1252('Anträge.pdf"')])],
      'Anträge.pdf',
    ],
    ['raw UTF-8 in filename=', [utf8('Content-Disposition: attachment; filename="Grüße 東京.pdf"')], 'Grüße 東京.pdf'],
    ['characters Windows forbids', ['Content-Type: application/pdf; name="a<b>c|d?.pdf"'], 'a_b_c_d_.pdf'],
  ])('%s', async (_, headers, expected) => {
    expect(await nameOf(headers)).toBe(expected);
  });

  it('shortens a long name and keeps its extension', async () => {
    const name = await nameOf([`Content-Type: application/pdf; name="${'Antrag-'.repeat(40)}.pdf"`]);
    expect(name).toHaveLength(120);
    expect(name).toMatch(/^Antrag-Antrag-.*\.pdf$/);
  });

  it('keeps the Content-ID without angle brackets', async () => {
    const mail = await parseMail(attachment(['Content-Type: image/png', 'Content-ID: <bild1.123@client.example>']));
    expect(mail.attachments[0]?.cid).toBe('bild1.123@client.example');
  });

  it('(d) any name comes out non-empty, without path separators or control characters', async () => {
    // Any code point, weighted towards the ones that make names dangerous.
    const nasty = fc.constantFrom(...'/\\.: "<>*?|\0\n\r\t\u0085\u00a0\u00ad\u200b\u200e\u202e\u2028\u2029\u2066\ufeffü東😀');
    const codePoint = fc
      .integer({ min: 0, max: 0x10ffff })
      .filter((code) => code < 0xd800 || code > 0xdfff)
      .map((code) => String.fromCodePoint(code));
    const anyName = fc.string({ unit: fc.oneof(nasty, codePoint, fc.constantFrom(...'abcXYZ019-_')), maxLength: 300 });
    const unsafe = /[/\\\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
    fc.assert(
      fc.property(anyName, fc.constantFrom('application/pdf', 'image/jpeg', 'application/x-unknown', ''), (name, type) => {
        const safe = safeFilename(name, type);
        expect(safe.length).toBeGreaterThan(0);
        expect(Array.from(safe).length).toBeLessThanOrEqual(120);
        expect(safe).not.toMatch(unsafe);
        expect(safe).toBe(safe.trim());
      }),
    );
    await fc.assert(
      fc.asyncProperty(anyName, async (name) => {
        const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16)}`);
        const filename = await nameOf([
          'Content-Type: application/pdf',
          `Content-Disposition: attachment; filename*=utf-8''${encoded}`,
        ]);
        expect(filename?.length).toBeGreaterThan(0);
        expect(filename).not.toMatch(unsafe);
      }),
      { numRuns: 40 },
    );
  });
});

describe('(e) anything that arrives', () => {
  it('a message mailparser refuses altogether comes back as its text', async () => {
    const parts = Array.from({ length: 1100 }, (): [Part[], Part] => [['Content-Type: text/plain'], 'Teil']);
    const raw = multipart('mixed', parts, [...BASE, cp1252('Subject: Grüße')]);
    await expect(simpleParser(raw)).rejects.toThrow();
    const mail = await parseMail(raw);
    expect(mail.attachments).toEqual([]);
    expect(mail.text).toContain('Subject: Grüße\n');
  });

  function expectUsable(mail: Awaited<ReturnType<typeof parseMail>>) {
    expect(Array.isArray(mail.attachments)).toBe(true);
    expect(mail.headers).toBeInstanceOf(Map);
    for (const file of mail.attachments) expect(file.filename.length).toBeGreaterThan(0);
    expect(['string', 'undefined']).toContain(typeof mail.text);
  }

  it('random bytes never make it throw', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (data) => {
        expectUsable(await parseMail(Buffer.from(data)));
      }),
      { numRuns: 60 },
    );
  });

  it('random header soup and MIME structure never make it throw', async () => {
    const token = fc.constantFrom(
      'Content-Type',
      'Content-Transfer-Encoding',
      'Content-Disposition',
      'Subject',
      'From',
      'Content-ID',
      'MIME-Version',
    );
    const value = fc.oneof(
      fc.constantFrom(
        `multipart/mixed; boundary="${BOUNDARY}"`,
        `multipart/alternative; boundary=${BOUNDARY}`,
        'text/plain; charset=unknown-8bit',
        'text/html',
        'x-uuencode',
        'base64',
        'quoted-printable',
        'attachment; filename*0*=utf-8\'\'%E2%80; filename*1="x"',
        '=?utf-8?B?w6?= =?iso-8859-1?Q?=F6?=',
        '=?x?Q?\x80\xff?=',
        'begin 644 x',
      ),
      fc.string({ unit: 'binary-ascii', maxLength: 40 }),
      fc.uint8Array({ maxLength: 40 }).map((data) => Buffer.from(data).toString('latin1')),
    );
    const headerLine = fc.tuple(token, value).map(([name, text]) => `${name}: ${text}`);
    const line = fc.oneof(
      headerLine,
      fc.constantFrom(`--${BOUNDARY}`, `--${BOUNDARY}--`, '', 'begin 644 a.bin', '#86)C', '`', 'end'),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 40 }), async (lines) => {
        expectUsable(await parseMail(Buffer.from(lines.join('\r\n'), 'latin1')));
      }),
      { numRuns: 80 },
    );
  });
});
