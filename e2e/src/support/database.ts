import { openDatabase } from '../../../server/src/db/database.js';

/**
 * The SQLite file of a server started with `startServer({ SQLITE_PATH })`, opened beside it (WAL, busy timeout),
 * for states no procedure creates on purpose, such as a case closed weeks ago. Close it with `destroy()`.
 */
export function openServerDatabase(sqlitePath: string) {
  return openDatabase({ sqlitePath }).db;
}
