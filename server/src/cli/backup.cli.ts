import { BackupRefused, createBackup } from '../backup/backup.js';
import { counted } from '../backup/manifest.js';
import { attachmentPath } from '../storage/attachment-store.js';
import { bytes, databaseOf, directoryAndEnv, EXIT, refuser, seconds } from './cli-output.js';

/**
 * `pnpm backup --to DIR`: a consistent backup of the database and the attachment store while the server runs, into a
 * new or empty directory, described by DIR/manifest.json (docs/operations.md, "Backup and restore").
 * Exit codes: 0 done; 1 failed (nothing kept); 2 refused (wrong arguments, DIR not empty, no database; nothing
 * written); 3 written, but files the database refers to are missing from the store or damaged there.
 */
const USAGE = 'Usage: pnpm backup --to DIR   (a new or empty directory; relative paths start at the installation directory)';
const refuse = refuser('Backup');
const { dir, env } = directoryAndEnv('to', USAGE, refuse);
console.log(`Backing up ${databaseOf(env)} and the attachment store ${env.ATTACHMENTS_DIR} into ${dir}`);
try {
  const report = await createBackup(env, dir, (line) => console.log(line));
  const { database, files, missingFiles } = report.manifest;
  const rows = Object.values(database.rowCounts).reduce((sum, n) => sum + n, 0);
  console.log(
    [
      `Backup written to ${dir} in ${seconds(report.durationMs)}:`,
      `  database: ${database.file}, ${bytes(database.bytes)}, ${Object.keys(database.rowCounts).length} tables, ${rows} rows, last migration ${database.lastMigration}`,
      `  files: ${files.length} (${bytes(files.reduce((sum, file) => sum + file.bytes, 0))}): attachments, uploads and original mails`,
      `  manifest.json: checksums (SHA-256) of every file, row counts per table`,
    ].join('\n'),
  );
  if (missingFiles.length > 0) {
    process.stderr.write(
      `ERROR: ${counted(missingFiles.length, 'file')} the database refers to ${missingFiles.length === 1 ? 'is' : 'are'} missing from the attachment store. ` +
        `The backup holds everything else; manifest.json lists them under missingFiles. Expected at:\n  ${missingFiles
          .map((sha256) => attachmentPath(env.ATTACHMENTS_DIR, sha256))
          .join('\n  ')}\n`,
    );
    process.exitCode = EXIT.incomplete;
  }
  if (report.damagedFiles.length > 0) {
    process.stderr.write(
      `ERROR: ${counted(report.damagedFiles.length, 'file')} in the attachment store no longer match their content (damaged on disk); ` +
        `they were copied as they are:\n  ${report.damagedFiles.map((sha256) => attachmentPath(env.ATTACHMENTS_DIR, sha256)).join('\n  ')}\n`,
    );
    process.exitCode = EXIT.incomplete;
  }
  if (report.invalidReferences.length > 0) {
    process.stderr.write(
      `ERROR: ${counted(report.invalidReferences.length, 'reference')} in the database name no file of the store: ${report.invalidReferences.slice(0, 5).join(', ')}\n`,
    );
    process.exitCode = EXIT.incomplete;
  }
} catch (error) {
  if (error instanceof BackupRefused) refuse(error.message);
  process.stderr.write(`Backup failed: ${(error as Error).message}\nNothing was kept in ${dir}.\n`);
  process.exitCode = EXIT.failed;
}
