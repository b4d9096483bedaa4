import { type ImpactMetric, type impactTargetInput, IMPACT_METRICS, targetFromMilli, targetToMilli } from '@anliegen/shared';
import { sql } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/database.js';
import type { Actor } from '../../domain/actor.js';
import { assertReferencesExist } from '../../domain/assert-references-exist.js';
import { notFound } from '../../domain/domain-error.js';
import { unitOfWork } from '../../domain/unit-of-work.js';

/**
 * The targets the service committed to (issue 18), set by admins per figure for the whole desk or one team, and the
 * switch that publishes the figures at /anliegen/kennzahlen (desk_settings.public_figures). Stored in thousandths of
 * the figure's unit; admins enter and read per cent or rating points (shared/src/impact.ts).
 */

/** Targets by figure, then by team (null: the whole desk), in thousandths. */
export type TargetMap = Map<ImpactMetric, Map<number | null, number>>;

export async function impactTargets(db: DB): Promise<TargetMap> {
  const rows = await db.selectFrom('impact_targets').select(['metric', 'team_id', 'target_milli']).execute();
  const targets: TargetMap = new Map();
  for (const row of rows) {
    const byTeam = targets.get(row.metric) ?? new Map<number | null, number>();
    byTeam.set(row.team_id, Number(row.target_milli));
    targets.set(row.metric, byTeam);
  }
  return targets;
}

/** The admin page's list: the desk's targets first, then each team's (by name), in the order of the figures. */
export async function listImpactTargets(db: DB) {
  const rows = await db
    .selectFrom('impact_targets')
    .leftJoin('teams', 'teams.id', 'impact_targets.team_id')
    .select(['impact_targets.id', 'impact_targets.metric', 'impact_targets.team_id', 'impact_targets.target_milli', 'teams.name'])
    .execute();
  const targets = rows
    .map((row) => ({
      id: row.id,
      metric: row.metric,
      teamId: row.team_id,
      teamName: row.name,
      target: targetFromMilli(row.metric, Number(row.target_milli)),
    }))
    .sort(
      (a, b) =>
        Number(a.teamId !== null) - Number(b.teamId !== null) ||
        (a.teamName ?? '').localeCompare(b.teamName ?? '', 'de') ||
        IMPACT_METRICS.indexOf(a.metric) - IMPACT_METRICS.indexOf(b.metric),
    );
  return { targets, publicFigures: await publicFiguresEnabled(db) };
}

/** Sets a figure's target for the desk or a team, replacing the one it had. */
export async function saveImpactTarget(db: DB, actor: Actor, input: z.output<typeof impactTargetInput>) {
  await assertReferencesExist(db, { teamId: input.teamId });
  const milli = targetToMilli(input.metric, input.target);
  return unitOfWork(db, actor, async (work) => {
    const previous = await work.db
      .selectFrom('impact_targets')
      .select(['id', 'target_milli'])
      .where('metric', '=', input.metric)
      .where(sql<boolean>`coalesce(team_id, 0) = ${input.teamId ?? 0}`)
      .executeTakeFirst();
    const now = Date.now();
    // One row per figure and scope (the unique index): two admins saving at once both end in an update.
    const { id } = await work.db
      .insertInto('impact_targets')
      .values({ metric: input.metric, team_id: input.teamId, target_milli: milli, updated_by_id: actor.id, updated_at: now })
      .onConflict((oc) =>
        oc
          .expression(sql`metric, (coalesce(team_id, 0))`)
          .doUpdateSet({ target_milli: milli, updated_by_id: actor.id, updated_at: now }),
      )
      .returning('id')
      .executeTakeFirstOrThrow();
    await work.audit('impact.targetSaved', {
      entityId: id,
      details: {
        metric: input.metric,
        teamId: input.teamId,
        targetMilli: milli,
        previousMilli: previous ? Number(previous.target_milli) : null,
      },
    });
    return { id };
  });
}

export async function removeImpactTarget(db: DB, actor: Actor, id: number) {
  await unitOfWork(db, actor, async (work) => {
    const row = await work.db
      .deleteFrom('impact_targets')
      .where('id', '=', id)
      .returning(['metric', 'team_id'])
      .executeTakeFirst();
    if (!row) throw notFound('Impact target');
    await work.audit('impact.targetRemoved', { entityId: id, details: { metric: row.metric, teamId: row.team_id } });
  });
  return { id };
}

/** Whether the figures are published (the admin's switch; off unless switched on). */
export async function publicFiguresEnabled(db: DB): Promise<boolean> {
  const row = await db.selectFrom('desk_settings').select('public_figures').where('id', '=', 1).executeTakeFirst();
  return row?.public_figures === 1;
}

export async function setPublicFigures(db: DB, actor: Actor, enabled: boolean) {
  await unitOfWork(db, actor, async (work) => {
    await work.db
      .updateTable('desk_settings')
      .set({ public_figures: enabled ? 1 : 0, updated_at: Date.now() })
      .where('id', '=', 1)
      .execute();
    await work.audit('impact.publicFiguresChanged', { details: { enabled } });
  });
  return { publicFigures: enabled };
}
