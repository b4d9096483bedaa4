import { webformInput, webformReplyInput } from '@anliegen/shared';
import express, { type Request, type Response, type Router } from 'express';
import type { DB } from '../../db/database.js';
import type { Env } from '../../env.js';
import type { Logger } from '../../logger.js';
import { isDatabaseUnavailable } from '../../db/unavailable.js';
import { countWebformSubmission as counted } from '../../metrics.js';
import { DomainError } from '../../domain/domain-error.js';
import { storeAttachment } from '../../storage/attachment-store.js';
import { detectAllowedType, readMultipart } from './multipart.js';
import { formPage, messagePage, type OutageNotice, statusPage, statusUnavailablePage } from './webform.pages.js';
import { RateLimiter } from '../rate-limiter.js';
import { FormTokens } from './webform.guard.js';
import { confirmationPath, statusLinkIn, statusPath } from './status-link.js';
import { caseForToken, caseOfSpentToken, replyViaStatusPage, storeOnce, submitWebform } from './webform.service.js';
import { isTextKey, type WebformTextKey } from './webform.texts.js';
import { formField, langOf, overLimit, pageContext, privacyUrlIn, send } from './public-page.js';
import { surveyOnStatusPage } from './feedback.routes.js';
import { conversationSection, mailboxPaths } from './conversation.pages.js';
import { answerInvalidLink } from './mailbox.routes.js';

const LIMITS = { maxFiles: 3, maxFileBytes: 5 * 1024 * 1024, maxFieldBytes: 20 * 1024 };
const FORM_PATH = '/anliegen';

/** zod issues → the first message key per field. */
export function fieldErrors(issues: { path: PropertyKey[]; message: string }[]): Record<string, WebformTextKey> {
  const errors: Record<string, WebformTextKey> = {};
  for (const issue of issues) {
    const field = String(issue.path[0] ?? '_form');
    if (!errors[field]) errors[field] = isTextKey(issue.message) ? issue.message : 'webform.text';
  }
  return errors;
}

/**
 * A domain failure as the form answers it: the status, and the field whose message says what to fix. Only what a
 * citizen can fix on the form; anything else is a failure to store (null).
 */
function formAnswerTo(error: DomainError): { status: number; errors: Record<string, WebformTextKey> } | null {
  switch (error.appCode) {
    // The topic list changed while the form was open.
    case 'categories.unknown':
      return { status: 422, errors: { categoryId: 'webform.category' } };
    default:
      return null;
  }
}

/**
 * The citizen-facing pages: the web form (works without JavaScript; embeddable in the town's website) and the
 * private status page behind the link a citizen receives. Server-rendered HTML, German by default (?lang=en).
 */
export function webformRouter(deps: { db: DB; env: Env; log: Logger }): Router {
  const { db, env, log } = deps;
  const router = express.Router();
  const tokens = new FormTokens(env.APP_SECRET, env.WEBFORM_MIN_SECONDS);
  const limiter = new RateLimiter(env.WEBFORM_RATE_LIMIT);

  // These pages may be framed by the town's website; the rest of the app may not.
  router.use(FORM_PATH, (_req, res, next) => {
    res.removeHeader('X-Frame-Options');
    const csp = String(res.getHeader('Content-Security-Policy') ?? '');
    res.setHeader(
      'Content-Security-Policy',
      csp.replace(/frame-ancestors [^;]*/, `frame-ancestors ${env.WEBFORM_EMBED_ORIGINS}`),
    );
    next();
  });

  // The topics as last read: the form can still be shown with what the citizen typed when the database is failing.
  let knownCategories: { id: number; name: string }[] = [];
  /** Whether the last read of the topics failed: the database is away (logged once per incident). */
  let categoriesFailed = false;
  const categories = async () => {
    try {
      knownCategories = await db.selectFrom('categories').select(['id', 'name']).orderBy('name').execute();
      categoriesFailed = false;
    } catch (err) {
      if (!categoriesFailed) log.warn({ err }, 'web form topics could not be read; showing the last known ones');
      categoriesFailed = true;
    }
    return knownCategories;
  };
  const renderForm = async (
    req: Request,
    res: Response,
    status: number,
    values: Record<string, string>,
    errors: Record<string, WebformTextKey>,
    options: { formToken?: string; outage?: OutageNotice } = {},
  ) => {
    const topics = await categories();
    // Nothing could be read: said before the citizen writes a long text (the form still keeps it, see below).
    const outage =
      options.outage ?? (categoriesFailed ? { message: 'outageBefore' as const, phone: env.TOWN_PHONE, calm: true } : undefined);
    send(
      res,
      status,
      formPage(pageContext(req), {
        categories: topics,
        values,
        errors,
        formToken: options.formToken ?? tokens.issue(),
        privacyUrl: privacyUrlIn(pageContext(req), env.PRIVACY_NOTICE_URL),
        action: `${FORM_PATH}?lang=${langOf(req)}`,
        ...(outage ? { outage } : {}),
      }),
    );
  };

  router.get(FORM_PATH, async (req, res) => {
    await renderForm(req, res, 200, {}, {});
  });

  router.post(FORM_PATH, async (req, res) => {
    const ctx = pageContext(req);
    if (overLimit(limiter, req, res, ctx)) {
      counted('rejected', 'rate_limited');
      return;
    }
    const form = await readMultipart(req, LIMITS);
    if (!form.ok) {
      counted('rejected', form.reason === 'webform.tooLarge' ? 'too_large' : 'bad_file');
      await renderForm(req, res, form.reason === 'webform.tooLarge' ? 413 : 422, {}, { files: form.reason });
      return;
    }
    const { formToken, website, ...values } = form.fields;
    // The form again with what was typed; chosen files cannot be put back, so the citizen is told to choose them again.
    const formAgain = (status: number, errors: Record<string, WebformTextKey>) =>
      renderForm(req, res, status, values, {
        ...(form.files.length > 0 ? { files: 'webform.filesAgain' as const } : {}),
        ...errors,
      });
    const refused = tokens.refusal(formToken, website);
    if (refused) {
      counted('rejected', refused.reason);
      await formAgain(422, { _form: refused.message });
      return;
    }
    const parsed = webformInput.safeParse(values);
    const badFile = form.files.find((file) => detectAllowedType(file) === null);
    if (!parsed.success || badFile) {
      counted('rejected', parsed.success ? 'bad_file' : 'invalid_input');
      await formAgain(422, {
        ...(parsed.success ? {} : fieldErrors(parsed.error.issues)),
        ...(badFile ? { files: 'webform.file' } : {}),
      });
      return;
    }
    const spent = tokens.spent(formToken!);
    /**
     * The token was used before. The same form sent twice (a double click, a reload of the post) gets the
     * confirmation of the case it became, not an error; another submission gets the form back with a fresh token.
     */
    const answerUsedToken = async () => {
      const made = await caseOfSpentToken(db, spent, parsed.data);
      counted(made ? 'accepted' : 'rejected', made ? 'resent' : 'token_used');
      if (made) res.redirect(303, confirmationPath(spent.statusToken, ctx.lang, made.confirmationMailed));
      else await formAgain(409, { _form: 'webform.used' });
    };
    try {
      const result = await storeOnce(db, spent, async () => {
        const stored = await Promise.all(
          form.files.map(async (file) => ({
            filename: file.filename.slice(0, 200),
            contentType: detectAllowedType(file)!,
            sizeBytes: file.content.length,
            sha256: await storeAttachment(env.ATTACHMENTS_DIR, file.content),
          })),
        );
        return submitWebform(db, { publicUrl: env.publicUrl, lang: ctx.lang }, parsed.data, stored, spent);
      });
      if (result === 'used') {
        await answerUsedToken();
        return;
      }
      counted('accepted', 'stored');
      // Post/Redirect/Get: reloading the confirmation does not send the form twice.
      res.redirect(303, confirmationPath(result.token, ctx.lang, result.mailQueued));
    } catch (err) {
      const answer = err instanceof DomainError ? formAnswerTo(err) : null;
      if (answer) {
        counted('rejected', (err as DomainError).appCode);
        await formAgain(answer.status, answer.errors);
        return;
      }
      // A failing database or a full disk: nothing was stored. The citizen gets the form again with what they typed,
      // its token (sent again, it is stored once even if this attempt did commit after all: see answerUsedToken), a
      // notice with the town's phone number. Answered 200, not 503: no citizen is ever shown a 5xx page (a proxy may
      // put its own error page in place of ours); the metrics and the log count the failure (docs/operations.md).
      const unavailable = isDatabaseUnavailable(err);
      counted('failed', unavailable ? 'database_unavailable' : 'store_failed');
      log.error({ err }, unavailable ? 'web form not stored: the database is unavailable' : 'web form could not be stored');
      await renderForm(
        req,
        res,
        200,
        values,
        {},
        {
          formToken: formToken!,
          outage: { message: 'outageNotSaved', phone: env.TOWN_PHONE, filesAgain: form.files.length > 0 },
        },
      );
    }
  });

  router.get(`${FORM_PATH}/datenschutz`, (req, res) => {
    send(res, 200, messagePage(pageContext(req), 'privacyTitle', 'privacyText'));
  });

  /**
   * The status page's answer while the database is away: a notice with the town's phone number (200, see the form),
   * and the reply form again with what was written after a reply that could not be stored.
   */
  const statusUnavailable = (req: Request, res: Response, err: unknown, reply?: string) => {
    const ctx = pageContext(req);
    log.error({ err }, 'status page: the database is unavailable');
    send(
      res,
      200,
      statusUnavailablePage(ctx, {
        phone: env.TOWN_PHONE,
        ...(reply === undefined
          ? {}
          : { reply: { action: `${statusPath(req.params.token as string)}?lang=${ctx.lang}`, value: reply } }),
      }),
    );
  };

  router.get(`${FORM_PATH}/status/:token`, async (req, res) => {
    const ctx = pageContext(req);
    const found = await caseForToken(db, req.params.token).catch((err: unknown) => {
      if (!isDatabaseUnavailable(err)) throw err;
      statusUnavailable(req, res, err);
      return 'answered' as const;
    });
    if (found === 'answered') return;
    if (!found) {
      // Unknown or revoked: either page offers a new link (issue 18).
      await answerInvalidLink(db, req, res, req.params.token);
      return;
    }
    // A queued confirmation leaves only with a relay (SMTP_URL); without one the page says that no mail comes.
    const justSubmitted = req.query.new
      ? {
          statusUrl: statusLinkIn(env.publicUrl, req.params.token, ctx.lang),
          mailSent: req.query.new === 'mail' && env.SMTP_URL !== undefined,
        }
      : undefined;
    send(
      res,
      200,
      statusPage(ctx, {
        ...found,
        conversation: conversationSection(ctx, found.entries, mailboxPaths(statusPath(req.params.token), ctx.lang)),
        replyAction: `${statusPath(req.params.token)}?lang=${ctx.lang}`,
        replied: req.query.replied === '1',
        justSubmitted,
        survey: await surveyOnStatusPage(db, ctx, found.id, req.params.token, req.query.saved === '1'),
      }),
    );
  });

  router.post(`${FORM_PATH}/status/:token`, express.urlencoded({ extended: false, limit: '64kb' }), async (req, res) => {
    const ctx = pageContext(req);
    const written = formField(req.body, 'text');
    /** The database away: the notice, and the reply form again with what was written. */
    const unlessUnavailable = (err: unknown): 'answered' => {
      if (!isDatabaseUnavailable(err)) throw err;
      statusUnavailable(req, res, err, written);
      return 'answered';
    };
    const found = await caseForToken(db, req.params.token).catch(unlessUnavailable);
    if (found === 'answered') return;
    if (!found) {
      // Unknown or revoked: either page offers a new link (issue 18).
      await answerInvalidLink(db, req, res, req.params.token);
      return;
    }
    if (overLimit(limiter, req, res, ctx)) return;
    const parsed = webformReplyInput.safeParse({ text: written });
    if (!parsed.success) {
      const text = written;
      const key = parsed.error.issues[0]?.message;
      send(
        res,
        422,
        statusPage(ctx, {
          ...found,
          conversation: conversationSection(ctx, found.entries, mailboxPaths(statusPath(req.params.token), ctx.lang)),
          replyAction: `${statusPath(req.params.token)}?lang=${ctx.lang}`,
          replyError: key && isTextKey(key) ? key : 'webform.reply',
          replyValue: text,
        }),
      );
      return;
    }
    if ((await replyViaStatusPage(db, found.id, parsed.data.text).catch(unlessUnavailable)) === 'answered') return;
    res.redirect(303, `${statusPath(req.params.token)}?lang=${ctx.lang}&replied=1`);
  });

  return router;
}
