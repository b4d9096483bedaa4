import { createRequire } from 'node:module';
import { formatBerlin } from '@anliegen/shared';
import PDFDocument from 'pdfkit';
import { type ConversationData, type ConversationEntry, fileSize } from './conversation.pages.js';
import { readsRightToLeft, visualLine, wrapLines } from './pdf-bidi.js';
import { htmlLangOf } from './public-lang.js';
import { translate } from './webform.pages.js';
import type { WebformLang, WebformTextKey } from './webform.texts.js';

/**
 * The conversation as a PDF to keep or print (issue 18), made with pdfkit. Its font is DejaVu Sans (the
 * `dejavu-fonts-ttf` package), embedded as a subset: Latin with every German letter, Cyrillic (Ukrainian, Russian),
 * Greek and Arabic letters, which pdfkit shapes. A paragraph that reads right to left (Arabic, in any page language)
 * is wrapped here and drawn line by line, aligned right, with its words in their order of display (pdf-bidi.ts).
 * Tagged (a structure of headings and paragraphs), with the document's language and title.
 */

const font = (file: string) => createRequire(import.meta.url).resolve(`dejavu-fonts-ttf/ttf/${file}`);
const REGULAR = font('DejaVuSans.ttf');
const BOLD = font('DejaVuSans-Bold.ttf');

export function conversationPdf(lang: WebformLang, data: ConversationData, now: number): Promise<Buffer> {
  const t = (key: WebformTextKey, vars?: Record<string, string>) => translate(lang, key, vars);
  const title = t('documentTitle', { reference: data.reference });
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    pdfVersion: '1.7',
    tagged: true,
    lang: htmlLangOf(lang),
    displayTitle: true,
    info: { Title: title, Subject: data.reference },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', REGULAR);
  doc.registerFont('bold', BOLD);

  const root = doc.struct('Document');
  doc.addStructure(root);
  /** One structure element of text: a heading or a paragraph, in the given font and size. */
  const block = (type: 'H1' | 'H2' | 'H3' | 'P', text: string, style: { bold?: boolean; size: number; gap?: number }) => {
    root.add(
      doc.struct(type, {}, () => {
        doc.font(style.bold ? 'bold' : 'regular').fontSize(style.size);
        for (const paragraph of text.split('\n')) {
          if (!readsRightToLeft(paragraph)) {
            doc.text(paragraph);
            continue;
          }
          const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
          for (const line of wrapLines(paragraph, width, (part) => doc.widthOfString(part))) {
            doc.text(visualLine(line), doc.page.margins.left, doc.y, { width, align: 'right' });
          }
        }
      }),
    );
    doc.moveDown(style.gap ?? 0.4);
  };
  const entry = (message: ConversationEntry) => {
    const when = `${t(message.fromCitizen ? 'fromYou' : 'fromUs')} · ${formatBerlin(message.occurredAt, lang, 'dateTime')}`;
    block('H3', when, { bold: true, size: 11, gap: 0.2 });
    block('P', message.text, { size: 11 });
    if (message.attachments.length > 0) {
      block(
        'P',
        `${t('filesLabel')}: ${message.attachments.map((file) => `${file.filename} (${fileSize(lang, file.sizeBytes)})`).join(', ')}`,
        {
          size: 10,
        },
      );
    }
    doc.moveDown(0.6);
  };

  block('H1', title, { bold: true, size: 18, gap: 0.6 });
  block('P', `${t('referenceLabel')}: ${data.reference}`, { size: 11, gap: 0.1 });
  block('P', `${t('subjectLabel')}: ${data.subject}`, { size: 11, gap: 0.1 });
  block('P', `${t('status')}: ${t(`status.${data.status}`)}`, { size: 11, gap: 0.1 });
  block('P', `${t('receivedOn')}: ${formatBerlin(data.createdAt, lang, 'dateTime')}`, { size: 11, gap: 0.1 });
  block('P', t('documentMade', { date: formatBerlin(now, lang, 'dateTime') }), { size: 11, gap: 0.8 });
  block('H2', t('history'), { bold: true, size: 14, gap: 0.5 });
  for (const message of data.entries) entry(message);
  if (data.entries.some((message) => message.attachments.length > 0)) block('P', t('documentFilesNote'), { size: 10 });
  root.end();
  doc.end();
  return done;
}
