import type { barrierReportInput } from '@anliegen/shared';
import type { z } from 'zod';
import type { DB } from '../../db/database.js';
import { barrierCategoryId } from '../../modules/accessibility/barrier-category.service.js';
import { barrierStoredTexts, languageNamesForDesk } from './accessibility.texts.js';
import type { PublicLang } from './public-lang.js';
import type { SpentFormToken } from './webform.guard.js';
import { subjectOf, submitPublicContact } from './webform.service.js';

type BarrierReport = z.output<typeof barrierReportInput>;

/** The case's text: what the citizen wrote, where, and the page's language (the desk answers in it if it can). */
export function barrierReportText(report: BarrierReport, lang: PublicLang): string {
  return [
    report.what,
    report.where ? `${barrierStoredTexts.where} ${report.where}` : null,
    `${barrierStoredTexts.pageLanguage} ${languageNamesForDesk[lang]}`,
  ]
    .filter(Boolean)
    .join('\n\n');
}

/**
 * A reported barrier (the Erklärung zur Barrierefreiheit's feedback mechanism, BITV 2.0 § 7) becomes a case through
 * the web form's intake (channel webform, one transaction with its status link and confirmation mail), filed under
 * the category the admin chose for barriers; without one it has no category and is routed like any other case.
 */
export async function submitBarrierReport(
  db: DB,
  deps: { publicUrl: string; lang: PublicLang },
  report: BarrierReport,
  formToken: SpentFormToken,
): Promise<{ token: string; mailQueued: boolean }> {
  return submitPublicContact(
    db,
    deps,
    {
      from: { email: report.email ?? null, phone: report.phone ?? null, name: report.name ?? null },
      subject: subjectOf(barrierStoredTexts.subject, report.what),
      text: barrierReportText(report, deps.lang),
      categoryId: await barrierCategoryId(db),
      attachments: [],
    },
    formToken,
  );
}
