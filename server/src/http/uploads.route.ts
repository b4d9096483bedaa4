import { attachmentBytesLimit, isCaseworker } from '@anliegen/shared';
import type { Request, Response, Router } from 'express';
import express from 'express';
import { safeFilename } from '../channels/email/parse-mail.js';
import type { DB } from '../db/database.js';
import { DomainError } from '../domain/domain-error.js';
import type { Env } from '../env.js';
import { resolveSession } from '../modules/auth/auth.service.js';
import { tokensEqual } from '../modules/auth/session-token.js';
import { storeUpload } from '../modules/uploads/uploads.service.js';
import { CSRF_COOKIE, CSRF_HEADER, readCookies, SESSION_COOKIE } from './cookies.js';

function fail(res: Response, status: number, appCode: string, message: string, extra: object = {}): void {
  res.status(status).json({ error: { message, appCode, ...extra } });
}

/** A MIME type as browsers send it; anything else is stored as a plain byte stream (downloads are never rendered). */
function contentTypeOf(header: string | undefined): string {
  const type = (header ?? '').split(';')[0]!.trim().toLowerCase();
  return /^[a-z0-9][\w.+-]*\/[a-z0-9][\w.+-]*$/.test(type) && type.length <= 100 ? type : 'application/octet-stream';
}

/**
 * `POST /uploads`: a file for a reply, sent by the case page as the raw request body with its type in Content-Type
 * and its name (URI-encoded) in X-Filename. Signed-in caseworkers only, with the session's CSRF token like every
 * mutation; at most the attachment limit of one mail (attachmentBytesLimit of MAIL_MAX_BYTES). Answers the upload's
 * id, cleaned name, type and size (UploadedFile); a too large file gets 413 `uploads.tooLarge` with `limitBytes`.
 */
export function uploadsRouter(deps: { db: DB; env: Env }): Router {
  const router = express.Router();
  const maxBytes = attachmentBytesLimit(deps.env.MAIL_MAX_BYTES);
  const rawBody = express.raw({ type: () => true, limit: maxBytes });
  router.post(
    '/uploads',
    async (req: Request, res: Response, next) => {
      const cookies = readCookies(req);
      const token = cookies[SESSION_COOKIE];
      const session = token ? await resolveSession(deps, token) : null;
      if (!session) return fail(res, 401, 'auth.unauthenticated', 'Login required');
      const header = req.get(CSRF_HEADER);
      if (!tokensEqual(header, cookies[CSRF_COOKIE]) || !tokensEqual(header, session.session.csrfToken))
        return fail(res, 403, 'auth.csrf', 'Missing or invalid CSRF token; reload the page');
      if (!isCaseworker(session.user.role)) return fail(res, 403, 'auth.forbidden', 'Your role does not allow this');
      res.locals.user = session.user;
      next();
    },
    (req: Request, res: Response, next) =>
      rawBody(req, res, (error?: unknown) => {
        if ((error as { type?: string } | undefined)?.type === 'entity.too.large')
          return fail(res, 413, 'uploads.tooLarge', 'The file is too large for an email', { limitBytes: maxBytes });
        next(error);
      }),
    async (req: Request, res: Response) => {
      const content = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      let name: string;
      try {
        name = decodeURIComponent(req.get('x-filename') ?? '');
      } catch {
        name = '';
      }
      const contentType = contentTypeOf(req.get('content-type'));
      const user = res.locals.user as { id: number };
      try {
        const stored = await storeUpload(
          deps.db,
          { id: user.id, ip: req.ip ?? null },
          { filename: safeFilename(name, contentType), contentType, content },
          { attachmentsDir: deps.env.ATTACHMENTS_DIR, maxBytes },
        );
        res.status(201).json(stored);
      } catch (error) {
        if (error instanceof DomainError)
          return fail(res, error.appCode === 'uploads.tooLarge' ? 413 : 400, error.appCode, error.message, {
            limitBytes: maxBytes,
          });
        throw error;
      }
    },
  );
  return router;
}
