import { CASEWORKER_ROLES, type Channel, foldName } from '@anliegen/shared';
import type { DB } from '../../db/database.js';
import { OPEN_CASE } from '../cases/case-conditions.js';

/** What a new case's routing can look at. */
export interface RoutingFacts {
  channel: Channel;
  /** The address a mail was sent to (lower case), when it came by mail. */
  address?: string | null;
  categoryId?: number | null;
  subject: string;
  text: string;
}

/** The team the admin's routing rules pick: the first rule (by position) that matches, or null. */
export async function routeToTeam(db: DB, facts: RoutingFacts): Promise<number | null> {
  const rules = await db
    .selectFrom('routing_rules')
    .select(['kind', 'value', 'team_id'])
    .orderBy('position')
    .orderBy('id')
    .execute();
  if (rules.length === 0) return null;
  // Words compared spelling-insensitively ("Strasse" = "Straße"), as whole words or word beginnings.
  const words = ` ${foldName(`${facts.subject} ${facts.text}`)} `;
  const rule = rules.find((r) => {
    switch (r.kind) {
      case 'channel':
        return r.value === facts.channel;
      case 'address':
        return facts.address?.toLowerCase() === r.value.toLowerCase();
      case 'category':
        return facts.categoryId != null && String(facts.categoryId) === r.value;
      case 'keyword': {
        const keyword = foldName(r.value);
        return keyword.length > 0 && words.includes(` ${keyword}`);
      }
      default:
        return false;
    }
  });
  return rule?.team_id ?? null;
}

/**
 * The agent a new case of the team goes to, by the team's mode: nobody, in turn (round robin), or whoever has the
 * fewest open cases. Absent and inactive members are skipped. Runs in the caller's transaction.
 */
export async function pickAssignee(trx: DB, teamId: number): Promise<number | null> {
  const team = await trx
    .selectFrom('teams')
    .select(['assignment_mode', 'last_assigned_user_id'])
    .where('id', '=', teamId)
    .executeTakeFirst();
  if (!team || team.assignment_mode === 'none') return null;
  const members = await trx
    .selectFrom('team_memberships')
    .innerJoin('users', 'users.id', 'team_memberships.user_id')
    .select('users.id')
    .where('team_memberships.team_id', '=', teamId)
    .where('users.active', '=', 1)
    .where('users.absent', '=', 0)
    .where('users.role', 'in', CASEWORKER_ROLES)
    .orderBy('users.id')
    .execute();
  if (members.length === 0) return null;
  let chosen: number;
  if (team.assignment_mode === 'round_robin') {
    const last = team.last_assigned_user_id ?? 0;
    chosen = (members.find((m) => m.id > last) ?? members[0])!.id;
  } else {
    const counts = await trx
      .selectFrom('cases')
      .select((eb) => ['assignee_id', eb.fn.countAll<number>().as('open')])
      .where(
        'assignee_id',
        'in',
        members.map((m) => m.id),
      )
      // Counted in the open cases' index by assignee (OPEN_CASE repeats its predicate).
      .where(OPEN_CASE)
      .groupBy('assignee_id')
      .execute();
    const open = new Map(counts.map((c) => [c.assignee_id, Number(c.open)]));
    chosen = members.reduce((best, m) => ((open.get(m.id) ?? 0) < (open.get(best.id) ?? 0) ? m : best), members[0]!).id;
  }
  await trx.updateTable('teams').set({ last_assigned_user_id: chosen }).where('id', '=', teamId).execute();
  return chosen;
}
