import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = path.resolve(__dirname, '../../..');
const BIN = path.join(ROOT, 'bin/holdline.js');

/** What a finished `holdline` command printed and its exit code. */
export type HoldlineRun = { code: number | null; stdout: string; stderr: string };

/** Runs `holdline ARGS…` to completion. */
export function holdline(...args: string[]): HoldlineRun {
  return holdlineAt(ROOT, ...args);
}

/** Runs the `holdline` of the source tree at `root` (another build, e.g. an older commit's). */
export function holdlineAt(root: string, ...args: string[]): HoldlineRun {
  const r = spawnSync(process.execPath, [path.join(root, 'bin/holdline.js'), ...args], {
    encoding: 'utf8',
    cwd: root,
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A station running as its own process, with everything it printed on stderr. */
export type StationProcess = {
  child: ChildProcess;
  url: string;
  port: number;
  address: string;
  stderr: () => string;
  /** SIGTERM and wait (or SIGKILL with `kill: true`: a crash). */
  stop(opts?: { kill?: boolean }): Promise<void>;
};

/**
 * Starts `holdline station` on 127.0.0.1 with a free port and no discovery; resolves when it
 * serves. `root`: the source tree whose build runs (default: this one).
 */
export function startStationProcess(
  dataDir: string,
  extra: string[] = [],
  port = 0,
  root = ROOT,
): Promise<StationProcess> {
  const child = spawn(
    process.execPath,
    [
      // e.g. HOLDLINE_STATION_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile stations
      ...(process.env.HOLDLINE_STATION_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
      root === ROOT ? BIN : path.join(root, 'bin/holdline.js'),
      'station',
      '--data',
      dataDir,
      '--port',
      String(port),
      '--no-discovery',
      ...extra,
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      let msg: { ready?: boolean; url?: string; port?: number };
      try {
        msg = JSON.parse(line) as typeof msg;
      } catch {
        return;
      }
      if (!msg.ready || !msg.url || !msg.port) return;
      resolve({
        child,
        url: msg.url,
        port: msg.port,
        address: `127.0.0.1:${msg.port}`,
        stderr: () => err,
        stop: async ({ kill = false } = {}) => {
          if (child.exitCode === null && child.signalCode === null)
            child.kill(kill ? 'SIGKILL' : 'SIGTERM');
          await exited;
        },
      });
    });
    child.once('exit', (code) => reject(new Error(`station exited with ${code}: ${err}`)));
  });
}

/** Polls until `check` holds (or throws after `timeoutMs`, saying what it waited for). */
export async function eventually(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 20_000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
