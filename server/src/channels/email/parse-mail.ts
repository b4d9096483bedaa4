import { Buffer, isUtf8 } from 'node:buffer';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import mailsplit, { type MimeNode, type SplitterChunk } from '@zone-eu/mailsplit';
import { compile, type HtmlToTextOptions } from 'html-to-text';
import iconv from 'iconv-lite';
import libmime from 'libmime';
import { type Attachment, type ParsedMail as MailparserMail, simpleParser } from 'mailparser';

/** An attachment as parseMail returns it: always a safe, non-empty file name; `cid` without angle brackets. */
export interface ParsedAttachment extends Attachment {
  filename: string;
}

/** mailparser's result, repaired (see parseMail); every field mailparser documents keeps its meaning. */
export interface ParsedMail extends Omit<MailparserMail, 'attachments'> {
  attachments: ParsedAttachment[];
}

/**
 * mailparser's simpleParser for the mail real clients send, with what they get wrong repaired first (issue 14):
 * raw 8-bit headers and bodies without a usable charset read as UTF-8 when they are valid UTF-8, else as
 * windows-1252 (never U+FFFD for Latin-1 text); x-uuencode parts decoded to their bytes; `text` derived from the
 * HTML when the mail has no plain text of its own; attachment names without paths or control characters. Never
 * throws: a message nothing can parse comes back as its raw text.
 */
export async function parseMail(raw: Buffer): Promise<ParsedMail> {
  let repaired: Repaired = { raw, plainTextParts: 0 };
  try {
    repaired = await repairRawMail(raw);
  } catch {
    // Whatever mailsplit cannot split, mailparser (with the same splitter) reads as it can.
  }
  let mail: MailparserMail;
  try {
    mail = await simpleParser(repaired.raw);
  } catch {
    try {
      mail = await simpleParser(raw);
    } catch {
      return unparsable(raw);
    }
  }
  return finish(mail, repaired.plainTextParts);
}

// ---------------------------------------------------------------------------------------------------------------
// Charsets

const UTF8_NAMES = new Set(['utf8', 'ascii', 'usascii']);
// mailparser and libmime decode these as UTF-8 for safety (UTF-7 smuggles markup): not a charset we can trust.
const REFUSED_CHARSET = /^(?:(?:cs)?unicode11)?utf7(?:imap)?$|^base64$|^hex$/;
const JAPANESE_CHARSET = /^jis|^iso-?2022-?jp|^eucjp/i;

function hasEightBit(bytes: Buffer): boolean {
  return bytes.some((byte) => byte >= 0x80);
}

/** Valid UTF-8 that means text: C1 controls (U+0080–U+009F) are what Latin-1 like "Â" + "Œ" decodes to by chance. */
function isUtf8Text(bytes: Buffer): boolean {
  return isUtf8(bytes) && !/[\u0080-\u009f]/.test(bytes.toString('utf8'));
}

/**
 * The charset to read 8-bit bytes in instead of the declared one, or null to keep the declaration. A charset our
 * decoder knows (ISO-2022-JP, KOI8-R, UTF-16, windows-1252 …) is trusted; a missing, US-ASCII or unknown one
 * ("unknown-8bit", "x-user-defined") means UTF-8 when the bytes are valid UTF-8, else windows-1252, the superset of
 * Latin-1 that Outlook writes. Declared UTF-8 that is not valid becomes windows-1252 unless some of it really is
 * UTF-8 (then one stray byte is a U+FFFD, not a whole text of mojibake).
 */
export function charsetFor(declared: string | false | null | undefined, bytes: Buffer): string | null {
  if (!hasEightBit(bytes)) return null;
  const label = (declared || '').trim();
  const plain = label.toLowerCase().replace(/[^a-z0-9]/g, '');
  const name = libmime.normalizeCharset(label || 'utf-8');
  const declaredUtf8 = label !== '' && (plain === 'utf8' || name === 'UTF-8');
  const known = iconv.encodingExists(name) || JAPANESE_CHARSET.test(name);
  if (label && !declaredUtf8 && !UTF8_NAMES.has(plain) && !REFUSED_CHARSET.test(plain) && known) return null;
  if (isUtf8Text(bytes)) return declaredUtf8 ? null : 'utf-8';
  if (declaredUtf8 && /[^\p{ASCII}\ufffd]/u.test(bytes.toString('utf8'))) return null;
  return 'windows-1252';
}

/** windows-1252 as browsers read it: its five unassigned bytes are the C1 code points, not U+FFFD. */
function decodeWindows1252(bytes: Buffer): string {
  const text = iconv.decode(bytes, 'windows-1252');
  return text.includes('\ufffd')
    ? Array.from(text, (char, index) => (char === '\ufffd' ? String.fromCharCode(bytes[index] ?? 0x3f) : char)).join('')
    : text;
}

/** Undeclared bytes as text: UTF-8 when they are, else windows-1252. */
function decodeUndeclared(bytes: Buffer): string {
  return isUtf8Text(bytes) ? bytes.toString('utf8') : decodeWindows1252(bytes);
}

// ---------------------------------------------------------------------------------------------------------------
// Header lines (binary strings: one char per byte, as mailsplit keeps them)

// An encoded word (RFC 2047); its text may hold raw 8-bit bytes or spaces, as broken clients write it.
const ENCODED_WORD = /=\?([^?\s]+)\?([QqBb])\?([^?]*)\?=/g;

function encodedWordBytes(encoding: string, text: string): Buffer {
  if (encoding.toUpperCase() === 'B') return Buffer.from(text.replace(/[^A-Za-z0-9+/]/g, ''), 'base64');
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const hex = text[i] === '=' ? text.slice(i + 1, i + 3) : '';
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else bytes.push(text[i] === '_' ? 0x20 : text.charCodeAt(i) & 0xff);
  }
  return Buffer.from(bytes);
}

/**
 * Encoded words whose charset label is wrong, missing or unknown, or whose Q text carries raw 8-bit bytes, become
 * base64 words under the right label. Adjacent words of one charset are taken together (a character may be split
 * across them) and left alone unless one of them needs repair.
 */
function repairEncodedWords(line: string): string {
  const words = [...line.matchAll(ENCODED_WORD)];
  if (words.length === 0) return line;
  const runs: (typeof words)[] = [];
  for (const word of words) {
    const run = runs[runs.length - 1];
    const last = run?.[run.length - 1];
    const adjacent =
      last !== undefined &&
      /^\s*$/.test(line.slice((last.index ?? 0) + last[0].length, word.index)) &&
      last[1]?.toLowerCase() === word[1]?.toLowerCase() &&
      last[2]?.toUpperCase() === word[2]?.toUpperCase();
    if (adjacent && run) run.push(word);
    else runs.push([word]);
  }
  let out = '';
  let position = 0;
  for (const run of runs) {
    const first = run[0];
    const last = run[run.length - 1];
    if (!first || !last) continue;
    const declared = (first[1] ?? '').split('*')[0] ?? '';
    const bytes = Buffer.concat(run.map((word) => encodedWordBytes(word[2] ?? 'Q', word[3] ?? '')));
    const rawBytes = run.some((word) => /[\u0080-\u00ff]/.test(word[3] ?? ''));
    const charset = charsetFor(declared, bytes) ?? (rawBytes ? declared : null);
    if (charset === null) continue;
    const start = first.index ?? 0;
    out += `${line.slice(position, start)}=?${charset}?B?${bytes.toString('base64')}?=`;
    position = (last.index ?? 0) + last[0].length;
  }
  return out + line.slice(position);
}

/** One header line with its encoded words repaired and raw 8-bit text turned into UTF-8 bytes. */
export function repairHeaderLine(key: string, line: string): string {
  let repaired = repairEncodedWords(line);
  const bytes = Buffer.from(repaired, 'latin1');
  // Raw UTF-8 (RFC 6532) stays; anything else 8-bit is windows-1252, re-encoded as the UTF-8 mailparser reads.
  if (hasEightBit(bytes) && !isUtf8Text(bytes)) repaired = Buffer.from(decodeWindows1252(bytes), 'utf8').toString('latin1');
  // Old clients write Windows paths unescaped ("C:\TEMP\scan.png"), and the quoted-string rules would eat the
  // backslashes ("C:TEMPscan.png"): make them path separators the name sanitiser strips. `\"` stays an escape.
  if (key === 'content-type' || key === 'content-disposition') repaired = repaired.replace(/\\(?!")/g, '/');
  // mailparser trims header values as binary strings, so a UTF-8 character ending in byte 0xA0 ("à", "†") loses
  // that byte at the end of a value: the last character goes into an encoded word instead.
  return repaired.replace(
    /[\u00c0-\u00f7][\u0080-\u00bf]*\u00a0$/,
    (char) => `=?utf-8?B?${Buffer.from(char, 'latin1').toString('base64')}?=`,
  );
}

// ---------------------------------------------------------------------------------------------------------------
// uuencode

const UUENCODED = new Set(['x-uuencode', 'uuencode', 'x-uue', 'uue']);

/**
 * Decodes a uuencoded block ("begin 644 name" … "end"). Tolerant of what mail transport does to it: CRLF or LF,
 * trailing spaces stripped (missing characters count as zero), "`" or " " for zero, text around the block.
 * `text` is the body as a binary (latin1) string. Null when there is no begin line.
 */
export function uudecode(text: string): { filename: string | null; content: Buffer } | null {
  const lines = text.split(/\r?\n/);
  const begin = lines.findIndex((line) => /^begin\s+[0-7]{3,4}(?:\s|$)/.test(line));
  if (begin < 0) return null;
  const name = /^begin\s+[0-7]{3,4}\s+(.+?)\s*$/.exec(lines[begin] ?? '')?.[1];
  const filename = name ? decodeUndeclared(Buffer.from(name, 'latin1')) : null;
  const chunks: Buffer[] = [];
  for (const line of lines.slice(begin + 1)) {
    if (/^end\s*$/.test(line)) break;
    if (line.length === 0) continue;
    const length = (line.charCodeAt(0) - 32) & 0x3f;
    if (length === 0) break;
    const bytes = Buffer.alloc(length);
    const sextet = (index: number) => ((line.charCodeAt(index) || 32) - 32) & 0x3f;
    for (let i = 0, char = 1; i < length; i += 3, char += 4) {
      const group = (sextet(char) << 18) | (sextet(char + 1) << 12) | (sextet(char + 2) << 6) | sextet(char + 3);
      bytes[i] = group >>> 16;
      if (i + 1 < length) bytes[i + 1] = (group >>> 8) & 0xff;
      if (i + 2 < length) bytes[i + 2] = group & 0xff;
    }
    chunks.push(bytes);
  }
  return { filename, content: Buffer.concat(chunks) };
}

// ---------------------------------------------------------------------------------------------------------------
// The raw message, part by part (mailsplit: the splitter mailparser itself uses, so both see the same parts)

interface Repaired {
  raw: Buffer;
  /** Inline text/plain parts: none means every bit of text the mail has is in its HTML. */
  plainTextParts: number;
}

const TEXT_TYPES = new Set(['text/plain', 'text/html', 'message/delivery-status']);

function isInlineText(node: MimeNode): boolean {
  // mailparser's rule: a text part is content unless its disposition says otherwise.
  return TEXT_TYPES.has(node.contentType || '') && (!node.disposition || node.disposition === 'inline');
}

function headersOf(node: MimeNode) {
  if (!node.headers) node.parseHeaders();
  return node.headers || new mailsplit.Headers(false);
}

function setCharset(node: MimeNode, charset: string): void {
  const headers = headersOf(node);
  const entry = headers.getList().find((line) => line.key === 'content-type');
  if (!entry) {
    headers.add('Content-Type', `text/plain; charset=${charset}`);
    return;
  }
  const param = /(;\s*charset\s*=\s*)(?:"[^"]*"|[^;\s]*)/i;
  entry.line = param.test(entry.line)
    ? entry.line.replace(param, `$1${charset}`)
    : `${entry.line.replace(/[\s;]*$/, '')}; charset=${charset}`;
  headers.changed = true;
}

function base64Lines(bytes: Buffer): Buffer {
  return Buffer.from(bytes.toString('base64').replace(/.{76}(?=.)/g, '$&\r\n'), 'latin1');
}

async function transferDecoded(node: MimeNode, body: Buffer): Promise<Buffer> {
  const decoder = node.getDecoder();
  const chunks: Buffer[] = [];
  decoder.on('data', (chunk: Buffer) => chunks.push(chunk));
  await new Promise<void>((resolve, reject) => {
    decoder.once('end', resolve);
    decoder.once('error', reject);
    decoder.end(body);
  });
  return Buffer.concat(chunks);
}

class MailRepair extends Transform {
  changed = false;
  plainTextParts = 0;
  private held: { node: MimeNode; chunks: Buffer[] } | null = null;

  constructor() {
    super({ objectMode: true });
  }

  override _transform(chunk: SplitterChunk, _encoding: BufferEncoding, done: TransformCallback): void {
    if (chunk.type === 'body' && this.held?.node === chunk.node) {
      this.held.chunks.push(chunk.value);
      done();
      return;
    }
    this.release()
      .then(() => {
        if (chunk.type === 'node') this.visit(chunk);
        else this.push(chunk);
        done();
      })
      .catch(done);
  }

  override _flush(done: TransformCallback): void {
    this.release().then(() => done(), done);
  }

  private visit(node: MimeNode): void {
    const headers = headersOf(node);
    for (const entry of headers.getList()) {
      const repaired = repairHeaderLine(entry.key, entry.line);
      if (repaired !== entry.line) {
        entry.line = repaired;
        headers.changed = true;
        this.changed = true;
      }
    }
    if (node.contentType === 'text/plain' && isInlineText(node)) this.plainTextParts++;
    // Bodies that may need a new charset or transfer encoding wait here until they are complete.
    const uuencoded = UUENCODED.has(node.encoding || '');
    if (!node.multipart && (uuencoded || isInlineText(node))) this.held = { node, chunks: [] };
    else this.push(node);
  }

  private async release(): Promise<void> {
    const held = this.held;
    if (!held) return;
    this.held = null;
    const { node } = held;
    let body: Buffer = Buffer.concat(held.chunks);
    if (UUENCODED.has(node.encoding || '')) {
      const decoded = uudecode(body.toString('latin1'));
      if (decoded) {
        const headers = headersOf(node);
        headers.update('Content-Transfer-Encoding', 'base64');
        if (!node.filename && decoded.filename) {
          const disposition = libmime.parseHeaderValue(headers.getFirst('Content-Disposition') || 'attachment');
          disposition.params.filename = decoded.filename;
          headers.update('Content-Disposition', libmime.buildHeaderValue(disposition));
        }
        body = base64Lines(decoded.content);
        this.changed = true;
      }
    } else {
      const charset = charsetFor(node.charset, await transferDecoded(node, body));
      if (charset) {
        setCharset(node, charset);
        this.changed = true;
      }
    }
    this.push(node);
    this.push({ node, type: 'body', value: body });
  }
}

async function repairRawMail(raw: Buffer): Promise<Repaired> {
  const repair = new MailRepair();
  const chunks: Buffer[] = [];
  await pipeline(Readable.from([raw]), new mailsplit.Splitter(), repair, new mailsplit.Joiner(), async (source) => {
    for await (const chunk of source) chunks.push(chunk as Buffer);
  });
  // Untouched mail goes to mailparser byte for byte as it came.
  return { raw: repair.changed ? Buffer.concat(chunks) : raw, plainTextParts: repair.plainTextParts };
}

// ---------------------------------------------------------------------------------------------------------------
// Text from HTML

/** Table cells on one line, separated by " | " (html-to-text glues inline cells together: "NameWert"). */
interface Sibling {
  type?: string;
  name?: string;
  data?: string;
  prev?: Sibling | null;
}

const tableCell: NonNullable<HtmlToTextOptions['formatters']>[string] = (elem, walk, builder) => {
  // htmlparser2's nodes know their siblings; the html-to-text types leave that out.
  let previous = (elem as Sibling).prev;
  while (previous && previous.type === 'text' && !previous.data?.trim()) previous = previous.prev;
  if (previous && (previous.name === 'td' || previous.name === 'th')) builder.addInline(' | ', { noWordTransform: true });
  walk(elem.children, builder);
};

const HTML_TO_TEXT: HtmlToTextOptions = {
  wordwrap: false,
  // mailparser's bound: html-to-text's recursive walk overflows the stack at about 2000 levels.
  limits: { maxDepth: 1000 },
  formatters: { tableCell },
  selectors: [
    {
      selector: 'a',
      options: {
        hideLinkHrefIfSameAsText: true,
        // An inline image's data: URL (simpleParser puts them into the HTML) or a script link is no readable target.
        pathRewrite: (href: string) => (/^\s*(?:data|cid|javascript|vbscript|file):/i.test(href) ? '' : href),
      },
    },
    { selector: 'img', format: 'skip' },
    { selector: 'script', format: 'skip' },
    { selector: 'style', format: 'skip' },
    { selector: 'noscript', format: 'skip' },
    { selector: 'template', format: 'skip' },
    { selector: 'title', format: 'skip' },
    ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, options: { uppercase: false } })),
    { selector: 'table', format: 'block', options: { leadingLineBreaks: 2, trailingLineBreaks: 2 } },
    { selector: 'tr', format: 'block', options: { leadingLineBreaks: 1, trailingLineBreaks: 1 } },
    { selector: 'td', format: 'tableCell' },
    { selector: 'th', format: 'tableCell' },
  ],
};

// Compiled once: html-to-text otherwise builds its selector matcher again for every mail.
const htmlToText = compile(HTML_TO_TEXT);

/** Readable text of an HTML body: links as "Label [https://…]", table rows as lines, at most one blank line. */
export function textFromHtml(html: string): string {
  let text: string;
  try {
    text = htmlToText(html);
  } catch {
    // Too deep or broken beyond the parser: the words without markup are still worth keeping.
    text = html.replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ').replace(/<[^>]*>/g, ' ');
  }
  return text
    .replace(/\u00a0/g, ' ')
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

// ---------------------------------------------------------------------------------------------------------------
// Attachment names

const MAX_FILENAME = 120;

/**
 * A file name safe to store and offer for download: the last path segment only ("C:\TEMP\scan.png" → "scan.png",
 * "../../etc/passwd" → "passwd"), without control, bidi or other invisible format characters, characters Windows
 * forbids replaced, trimmed, at most 120 characters with the extension kept, "anhang.<ext>" by content type when
 * nothing is left.
 */
export function safeFilename(name: string | null | undefined, contentType: string): string {
  const segment = (name ?? '').normalize('NFC').split(/[/\\]/).pop() ?? '';
  const cleaned = segment
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/^[a-z]:/i, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  if (!cleaned) return `anhang.${libmime.detectExtension(contentType || 'application/octet-stream')}`;
  const chars = Array.from(cleaned);
  if (chars.length <= MAX_FILENAME) return cleaned;
  const extension = /\.[^.\s]{1,16}$/u.exec(cleaned)?.[0] ?? '';
  const extensionLength = Array.from(extension).length;
  return `${chars
    .slice(0, MAX_FILENAME - extensionLength)
    .join('')
    .trimEnd()}${extension}`;
}

// ---------------------------------------------------------------------------------------------------------------

function finish(mail: MailparserMail, plainTextParts: number): ParsedMail {
  if (typeof mail.html === 'string' && (plainTextParts === 0 || !mail.text?.trim())) {
    // No plain text of its own (HTML only, an empty text alternative, HTML beside attachments): derive it here, the
    // same way for every shape of mail. mailparser converts only some of them and keeps image data: URLs.
    mail.text = textFromHtml(mail.html);
  }
  const attachments = mail.attachments.map((attachment): ParsedAttachment => {
    const repaired = attachment as ParsedAttachment;
    repaired.filename = safeFilename(attachment.filename, attachment.contentType);
    if (attachment.cid !== undefined) repaired.cid = attachment.cid.replace(/^[\s<]+|[\s>]+$/g, '') || undefined;
    return repaired;
  });
  return { ...mail, attachments };
}

/** A message neither pass could read: its bytes as text, so nothing of it is lost. */
function unparsable(raw: Buffer): ParsedMail {
  return {
    attachments: [],
    headers: new Map(),
    headerLines: [],
    html: false,
    text: decodeUndeclared(raw).replace(/\r\n?/g, '\n'),
  };
}
