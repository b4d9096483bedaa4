import { type SurveyFormAnswer, surveyFormInput, surveyLinkAnswer } from '@anliegen/shared';
import express, { type Request, type Response, type Router } from 'express';
import type { DB } from '../../db/database.js';
import { now as clockNow } from '../../domain/clock.js';
import type { Env } from '../../env.js';
import type { Logger } from '../../logger.js';
import {
  type AnswerView,
  answerByForm,
  answerByLink,
  answerOnStatusPage,
  statusPageSurvey,
  surveyOfToken,
} from '../../modules/feedback/feedback.service.js';
import { SURVEY_PATH, statusSurveyPath, surveyPath } from '../../modules/feedback/survey-links.js';
import { statusPath } from '../../modules/mailbox/status-links.service.js';
import { RateLimiter } from '../rate-limiter.js';
import { type SurveyField, type SurveyFormData, type SurveyNotice, statusSurvey, surveyPage } from './feedback.pages.js';
import type { Html } from './html.js';
import { formField, overLimit, pageContext, send } from './public-page.js';
import { caseForToken } from './webform.service.js';
import { messagePage, type PageContext } from './webform.pages.js';
import { isTextKey, type WebformTextKey } from './webform.texts.js';

/** Survey tokens are 32 URL-safe characters (domain/secret-token.ts); anything else is unknown without asking. */
const TOKEN = /^[\w-]{16,128}$/;
/** Each field's message when zod's is not one of ours (a repeated field, a value of the wrong kind). */
const FIELD_MESSAGES: Record<SurveyField, WebformTextKey> = {
  solved: 'survey.solvedMissing',
  rating: 'survey.ratingInvalid',
  comment: 'survey.commentLong',
};

/** The page's context, its language links without the link's answer: switching the language answers nothing. */
function surveyContext(req: Request): PageContext {
  const ctx = pageContext(req);
  const languageUrls = Object.fromEntries(
    Object.entries(ctx.languageUrls).map(([lang, url]) => {
      const parsed = new URL(url, 'http://local');
      parsed.searchParams.delete('antwort');
      return [lang, `${parsed.pathname}${parsed.search}`];
    }),
  ) as PageContext['languageUrls'];
  return { ...ctx, languageUrls };
}

/** The form's answer as sent, or the fields in error with what was sent (kept on the page). */
function parseForm(
  body: unknown,
):
  | { ok: true; answer: SurveyFormAnswer }
  | { ok: false; errors: Partial<Record<SurveyField, WebformTextKey>>; values: SurveyFormData['values'] } {
  const fields = { solved: formField(body, 'solved'), rating: formField(body, 'rating'), comment: formField(body, 'comment') };
  const parsed = surveyFormInput.safeParse(fields);
  if (parsed.success) return { ok: true, answer: parsed.data };
  const errors: Partial<Record<SurveyField, WebformTextKey>> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as SurveyField;
    if (!(field in FIELD_MESSAGES) || errors[field]) continue;
    errors[field] = isTextKey(issue.message) && issue.message.startsWith('survey.') ? issue.message : FIELD_MESSAGES[field];
  }
  const solved = surveyFormInput.shape.solved.safeParse(fields.solved);
  const rating = Number(fields.rating);
  return {
    ok: false,
    errors,
    values: {
      solved: solved.success ? solved.data : null,
      rating: Number.isInteger(rating) && rating >= 1 && rating <= 5 ? rating : null,
      comment: fields.comment || null,
    },
  };
}

const valuesOf = (answer: AnswerView | null): SurveyFormData['values'] => ({
  solved: answer?.solved ?? null,
  rating: answer?.rating ?? null,
  comment: answer?.comment ?? null,
});

/**
 * The survey's status page part for a case (webform.routes.ts renders it into the status page): the form while the
 * case is finished and its survey open, with the answer so far; undefined: no form.
 */
export async function surveyOnStatusPage(
  db: DB,
  ctx: PageContext,
  caseId: number,
  statusToken: string,
  saved: boolean,
): Promise<Html | undefined> {
  const survey = await statusPageSurvey(db, caseId, clockNow());
  if (!survey) return undefined;
  return statusSurvey(ctx, {
    form: { action: `${statusSurveyPath(statusToken)}?lang=${ctx.lang}`, values: valuesOf(survey.answer), errors: {} },
    saved,
  });
}

/**
 * The survey's public pages (issue 18): `GET /anliegen/rueckmeldung/<token>?antwort=ja|teilweise|nein` records the
 * clicked answer at once and offers the rest of the form (the scanner rule: feedback.service.ts); without an answer it
 * shows the form with the answer so far; POST sends the whole form. HEAD records nothing. An unknown token is 404, an
 * expired survey 410 with a page that says so. The status page's form posts to `/anliegen/status/<token>/rueckmeldung`.
 * Rate-limited per address like the web form; a failure shows a page that says so, never a 5xx page.
 */
export function feedbackRouter(deps: { db: DB; env: Env; log: Logger }): Router {
  const { db, env, log } = deps;
  const router = express.Router();
  // A citizen clicks a link, maybe a second one, sends the form and changes it: a few requests; a scanner clicks three.
  const limiter = new RateLimiter(env.WEBFORM_RATE_LIMIT * 5);
  const form = express.urlencoded({ extended: false, limit: '16kb' });

  /** No survey to answer: a link we do not know (404), or a survey that expired (410), each with a page that says so. */
  const noSurvey = (res: Response, ctx: PageContext, kind: 'unknown' | 'expired') =>
    kind === 'unknown'
      ? send(res, 404, messagePage(ctx, 'notFoundTitle', 'survey.notFound'))
      : send(res, 410, messagePage(ctx, 'survey.expiredTitle', 'survey.expired'));
  /** A failure (the database away, say): logged, and a page that asks to try again; nothing half done (one unit). */
  const failed = (res: Response, ctx: PageContext, err: unknown) => {
    log.error({ err }, 'survey: the answer could not be read or stored');
    send(res, 200, messagePage(ctx, 'errorTitle', 'survey.failed'));
  };
  const page = (
    req: Request,
    res: Response,
    ctx: PageContext,
    status: number,
    survey: { reference: string; expiresAt: number },
    form: { values: SurveyFormData['values']; errors?: SurveyFormData['errors'] },
    notice: SurveyNotice,
  ) =>
    send(
      res,
      status,
      surveyPage(ctx, {
        ...survey,
        notice,
        form: { action: `${surveyPath(req.params.token as string)}?lang=${ctx.lang}`, errors: {}, ...form },
      }),
    );
  /**
   * A request to a survey link (the link's page, its form): limited per address, a token that cannot be one answered
   * as unknown without asking the database, a failure answered with its page.
   */
  const surveyLink =
    (handle: (req: Request, res: Response, ctx: PageContext, token: string) => Promise<void>) =>
    async (req: Request, res: Response) => {
      const ctx = surveyContext(req);
      if (overLimit(limiter, req, res, ctx)) return;
      const token = String(req.params.token);
      if (!TOKEN.test(token)) {
        noSurvey(res, ctx, 'unknown');
        return;
      }
      try {
        await handle(req, res, ctx, token);
      } catch (err) {
        failed(res, ctx, err);
      }
    };

  // Scanners and link previews probe with HEAD: it answers like GET would (found or not), recording nothing.
  router.head(`${SURVEY_PATH}/:token`, async (req, res) => {
    const token = req.params.token;
    const found = TOKEN.test(token) ? await surveyOfToken(db, token, clockNow()).catch(() => null) : { kind: 'unknown' };
    res
      .status(found?.kind === 'unknown' ? 404 : found?.kind === 'expired' ? 410 : 200)
      .type('html')
      .end();
  });

  router.get(
    `${SURVEY_PATH}/:token`,
    surveyLink(async (req, res, ctx, token) => {
      const clicked = surveyLinkAnswer.safeParse(req.query.antwort);
      const now = clockNow();
      const outcome = clicked.success ? await answerByLink(db, token, clicked.data, now) : await surveyOfToken(db, token, now);
      if (outcome.kind === 'unknown' || outcome.kind === 'expired') {
        noSurvey(res, ctx, outcome.kind);
        return;
      }
      const { survey } = outcome;
      // After a scanner's burst nothing is chosen: the citizen chooses.
      const values = outcome.kind === 'choose' ? { ...valuesOf(survey.answer), solved: null } : valuesOf(survey.answer);
      const notice: SurveyNotice =
        outcome.kind === 'recorded'
          ? { kind: 'recorded', solved: clicked.data! }
          : outcome.kind === 'choose'
            ? { kind: 'choose' }
            : req.query.saved === '1' && survey.answer
              ? { kind: 'saved' }
              : null;
      page(req, res, ctx, 200, survey, { values }, notice);
    }),
  );

  router.post(
    `${SURVEY_PATH}/:token`,
    form,
    surveyLink(async (req, res, ctx, token) => {
      const parsed = parseForm(req.body);
      const now = clockNow();
      if (!parsed.ok) {
        // Nothing is stored; the form comes back with what was sent and where to fix it.
        const found = await surveyOfToken(db, token, now);
        if (found.kind !== 'open') {
          noSurvey(res, ctx, found.kind);
          return;
        }
        page(req, res, ctx, 422, found.survey, { values: parsed.values, errors: parsed.errors }, null);
        return;
      }
      const outcome = await answerByForm(db, token, parsed.answer, now);
      if (outcome.kind === 'unknown' || outcome.kind === 'expired') {
        noSurvey(res, ctx, outcome.kind);
        return;
      }
      // Post/Redirect/Get: reloading the thank-you sends nothing twice.
      res.redirect(303, `${surveyPath(token)}?lang=${ctx.lang}&saved=1`);
    }),
  );

  /** The status page's form: the case's invitation is made with the first answer if it had none. */
  router.post(statusSurveyPath(':token'), form, async (req, res) => {
    const ctx = pageContext(req);
    if (overLimit(limiter, req, res, ctx)) return;
    const token = String(req.params.token);
    try {
      const found = await caseForToken(db, token);
      if (!found) {
        send(res, 404, messagePage(ctx, 'notFoundTitle', 'notFound'));
        return;
      }
      const parsed = parseForm(req.body);
      const now = clockNow();
      if (!parsed.ok) {
        const survey = await statusPageSurvey(db, found.id, now);
        if (!survey) {
          noSurvey(res, ctx, 'expired');
          return;
        }
        send(
          res,
          422,
          surveyPage(ctx, {
            reference: found.reference,
            expiresAt: survey.expiresAt,
            notice: null,
            form: {
              action: `${statusSurveyPath(token)}?lang=${ctx.lang}`,
              values: parsed.values,
              errors: parsed.errors,
            },
            backTo: statusPath(token),
          }),
        );
        return;
      }
      if (!(await answerOnStatusPage(db, found.id, parsed.answer, now))) {
        noSurvey(res, ctx, 'expired');
        return;
      }
      res.redirect(303, `${statusPath(token)}?lang=${ctx.lang}&saved=1#survey`);
    } catch (err) {
      failed(res, ctx, err);
    }
  });

  // A token that is no text at all (`%ff`): Express cannot decode it (400); to the citizen it is a link we do not know.
  router.use(SURVEY_PATH, (err: unknown, req: Request, res: Response, next: (err?: unknown) => void) => {
    if ((err as { status?: number }).status !== 400) return next(err);
    send(res, 404, messagePage(surveyContext(req), 'notFoundTitle', 'survey.notFound'));
  });

  return router;
}
