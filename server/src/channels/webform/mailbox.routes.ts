import { existsSync } from 'node:fs';
import { MAX_DB_INTEGER, statusLinkRenewalInput } from '@anliegen/shared';
import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import type { DB } from '../../db/database.js';
import { isDatabaseUnavailable } from '../../db/unavailable.js';
import type { Env } from '../../env.js';
import { safeContentType, sendStoredDownload, setDownloadHeaders } from '../../http/download.js';
import type { Logger } from '../../logger.js';
import { isRevokedStatusToken } from '../../modules/mailbox/status-links.service.js';
import { attachmentPath } from '../../storage/attachment-store.js';
import { RateLimiter } from '../rate-limiter.js';
import { conversationDocument, invalidLinkPage, RENEW_PATH, renewDonePage, renewPage } from './conversation.pages.js';
import { conversationPdf } from './conversation.pdf.js';
import { storedFileOf } from './conversation.service.js';
import { formField, langOf, overLimit, pageContext, send } from './public-page.js';
import { renewStatusLink } from './status-link-renewal.js';
import { hrefIn, messagePage, statusUnavailablePage } from './webform.pages.js';
import { isTextKey, type WebformTextKey } from './webform.texts.js';
import { caseForToken } from './webform.service.js';

/** What a status link's token looks like (base64url); anything else opens nothing without asking the database. */
const statusToken = z.string().regex(/^[A-Za-z0-9_-]{16,128}$/);
const fileId = z.coerce.number().int().positive().max(MAX_DB_INTEGER);

/** A status link that opens nothing: "revoked" (410) with the way to a new link, or "not found" (404) with the same. */
export async function answerInvalidLink(db: DB, req: Request, res: Response, token: string): Promise<void> {
  const revoked = statusToken.safeParse(token).success && (await isRevokedStatusToken(db, token));
  send(res, revoked ? 410 : 404, invalidLinkPage(pageContext(req), revoked));
}

/**
 * The citizen's private mailbox behind the status link (issue 18): the files of the conversation's messages, the
 * conversation as PDF or HTML, and "Neuen Link anfordern". Downloads are checked like the page: the token must open
 * the case, and a file must belong to a message the page shows (never a note, a forward, or someone else's mail).
 */
export function citizenMailboxRouter(deps: { db: DB; env: Env; log: Logger }): Router {
  const { db, env, log } = deps;
  const router = express.Router();
  const limiter = new RateLimiter(env.WEBFORM_RATE_LIMIT);

  /** The case behind the request's status link, or null once the answer is sent (invalid link, database away). */
  const caseOf = async (req: Request, res: Response) => {
    const token = String(req.params.token);
    try {
      const found = statusToken.safeParse(token).success ? await caseForToken(db, token) : null;
      if (!found) await answerInvalidLink(db, req, res, token);
      return found;
    } catch (err) {
      if (!isDatabaseUnavailable(err)) throw err;
      log.error({ err }, 'status page download: the database is unavailable');
      send(res, 200, statusUnavailablePage(pageContext(req), { phone: env.TOWN_PHONE }));
      return null;
    }
  };

  router.get('/anliegen/status/:token/anhang/:fileId', async (req, res) => {
    const found = await caseOf(req, res);
    if (!found) return;
    const id = fileId.safeParse(req.params.fileId);
    const shown = id.success && found.entries.some((entry) => entry.attachments.some((file) => file.id === id.data));
    const stored = shown ? await storedFileOf(db, id.data) : undefined;
    const path = stored ? attachmentPath(env.ATTACHMENTS_DIR, stored.sha256) : '';
    if (!stored || !existsSync(path)) {
      send(res, 404, messagePage(pageContext(req), 'notFoundTitle', 'notFound'));
      return;
    }
    sendStoredDownload(res, path, {
      contentType: safeContentType(stored.contentType),
      size: stored.sizeBytes,
      filename: stored.filename,
    });
  });

  router.get('/anliegen/status/:token/gespraech.pdf', async (req, res) => {
    const found = await caseOf(req, res);
    if (!found) return;
    const pdf = await conversationPdf(langOf(req), found, Date.now());
    setDownloadHeaders(res, { contentType: 'application/pdf', size: pdf.length, filename: `Anliegen-${found.reference}.pdf` });
    res.end(pdf);
  });

  router.get('/anliegen/status/:token/gespraech.html', async (req, res) => {
    const found = await caseOf(req, res);
    if (!found) return;
    const page = Buffer.from(conversationDocument(langOf(req), found, Date.now()).value);
    setDownloadHeaders(res, {
      contentType: 'text/html; charset=utf-8',
      size: page.length,
      filename: `Anliegen-${found.reference}.html`,
    });
    res.end(page);
  });

  const renewAction = (req: Request) => hrefIn(pageContext(req), RENEW_PATH);
  router.get(RENEW_PATH, (req, res) => {
    send(res, 200, renewPage(pageContext(req), { action: renewAction(req), values: {}, errors: {} }));
  });

  router.post(RENEW_PATH, express.urlencoded({ extended: false, limit: '8kb' }), async (req, res) => {
    const ctx = pageContext(req);
    if (overLimit(limiter, req, res, ctx)) return;
    const text = (name: string) => formField(req.body, name).slice(0, 300);
    const values = { reference: text('reference'), email: text('email') };
    const parsed = statusLinkRenewalInput.safeParse(values);
    if (!parsed.success) {
      const errors: Partial<Record<'reference' | 'email', WebformTextKey>> = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] === 'email' ? 'email' : 'reference';
        errors[field] ??= isTextKey(issue.message) ? issue.message : `renew.${field}`;
      }
      send(res, 422, renewPage(ctx, { action: renewAction(req), values, errors }));
      return;
    }
    try {
      await renewStatusLink(db, { publicUrl: env.publicUrl, lang: ctx.lang }, parsed.data);
    } catch (err) {
      if (!isDatabaseUnavailable(err)) throw err;
      // Nothing could be looked up: said as "no mail can go now", the same for every request.
      log.error({ err }, 'status link renewal: the database is unavailable');
      send(res, 200, renewDonePage(ctx, false));
      return;
    }
    // Post/Redirect/Get: the same page for a match and a mismatch, and a reload sends nothing again.
    res.redirect(303, hrefIn(ctx, `${RENEW_PATH}/gesendet`));
  });

  router.get(`${RENEW_PATH}/gesendet`, (req, res) => {
    send(res, 200, renewDonePage(pageContext(req), env.SMTP_URL !== undefined));
  });

  return router;
}
