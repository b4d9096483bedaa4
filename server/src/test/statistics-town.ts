import type { DB } from '../db/database.js';
import type { SessionUser } from '../trpc/context.js';
import { insertTestUser } from './callers.js';
import { insertTestCitizen, insertTestTeam } from './fixtures.js';

/** A supervisor for the statistics services called directly (they read no user row, only the role and teams). */
export const SUPERVISOR_SESSION: SessionUser = {
  id: 1,
  email: 'statistik@example.org',
  displayName: 'Statistik',
  role: 'supervisor',
  locale: 'de',
  characterShortcuts: true,
  teams: [],
};

/** The town the statistics tests count in: two teams with a category each, one citizen, the readers of figures. */
export interface StatisticsTown {
  buergeramt: number;
  ordnungsamt: number;
  /** Categories: Pass (Bürgeramt's), Parken (Ordnungsamt's). */
  pass: number;
  parken: number;
  citizen: number;
  supervisor: SessionUser;
  admin: SessionUser;
  /** The Bürgeramt's team lead. */
  lea: SessionUser;
}

export async function insertStatisticsTown(db: DB): Promise<StatisticsTown> {
  const buergeramt = await insertTestTeam(db, 'Bürgeramt');
  const ordnungsamt = await insertTestTeam(db, 'Ordnungsamt');
  const category = async (name: string, team: number) =>
    (
      await db
        .insertInto('categories')
        .values({ name, default_team_id: team, retention_days: null, created_at: 1 })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  return {
    buergeramt,
    ordnungsamt,
    pass: await category('Pass', buergeramt),
    parken: await category('Parken', ordnungsamt),
    citizen: await insertTestCitizen(db, 'Berg', 'Berta'),
    supervisor: await insertTestUser(db, { email: 'sina@musterstadt.example', role: 'supervisor', displayName: 'Sina Super' }),
    admin: await insertTestUser(db, { email: 'adam@musterstadt.example', role: 'admin', displayName: 'Adam Admin' }),
    lea: await insertTestUser(db, {
      email: 'lea@musterstadt.example',
      role: 'team_lead',
      displayName: 'Lea Lead',
      teamIds: [buergeramt],
    }),
  };
}
