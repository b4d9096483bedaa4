import type { DB } from '../../db/database.js';
import { unitOfWork } from '../../domain/unit-of-work.js';
import { anonymiseCases, anonymiseCitizens, anonymiseMessages, deleteUnreferencedFiles } from './anonymise.js';
import { citizenRows, collectCitizenData } from './citizen-data.js';
import { renderExportHtml } from './export-html.js';
import type { Actor } from '../../domain/actor.js';
import { namesFor } from '../audit/audit-names.js';
import { recordAudit } from '../audit/audit.service.js';

/** Art. 15 export as JSON text and as a readable HTML document; the export itself is audited (ids and counts). */
export async function exportCitizen(db: DB, actor: Actor, citizenId: number): Promise<{ json: string; html: string }> {
  const data = await collectCitizenData(db, citizenId);
  await recordAudit(db, actor, 'citizen.exported', {
    entityId: citizenId,
    details: { cases: data.cases.length, contacts: data.contacts.length },
  });
  // The document names cases by reference and staff by name: ids alone mean nothing to the person reading it.
  const names = await namesFor(db, [
    ...data.auditEvents,
    ...data.auditEvents.flatMap((event) =>
      event.actorId === null ? [] : [{ entityType: 'user', entityId: String(event.actorId), details: null }],
    ),
  ]);
  return { json: JSON.stringify(data, null, 2), html: renderExportHtml(data, names) };
}

/**
 * Art. 17: anonymises every case of the citizen (any status) and the citizen, in one transaction; files no longer
 * referenced are deleted after commit. The audit event keeps the id and counts, never a name.
 */
export async function eraseCitizen(db: DB, actor: Actor, citizenId: number, attachmentsDir: string) {
  const { ids } = await citizenRows(db, citizenId);
  const now = Date.now();
  const result = await unitOfWork(db, actor, async (work) => {
    const trx = work.db;
    const caseIds = (await trx.selectFrom('cases').select('id').where('citizen_id', 'in', ids).execute()).map((row) => row.id);
    const anonymised = await anonymiseCases(trx, caseIds, now);
    // Their messages in other citizens' cases too (a relative writing into a case from their own address).
    const elsewhere = await trx
      .selectFrom('interactions')
      .select('id')
      .where('citizen_id', 'in', ids)
      .where('case_id', 'not in', caseIds.length > 0 ? caseIds : [-1])
      .execute();
    await anonymiseMessages(
      trx,
      elsewhere.map((row) => row.id),
      anonymised,
    );
    // Also a citizen without cases.
    await anonymiseCitizens(trx, ids, now);
    await work.audit('citizen.erased', {
      entityId: citizenId,
      details: { cases: anonymised.cases, interactions: anonymised.interactions, attachments: anonymised.attachments },
    });
    return anonymised;
  });
  const files = await deleteUnreferencedFiles(db, attachmentsDir, result.sha256s);
  return { cases: result.cases, interactions: result.interactions, attachments: result.attachments, files };
}
