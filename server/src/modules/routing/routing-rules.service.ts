import { type createRoutingRuleInput, foldName, type moveRoutingRuleInput, type RoutingRuleKind } from '@anliegen/shared';
import type { z } from 'zod';
import type { DB } from '../../db/database.js';
import { DomainError, notFound } from '../../domain/domain-error.js';
import { assertReferencesExist } from '../../domain/assert-references-exist.js';
import { unitOfWork } from '../../domain/unit-of-work.js';
import { categoryNamesByIds } from '../categories/categories.service.js';
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
import type { Actor } from '../../domain/actor.js';

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
  await assertReferencesExist(db, {
    teamId: input.teamId,
    categoryId: input.kind === 'category' ? Number(input.value) : null,
  });
  return unitOfWork(db, actor, async (work) => {
    const trx = work.db;
    const existing = await findRoutingRulesByKind(trx, input.kind);
    if (existing.some((rule) => sameCondition(input.kind, rule.value, input.value))) {
      throw new DomainError('conflict.routingRuleExists', 'A rule with this condition exists');
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
    await work.audit('routingRule.created', { entityId: id, details: { kind: input.kind, teamId: input.teamId } });
    return id;
  });
}

export async function removeRoutingRule(db: DB, actor: Actor, id: number): Promise<void> {
  await unitOfWork(db, actor, async (work) => {
    const rule = await findRoutingRuleById(work.db, id);
    if (!rule || !(await deleteRoutingRule(work.db, id))) throw notFound('Routing rule');
    await work.audit('routingRule.removed', { entityId: id, details: { kind: rule.kind, teamId: rule.team_id } });
  });
}

/**
 * Swaps a rule with its neighbour above or below, in one transaction; returns its new place (from 1). At the top
 * (or bottom) nothing changes. The order is numbered 1..n again on the way, so gaps left by deleted rules and equal
 * positions disappear; every write checks the position it read, and a concurrent change ends in a conflict.
 */
export async function moveRoutingRule(db: DB, actor: Actor, input: z.output<typeof moveRoutingRuleInput>): Promise<number> {
  return unitOfWork(db, actor, async (work) => {
    const trx = work.db;
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
        throw new DomainError('conflict.staleVersion', 'The rules were changed meanwhile');
      }
    }
    await work.audit('routingRule.moved', { entityId: input.id, details: { direction: input.direction, position: target + 1 } });
    return target + 1;
  });
}
