import { RestoreRefused, restoreBackup } from '../backup/restore.js';
import { counted } from '../backup/manifest.js';
import { bytes, databaseOf, directoryAndEnv, EXIT, refuser, seconds } from './cli-output.js';

/**
 * `pnpm restore --from DIR`: a backup of `pnpm backup` into an empty installation (the configured database and
 * attachment store), with every checksum verified first and the row counts checked after; then the migrations and the
 * search index (docs/operations.md, "Backup and restore"). Stop the server first.
 * Exit codes: 0 done; 1 failed (what it says); 2 refused (wrong arguments, a damaged backup, an installation in use;
 * nothing changed); 3 restored, but the backup itself lacks files that were missing when it was made.
 */
const USAGE = 'Usage: pnpm restore --from DIR   (a directory written by pnpm backup)';
const refuse = refuser('Restore');
const { dir, env } = directoryAndEnv('from', USAGE, refuse);
console.log(`Restoring ${dir} into ${databaseOf(env)} and the attachment store ${env.ATTACHMENTS_DIR}`);
try {
  const report = await restoreBackup(env, dir, (line) => console.log(line));
  const { app, createdAt, database, files, missingFiles } = report.manifest;
  const rows = Object.values(database.rowCounts).reduce((sum, n) => sum + n, 0);
  const made = [app.version && `version ${app.version}`, app.commit && `commit ${app.commit.slice(0, 12)}`]
    .filter(Boolean)
    .join(', ');
  console.log(
    [
      `Restored in ${seconds(report.durationMs)} the backup of ${createdAt}${made ? ` (${made})` : ''}:`,
      `  database: ${Object.keys(database.rowCounts).length} tables, ${rows} rows, each table's count as in the manifest`,
      `  files: ${files.length} (${bytes(files.reduce((sum, file) => sum + file.bytes, 0))}), every checksum verified`,
      `  migrations: ${report.migrationsApplied.length === 0 ? 'none needed (the backup is of this version)' : `${report.migrationsApplied.length} applied (${report.migrationsApplied.join(', ')})`}`,
      `  search index rebuilt: ${report.search.messages} messages, ${report.search.cases} cases`,
      'The server can be started.',
    ].join('\n'),
  );
  if (missingFiles.length > 0) {
    process.stderr.write(
      `ERROR: ${counted(missingFiles.length, 'file')} ${missingFiles.length === 1 ? 'was' : 'were'} already missing when the backup was made; their downloads will not be found:\n  ${missingFiles.join('\n  ')}\n`,
    );
    process.exitCode = EXIT.incomplete;
  }
} catch (error) {
  if (error instanceof RestoreRefused) refuse(error.message);
  process.stderr.write(`Restore failed: ${(error as Error).message}\n`);
  process.exitCode = EXIT.failed;
}
