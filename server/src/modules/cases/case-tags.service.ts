import type { setCaseTagsInput } from '@anliegen/shared';
import type { z } from 'zod';
import type { DB } from '../../db/database.js';
import type { Actor } from '../../domain/actor.js';
import { DomainError, notFound } from '../../domain/domain-error.js';
import { unitOfWork } from '../../domain/unit-of-work.js';
import { changeCaseTags, tagsForNames, tagsOfCases } from '../tags/tags.service.js';
import { findCaseRow, updateCaseIfVersion } from './cases.repo.js';

/**
 * An agent sets a case's tags on the case page: like every case edit on the version they saw (someone who saved in
 * between makes it a conflict, and nothing changes), audited with the tags' ids, and announced with case.changed.
 * A name the list does not have becomes a free tag, unless the admins allow only curated tags.
 */
export async function setCaseTags(db: DB, actor: Actor, input: z.output<typeof setCaseTagsInput>) {
  return unitOfWork(db, actor, async (work) => {
    const row = await findCaseRow(work.db, input.caseId);
    if (!row) throw notFound('Case');
    if (row.merged_into_id !== null) throw new DomainError('cases.merged', 'This case was merged into another one');
    const wanted = await tagsForNames(work, input.names);
    const current = (await tagsOfCases(work.db, [row.id])).get(row.id) ?? [];
    const add = wanted.filter((tag) => !current.some((c) => c.id === tag.id)).map((tag) => tag.id);
    const remove = current.filter((tag) => !wanted.some((w) => w.id === tag.id)).map((tag) => tag.id);
    if (!(await updateCaseIfVersion(work.db, row.id, input.version, { updated_at: Date.now() }))) {
      throw new DomainError('conflict.staleVersion', 'Someone else changed this case meanwhile');
    }
    await changeCaseTags(work, [row.id], { add, remove });
    await work.audit('case.tagged', { entityId: row.id, details: { added: add, removed: remove } });
    work.emit({ type: 'case.changed', caseIds: [row.id] });
    return { version: input.version + 1, tags: (await tagsOfCases(work.db, [row.id])).get(row.id) ?? [] };
  });
}
