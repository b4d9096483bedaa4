import { formatIsoDay, normalisePhone } from '@anliegen/shared';
import { type Html, html } from './html.js';
import {
  ACCESSIBILITY_PATH,
  formErrors,
  hrefIn,
  layout,
  type OutageNotice,
  outageNotice,
  type PageContext,
  titleOf,
  translate,
} from './webform.pages.js';
import type { WebformTextKey } from './webform.texts.js';

/**
 * The Erklärung zur Barrierefreiheit (BITV 2.0 § 7) after the EU's model statement (Implementing Decision (EU)
 * 2018/1523): compliance status, non-accessible content, preparation of the statement, feedback and contact, and the
 * enforcement procedure; and its feedback mechanism, "Barriere melden". The town's parts come from env.ts.
 */
export interface AccessibilityStatement {
  /** The public body; null: "Die Stadtverwaltung" in the page's language. */
  body: string | null;
  conformance: 'full' | 'partial' | 'none';
  /** Further barriers the town wrote (German). */
  knownIssues: string | null;
  /** ISO days. */
  preparedOn: string;
  reviewedOn: string | null;
  assessment: 'self' | 'external';
  /** Where the statement applies, e.g. https://anliegen.musterstadt.de/anliegen. */
  scopeUrl: string;
  contact: { email: string | null; phone: string | null; address: string | null };
  /** Name null: the federal Schlichtungsstelle's, translated. */
  enforcement: { name: string | null; address: string | null; email: string | null; phone: string | null; url: string | null };
}

const telOf = (phone: string) => normalisePhone(phone) ?? phone.replace(/[^\d+]/g, '');

/** Contact details as a list; what the town configured is German (lang="de"), as are postal addresses. */
function contactList(
  ctx: PageContext,
  contact: { email: string | null; phone: string | null; address: string | null; url?: string | null },
) {
  const t = (key: WebformTextKey) => translate(ctx.lang, key);
  const items = [
    contact.email ? html`<li>${t('a11y.contactEmail')}: <a href="mailto:${contact.email}">${contact.email}</a></li>` : '',
    contact.phone
      ? html`<li>${t('a11y.contactPhone')}: <a class="phone" href="tel:${telOf(contact.phone)}">${contact.phone}</a></li>`
      : '',
    contact.address ? html`<li>${t('a11y.contactAddress')}: <span lang="de">${contact.address}</span></li>` : '',
    contact.url ? html`<li>${t('a11y.website')}: <a href="${contact.url}">${contact.url}</a></li>` : '',
  ].filter((item) => item !== '');
  return items.length ? html`<ul>${items}</ul>` : '';
}

export function accessibilityStatementPage(ctx: PageContext, statement: AccessibilityStatement, barrierReportUrl: string): Html {
  const t = (key: WebformTextKey, vars?: Record<string, string>) => translate(ctx.lang, key, vars);
  const day = (isoDay: string) => formatIsoDay(isoDay, ctx.lang, { dateStyle: 'long' });
  const { enforcement } = statement;
  // A fully compliant site lists nothing unless the town names something itself.
  const issues =
    statement.conformance === 'full'
      ? []
      : [t('a11y.issue.messages'), t('a11y.issue.files'), t('a11y.issue.topics')].map((text) => html`<li>${text}</li>`);
  if (statement.knownIssues) issues.push(html`<li>${t('a11y.issue.town')} <span lang="de">${statement.knownIssues}</span></li>`);
  return layout(
    ctx,
    t('a11y.title'),
    html`<h1>${t('a11y.title')}</h1>
<p>${t('a11y.intro', { body: statement.body ?? t('a11y.defaultBody') })}</p>
<p>${t('a11y.scope', { url: statement.scopeUrl })}</p>
<h2>${t('a11y.conformanceTitle')}</h2>
<p>${t(`a11y.conformance.${statement.conformance}`)}</p>
${issues.length ? html`<h2>${t('a11y.issuesTitle')}</h2><p>${t('a11y.issuesIntro')}</p><ul>${issues}</ul>` : ''}
<h2>${t('a11y.preparationTitle')}</h2>
<p>${t('a11y.preparedOn', { date: day(statement.preparedOn) })} ${t(`a11y.assessment.${statement.assessment}`)}</p>
${statement.reviewedOn ? html`<p>${t('a11y.reviewedOn', { date: day(statement.reviewedOn) })}</p>` : ''}
<h2>${t('a11y.contactTitle')}</h2>
<p>${t('a11y.contactIntro')}</p>
<p><a href="${barrierReportUrl}">${t('barrierLink')}</a></p>
${contactList(ctx, statement.contact)}
<h2>${t('a11y.enforcementTitle')}</h2>
<p>${t('a11y.enforcement')}</p>
<p>${enforcement.name ? html`<span lang="de">${enforcement.name}</span>` : t('a11y.enforcementDefaultName')}</p>
${contactList(ctx, enforcement)}`,
  );
}

export interface BarrierFormData {
  values: Record<string, string>;
  errors: Record<string, WebformTextKey>;
  formToken: string;
  action: string;
  privacyUrl: string;
  outage?: OutageNotice;
}

const BARRIER_FIELDS = ['_form', 'what', 'where', 'name', 'email', 'phone'];

/** "Barriere melden": what and where, optionally a name and a way to answer; no account. Works without JavaScript. */
export function barrierReportPage(ctx: PageContext, data: BarrierFormData): Html {
  const t = (key: WebformTextKey) => translate(ctx.lang, key);
  const { error, attrs, summary, count } = formErrors(ctx, data.errors, BARRIER_FIELDS);
  const value = (field: string) => data.values[field] ?? '';
  const notSent = data.outage && !data.outage.calm;
  return layout(
    ctx,
    notSent ? translate(ctx.lang, 'titleWithNotice', { title: t('barrier.title') }) : titleOf(ctx, t('barrier.title'), count > 0),
    html`<h1>${t('barrier.title')}</h1><p>${t('barrier.intro')}</p>${data.outage ? outageNotice(ctx, data.outage) : ''}${summary}
<form method="post" action="${data.action}" novalidate>
<input type="hidden" name="formToken" value="${data.formToken}">
<div class="trap" aria-hidden="true"><label for="website">${t('honeypot')}</label><input type="text" id="website" name="website" tabindex="-1" autocomplete="off"></div>
<label for="what">${t('barrier.what')} <span aria-hidden="true">*</span><span class="visually-hidden">(${t('required')})</span></label>
<p class="hint" id="what-hint">${t('barrier.whatHint')}</p>
<textarea id="what" name="what" required${attrs('what', 'what-hint')}>${value('what')}</textarea>${error('what')}
<label for="where">${t('barrier.where')}</label><p class="hint" id="where-hint">${t('barrier.whereHint')}</p>
<input type="text" id="where" name="where" value="${value('where')}"${attrs('where', 'where-hint')}>${error('where')}
<label for="name">${t('barrier.name')}</label>
<input type="text" id="name" name="name" autocomplete="name" value="${value('name')}"${attrs('name')}>${error('name')}
<fieldset><legend>${t('barrier.contactLegend')}</legend><p class="hint" id="contact-hint">${t('barrier.contactHint')}</p>
<label for="email">${t('email')}</label><input type="email" id="email" name="email" autocomplete="email" value="${value('email')}"${attrs('email', 'contact-hint')}>${error('email')}
<label for="phone">${t('phone')}</label><input type="tel" id="phone" name="phone" autocomplete="tel" value="${value('phone')}"${attrs('phone', 'contact-hint')}>${error('phone')}
</fieldset>
<p class="hint">${t('barrier.privacyHint')} <a href="${data.privacyUrl}">${t('privacy')}</a></p>
<button type="submit">${t('barrier.submit')}</button>
</form>
<p><a href="${hrefIn(ctx, ACCESSIBILITY_PATH)}">${t('a11y.title')}</a></p>`,
  );
}
