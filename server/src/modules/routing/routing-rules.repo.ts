import type { RoutingRuleKind } from '@anliegen/shared';
import type { DB } from '../../db/database.js';

/** Every rule in the order the router tries them (position, then id: equal positions cannot reorder by chance). */
export function listRoutingRulesWithTeam(db: DB) {
  return db
    .selectFrom('routing_rules')
    .innerJoin('teams', 'teams.id', 'routing_rules.team_id')
    .select([
      'routing_rules.id',
      'routing_rules.position',
      'routing_rules.kind',
      'routing_rules.value',
      'routing_rules.team_id',
      'teams.name as team_name',
    ])
    .orderBy('routing_rules.position')
    .orderBy('routing_rules.id')
    .execute();
}

export function listRoutingRulePositions(db: DB) {
  return db.selectFrom('routing_rules').select(['id', 'position']).orderBy('position').orderBy('id').execute();
}

export function findRoutingRuleById(db: DB, id: number) {
  return db.selectFrom('routing_rules').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findRoutingRulesByKind(db: DB, kind: RoutingRuleKind) {
  return db.selectFrom('routing_rules').select(['id', 'value']).where('kind', '=', kind).execute();
}

export async function lastRoutingRulePosition(db: DB): Promise<number> {
  const row = await db
    .selectFrom('routing_rules')
    .select((eb) => eb.fn.max<number | null>('position').as('last'))
    .executeTakeFirst();
  return row?.last == null ? 0 : Number(row.last);
}

export async function insertRoutingRule(
  db: DB,
  rule: { position: number; kind: RoutingRuleKind; value: string; teamId: number; now: number },
): Promise<number> {
  const row = await db
    .insertInto('routing_rules')
    .values({ position: rule.position, kind: rule.kind, value: rule.value, team_id: rule.teamId, created_at: rule.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** True when the rule was there. */
export async function deleteRoutingRule(db: DB, id: number): Promise<boolean> {
  const result = await db.deleteFrom('routing_rules').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/**
 * Sets a rule's position only if it still has the one the caller read: false when someone changed it meanwhile
 * (on PostgreSQL the second writer waits for the first, then finds the old position gone).
 */
export async function setRoutingRulePosition(db: DB, id: number, from: number, to: number): Promise<boolean> {
  const result = await db
    .updateTable('routing_rules')
    .set({ position: to })
    .where('id', '=', id)
    .where('position', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
