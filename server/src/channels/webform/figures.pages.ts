import {
  FIRST_RESPONSE_DAY_MINUTES,
  formatBerlin,
  formatIsoDay,
  type ImpactVerdict,
  MIN_GROUP_CASES,
  PUBLIC_LANGUAGE_TAGS,
} from '@anliegen/shared';
import type { PublicFigures, PublicShare } from '../../modules/statistics/public-figures.service.js';
import { type Html, html } from './html.js';
import type { PublicLang } from './public-lang.js';
import { layout, type PageContext, translate } from './webform.pages.js';
import type { WebformTextKey } from './webform.texts.js';

/**
 * The published figures (/anliegen/kennzahlen, issue 18) for the town's website: how fast the desk answers per
 * channel, how many cases are resolved within their target, and how satisfied citizens are, each beside its target
 * with "erreicht" / "knapp verfehlt" / "verfehlt" in words and a sign (never colour alone, WCAG 1.4.1), and "zu
 * wenige Fälle" where a group is too small to publish. The same figures as JSON: figures.routes.ts.
 */

const numberFormats = new Map<string, Intl.NumberFormat>();
function formatNumber(lang: PublicLang, value: number, options: Intl.NumberFormatOptions = {}): string {
  const key = `${lang}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(PUBLIC_LANGUAGE_TAGS[lang], options);
    numberFormats.set(key, format);
  }
  return format.format(value);
}
const percent = (lang: PublicLang, share: number) => formatNumber(lang, share, { style: 'percent', maximumFractionDigits: 1 });

/** Business minutes in words: 45 → "45 Min.", 150 → "2 Std. 30 Min.", 600 → "1 Arbeitstag 2 Std." (a day is 8 hours). */
export function businessDuration(ctx: PageContext, minutes: number): string {
  // Units in words with the language's own plural forms (Ukrainian, Russian and Arabic have more than two).
  const unit = (name: 'day' | 'hour' | 'minute', n: number) =>
    formatNumber(ctx.lang, n, { style: 'unit', unit: name, unitDisplay: 'long' });
  const total = Math.round(minutes);
  if (total >= FIRST_RESPONSE_DAY_MINUTES) {
    let days = Math.floor(total / FIRST_RESPONSE_DAY_MINUTES);
    let hours = Math.round((total % FIRST_RESPONSE_DAY_MINUTES) / 60);
    if (hours === 8) [days, hours] = [days + 1, 0];
    return hours > 0 ? `${unit('day', days)} ${unit('hour', hours)}` : unit('day', days);
  }
  const hours = Math.floor(total / 60);
  const rest = total % 60;
  return [hours > 0 ? unit('hour', hours) : '', rest > 0 || hours === 0 ? unit('minute', rest) : ''].filter(Boolean).join(' ');
}

const VERDICT_SIGN: Record<ImpactVerdict, string> = { met: '✓', near: '!', missed: '✗' };

/** A target and how the figure stands against it, in words (the sign only repeats them). */
function targetLine(
  ctx: PageContext,
  target: string | null,
  direction: 'atLeast' | 'atMost',
  verdict: ImpactVerdict | null,
): Html {
  const t = (key: WebformTextKey, vars: Record<string, string> = {}) => translate(ctx.lang, key, vars);
  if (target === null) return html`<p class="meta">${t('figures.noTarget')}</p>`;
  const goal = t(direction === 'atLeast' ? 'figures.targetAtLeast' : 'figures.targetAtMost', { target });
  return html`<p>${goal}${
    verdict
      ? html` – <strong class="verdict"><span aria-hidden="true">${VERDICT_SIGN[verdict]} </span>${t(`figures.verdict.${verdict}`)}</strong>`
      : ''
  }</p>`;
}

const tooFew = (ctx: PageContext) => translate(ctx.lang, 'figures.tooFew', { n: String(MIN_GROUP_CASES) });

/** A figure large, or in plain words why there is none. */
const figureValue = (ctx: PageContext, value: string | null): Html =>
  value === null ? html`<p><strong>${tooFew(ctx)}</strong></p>` : html`<p class="figure">${value}</p>`;

function shareFigure(ctx: PageContext, id: string, title: WebformTextKey, share: PublicShare, baseKey: WebformTextKey): Html {
  return html`<section class="entry" aria-labelledby="${id}"><h3 id="${id}">${translate(ctx.lang, title)}</h3>
${figureValue(ctx, share.value === null ? null : percent(ctx.lang, share.value))}${targetLine(ctx, share.target === null ? null : percent(ctx.lang, share.target), 'atLeast', share.verdict)}
<p class="meta">${translate(ctx.lang, baseKey, { n: formatNumber(ctx.lang, share.base) })}</p></section>`;
}

export function figuresPage(ctx: PageContext, figures: PublicFigures, jsonUrl: string): Html {
  const t = (key: WebformTextKey, vars: Record<string, string> = {}) => translate(ctx.lang, key, vars);
  const day = (isoDay: string) => formatIsoDay(isoDay, ctx.lang);
  const { satisfaction } = figures;
  const mean = satisfaction.mean;
  const rating = (value: number) => formatNumber(ctx.lang, value, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return layout(
    ctx,
    t('figures.title'),
    html`<h1>${t('figures.title')}</h1>
<p>${t('figures.intro')}</p>
<p><strong>${t('figures.period', { from: day(figures.period.from), to: day(figures.period.to), days: String(figures.period.days) })}</strong>
<span class="meta">${t('figures.updated', { time: formatBerlin(Date.parse(figures.generatedAt), ctx.lang, 'dateTime') })}</span></p>
<h2>${t('figures.firstResponse')}</h2>
<p>${t('figures.firstResponseIntro')}</p>
<table><caption class="visually-hidden">${t('figures.firstResponse')}</caption>
<thead><tr><th scope="col">${t('figures.channel')}</th><th scope="col">${t('figures.median')}</th><th scope="col">${t('figures.cases')}</th></tr></thead>
<tbody>${figures.firstResponse.map(
      (row) =>
        html`<tr><th scope="row">${t(`figures.channel.${row.channel}`)}</th><td>${
          row.medianMinutes === null ? tooFew(ctx) : businessDuration(ctx, row.medianMinutes)
        }</td><td>${formatNumber(ctx.lang, row.cases)}</td></tr>`,
    )}</tbody></table>
${shareFigure(ctx, 'within-day', 'figures.withinDay', figures.firstResponseWithinDay, 'figures.baseAnswered')}
<h2>${t('figures.resolution')}</h2>
<p>${t('figures.resolutionIntro')}</p>
${shareFigure(ctx, 'resolved', 'figures.resolved', figures.resolvedWithinTarget, 'figures.baseCases')}
<h2>${t('figures.satisfaction')}</h2>
<p>${t('figures.satisfactionIntro')}</p>
<p>${t('figures.answers', { n: formatNumber(ctx.lang, satisfaction.answers) })}</p>
<section class="entry" aria-labelledby="mean"><h3 id="mean">${t('figures.mean')}</h3>
${figureValue(ctx, mean.value === null ? null : t('figures.meanValue', { value: rating(mean.value) }))}${targetLine(
  ctx,
  mean.target === null ? null : rating(mean.target),
  'atLeast',
  mean.verdict,
)}
<p class="meta">${t('figures.baseAnswers', { n: formatNumber(ctx.lang, mean.base) })}</p></section>
${shareFigure(ctx, 'solved', 'figures.solved', satisfaction.solved, 'figures.baseAnswers')}
<h2>${t('figures.openDataTitle')}</h2>
<p>${t('figures.openData')} <a href="${jsonUrl}">${t('figures.openDataLink')}</a></p>`,
  );
}
