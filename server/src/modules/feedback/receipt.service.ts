import { mailDisplayName } from '@anliegen/shared';
import QRCode from 'qrcode';
import type { DB } from '../../db/database.js';
import type { Actor } from '../../domain/actor.js';
import { notFound } from '../../domain/domain-error.js';
import { newSecretToken } from '../../domain/secret-token.js';
import { unitOfWork } from '../../domain/unit-of-work.js';
import { issueStatusToken, statusPath } from '../mailbox/status-links.service.js';
import { claimInvitationOfCase, setReceiptToken } from './feedback.repo.js';
import { createInvitation, surveyEnabledFor } from './invitations.js';
import { surveyPath } from './survey-links.js';

/**
 * A counter receipt ("Quittung", issue 18) for the citizen at the counter or, read out, on the phone: the town as it
 * signs its mail (MAIL_FROM), the reference, the date, a new status link (links are stored hashed: a receipt names a
 * link of its own) and, when the case asks for feedback, the survey's link as a QR code (SVG made here, so the browser
 * needs no QR library). The receipt's survey link is a token of its own on the case's invitation (made now if the case
 * had none): answers through it count as source `receipt`; a new receipt's link replaces the previous receipt's.
 * Audited: it hands out a way into the case.
 */
export async function issueReceipt(
  db: DB,
  actor: Actor & { id: number },
  caseId: number,
  deps: { publicUrl: string; mailFrom: string },
  now = Date.now(),
) {
  const issued = await unitOfWork(db, actor, async (work) => {
    const found = await work.db
      .selectFrom('cases')
      .select(['reference', 'created_at'])
      .where('id', '=', caseId)
      .executeTakeFirst();
    if (!found) throw notFound('Case');
    const statusToken = await issueStatusToken(work.db, caseId, now);
    let surveyToken: string | null = null;
    let expiresAt: number | null = null;
    if (await surveyEnabledFor(work.db, caseId)) {
      surveyToken = await createInvitation(work, caseId, 'receipt', now);
      const invitation = await claimInvitationOfCase(work.db, caseId);
      if (invitation && invitation.expires_at > now) {
        expiresAt = invitation.expires_at;
        if (surveyToken === null) {
          surveyToken = newSecretToken();
          await setReceiptToken(work.db, caseId, surveyToken);
        }
      } else surveyToken = null;
    }
    await work.audit('feedback.receiptIssued', { entityId: caseId, details: { surveyLink: surveyToken !== null } });
    return { ...found, statusToken, surveyToken, expiresAt };
  });
  const surveyUrl = issued.surveyToken ? `${deps.publicUrl}${surveyPath(issued.surveyToken)}` : null;
  return {
    desk: mailDisplayName(deps.mailFrom),
    reference: issued.reference,
    createdAt: issued.created_at,
    issuedAt: now,
    statusUrl: `${deps.publicUrl}${statusPath(issued.statusToken)}`,
    survey: surveyUrl
      ? {
          url: surveyUrl,
          expiresAt: issued.expiresAt!,
          // Error correction M (15 %): a printed code survives a crease; the quiet zone of 4 modules the standard asks.
          qrSvg: await QRCode.toString(surveyUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 }),
        }
      : null,
  };
}
