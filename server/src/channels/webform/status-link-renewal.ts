import { normaliseEmail, type statusLinkRenewalInput } from '@anliegen/shared';
import type { z } from 'zod';
import type { DB } from '../../db/database.js';
import { NO_ACTOR } from '../../domain/actor.js';
import { unitOfWork } from '../../domain/unit-of-work.js';
import { queueAutomaticMail } from '../email/outbound-mail.service.js';
import { newSecretToken } from '../../domain/secret-token.js';
import { statusPath, storeStatusToken } from '../../modules/mailbox/status-links.service.js';
import { translate } from './webform.pages.js';
import type { WebformLang } from './webform.texts.js';

/**
 * A citizen asks for a new status link (issue 18) with the case's reference and their email address. Only when the
 * address is one of the case citizen's on file does a new link go out, to that address, as an automatic mail (at most
 * one per address and hour, like every automatic mail: nobody can flood someone's inbox through this form). Whether it
 * matched is returned to nobody: the page answers the same either way. A merged case's reference gives a link to the
 * case it was merged into. The mail names only reference and link, so it goes as it is in the mode without content;
 * its stored copy loses the link's secret after CONFIRMATION_LINK_DAYS like a receipt's (status-link.ts).
 */
export async function renewStatusLink(
  db: DB,
  deps: { publicUrl: string; lang: WebformLang },
  input: z.output<typeof statusLinkRenewalInput>,
): Promise<void> {
  const named = await db
    .selectFrom('cases')
    .select(['id', 'merged_into_id as mergedIntoId'])
    .where('reference', '=', input.reference)
    .executeTakeFirst();
  if (!named) return;
  const email = normaliseEmail(input.email);
  const found = await db
    .selectFrom('cases')
    .innerJoin('contact_points', 'contact_points.citizen_id', 'cases.citizen_id')
    .select(['cases.id', 'cases.reference', 'cases.citizen_id as citizenId'])
    .where('cases.id', '=', named.mergedIntoId ?? named.id)
    .where('contact_points.kind', '=', 'email')
    .where('contact_points.normalized', '=', email)
    .executeTakeFirst();
  if (!found) return;
  await unitOfWork(db, NO_ACTOR, async (work) => {
    const now = Date.now();
    const token = newSecretToken();
    const queued = await queueAutomaticMail(work.db, {
      caseId: found.id,
      citizenId: found.citizenId,
      to: email,
      subject: `[${found.reference}] ${translate(deps.lang, 'renewMailSubject')}`,
      text: translate(deps.lang, 'renewMailBody', {
        reference: found.reference,
        statusUrl: `${deps.publicUrl}${statusPath(token)}`,
      }),
      now,
      contentFree: true,
    });
    // Over the hourly limit of the address: no mail, so no link either.
    if (!queued) return;
    await storeStatusToken(work.db, found.id, token, now);
    await work.audit('case.statusLinkRenewed', { entityId: found.id });
  });
}
