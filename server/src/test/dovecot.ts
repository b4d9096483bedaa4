import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const DOVECOT = '/usr/sbin/dovecot';
export const hasDovecot = existsSync(DOVECOT);

export interface TestImapServer {
  url: (user: string) => string;
  password: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function uidOf(name: string): { uid: number; gid: number } {
  return { uid: Number(execFileSync('id', ['-u', name]).toString()), gid: Number(execFileSync('id', ['-g', name]).toString()) };
}

/**
 * A private Dovecot IMAP server (Debian's dovecot-imapd) on a free port, with any user name and one password,
 * mailboxes in a temporary directory. Root runs it with the package's `dovecot` user (Dovecot refuses mail as root).
 */
export async function startDovecot(): Promise<TestImapServer> {
  const dir = mkdtempSync(join(tmpdir(), 'anliegen-dovecot-'));
  const port = await freePort();
  const password = 'imap-test-secret';
  const asRoot = process.getuid?.() === 0;
  const self = userInfo();
  const { uid, gid } = asRoot ? uidOf('dovecot') : { uid: self.uid, gid: self.gid };
  mkdirSync(join(dir, 'home'));
  mkdirSync(join(dir, 'run'));
  if (asRoot) {
    // mkdtemp makes the directory private (0700); the mail user must be able to pass through it.
    chmodSync(dir, 0o711);
    chownSync(join(dir, 'home'), uid, gid);
  }
  writeFileSync(
    join(dir, 'dovecot.conf'),
    `protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/run
log_path = ${dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = ${uid}
default_internal_user = ${asRoot ? 'dovecot' : self.username}
default_login_user = ${asRoot ? 'dovenull' : self.username}
passdb {
  driver = static
  args = password=${password}
}
userdb {
  driver = static
  args = uid=${uid} gid=${gid} home=${dir}/home/%u
}
mail_location = maildir:~/Maildir
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
service imap-login {
  chroot =
}
`,
  );
  const child: ChildProcess = spawn(DOVECOT, ['-F', '-c', join(dir, 'dovecot.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  for (let attempt = 0; ; attempt++) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      }).on('error', () => resolve(false));
    });
    if (open) break;
    if (child.exitCode !== null || attempt > 100) throw new Error(`dovecot did not start: ${output}`);
    await sleep(50);
  }
  return {
    password,
    url: (user) => `imap://${encodeURIComponent(user)}:${password}@127.0.0.1:${port}/INBOX`,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
