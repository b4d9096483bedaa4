import type { createTeamInput, updateTeamInput } from '@anliegen/shared';
import type { z } from 'zod';
import type { DB } from '../../db/database.js';
import { appError, isUniqueViolation, notFound } from '../../trpc/errors.js';
import { insertAuditEvent, type Actor } from '../audit/audit.repo.js';
import { findTeamById, insertTeam, listTeamsWithMemberCount, updateTeam } from './teams.repo.js';

export async function listTeamDtos(db: DB) {
  const rows = await listTeamsWithMemberCount(db);
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    emailAddress: row.email_address,
    memberCount: Number(row.member_count),
  }));
}

/** Name and address are unique; say which one clashed (with another team: `ownId` is the team being saved). */
async function translateUniqueViolation<T>(db: DB, name: string, ownId: number | null, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    let sameName = db.selectFrom('teams').select('id').where('name', '=', name);
    if (ownId !== null) sameName = sameName.where('id', '!=', ownId);
    const nameClash = await sameName.executeTakeFirst();
    throw nameClash
      ? appError('CONFLICT', 'conflict.teamNameTaken', 'A team with this name exists')
      : appError('CONFLICT', 'conflict.teamEmailTaken', 'Another team uses this email address');
  }
}

export function createTeam(db: DB, actor: Actor, input: z.output<typeof createTeamInput>): Promise<number> {
  return translateUniqueViolation(db, input.name, null, () =>
    db.transaction().execute(async (trx) => {
      const id = await insertTeam(trx, { name: input.name, emailAddress: input.emailAddress, now: Date.now() });
      await insertAuditEvent(trx, { actorId: actor.id, action: 'team.created', entityType: 'team', entityId: id, ip: actor.ip });
      return id;
    }),
  );
}

export async function updateTeamDetails(db: DB, actor: Actor, input: z.output<typeof updateTeamInput>): Promise<void> {
  if (!(await findTeamById(db, input.id))) throw notFound('Team');
  await translateUniqueViolation(db, input.name, input.id, () =>
    db.transaction().execute(async (trx) => {
      await updateTeam(trx, input.id, { name: input.name, emailAddress: input.emailAddress, now: Date.now() });
      await insertAuditEvent(trx, {
        actorId: actor.id,
        action: 'team.updated',
        entityType: 'team',
        entityId: input.id,
        ip: actor.ip,
      });
    }),
  );
}
