import { FEEDBACK_RATINGS, FEEDBACK_SOLVED, type FeedbackSolved, formatBerlin } from '@anliegen/shared';
import { type Html, html } from './html.js';
import { hrefIn, layout, type PageContext, titleOf, translate } from './webform.pages.js';
import type { WebformTextKey } from './webform.texts.js';

/**
 * The survey's pages (issue 18): the form behind the resolution mail's links and a receipt's QR code, and the same form
 * as a part of the status page. Plain HTML like the web form (no JavaScript): radio buttons in fieldsets with legends,
 * an error summary that takes the focus, aria-invalid and the message at each field in error.
 */

export type SurveyField = 'solved' | 'rating' | 'comment';
const FIELD_ORDER: SurveyField[] = ['solved', 'rating', 'comment'];

export interface SurveyFormData {
  action: string;
  /** What the form shows chosen and written: the answer so far, or what was just sent with errors. */
  values: { solved: FeedbackSolved | null; rating: number | null; comment: string | null };
  errors: Partial<Record<SurveyField, WebformTextKey>>;
}

/** The error summary (takes the focus as the page loads: the page has no JavaScript), its links leading to the fields. */
function errorSummary(ctx: PageContext, errors: SurveyFormData['errors']): Html | '' {
  const fields = FIELD_ORDER.filter((field) => errors[field]);
  if (fields.length === 0) return '';
  const t = (key: WebformTextKey) => translate(ctx.lang, key);
  // The first control of each field: a fieldset's first radio button.
  const target = (field: SurveyField) => (field === 'solved' ? 'solved-yes' : field === 'rating' ? 'rating-1' : 'comment');
  return html`<div class="summary" role="alert" tabindex="-1" id="summary" autofocus><p><strong>${t('errorSummary')}</strong></p><ul>${fields.map(
    (field) => html`<li><a href="#${target(field)}">${t(errors[field]!)}</a></li>`,
  )}</ul></div>`;
}

/** The three answers, the rating 1–5 and the comment, with the given values chosen. */
export function surveyForm(ctx: PageContext, data: SurveyFormData): Html {
  const t = (key: WebformTextKey) => translate(ctx.lang, key);
  const { errors, values } = data;
  const error = (field: SurveyField) => (errors[field] ? html`<p class="error" id="${field}-error">${t(errors[field])}</p>` : '');
  const invalid = (field: SurveyField) => (errors[field] ? html` aria-invalid="true"` : '');
  const describedBy = (field: SurveyField, hint?: string) => {
    const ids = [hint, errors[field] ? `${field}-error` : undefined].filter(Boolean).join(' ');
    return ids ? html` aria-describedby="${ids}"` : '';
  };
  const ratingLabel = (rating: number) =>
    rating === 1 ? t('survey.rating.1') : rating === 5 ? t('survey.rating.5') : String(rating);
  return html`${errorSummary(ctx, errors)}
<form method="post" action="${data.action}" novalidate>
<fieldset${describedBy('solved')}><legend>${t('survey.question')}</legend>${error('solved')}
${FEEDBACK_SOLVED.map(
  (solved) =>
    html`<div class="check"><input type="radio" id="solved-${solved}" name="solved" value="${solved}"${
      values.solved === solved ? html` checked` : ''
    }${invalid('solved')}><label for="solved-${solved}">${t(`survey.solved.${solved}`)}</label></div>`,
)}
</fieldset>
<fieldset${describedBy('rating', 'rating-hint')}><legend>${t('survey.rating')}</legend><p class="hint" id="rating-hint">${t('survey.ratingHint')}</p>${error('rating')}
${FEEDBACK_RATINGS.map(
  (rating) =>
    html`<div class="check"><input type="radio" id="rating-${rating}" name="rating" value="${rating}"${
      values.rating === rating ? html` checked` : ''
    }${invalid('rating')}><label for="rating-${rating}">${ratingLabel(rating)}</label></div>`,
)}
</fieldset>
<label for="comment">${t('survey.comment')}</label><p class="hint" id="comment-hint">${t('survey.commentHint')}</p>
<textarea id="comment" name="comment" maxlength="2000"${describedBy('comment', 'comment-hint')}${invalid('comment')}>${values.comment ?? ''}</textarea>${error('comment')}
<button type="submit">${t('survey.submit')}</button>
</form>`;
}

/** What the page says above the form: the answer a click recorded, that the citizen must choose, or that it is saved. */
export type SurveyNotice = { kind: 'recorded'; solved: FeedbackSolved } | { kind: 'choose' } | { kind: 'saved' } | null;

function noticeOf(ctx: PageContext, notice: SurveyNotice): Html | '' {
  if (!notice) return '';
  // Said once as the page loads (role=status): the form below stays where the citizen goes on.
  const text =
    notice.kind === 'recorded'
      ? translate(ctx.lang, 'survey.recorded', { answer: translate(ctx.lang, `survey.solved.${notice.solved}`) })
      : translate(ctx.lang, notice.kind === 'choose' ? 'survey.choose' : 'survey.saved');
  return html`<div class="${notice.kind === 'choose' ? 'notice' : 'ok'}" role="status"><p>${text}</p></div>`;
}

/** The survey's own page: the case's reference, the notice, the form, and until when the answer can change. */
export function surveyPage(
  ctx: PageContext,
  data: { reference: string; expiresAt: number; notice: SurveyNotice; form: SurveyFormData; backTo?: string },
): Html {
  const t = (key: WebformTextKey, vars?: Record<string, string>) => translate(ctx.lang, key, vars);
  const hasErrors = Object.keys(data.form.errors).length > 0;
  return layout(
    ctx,
    titleOf(ctx, `${t('survey.title')} ${data.reference}`, hasErrors),
    html`<h1>${t('survey.title')}</h1><p>${t('survey.intro', { reference: data.reference })}</p>${noticeOf(ctx, data.notice)}
${surveyForm(ctx, data.form)}
<p class="meta">${t('survey.changeUntil', { date: formatBerlin(data.expiresAt, ctx.lang, 'date') })}</p>${
      data.backTo ? html`<p><a href="${hrefIn(ctx, data.backTo)}">${t('survey.backToStatus')}</a></p>` : ''
    }`,
  );
}

/** The survey's part of the status page (a finished case): its heading, after an answer a thank-you, the form. */
export function statusSurvey(ctx: PageContext, data: { form: SurveyFormData; saved: boolean }): Html {
  const t = (key: WebformTextKey) => translate(ctx.lang, key);
  return html`<section aria-labelledby="survey"><h2 id="survey">${t('survey.title')}</h2>${
    data.saved ? noticeOf(ctx, { kind: 'saved' }) : html`<p>${t('survey.statusIntro')}</p>`
  }${surveyForm(ctx, data.form)}</section>`;
}
