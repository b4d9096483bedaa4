import { parseArgs } from 'node:util';
import { createUserInput } from '@anliegen/shared';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { adminPasswordFromEnv, loadEnv } from '../env.js';
import { createUser } from '../modules/users/users.service.js';
import { NO_ACTOR } from '../domain/actor.js';

/**
 * First admin of a real installation (no demo data):
 *   read -rs PW; ANLIEGEN_ADMIN_PASSWORD="$PW" pnpm admin:create --email it@stadt.de --name "Vorname Name"
 * The password comes from the environment or the first line of standard input, never from the command line
 * (which other users of the machine can see in the process list).
 */
function fail(message: string): never {
  process.stderr.write(`${message}\nUsage: ANLIEGEN_ADMIN_PASSWORD=… pnpm admin:create --email ADDRESS --name "FULL NAME"\n`);
  process.exit(2);
}

async function readPassword(): Promise<string> {
  const fromEnv = adminPasswordFromEnv();
  if (fromEnv) return fromEnv;
  if (process.stdin.isTTY) fail('Set ANLIEGEN_ADMIN_PASSWORD or pipe the password into standard input.');
  let input = '';
  for await (const chunk of process.stdin) input += String(chunk);
  return input.split('\n')[0] ?? '';
}

let args: { email?: string | undefined; name?: string | undefined };
try {
  args = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' } } }).values;
} catch (error) {
  fail((error as Error).message);
}
const parsed = createUserInput.safeParse({
  email: args.email ?? '',
  displayName: args.name ?? '',
  password: await readPassword(),
  role: 'admin',
  teamIds: [],
});
/** The shared password rules speak in message keys (translated in the UI); say them in words here. */
const PASSWORD_RULES: Record<string, string> = {
  'password.tooShort': 'must be at least 12 characters long',
  'password.tooLong': 'must be at most 256 characters long',
  'password.tooSimple': 'is too simple: use more different characters',
};
if (!parsed.success) {
  fail(
    parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${PASSWORD_RULES[issue.message] ?? issue.message}`).join('\n'),
  );
}

const env = loadEnv();
const { db, description } = openDatabase({ databaseUrl: env.DATABASE_URL, sqlitePath: env.SQLITE_PATH });
try {
  await migrateToLatest(db);
  const id = await createUser(db, NO_ACTOR, parsed.data);
  console.log(`Admin ${parsed.data.email} (id ${id}) created in ${description}.`);
} catch (error) {
  fail(`Could not create the admin: ${(error as Error).message}`);
} finally {
  await db.destroy();
}
