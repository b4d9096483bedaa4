import { type CaseStatus, formatBerlin } from '@anliegen/shared';
import type { ConversationFile } from './conversation.service.js';
import { Html, html } from './html.js';
import { directionOf, htmlLangOf } from './public-lang.js';
import { hrefIn, layout, type PageContext, titleOf, translate } from './webform.pages.js';
import type { WebformLang, WebformTextKey } from './webform.texts.js';

/**
 * The status page as the citizen's private mailbox (issue 18): the conversation with the files of its messages, the
 * conversation as a file to keep (HTML here, PDF in conversation.pdf.ts), and the pages of a link that no longer
 * works with the way to a new one. Server-rendered, no JavaScript.
 */

/** A message of the conversation as caseForToken (webform.service.ts) gives it. */
export interface ConversationEntry {
  id: number;
  fromCitizen: boolean;
  text: string;
  occurredAt: number;
  attachments: ConversationFile[];
}

/** What a conversation file names besides its messages. */
export interface ConversationData {
  reference: string;
  subject: string;
  status: CaseStatus;
  createdAt: number;
  entries: ConversationEntry[];
}

/** The addresses behind one status link: its files and the conversation's downloads. */
export function mailboxPaths(statusPath: string, lang: WebformLang) {
  return {
    file: (id: number) => `${statusPath}/anhang/${id}`,
    pdf: `${statusPath}/gespraech.pdf?lang=${lang}`,
    html: `${statusPath}/gespraech.html?lang=${lang}`,
  };
}
export type MailboxPaths = ReturnType<typeof mailboxPaths>;

const numberFormats = new Map<WebformLang, Intl.NumberFormat>();
/** "12 KB", "1,4 MB" in the page's language. */
export function fileSize(lang: WebformLang, bytes: number): string {
  let format = numberFormats.get(lang);
  if (!format) {
    format = new Intl.NumberFormat(htmlLangOf(lang), { maximumFractionDigits: 1 });
    numberFormats.set(lang, format);
  }
  return bytes < 1024 * 1024
    ? `${format.format(Math.max(1, Math.round(bytes / 1024)))} KB`
    : `${format.format(Math.round(bytes / (1024 * 102.4)) / 10)} MB`;
}

const who = (lang: WebformLang, entry: ConversationEntry) =>
  `${translate(lang, entry.fromCitizen ? 'fromYou' : 'fromUs')} · ${formatBerlin(entry.occurredAt, lang, 'dateTime')}`;

/**
 * The status page's history: every message with its files as downloads, then the whole conversation as a file. The
 * message's own text may be in another script than the page: `dir="auto"` lets it run its own way.
 */
export function conversationSection(ctx: PageContext, entries: ConversationEntry[], paths: MailboxPaths): Html {
  const t = (key: WebformTextKey) => translate(ctx.lang, key);
  return html`<h2>${t('history')}</h2>
${entries.map(
  (entry) =>
    html`<div class="entry"><p class="meta">${who(ctx.lang, entry)}</p><p dir="auto">${entry.text}</p>${
      entry.attachments.length > 0
        ? html`<p class="meta" id="files-${entry.id}">${t('filesLabel')}</p><ul aria-labelledby="files-${entry.id}">${entry.attachments.map(
            (file) =>
              html`<li><a href="${paths.file(file.id)}" download dir="auto">${file.filename}</a> (${fileSize(ctx.lang, file.sizeBytes)})</li>`,
          )}</ul>`
        : ''
    }</div>`,
)}
<h2>${t('downloadTitle')}</h2><p>${t('downloadIntro')}</p>
<ul><li><a href="${paths.pdf}" download>${t('downloadPdf')}</a></li><li><a href="${paths.html}" download>${t('downloadHtml')}</a></li></ul>`;
}

/** Readable on screen and on paper, light or dark, with nothing loaded from anywhere. */
const DOCUMENT_STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:0;line-height:1.5;color:#1a1b1e;background:#fff;overflow-wrap:break-word}
main{max-width:42rem;margin:0 auto;padding:1.5rem 1rem 3rem}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem}h3{font-size:1rem;margin:0 0 .25rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{font-weight:600}dd{margin:0}
article{border-top:1px solid #868e96;padding:.75rem 0}.text{white-space:pre-wrap;margin:.25rem 0}
@media (prefers-color-scheme:dark){body{color:#e9ecef;background:#1a1b1e}article{border-color:#adb5bd}}
`;

/**
 * The conversation as one HTML file to keep (Content-Disposition: attachment): a complete, accessible document
 * (language, direction, title, headings, a description list of the case) with its own style and nothing else: no
 * script, no image, no link to anywhere. Files are named, not included: they are separate downloads.
 */
export function conversationDocument(lang: WebformLang, data: ConversationData, now: number): Html {
  const t = (key: WebformTextKey, vars?: Record<string, string>) => translate(lang, key, vars);
  const title = t('documentTitle', { reference: data.reference });
  return html`<!doctype html>
<html lang="${htmlLangOf(lang)}" dir="${directionOf(lang)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>${title}</title><style>${new Html(DOCUMENT_STYLE)}</style></head>
<body><main>
<h1>${title}</h1>
<dl><dt>${t('referenceLabel')}</dt><dd>${data.reference}</dd><dt>${t('subjectLabel')}</dt><dd dir="auto">${data.subject}</dd>
<dt>${t('status')}</dt><dd>${t(`status.${data.status}`)}</dd><dt>${t('receivedOn')}</dt><dd>${formatBerlin(data.createdAt, lang, 'dateTime')}</dd></dl>
<p>${t('documentMade', { date: formatBerlin(now, lang, 'dateTime') })}</p>
<h2>${t('history')}</h2>
${data.entries.map(
  (entry) =>
    html`<article aria-labelledby="message-${entry.id}"><h3 id="message-${entry.id}">${who(lang, entry)}</h3><p class="text" dir="auto">${entry.text}</p>${
      entry.attachments.length > 0
        ? html`<p>${t('filesLabel')}:</p><ul>${entry.attachments.map(
            (file) => html`<li dir="auto">${file.filename} (${fileSize(lang, file.sizeBytes)})</li>`,
          )}</ul>`
        : ''
    }</article>`,
)}
${data.entries.some((entry) => entry.attachments.length > 0) ? html`<p>${t('documentFilesNote')}</p>` : ''}
</main></body></html>
`;
}

/** "Neuen Link anfordern" (mailbox.routes.ts). */
export const RENEW_PATH = '/anliegen/neuer-link';

/** The way to a new link, on every page of a link that does not work. */
const renewOffer = (ctx: PageContext) =>
  html`<p><a href="${hrefIn(ctx, RENEW_PATH)}">${translate(ctx.lang, 'renewLink')}</a></p>`;

/** A status link that opens nothing: unknown (mistyped, cut, or its case erased) or revoked by the desk. */
export function invalidLinkPage(ctx: PageContext, revoked: boolean): Html {
  const t = (key: WebformTextKey) => translate(ctx.lang, key);
  const title = t(revoked ? 'revokedTitle' : 'notFoundTitle');
  return layout(
    ctx,
    title,
    html`<h1>${title}</h1><p role="alert">${t(revoked ? 'revoked' : 'notFound')}</p>${revoked ? '' : html`<p>${t('notFoundRenew')}</p>`}${renewOffer(ctx)}`,
  );
}

export interface RenewPageData {
  action: string;
  values: { reference?: string; email?: string };
  /** Field → message key. */
  errors: Partial<Record<'reference' | 'email', WebformTextKey>>;
}

/** "Neuen Link anfordern": the reference and the address on file. */
export function renewPage(ctx: PageContext, data: RenewPageData): Html {
  const t = (key: WebformTextKey) => translate(ctx.lang, key);
  const fields = (['reference', 'email'] as const).filter((field) => data.errors[field]);
  const error = (field: 'reference' | 'email') =>
    data.errors[field] ? html`<p class="error" id="${field}-error">${t(data.errors[field])}</p>` : '';
  const attrs = (field: 'reference' | 'email') =>
    html` aria-describedby="${field}-hint${data.errors[field] ? ` ${field}-error` : ''}"${data.errors[field] ? html` aria-invalid="true"` : ''}`;
  // Like the web form: the summary takes the focus as the page loads, its links lead to the fields.
  const summary = fields.length
    ? html`<div class="summary" role="alert" tabindex="-1" id="summary" autofocus><p><strong>${t('errorSummary')}</strong></p><ul>${fields.map(
        (field) => html`<li><a href="#${field}">${t(data.errors[field]!)}</a></li>`,
      )}</ul></div>`
    : '';
  return layout(
    ctx,
    titleOf(ctx, t('renewTitle'), fields.length > 0),
    html`<h1>${t('renewTitle')}</h1><p>${t('renewIntro')}</p>${summary}
<form method="post" action="${data.action}" novalidate>
<label for="reference">${t('referenceLabel')}</label><p class="hint" id="reference-hint">${t('renewReferenceHint')}</p>
<input type="text" id="reference" name="reference" required autocomplete="off" spellcheck="false" value="${data.values.reference ?? ''}"${attrs('reference')}>${error('reference')}
<label for="email">${t('renewEmail')}</label><p class="hint" id="email-hint">${t('renewEmailHint')}</p>
<input type="email" id="email" name="email" required autocomplete="email" value="${data.values.email ?? ''}"${attrs('email')}>${error('email')}
<button type="submit">${t('renewSubmit')}</button>
</form>`,
  );
}

/** The one answer to every well-formed request for a new link, whether it matched or not. */
export function renewDonePage(ctx: PageContext, mailConfigured: boolean): Html {
  const t = (key: WebformTextKey) => translate(ctx.lang, key);
  return layout(
    ctx,
    t('renewDoneTitle'),
    html`<h1>${t('renewDoneTitle')}</h1><div class="ok" role="status"><p>${t(mailConfigured ? 'renewDone' : 'renewNoMail')}</p></div>`,
  );
}
