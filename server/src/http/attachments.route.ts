import { existsSync, statSync } from 'node:fs';
import { isCaseworker } from '@anliegen/shared';
import type { Request, Response, Router } from 'express';
import express from 'express';
import { attachmentPath } from '../storage/attachment-store.js';
import type { DB } from '../db/database.js';
import type { Env } from '../env.js';
import { resolveSession } from '../modules/auth/auth.service.js';
import { caseAccessOf, mayAccessInteraction } from '../modules/cases/case-access.js';
import { readCookies, SESSION_COOKIE } from './cookies.js';
import { recordAudit } from '../modules/audit/audit.service.js';
import { sendStoredDownload } from './download.js';

function fail(res: Response, status: number, appCode: string, message: string): void {
  res.status(status).json({ error: { message, appCode } });
}

/** The signed-in caseworker behind a download request, or null once the failure is answered. */
async function caseworkerOf(deps: { db: DB; env: Env }, req: Request, res: Response) {
  const token = readCookies(req)[SESSION_COOKIE];
  const session = token ? await resolveSession(deps, token) : null;
  if (!session) {
    fail(res, 401, 'auth.unauthenticated', 'Login required');
    return null;
  }
  if (!isCaseworker(session.user.role)) {
    fail(res, 403, 'auth.forbidden', 'Your role does not allow this');
    return null;
  }
  return session.user;
}

const positiveId = (value: unknown) => {
  const id = Number(value);
  return Number.isInteger(id) && id > 0 && id <= 2 ** 53 ? id : null;
};

/**
 * Downloads of attachments and of the original source of a mail (`.eml`) for signed-in caseworkers who may open the
 * case (CASE_ACCESS; otherwise: not found), recorded in the audit log (a read of personal data).
 */
export function attachmentsRouter(deps: { db: DB; env: Env }): Router {
  const router = express.Router();
  router.get('/attachments/:id', async (req: Request, res: Response) => {
    const user = await caseworkerOf(deps, req, res);
    if (!user) return;
    const id = positiveId(req.params.id);
    const file = id ? await deps.db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst() : undefined;
    const path = file ? attachmentPath(deps.env.ATTACHMENTS_DIR, file.sha256) : '';
    const allowed = file
      ? await mayAccessInteraction(deps.db, caseAccessOf({ env: deps.env, user }), file.interaction_id)
      : false;
    if (!file || !allowed || !existsSync(path)) return fail(res, 404, 'notFound', 'Attachment not found');
    await recordAudit(deps.db, { id: user.id, ip: req.ip ?? null }, 'attachment.downloaded', {
      entityId: file.id,
      details: { interactionId: file.interaction_id },
    });
    sendStoredDownload(res, path, { contentType: file.content_type, size: file.size_bytes, filename: file.filename });
  });
  router.get('/mail-source/:interactionId', async (req: Request, res: Response) => {
    const user = await caseworkerOf(deps, req, res);
    if (!user) return;
    const id = positiveId(req.params.interactionId);
    const mail = id
      ? await deps.db
          .selectFrom('interactions')
          .innerJoin('cases', 'cases.id', 'interactions.case_id')
          .select(['interactions.id', 'interactions.raw_sha256', 'cases.reference'])
          .where('interactions.id', '=', id)
          .executeTakeFirst()
      : undefined;
    const path = mail?.raw_sha256 ? attachmentPath(deps.env.ATTACHMENTS_DIR, mail.raw_sha256) : '';
    const allowed = mail ? await mayAccessInteraction(deps.db, caseAccessOf({ env: deps.env, user }), mail.id) : false;
    if (!mail || !allowed || !path || !existsSync(path)) return fail(res, 404, 'notFound', 'Original mail not found');
    await recordAudit(deps.db, { id: user.id, ip: req.ip ?? null }, 'mail.sourceDownloaded', { entityId: mail.id });
    sendStoredDownload(res, path, {
      contentType: 'message/rfc822',
      size: statSync(path).size,
      filename: `${mail.reference}-${mail.id}.eml`,
    });
  });
  return router;
}
