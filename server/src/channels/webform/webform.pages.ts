import { type CaseStatus, formatBerlin, normalisePhone } from '@anliegen/shared';
import { Html, html } from './html.js';
import { directionOf, htmlLangOf, PUBLIC_LANGS, type PublicLang } from './public-lang.js';
import { textIn } from './public-texts.js';
import { languageNames } from './texts/language-names.texts.js';
import type { WebformLang, WebformTextKey } from './webform.texts.js';

/**
 * Plain CSS with AA contrast and a visible focus ring; no external resources, no JavaScript. Light and dark (the
 * browser's setting), with logical properties only (margin-inline, border-inline-start …) so that Arabic's mirrored
 * layout (dir="rtl") needs no rules of its own; nothing is wider than 320 px, so 400 % zoom reflows. Text people
 * wrote (messages, fields) takes its direction from its own first letters (unicode-bidi: plaintext): a German message
 * on an Arabic page reads left to right.
 */
const STYLE = `
:root{color-scheme:light dark}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:0;background:#f8f9fa;color:#1a1b1e;line-height:1.5;overflow-wrap:break-word}
.easy body{font-size:1.125rem;line-height:1.6}
h1,h2{hyphens:auto}
main{max-width:42rem;margin:0 auto;padding:1.5rem 1rem 3rem}
header{max-width:42rem;margin:0 auto;padding:.75rem 1rem 0}
.languages,footer ul{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;margin:0;padding:0}
.languages{justify-content:flex-end}.languages a,footer a{display:inline-block;padding-block:.25rem}
.languages a[aria-current]{font-weight:700;text-decoration:none;border-block-end:3px solid currentColor}
footer{max-width:42rem;margin:0 auto;padding:1rem 1rem 2rem;border-block-start:1px solid #ced4da}
.skip{position:absolute;inset-inline-start:.5rem;top:-4rem;background:#fff;padding:.25rem .5rem}.skip:focus{top:.5rem}
.entry p,textarea,input{unicode-bidi:plaintext}
h1{font-size:1.6rem;margin:.5rem 0 1rem}h2{font-size:1.2rem;margin:1.5rem 0 .5rem}
label,legend{display:block;font-weight:600;margin:1rem 0 .25rem}
.hint{color:#495057;font-size:.9rem;margin:0 0 .25rem}
input[type=text],input[type=email],input[type=tel],select,textarea{width:100%;box-sizing:border-box;font:inherit;padding:.5rem;border:1px solid #6c757d;border-radius:4px;background:#fff;color:#1a1b1e}
textarea{min-height:9rem}input[type=file]{max-width:100%}
fieldset{border:1px solid #ced4da;border-radius:4px;margin:1rem 0;padding:.25rem 1rem 1rem}
.check{display:flex;gap:.5rem;align-items:flex-start;margin-top:1rem}.check input{margin-top:.35rem}.check label{font-weight:400;margin:0}
button{font:inherit;font-weight:600;background:#1971c2;color:#fff;border:0;border-radius:4px;padding:.65rem 1.2rem;margin-top:1.25rem;cursor:pointer}
a{color:#1864ab}
:focus-visible{outline:3px solid #e8590c;outline-offset:2px}
.error{color:#c92a2a;font-weight:600;margin:.25rem 0 0}
.summary{border:2px solid #c92a2a;border-radius:4px;background:#fff;padding:.5rem 1rem;margin-bottom:1rem}
.ok{border:2px solid #2b8a3e;border-radius:4px;background:#fff;padding:.5rem 1rem}
.notice{border:2px solid #a61e4d;border-inline-start-width:.5rem;border-radius:4px;background:#fff;padding:.25rem 1rem;margin-bottom:1rem}
.notice h2{margin-top:.5rem}.phone{font-size:1.2rem;font-weight:700;white-space:nowrap}
.reference{font-size:1.4rem;font-weight:700}
.entry{background:#fff;border:1px solid #ced4da;border-radius:4px;padding:.5rem 1rem;margin:.5rem 0}
.entry p{white-space:pre-wrap;margin:.25rem 0}.meta{color:#495057;font-size:.9rem}
table{border-collapse:collapse;width:100%}th,td{text-align:start;vertical-align:top;padding:.4rem .5rem;border-block-end:1px solid #ced4da}.figure{font-size:1.6rem;font-weight:700}
.visually-hidden{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.trap{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
@media (prefers-color-scheme:dark){
body{background:#1a1b1e;color:#e9ecef}
.hint,.meta{color:#c1c2c5}
input[type=text],input[type=email],input[type=tel],select,textarea{background:#25262b;color:#e9ecef;border-color:#909296}
fieldset,footer,th,td{border-color:#5c5f66}
a{color:#74c0fc}
:focus-visible{outline-color:#ffa94d}
.error{color:#ffa8a8}
.summary,.ok,.notice,.entry,.skip{background:#25262b}
.summary{border-color:#ff8787}.ok{border-color:#69db7c}.notice{border-color:#f783ac}.entry{border-color:#5c5f66}
}
`;

export interface PageContext {
  lang: WebformLang;
  /** The same page in every language: the language switch of every page (built by pageContext, public-page.ts). */
  languageUrls: Record<PublicLang, string>;
}

/** The Erklärung zur Barrierefreiheit and its feedback form (accessibility.routes.ts), linked from every page's footer. */
export const ACCESSIBILITY_PATH = '/anliegen/barrierefreiheit';
export const BARRIER_REPORT_PATH = `${ACCESSIBILITY_PATH}/melden`;

/** A link to another public page in this page's language (the language chosen stays with every link and form). */
export function hrefIn(ctx: PageContext, path: string): string {
  return `${path}?lang=${ctx.lang}`;
}

/** A text in the page's language (missing keys show in German, see public-texts.ts), with its {placeholders} filled. */
export function translate(lang: WebformLang, key: WebformTextKey, vars: Record<string, string> = {}): string {
  return textIn(lang, key).replace(/\{(\w+)\}/g, (match, name: string) => vars[name] ?? match);
}

/** While a page shows errors its title says so first (WCAG 3.3.1 with 2.4.2): the title is read before anything else. */
export function titleOf(ctx: PageContext, title: string, hasErrors: boolean): string {
  return hasErrors ? translate(ctx.lang, 'titleWithErrors', { title }) : title;
}

/**
 * The database is away (docs/operations.md, "When the database is down"): what could not be done, that nothing typed
 * is lost, and the town's phone number (TOWN_PHONE) for what cannot wait. After a failed send it is announced and
 * takes the focus, like an error summary; before anything was sent (`calm`) it is only read.
 */
export interface OutageNotice {
  message: 'outageBefore' | 'outageNotSaved' | 'outageStatus' | 'outageReply';
  phone: string | undefined;
  /** Files were chosen: they must be chosen again. */
  filesAgain?: boolean;
  calm?: boolean;
}

export function outageNotice(ctx: PageContext, notice: OutageNotice): Html {
  const t = (key: WebformTextKey) => translate(ctx.lang, key);
  const { phone } = notice;
  const tel = phone ? (normalisePhone(phone) ?? phone.replace(/[^\d+]/g, '')) : '';
  const attributes = notice.calm ? html` role="status"` : html` role="alert" tabindex="-1" autofocus`;
  return html`<div class="notice" id="notice"${attributes}><h2>${t('outageTitle')}</h2><p>${t(notice.message)}</p>${
    notice.filesAgain ? html`<p>${t('outageFiles')}</p>` : ''
  }<p>${phone ? html`${t('outagePhone')} <a class="phone" href="tel:${tel}">${phone}</a>` : t('outageNoPhone')}</p></div>`;
}

/**
 * The frame of every citizen-facing page: its language and direction, one style, a link past the language switch,
 * the switch (each language named in itself, marked with its lang; the current one with aria-current), the page's
 * main, and a footer with the Erklärung zur Barrierefreiheit and its "Barriere melden" (BITV 2.0 § 7).
 */
export function layout(ctx: PageContext, title: string, body: Html): Html {
  const t = (key: WebformTextKey) => translate(ctx.lang, key);
  const languages = PUBLIC_LANGS.map(
    (lang) =>
      html`<li><a href="${ctx.languageUrls[lang]}" lang="${htmlLangOf(lang)}" hreflang="${lang}"${
        lang === ctx.lang ? html` aria-current="true"` : ''
      }>${languageNames[lang]}</a></li>`,
  );
  return html`<!doctype html>
<html lang="${htmlLangOf(ctx.lang)}" dir="${directionOf(ctx.lang)}"${ctx.lang === 'de-x-ls' ? html` class="easy"` : ''}>
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>${title}</title><style>${new Html(STYLE)}</style></head>
<body><a class="skip" href="#main">${t('skipToContent')}</a>
<header><nav aria-label="${t('languageSwitch')}"><ul class="languages">${languages}</ul></nav></header>
<main id="main">${body}</main>
<footer><ul><li><a href="${hrefIn(ctx, ACCESSIBILITY_PATH)}">${t('accessibilityLink')}</a></li><li><a href="${hrefIn(ctx, BARRIER_REPORT_PATH)}">${t('barrierLink')}</a></li></ul></footer>
</body></html>`;
}

export interface FormPageData {
  categories: { id: number; name: string }[];
  values: Record<string, string>;
  /** Field → message key; '_form' for errors that belong to no single field. */
  errors: Record<string, WebformTextKey>;
  formToken: string;
  privacyUrl: string;
  action: string;
  /** The database is away: said above the form (which keeps what was typed). */
  outage?: OutageNotice;
}

const FIELD_ORDER = ['_form', 'name', 'email', 'phone', 'categoryId', 'text', 'files', 'consent'];

/**
 * A public form's errors (field → message key; '_form' for none in particular): each at its field, tied to it by
 * aria-describedby with aria-invalid, and a summary in `order` that takes the focus as the page loads (autofocus: the
 * pages have no JavaScript), its links leading to the fields. The web form's and "Barriere melden"'s.
 */
export function formErrors(ctx: PageContext, errors: Record<string, WebformTextKey>, order: readonly string[]) {
  const t = (key: WebformTextKey) => translate(ctx.lang, key);
  const error = (field: string) => (errors[field] ? html`<p class="error" id="${field}-error">${t(errors[field])}</p>` : '');
  const attrs = (field: string, hint?: string) => {
    const ids = [hint, errors[field] ? `${field}-error` : undefined].filter(Boolean).join(' ');
    return html`${ids ? html` aria-describedby="${ids}"` : ''}${errors[field] ? html` aria-invalid="true"` : ''}`;
  };
  const errorFields = order.filter((field) => errors[field]);
  const summary = errorFields.length
    ? html`<div class="summary" role="alert" tabindex="-1" id="summary" autofocus><p><strong>${t('errorSummary')}</strong></p><ul>${errorFields.map(
        (field) => html`<li>${field === '_form' ? t(errors[field]!) : html`<a href="#${field}">${t(errors[field]!)}</a>`}</li>`,
      )}</ul></div>`
    : '';
  return { error, attrs, summary, count: errorFields.length };
}

export function formPage(ctx: PageContext, data: FormPageData): Html {
  const t = (key: WebformTextKey) => translate(ctx.lang, key);
  const { error, attrs, summary, count } = formErrors(ctx, data.errors, FIELD_ORDER);
  const value = (field: string) => data.values[field] ?? '';
  const notSent = data.outage && !data.outage.calm;
  return layout(
    ctx,
    notSent ? translate(ctx.lang, 'titleWithNotice', { title: t('title') }) : titleOf(ctx, t('title'), count > 0),
    html`<h1>${t('title')}</h1><p>${t('intro')}</p>${data.outage ? outageNotice(ctx, data.outage) : ''}${summary}
<form method="post" action="${data.action}" enctype="multipart/form-data" novalidate>
<input type="hidden" name="formToken" value="${data.formToken}">
<div class="trap" aria-hidden="true"><label for="website">${t('honeypot')}</label><input type="text" id="website" name="website" tabindex="-1" autocomplete="off"></div>
<label for="name">${t('name')} <span aria-hidden="true">*</span><span class="visually-hidden">(${t('required')})</span></label>
<input type="text" id="name" name="name" autocomplete="name" required value="${value('name')}"${attrs('name')}>${error('name')}
<fieldset><legend>${t('contactLegend')}</legend><p class="hint" id="contact-hint">${t('contactHint')}</p>
<label for="email">${t('email')}</label><input type="email" id="email" name="email" autocomplete="email" value="${value('email')}"${attrs('email', 'contact-hint')}>${error('email')}
<label for="phone">${t('phone')}</label><input type="tel" id="phone" name="phone" autocomplete="tel" value="${value('phone')}"${attrs('phone', 'contact-hint')}>${error('phone')}
</fieldset>
<label for="categoryId">${t('category')} <span aria-hidden="true">*</span><span class="visually-hidden">(${t('required')})</span></label>
<select id="categoryId" name="categoryId" required${attrs('categoryId')}><option value="">${t('categoryChoose')}</option>${data.categories.map(
      (category) =>
        html`<option value="${category.id}"${String(category.id) === value('categoryId') ? html` selected` : ''}>${category.name}</option>`,
    )}</select>${error('categoryId')}
<label for="text">${t('text')} <span aria-hidden="true">*</span><span class="visually-hidden">(${t('required')})</span></label>
<p class="hint" id="text-hint">${t('textHint')}</p>
<textarea id="text" name="text" required${attrs('text', 'text-hint')}>${value('text')}</textarea>${error('text')}
<label for="files">${t('files')}</label><p class="hint" id="files-hint">${t('filesHint')}</p>
<input type="file" id="files" name="files" multiple accept=".pdf,.jpg,.jpeg,.png,.txt,application/pdf,image/jpeg,image/png,text/plain"${attrs('files', 'files-hint')}>${error('files')}
<div class="check"><input type="checkbox" id="consent" name="consent" value="yes"${value('consent') === 'yes' ? html` checked` : ''} required${attrs('consent')}>
<label for="consent">${t('consent')} <a href="${data.privacyUrl}" target="_blank" rel="noopener">${t('privacy')} (${t('newWindow')})</a></label></div>${error('consent')}
<button type="submit">${t('submit')}</button>
</form>`,
  );
}

export interface StatusPageData {
  reference: string;
  subject: string;
  status: CaseStatus;
  createdAt: number;
  /** The history with its files and the conversation's downloads (conversation.pages.ts, issue 18). */
  conversation: Html;
  replyAction: string;
  replyError?: WebformTextKey;
  replyValue?: string;
  replied?: boolean;
  /**
   * Right after the form was sent: the reference and the link come first, with a thank-you, and whether a mail with
   * them is on its way (queued and outgoing mail configured) or none comes.
   */
  justSubmitted?: { statusUrl: string; mailSent: boolean };
  /** A finished case's survey (feedback.pages.ts, issue 18): shown below the case's state. */
  survey?: Html | undefined;
}

export function statusPage(ctx: PageContext, data: StatusPageData): Html {
  const t = (key: WebformTextKey) => translate(ctx.lang, key);
  const when = (epoch: number) => formatBerlin(epoch, ctx.lang, 'dateTime');
  const submitted = data.justSubmitted;
  const heading = (text: string) => (submitted ? html`<h2>${text}</h2>` : html`<h1>${text}</h1>`);
  return layout(
    ctx,
    titleOf(ctx, `${submitted ? t('thanksTitle') : t('statusTitle')} ${data.reference}`, Boolean(data.replyError)),
    html`${
      submitted
        ? html`<h1>${t('thanksTitle')}</h1><div class="ok" role="status"><p>${t('referenceIs')}</p><p class="reference">${data.reference}</p></div>
<p>${t('statusLinkIntro')}</p><p><a href="${submitted.statusUrl}">${submitted.statusUrl}</a></p><p>${submitted.mailSent ? t('mailSent') : t('mailNotSent')}</p>`
        : ''
    }${heading(t('statusTitle'))}
<p class="reference">${data.reference}</p><p>${data.subject}</p>
<p><strong>${t('status')}:</strong> ${t(`status.${data.status}`)}<br><strong>${t('receivedOn')}:</strong> ${when(data.createdAt)}</p>
${data.replied ? html`<div class="ok" role="status"><p>${t('replied')}</p></div>` : ''}
${data.survey ?? ''}
${data.conversation}
<h2>${t('reply')}</h2>
<form method="post" action="${data.replyAction}" novalidate>
<label for="text">${t('replyLabel')}</label>
<textarea id="text" name="text" required${data.replyError ? html` aria-invalid="true" aria-describedby="text-error" autofocus` : ''}>${data.replyValue ?? ''}</textarea>
${data.replyError ? html`<p class="error" id="text-error" role="alert">${t(data.replyError)}</p>` : ''}
<button type="submit">${t('replySend')}</button></form>`,
  );
}

/**
 * The status page while the database is away: the notice, and after a reply that could not be stored the reply form
 * again with what was written (`reply`), so sending it later is one click.
 */
export function statusUnavailablePage(
  ctx: PageContext,
  data: { phone: string | undefined; reply?: { action: string; value: string } },
): Html {
  const t = (key: WebformTextKey) => translate(ctx.lang, key);
  const { reply } = data;
  return layout(
    ctx,
    reply ? translate(ctx.lang, 'titleWithNotice', { title: t('statusTitle') }) : t('statusTitle'),
    html`<h1>${t('statusTitle')}</h1>${outageNotice(ctx, {
      message: reply ? 'outageReply' : 'outageStatus',
      phone: data.phone,
      calm: !reply,
    })}${
      reply
        ? html`<h2>${t('reply')}</h2>
<form method="post" action="${reply.action}" novalidate>
<label for="text">${t('replyLabel')}</label>
<textarea id="text" name="text" required>${reply.value}</textarea>
<button type="submit">${t('replySend')}</button></form>`
        : ''
    }`,
  );
}

export function messagePage(ctx: PageContext, titleKey: WebformTextKey, messageKey: WebformTextKey): Html {
  const t = (key: WebformTextKey) => translate(ctx.lang, key);
  // Errors are announced; an information page (like the privacy notice) is simply read.
  const role = titleKey === 'privacyTitle' ? '' : html` role="alert"`;
  return layout(ctx, t(titleKey), html`<h1>${t(titleKey)}</h1><p${role}>${t(messageKey)}</p>`);
}
