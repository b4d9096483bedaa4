import { barrierReportInput } from '@anliegen/shared';
import express, { type Request, type Response, type Router } from 'express';
import type { DB } from '../../db/database.js';
import { isDatabaseUnavailable } from '../../db/unavailable.js';
import type { Env } from '../../env.js';
import type { Logger } from '../../logger.js';
import { RateLimiter } from '../rate-limiter.js';
import { type AccessibilityStatement, accessibilityStatementPage, barrierReportPage } from './accessibility.pages.js';
import { SCHLICHTUNGSSTELLE_BGG } from './accessibility.texts.js';
import { barrierReportText, submitBarrierReport } from './barrier-report.service.js';
import { formField, overLimit, pageContext, privacyUrlIn, send } from './public-page.js';
import { confirmationPath } from './status-link.js';
import { FormTokens } from './webform.guard.js';
import { ACCESSIBILITY_PATH, BARRIER_REPORT_PATH, hrefIn, type OutageNotice } from './webform.pages.js';
import { fieldErrors } from './webform.routes.js';
import { caseOfSpentToken, storeOnce } from './webform.service.js';
import type { WebformTextKey } from './webform.texts.js';

/** The statement's town-specific parts (env.ts, ACCESSIBILITY_*); the federal Schlichtungsstelle unless a body is named. */
export function statementOf(env: Env): AccessibilityStatement {
  const named = env.ACCESSIBILITY_ENFORCEMENT_NAME;
  return {
    body: env.ACCESSIBILITY_BODY ?? null,
    conformance: env.ACCESSIBILITY_CONFORMANCE,
    knownIssues: env.ACCESSIBILITY_KNOWN_ISSUES ?? null,
    preparedOn: env.ACCESSIBILITY_STATEMENT_DATE,
    reviewedOn: env.ACCESSIBILITY_REVIEWED_DATE ?? null,
    assessment: env.ACCESSIBILITY_ASSESSMENT,
    scopeUrl: `${env.publicUrl}/anliegen`,
    contact: {
      email: env.ACCESSIBILITY_CONTACT_EMAIL ?? null,
      phone: env.ACCESSIBILITY_CONTACT_PHONE ?? env.TOWN_PHONE ?? null,
      address: env.ACCESSIBILITY_CONTACT_ADDRESS ?? null,
    },
    enforcement: named
      ? {
          name: named,
          address: env.ACCESSIBILITY_ENFORCEMENT_ADDRESS ?? null,
          email: env.ACCESSIBILITY_ENFORCEMENT_EMAIL ?? null,
          phone: env.ACCESSIBILITY_ENFORCEMENT_PHONE ?? null,
          url: env.ACCESSIBILITY_ENFORCEMENT_URL ?? null,
        }
      : { name: null, ...SCHLICHTUNGSSTELLE_BGG },
  };
}

const REPORT_FIELDS = ['what', 'where', 'name', 'email', 'phone'] as const;

/**
 * The Erklärung zur Barrierefreiheit (/anliegen/barrierefreiheit, linked from every public page's footer) and its
 * "Barriere melden" form, guarded like the web form (a signed time token used once, a honeypot, a limit per address)
 * and answered like it: the confirmation with reference and status link (Post/Redirect/Get), the form again with what
 * was typed on an error or while the database is away (never a 5xx page).
 */
export function accessibilityRouter(deps: { db: DB; env: Env; log: Logger }): Router {
  const { db, env, log } = deps;
  const router = express.Router();
  const tokens = new FormTokens(env.APP_SECRET, env.WEBFORM_MIN_SECONDS);
  const limiter = new RateLimiter(env.WEBFORM_RATE_LIMIT);
  const statement = statementOf(env);

  router.get(ACCESSIBILITY_PATH, (req, res) => {
    const ctx = pageContext(req);
    send(res, 200, accessibilityStatementPage(ctx, statement, hrefIn(ctx, BARRIER_REPORT_PATH)));
  });

  const renderForm = (
    req: Request,
    res: Response,
    status: number,
    values: Record<string, string>,
    errors: Record<string, WebformTextKey>,
    options: { formToken?: string; outage?: OutageNotice } = {},
  ) => {
    const ctx = pageContext(req);
    send(
      res,
      status,
      barrierReportPage(ctx, {
        values,
        errors,
        formToken: options.formToken ?? tokens.issue(),
        action: hrefIn(ctx, BARRIER_REPORT_PATH),
        privacyUrl: privacyUrlIn(ctx, env.PRIVACY_NOTICE_URL),
        ...(options.outage ? { outage: options.outage } : {}),
      }),
    );
  };

  router.get(BARRIER_REPORT_PATH, (req, res) => {
    renderForm(req, res, 200, {}, {});
  });

  router.post(BARRIER_REPORT_PATH, express.urlencoded({ extended: false, limit: '64kb' }), async (req, res) => {
    const ctx = pageContext(req);
    if (overLimit(limiter, req, res, ctx)) return;
    const text = (name: string) => formField(req.body, name);
    const values = Object.fromEntries(REPORT_FIELDS.map((field) => [field, text(field)]));
    const formToken = text('formToken');
    const refused = tokens.refusal(formToken, text('website'));
    if (refused) {
      renderForm(req, res, 422, values, { _form: refused.message });
      return;
    }
    const parsed = barrierReportInput.safeParse(values);
    if (!parsed.success) {
      renderForm(req, res, 422, values, fieldErrors(parsed.error.issues));
      return;
    }
    const spent = tokens.spent(formToken);
    // Sent twice (a double click, a reload): the confirmation of the case it became; another report with a used
    // token gets the form back with a fresh one.
    const answerUsedToken = async () => {
      const made = await caseOfSpentToken(db, spent, { text: barrierReportText(parsed.data, ctx.lang) });
      if (made) res.redirect(303, confirmationPath(spent.statusToken, ctx.lang, made.confirmationMailed));
      else renderForm(req, res, 409, values, { _form: 'webform.used' });
    };
    try {
      const result = await storeOnce(db, spent, () =>
        submitBarrierReport(db, { publicUrl: env.publicUrl, lang: ctx.lang }, parsed.data, spent),
      );
      if (result === 'used') {
        await answerUsedToken();
        return;
      }
      res.redirect(303, confirmationPath(result.token, ctx.lang, result.mailQueued));
    } catch (err) {
      // Nothing was stored: the form again with what was typed and its token, and the town's phone number.
      log.error(
        { err },
        isDatabaseUnavailable(err)
          ? 'barrier report not stored: the database is unavailable'
          : 'barrier report could not be stored',
      );
      renderForm(req, res, 200, values, {}, { formToken, outage: { message: 'outageNotSaved', phone: env.TOWN_PHONE } });
    }
  });

  return router;
}
