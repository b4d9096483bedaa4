import { type createRoutingRuleInput, foldName, type moveRoutingRuleInput, type RoutingRuleKind } from '@anliegen/shared';
import type { z } from 'zod';
import type { DB } from '../../db/database.js';
import { appError, notFound } from '../../trpc/errors.js';
import { insertAuditEvent, type Actor } from '../audit/audit.repo.js';
import { categoryExists, categoryNamesByIds } from '../categories/categories.repo.js';
import { countExistingTeams } from '../teams/teams.repo.js';
import {
  deleteRoutingRule,
  findRoutingRuleById,
  findRoutingRulesByKind,
  insertRoutingRule,
  lastRoutingRulePosition,
  listRoutingRulePositions,
  listRoutingRulesWithTeam,
  setRoutingRulePosition,
} from './routing-rules.repo.js';

/** The rules in the order they are tried; `position` is the place in that order, from 1. */
export async function listRoutingRuleDtos(db: DB) {
  const rows = await listRoutingRulesWithTeam(db);
  const categoryIds = rows.filter((row) => row.kind === 'category').map((row) => Number(row.value));
  const categoryNames = await categoryNamesByIds(db, categoryIds);
  return rows.map((row, index) => ({
    id: row.id,
    position: index + 1,
    kind: row.kind,
    value: row.value,
    teamId: row.team_id,
    teamName: row.team_name,
    /** For category rules: the category's name (null if it no longer exists). */
    categoryName: row.kind === 'category' ? (categoryNames.get(Number(row.value)) ?? null) : null,
  }));
}

/**
 * Two rules with the same condition: the later one could never win. Keywords compare as the router matches them
 * (foldName: case and spelling-insensitive, "Strasse" = "Straße").
 */
function sameCondition(kind: RoutingRuleKind, a: string, b: string): boolean {
  return kind === 'keyword' ? foldName(a) === foldName(b) : a === b;
}

/** Adds a rule at the end of the order. */
export async function createRoutingRule(db: DB, actor: Actor, input: z.output<typeof createRoutingRuleInput>): Promise<number> {
  if ((await countExistingTeams(db, [input.teamId])) !== 1) {
    throw appError('BAD_REQUEST', 'teams.unknown', 'The selected team does not exist');
  }
  if (input.kind === 'category' && !(await categoryExists(db, Number(input.value)))) {
    throw appError('BAD_REQUEST', 'categories.unknown', 'The selected category does not exist');
  }
  return db.transaction().execute(async (trx) => {
    const existing = await findRoutingRulesByKind(trx, input.kind);
    if (existing.some((rule) => sameCondition(input.kind, rule.value, input.value))) {
      throw appError('CONFLICT', 'conflict.routingRuleExists', 'A rule with this condition exists');
    }
    const position = (await lastRoutingRulePosition(trx)) + 1;
    const id = await insertRoutingRule(trx, {
      position,
      kind: input.kind,
      value: input.value,
      teamId: input.teamId,
      now: Date.now(),
    });
    // The value can be an address or a word typed by the admin: the audit log keeps ids and kinds only.
    await insertAuditEvent(trx, {
      actorId: actor.id,
      action: 'routingRule.created',
      entityType: 'routing_rule',
      entityId: id,
      ip: actor.ip,
      details: { kind: input.kind, teamId: input.teamId },
    });
    return id;
  });
}

export async function removeRoutingRule(db: DB, actor: Actor, id: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const rule = await findRoutingRuleById(trx, id);
    if (!rule || !(await deleteRoutingRule(trx, id))) throw notFound('Routing rule');
    await insertAuditEvent(trx, {
      actorId: actor.id,
      action: 'routingRule.removed',
      entityType: 'routing_rule',
      entityId: id,
      ip: actor.ip,
      details: { kind: rule.kind, teamId: rule.team_id },
    });
  });
}

/**
 * Swaps a rule with its neighbour above or below, in one transaction; returns its new place (from 1). At the top
 * (or bottom) nothing changes. The order is numbered 1..n again on the way, so gaps left by deleted rules and equal
 * positions disappear; every write checks the position it read, and a concurrent change ends in a conflict.
 */
export async function moveRoutingRule(db: DB, actor: Actor, input: z.output<typeof moveRoutingRuleInput>): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const order = await listRoutingRulePositions(trx);
    const index = order.findIndex((rule) => rule.id === input.id);
    if (index === -1) throw notFound('Routing rule');
    const target = input.direction === 'up' ? index - 1 : index + 1;
    if (target < 0 || target >= order.length) return index + 1;

    const reordered = [...order];
    [reordered[index], reordered[target]] = [reordered[target]!, reordered[index]!];
    for (const [place, rule] of reordered.entries()) {
      if (rule.position === place + 1) continue;
      if (!(await setRoutingRulePosition(trx, rule.id, rule.position, place + 1))) {
        throw appError('CONFLICT', 'conflict.staleVersion', 'The rules were changed meanwhile');
      }
    }
    await insertAuditEvent(trx, {
      actorId: actor.id,
      action: 'routingRule.moved',
      entityType: 'routing_rule',
      entityId: input.id,
      ip: actor.ip,
      details: { direction: input.direction, position: target + 1 },
    });
    return target + 1;
  });
}
