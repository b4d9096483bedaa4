import {
  type BusinessHours,
  businessHoursSchema,
  type createTeamInput,
  DEFAULT_BUSINESS_HOURS,
  type updateTeamInput,
} from '@anliegen/shared';
import type { z } from 'zod';
import type { DB } from '../../db/database.js';
import { DomainError, notFound } from '../../domain/domain-error.js';
import { isUniqueViolation } from '../../db/unique-violation.js';
import { unitOfWork } from '../../domain/unit-of-work.js';
import { findTeamById, insertTeam, listTeamsWithMemberCount, updateTeam } from './teams.repo.js';
import type { Actor } from '../../domain/actor.js';

/** A team's stored opening hours (JSON text; null = the default, Monday to Friday 8–16). */
export function businessHoursFromJson(json: string | null): BusinessHours {
  return json === null ? DEFAULT_BUSINESS_HOURS : businessHoursSchema.parse(JSON.parse(json));
}

/** Opening hours to store: null keeps the default (and follows it should the default change). */
function businessHoursToJson(hours: BusinessHours | null): string | null {
  return hours === null ? null : JSON.stringify(hours);
}

export async function listTeamDtos(db: DB) {
  const rows = await listTeamsWithMemberCount(db);
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    emailAddress: row.email_address,
    memberCount: Number(row.member_count),
    assignmentMode: row.assignment_mode,
    bundesland: row.bundesland,
    businessHours: businessHoursFromJson(row.business_hours),
    /** Appended to the team's email replies; placeholders as in renderSignature. */
    emailSignature: row.email_signature,
  }));
}

/** What a team's email replies are signed with (template and the values of its team placeholders). */
export async function teamSignatureOf(db: DB, teamId: number | null) {
  if (teamId === null) return null;
  const team = await findTeamById(db, teamId);
  return team ? { name: team.name, emailAddress: team.email_address, signature: team.email_signature } : null;
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
      ? new DomainError('conflict.teamNameTaken', 'A team with this name exists')
      : new DomainError('conflict.teamEmailTaken', 'Another team uses this email address');
  }
}

export function createTeam(db: DB, actor: Actor, input: z.output<typeof createTeamInput>): Promise<number> {
  return translateUniqueViolation(db, input.name, null, () =>
    unitOfWork(db, actor, async (work) => {
      const id = await insertTeam(work.db, {
        name: input.name,
        emailAddress: input.emailAddress,
        assignmentMode: input.assignmentMode,
        bundesland: input.bundesland,
        businessHoursJson: businessHoursToJson(input.businessHours),
        emailSignature: input.emailSignature,
        now: Date.now(),
      });
      await work.audit('team.created', {
        entityId: id,
        details: { assignmentMode: input.assignmentMode, bundesland: input.bundesland, ownHours: input.businessHours !== null },
      });
      return id;
    }),
  );
}

export async function updateTeamDetails(db: DB, actor: Actor, input: z.output<typeof updateTeamInput>): Promise<void> {
  if (!(await findTeamById(db, input.id))) throw notFound('Team');
  await translateUniqueViolation(db, input.name, input.id, () =>
    unitOfWork(db, actor, async (work) => {
      await updateTeam(work.db, input.id, {
        name: input.name,
        emailAddress: input.emailAddress,
        assignmentMode: input.assignmentMode,
        bundesland: input.bundesland,
        businessHoursJson: input.businessHours === undefined ? undefined : businessHoursToJson(input.businessHours),
        emailSignature: input.emailSignature,
        now: Date.now(),
      });
      await work.audit('team.updated', {
        entityId: input.id,
        details: {
          assignmentMode: input.assignmentMode,
          bundesland: input.bundesland,
          hoursChanged: input.businessHours !== undefined,
          ...(input.emailSignature !== undefined ? { signatureChanged: true } : {}),
        },
      });
    }),
  );
}

// For search's team facet: the teams module's repository stays its own.
export { listTeamsWithMemberCount } from './teams.repo.js';
