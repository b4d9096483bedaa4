import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import {
  type DatabaseConnection,
  Kysely,
  type KyselyConfig,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  sql,
  type Driver,
} from 'kysely';
import pg from 'pg';
import { type DialectName, dialectOf } from './dialect.js';
import type { Database } from './schema.js';
import { withStatementCache } from './statement-cache.js';

// PostgreSQL returns bigint/count as strings; our values (epoch ms, counts) fit in a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number.parseFloat(value));

export type DB = Kysely<Database>;

export interface DatabaseHandle {
  db: DB;
  dialect: DialectName;
  /** Where the data lives, for the start banner (never includes a password). */
  description: string;
  /** How the connections are used right now (the metrics read it when scraped). */
  connections: () => ConnectionUse;
}

/**
 * PostgreSQL: the pool's connections (busy, idle) and the queries waiting for one. SQLite: its one connection, busy
 * while a query or transaction holds it, and the queries queued behind it.
 */
export interface ConnectionUse {
  max: number;
  busy: number;
  idle: number;
  waiting: number;
}

export type DatabaseConfig = {
  databaseUrl?: string | undefined;
  sqlitePath: string;
  /** PostgreSQL pool size; at least 2, since work under a process lock holds one connection and runs on others. */
  poolSize?: number;
  /** Kysely's query log (pnpm bench reads the SQL of what it measures to check the plans). */
  log?: KyselyConfig['log'];
  /** PostgreSQL: an idle connection of the pool broke (the server stopped, the network went); the pool replaces it. */
  onConnectionLost?: (error: Error) => void;
};

/**
 * How long a PostgreSQL connection (or a free place in the pool) is waited for: a database that does not answer at
 * all (a cut network drops packets instead of refusing) fails requests after this instead of holding them forever.
 */
export const CONNECT_TIMEOUT_MS = 10_000;

/**
 * SQLite rolls a transaction back by itself when a write fails for lack of space or memory (SQLITE_FULL at COMMIT on a
 * full disk, or in a statement without a statement journal). Kysely then sends ROLLBACK, which failed with "cannot
 * rollback - no transaction is active" and replaced the real error: the log of a full disk showed only that line.
 * Found by `db/full-database.test.ts`.
 */
class SqliteDriverKeepingCause extends SqliteDriver {
  constructor(
    private readonly sqlite: SQLite.Database,
    private readonly use: ConnectionUse,
  ) {
    super({ database: withStatementCache(sqlite) });
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    this.use.waiting++;
    try {
      const connection = await super.acquireConnection();
      this.use.busy = 1;
      this.use.idle = 0;
      return connection;
    } finally {
      this.use.waiting--;
    }
  }

  override async releaseConnection(): Promise<void> {
    this.use.busy = 0;
    this.use.idle = 1;
    await super.releaseConnection();
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (this.sqlite.inTransaction) await super.rollbackTransaction(connection);
  }
}

class SqliteDialectKeepingCause extends SqliteDialect {
  constructor(
    private readonly sqlite: SQLite.Database,
    private readonly use: ConnectionUse,
  ) {
    super({ database: sqlite });
  }

  override createDriver(): Driver {
    return new SqliteDriverKeepingCause(this.sqlite, this.use);
  }
}

export function openDatabase(config: DatabaseConfig): DatabaseHandle {
  if (config.databaseUrl) {
    const max = config.poolSize ?? 10;
    const pool = new pg.Pool({
      connectionString: config.databaseUrl,
      max,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      // Idle connections to a server that went away are noticed by the operating system, not only when next used.
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    // Without a listener, an idle connection that breaks (PostgreSQL stopped or restarted) is an unhandled 'error'
    // event, and the process exits: a stopped database took the server with it (e2e/src/outage.e2e.ts).
    pool.on('error', (error) => config.onConnectionLost?.(error));
    const url = new URL(config.databaseUrl);
    return {
      db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: config.log }),
      dialect: 'postgres',
      description: `PostgreSQL ${url.hostname}:${url.port || 5432}${url.pathname}`,
      connections: () => ({
        max,
        busy: pool.totalCount - pool.idleCount,
        idle: pool.idleCount,
        waiting: pool.waitingCount,
      }),
    };
  }
  if (config.sqlitePath !== ':memory:') mkdirSync(dirname(config.sqlitePath), { recursive: true });
  const sqlite = new SQLite(config.sqlitePath);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  const use: ConnectionUse = { max: 1, busy: 0, idle: 1, waiting: 0 };
  return {
    db: new Kysely<Database>({ dialect: new SqliteDialectKeepingCause(sqlite, use), log: config.log }),
    dialect: 'sqlite',
    description: `SQLite ${config.sqlitePath}`,
    connections: () => ({ ...use }),
  };
}

/** The database answers a trivial query. */
export async function pingDatabase(db: DB): Promise<void> {
  await sql`select 1`.execute(db);
}

/**
 * Readiness: the database takes a write. A row in a harmless table, rolled back; its key is big enough to need a page
 * of its own on SQLite (an index keeps about 1 KB of a key in place), which a full database has none of. PostgreSQL
 * refuses it when read-only or out of space.
 */
export async function probeDatabaseWrite(db: DB): Promise<void> {
  const trx = await db.startTransaction().execute();
  try {
    // A server that answers but hangs (locks, an overloaded disk) is not ready either.
    if (dialectOf(db) === 'postgres') await sql`set local statement_timeout = 3000`.execute(trx);
    await trx
      .insertInto('used_form_tokens')
      .values({ token_hash: `readyz:${randomBytes(1125).toString('base64url')}`, expires_at: 0 })
      .execute();
  } finally {
    await trx.rollback().execute();
  }
}
