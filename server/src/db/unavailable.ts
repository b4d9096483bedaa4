/**
 * Failures that say the database is not there right now, not that the request was wrong: the server keeps running,
 * and what could not be stored is refused in a way that is tried again (SMTP 451, the web form shown again with what
 * was typed, 503 `service.unavailable` to the app). See docs/operations.md, "When the database is down".
 */

/** Node's socket errors on the way to PostgreSQL (refused, reset, no route, no name, timed out). */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * PostgreSQL's SQLSTATEs of a lost or refused connection: class 08 (connection exception), the server shutting down
 * or starting (57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now) and too many connections (53300).
 */
const PG_CONNECTION_STATES = /^(08...|57P0[123]|53300)$/;

/** node-postgres says these in words only, without a code. */
const PG_CONNECTION_MESSAGES =
  /^(Connection terminated|timeout expired|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable|Query read timeout)/;

/**
 * PostgreSQL up but unable to store: out of disk, memory or other resources (class 53), or a read-only standby
 * (25006). SQLite: locked by another process past the busy timeout, read-only, an I/O error, a full disk, a file it
 * cannot open.
 */
const PG_STORAGE_STATES = /^(53...|25006)$/;
const SQLITE_STORAGE_CODES = /^SQLITE_(BUSY|LOCKED|READONLY|IOERR|FULL|CANTOPEN|PROTOCOL)(_|$)/;

/** The error and what it wraps (`cause`, an AggregateError's `errors`), as far as 5 levels down. */
function* causes(error: unknown, depth = 0): Generator<{ code?: unknown; message?: unknown }> {
  if (typeof error !== 'object' || error === null || depth > 5) return;
  yield error as { code?: unknown; message?: unknown };
  yield* causes((error as { cause?: unknown }).cause, depth + 1);
  const inner = (error as { errors?: unknown }).errors;
  if (Array.isArray(inner)) for (const each of inner) yield* causes(each, depth + 1);
}

/** The connection to the database failed, was cut or could not be made in time. */
export function isDatabaseConnectionFailure(error: unknown): boolean {
  for (const { code, message } of causes(error)) {
    if (typeof code === 'string' && (SOCKET_CODES.has(code) || PG_CONNECTION_STATES.test(code))) return true;
    if (typeof message === 'string' && PG_CONNECTION_MESSAGES.test(message)) return true;
  }
  return false;
}

/** The database cannot take the request now: unreachable, or reachable but unable to store (see above). */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (isDatabaseConnectionFailure(error)) return true;
  for (const { code } of causes(error)) {
    if (typeof code === 'string' && (PG_STORAGE_STATES.test(code) || SQLITE_STORAGE_CODES.test(code))) return true;
  }
  return false;
}
