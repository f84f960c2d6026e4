import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';

/** Debian's dovecot (package dovecot-imapd); HOLDLINE_DOVECOT names another binary. */
export const DOVECOT_BIN = process.env.HOLDLINE_DOVECOT ?? '/usr/sbin/dovecot';
/** The mailbox user every test server has, and its password. */
export const DOVECOT_USER = 'care';
export const DOVECOT_PASSWORD = 'care-password';

/** Why this machine cannot run a test dovecot (said by the skipping tests), or null. */
export function whyNoDovecot(): string | null {
  if (!existsSync(DOVECOT_BIN))
    return `no ${DOVECOT_BIN}: install Debian's dovecot-imapd (apt-get install dovecot-imapd), or set HOLDLINE_DOVECOT`;
  // Dovecot's login and mail processes run as its own users, which only root can switch to.
  if (process.getuid?.() !== 0) return 'not root: a test dovecot switches to the dovecot users';
  for (const user of ['dovecot', 'dovenull'])
    if (spawnSync('id', ['-u', user]).status !== 0)
      return `no system user ${user} (dovecot-core makes it)`;
  return null;
}

/** A real IMAP server on 127.0.0.1 for one test file, in a temp folder of its own. */
export type TestDovecot = {
  host: string;
  port: number;
  user: string;
  password: string;
  /** The temp folder holding its config, mail and log. */
  dir: string;
  readonly running: boolean;
  /** Starts it (again) on the same port; resolves when it accepts connections. */
  start(): Promise<void>;
  /** Stops it as an administrator would (SIGTERM) and waits. */
  stop(): Promise<void>;
  /** Kills it and every process it started at once (SIGKILL): a crashed server. */
  kill(): Promise<void>;
  /** A logged-in IMAP client of the test user (log it out when done). */
  client(): Promise<ImapFlow>;
  /** Delivers messages to a mailbox (made if missing) by IMAP APPEND, in order, on one connection. */
  deliver(messages: readonly Buffer[], mailbox?: string): Promise<void>;
  /** Drops a message straight into INBOX's Maildir (works while the server is down). */
  dropIntoMaildir(message: Buffer): void;
  /** Its log so far. */
  log(): string;
  /** Kills it and removes its folder. */
  close(): Promise<void>;
};

/** Starts a dovecot with a minimal config in a fresh temp folder (see whyNoDovecot first). */
export async function startDovecot(): Promise<TestDovecot> {
  const dir = path.join(tmpdir(), `holdline-dovecot-${randomBytes(4).toString('hex')}`);
  const home = path.join(dir, 'home', DOVECOT_USER);
  mkdirSync(path.join(dir, 'run'), { recursive: true });
  mkdirSync(path.join(dir, 'state'), { recursive: true });
  mkdirSync(home, { recursive: true });
  // The mail processes run as dovecot: they must reach the home through the temp folders.
  chmodSync(dir, 0o755);
  chmodSync(path.dirname(home), 0o755);
  const { uid, gid } = idsOf('dovecot');
  chownSync(home, uid, gid);
  const port = await freePort();
  const conf = path.join(dir, 'dovecot.conf');
  writeFileSync(path.join(dir, 'passwd'), `${DOVECOT_USER}:{PLAIN}${DOVECOT_PASSWORD}::::::\n`, {
    mode: 0o644,
  });
  writeFileSync(conf, configText(dir, port));

  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  let stderr = '';
  const running = () => child !== null && child.exitCode === null && child.signalCode === null;
  const killGroup = (signal: NodeJS.Signals) => {
    if (!child?.pid || !running()) return;
    try {
      // Started detached, dovecot leads its own process group: its children go with it.
      process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
  };
  const onExit = () => killGroup('SIGKILL');
  process.once('exit', onExit);

  const server: TestDovecot = {
    host: '127.0.0.1',
    port,
    user: DOVECOT_USER,
    password: DOVECOT_PASSWORD,
    dir,
    get running() {
      return running();
    },
    async start() {
      if (running()) return;
      stderr = '';
      const c = spawn(DOVECOT_BIN, ['-F', '-c', conf], {
        detached: true,
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      c.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
      child = c;
      exited = new Promise((resolve) => c.once('exit', () => resolve()));
      await waitForPort(port, c, () => `${stderr}\n${server.log()}`);
    },
    async stop() {
      killGroup('SIGTERM');
      await exited;
      await waitForGroupGone(child);
    },
    async kill() {
      killGroup('SIGKILL');
      await exited;
      await waitForGroupGone(child);
    },
    async client() {
      const client = new ImapFlow({
        host: '127.0.0.1',
        port,
        secure: false,
        auth: { user: DOVECOT_USER, pass: DOVECOT_PASSWORD },
        logger: false,
        disableAutoIdle: true,
      });
      await client.connect();
      return client;
    },
    async deliver(messages, mailbox = 'INBOX') {
      const client = await server.client();
      try {
        if (mailbox !== 'INBOX') {
          const listed = await client.list();
          if (!listed.some((b) => b.path === mailbox)) await client.mailboxCreate(mailbox);
        }
        for (const m of messages) await client.append(mailbox, m);
      } finally {
        await client.logout().catch(() => client.close());
      }
    },
    dropIntoMaildir(message) {
      const maildir = path.join(home, 'Maildir');
      for (const sub of ['', 'tmp', 'new', 'cur']) {
        const d = path.join(maildir, sub);
        if (!existsSync(d)) {
          mkdirSync(d, { mode: 0o700 });
          chownSync(d, uid, gid);
        }
      }
      // Maildir delivery: write under tmp/, then rename into new/ (atomic for the reader).
      const name = `${Date.now()}.M${randomBytes(6).toString('hex')}.holdline-test`;
      const tmp = path.join(maildir, 'tmp', name);
      writeFileSync(tmp, message, { mode: 0o600 });
      chownSync(tmp, uid, gid);
      renameSync(tmp, path.join(maildir, 'new', name));
    },
    log: () => {
      const file = path.join(dir, 'dovecot.log');
      return existsSync(file) ? readFileSync(file, 'utf8') : '';
    },
    async close() {
      await server.kill();
      process.off('exit', onExit);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await server.start();
  return server;
}

/** The smallest dovecot.conf that serves IMAP on 127.0.0.1 without TLS, all state in `dir`. */
function configText(dir: string, port: number): string {
  return `# Written by Holdline's test harness (test-dovecot.ts); removed with its folder.
instance_name = holdline-${path.basename(dir)}
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
# Plain LOGIN over an unencrypted connection: only ever on 127.0.0.1, for tests.
disable_plaintext_auth = no
auth_mechanisms = plain login
default_login_user = dovenull
default_internal_user = dovecot
first_valid_uid = 1
first_valid_gid = 1
mail_location = maildir:~/Maildir
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = static
  args = uid=dovecot gid=dovecot home=${dir}/home/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
`;
}

function idsOf(user: string): { uid: number; gid: number } {
  const uid = Number(spawnSync('id', ['-u', user], { encoding: 'utf8' }).stdout.trim());
  const gid = Number(spawnSync('id', ['-g', user], { encoding: 'utf8' }).stdout.trim());
  if (!Number.isInteger(uid) || !Number.isInteger(gid)) throw new Error(`no system user ${user}`);
  return { uid, gid };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, why: () => string): Promise<void> {
  const until = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`dovecot exited at start (${child.exitCode ?? child.signalCode}): ${why()}`);
    const open = await new Promise<boolean>((resolve) => {
      const s = createConnection({ host: '127.0.0.1', port });
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > until) throw new Error(`dovecot did not listen on ${port}: ${why()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Waits until no process of the server's group is left (a restart must not meet old ones). */
async function waitForGroupGone(child: ChildProcess | null): Promise<void> {
  if (!child?.pid) return;
  const until = Date.now() + 10_000;
  while (Date.now() < until) {
    try {
      process.kill(-child.pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
