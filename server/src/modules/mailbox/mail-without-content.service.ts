import type { setMailWithoutContentInput } from '@anliegen/shared';
import type { z } from 'zod';
import type { DB } from '../../db/database.js';
import type { Actor } from '../../domain/actor.js';
import { type CategorySwitch, categorySwitchSettings, setCategorySwitch } from '../categories/category-switches.js';

/**
 * Mail without content (issue 18): some towns send citizens nothing of a case by email. Switched on for the whole desk
 * (`desk_settings.mail_without_content`) or per category (`categories.mail_without_content`, e.g. Sozialamt), every
 * mail to the citizen about such a case says only that there is news, with the reference and a status link
 * (channels/email/content-free-mail.ts, applied where mail is handed to the relay: outbound-mail.service.ts). The
 * stored copy keeps the whole message, which the citizen reads on the status page. Mail to third parties (forwards to
 * another office) is outside the mode: the agent sends such a mail on purpose to an office.
 */

/** The one decision: does mail to the citizen about this case leave out its content? */
export async function mailWithoutContent(db: DB, caseId: number): Promise<boolean> {
  const row = await db
    .selectFrom('desk_settings')
    .leftJoin('cases', (join) => join.on('cases.id', '=', caseId))
    .leftJoin('categories', 'categories.id', 'cases.category_id')
    .select(['desk_settings.mail_without_content as desk', 'categories.mail_without_content as category'])
    .where('desk_settings.id', '=', 1)
    .executeTakeFirst();
  return row?.desk === 1 || row?.category === 1;
}

/** The mode's switches: the desk-wide one and each category's. */
const MAIL_WITHOUT_CONTENT_SWITCH: CategorySwitch = {
  column: 'mail_without_content',
  audit: 'category.mailWithoutContentChanged',
};

/** The admin's view: the desk-wide switch and each category's. */
export const mailWithoutContentSettings = (db: DB) => categorySwitchSettings(db, MAIL_WITHOUT_CONTENT_SWITCH);

/** Switches the mode for the desk (`categoryId: null`) or one category; audited, effective for the next mail sent. */
export async function setMailWithoutContent(
  db: DB,
  actor: Actor,
  input: z.output<typeof setMailWithoutContentInput>,
): Promise<void> {
  await setCategorySwitch(db, actor, MAIL_WITHOUT_CONTENT_SWITCH, input);
}
