import { FEEDBACK_SOLVED, formatBerlin } from '@anliegen/shared';
import { SURVEY_MS, type ResolutionMail } from '../../modules/feedback/invitations.js';
import { surveyAnswerPath } from '../../modules/feedback/survey-links.js';
import { issueStatusToken, statusPath } from '../../modules/mailbox/status-links.service.js';
import { queueAutomaticMail } from '../email/outbound-mail.service.js';
import { isPublicLang, type PublicLang } from './public-lang.js';
import { translate } from './webform.pages.js';

/**
 * The resolution mail (issue 18), plugged into the survey at start (main.ts, `useResolutionMail`): plain text in the
 * language of the case's intake, that the case is resolved, the question with its three one-click links, until when
 * they work, and (when the case has a status link) a new status link (links are stored hashed, so a mail names one of
 * its own). No tracking pixel, no HTML. An automatic mail (Auto-Submitted) like the confirmation, but not held back by
 * the hourly limit of automatic mails: an agent's act sends it, not a stranger's form. It names nothing of the case
 * but its reference and links, so it goes as it is when the case's mail goes without content.
 */
export function resolutionMail(deps: { publicUrl: string }): ResolutionMail {
  return async (work, request) => {
    const trx = work.db;
    // The language the citizen used when the case came in (the web form records it); German otherwise.
    const lang: PublicLang = isPublicLang(request.intakeLang) ? request.intakeLang : 'de';
    const [found, hasStatusLink] = await Promise.all([
      trx.selectFrom('cases').select('reference').where('id', '=', request.caseId).executeTakeFirstOrThrow(),
      trx
        .selectFrom('case_access_tokens')
        .select('case_id')
        .where('case_id', '=', request.caseId)
        .where('revoked_at', 'is', null)
        .limit(1)
        .executeTakeFirst(),
    ]);
    const links = Object.fromEntries(
      FEEDBACK_SOLVED.map((solved) => [`${solved}Url`, `${deps.publicUrl}${surveyAnswerPath(request.surveyToken, solved)}`]),
    );
    const statusPart = hasStatusLink
      ? translate(lang, 'survey.mailStatus', {
          statusUrl: `${deps.publicUrl}${statusPath(await issueStatusToken(trx, request.caseId, request.now))}`,
        })
      : '';
    await queueAutomaticMail(
      trx,
      {
        caseId: request.caseId,
        citizenId: request.citizenId,
        to: request.to,
        subject: `[${found.reference}] ${translate(lang, 'survey.mailSubject')}`,
        text: translate(lang, 'survey.mailBody', {
          reference: found.reference,
          ...links,
          date: formatBerlin(request.now + SURVEY_MS, lang, 'date'),
          statusPart,
        }),
        now: request.now,
        contentFree: true,
      },
      { throttled: false },
    );
  };
}
