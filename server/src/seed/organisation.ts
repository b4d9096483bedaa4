import type { Priority } from '@anliegen/shared';
import type { DB } from '../db/database.js';
import { hashPassword } from '../modules/auth/password.js';
import { DEMO_IMPACT_TARGETS } from './feedback.js';
import { DEMO_CATEGORIES, DEMO_PASSWORD, DEMO_SLA, DEMO_TEAMS, DEMO_TOPIC_SLA, DEMO_USERS } from './demo-data.js';

/** Creates the demo town's teams, categories and staff; does nothing when any user exists. */
export async function ensureDemoOrganisation(db: DB): Promise<boolean> {
  const anyUser = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (anyUser) return false;
  // One hash for all demo accounts: they share the printed demo password.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const now = Date.now();
  await db.transaction().execute(async (trx) => {
    const teamIds = new Map<string, number>();
    for (const team of DEMO_TEAMS) {
      const row = await trx
        .insertInto('teams')
        .values({ name: team.name, email_address: team.emailAddress, created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      teamIds.set(team.name, row.id);
    }
    const categoryIds = new Map<string, number>();
    for (const category of DEMO_CATEGORIES) {
      const row = await trx
        .insertInto('categories')
        .values({
          name: category.name,
          default_team_id: teamIds.get(category.team) ?? null,
          retention_days: category.retentionDays,
          created_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      categoryIds.set(category.name, row.id);
    }
    await trx
      .insertInto('sla_policies')
      .values({
        priority: DEMO_TOPIC_SLA.priority,
        category_id: categoryIds.get(DEMO_TOPIC_SLA.category)!,
        first_response_minutes: DEMO_TOPIC_SLA.firstResponse,
        resolution_minutes: DEMO_TOPIC_SLA.resolution,
        created_at: now,
      })
      .execute();
    for (const [priority, targets] of Object.entries(DEMO_SLA) as [Priority, (typeof DEMO_SLA)[Priority]][]) {
      await trx
        .insertInto('sla_policies')
        .values({
          priority,
          category_id: null,
          first_response_minutes: targets.firstResponse,
          resolution_minutes: targets.resolution,
          created_at: now,
        })
        .execute();
    }
    // The targets the demo town committed to (issue 18's examples), for the whole desk.
    await trx
      .insertInto('impact_targets')
      .values(
        DEMO_IMPACT_TARGETS.map((target) => ({
          metric: target.metric,
          team_id: null,
          target_milli: target.targetMilli,
          updated_by_id: null,
          updated_at: now,
        })),
      )
      .execute();
    for (const user of DEMO_USERS) {
      const row = await trx
        .insertInto('users')
        .values({
          email: user.email,
          display_name: user.displayName,
          password_hash: passwordHash,
          role: user.role,
          locale: 'de',
          active: 1,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (user.teams.length > 0) {
        await trx
          .insertInto('team_memberships')
          .values(user.teams.map((name) => ({ team_id: teamIds.get(name)!, user_id: row.id })))
          .execute();
      }
    }
  });
  return true;
}

/** The accounts printed at start: one per role. */
export function demoLogins() {
  const firstOf = (role: string) => DEMO_USERS.find((user) => user.role === role)!;
  return {
    password: DEMO_PASSWORD,
    accounts: (['agent', 'team_lead', 'supervisor', 'admin'] as const).map((role) => ({ role, email: firstOf(role).email })),
  };
}
