import { CHANNELS, type Channel } from '@anliegen/shared';
import { DomainError } from '../../domain/domain-error.js';
import type { SessionUser } from '../../trpc/context.js';
import type { StatScope } from './statistics.repo.js';

/** The channels citizens use: every channel but internal notes. */
export type ContactChannel = Exclude<Channel, 'note'>;
export const CONTACT_CHANNELS = CHANNELS.filter((channel): channel is ContactChannel => channel !== 'note');

/** Which teams the user may see: all for supervisors and admins; a team lead only their own. */
export function teamScope(user: SessionUser, teamId: number | undefined): number[] | undefined {
  if (user.role !== 'team_lead') return teamId === undefined ? undefined : [teamId];
  const own = user.teams.map((team) => team.id);
  if (teamId === undefined) return own;
  if (!own.includes(teamId)) throw new DomainError('auth.forbidden', 'Not your team');
  return [teamId];
}

/** The cases a statistics question covers for the user: its filters, within the teams the user may see. */
export function scopeOf(
  user: SessionUser,
  question: { teamId?: number | undefined; categoryId?: number | undefined; channel?: Channel | undefined },
): StatScope {
  return { teamIds: teamScope(user, question.teamId), categoryId: question.categoryId, channel: question.channel };
}
