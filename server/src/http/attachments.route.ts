import { createReadStream, existsSync } from 'node:fs';
import { isCaseworker } from '@anliegen/shared';
import type { Request, Response, Router } from 'express';
import express from 'express';
import { attachmentPath } from '../channels/attachments/attachment-store.js';
import type { DB } from '../db/database.js';
import type { Env } from '../env.js';
import { insertAuditEvent } from '../modules/audit/audit.repo.js';
import { resolveSession } from '../modules/auth/auth.service.js';
import { caseAccessOf, mayAccessInteraction } from '../modules/cases/case-access.js';
import { readCookies, SESSION_COOKIE } from './cookies.js';

function fail(res: Response, status: number, appCode: string, message: string): void {
  res.status(status).json({ error: { message, appCode } });
}

/** RFC 6266 filename for any characters: an ASCII fallback and the UTF-8 original. */
function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/**
 * Downloads of attachments for signed-in caseworkers who may open the case (CASE_ACCESS; otherwise: not found).
 * Always as a download (never rendered in the app's origin), with nosniff and a sandboxing CSP, not cached, and
 * recorded in the audit log (a read of personal data).
 */
export function attachmentsRouter(deps: { db: DB; env: Env }): Router {
  const router = express.Router();
  router.get('/attachments/:id', async (req: Request, res: Response) => {
    const token = readCookies(req)[SESSION_COOKIE];
    const session = token ? await resolveSession(deps, token) : null;
    if (!session) return fail(res, 401, 'auth.unauthenticated', 'Login required');
    if (!isCaseworker(session.user.role)) return fail(res, 403, 'auth.forbidden', 'Your role does not allow this');
    const id = Number(req.params.id);
    const file =
      Number.isInteger(id) && id > 0
        ? await deps.db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst()
        : undefined;
    const path = file ? attachmentPath(deps.env.ATTACHMENTS_DIR, file.sha256) : '';
    const allowed = file
      ? await mayAccessInteraction(deps.db, caseAccessOf({ env: deps.env, user: session.user }), file.interaction_id)
      : false;
    if (!file || !allowed || !existsSync(path)) return fail(res, 404, 'notFound', 'Attachment not found');
    await insertAuditEvent(deps.db, {
      actorId: session.user.id,
      action: 'attachment.downloaded',
      entityType: 'attachment',
      entityId: file.id,
      ip: req.ip ?? null,
      details: { interactionId: file.interaction_id },
    });
    res.setHeader('Content-Type', file.content_type);
    res.setHeader('Content-Length', String(file.size_bytes));
    res.setHeader('Content-Disposition', contentDisposition(file.filename));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    res.setHeader('Cache-Control', 'private, no-store');
    createReadStream(path).pipe(res);
  });
  return router;
}
