import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { holdlineBin, repoRoot } from './paths';

const run = promisify(execFile);

/** The war room and admin a test station is created with. */
export type RoomSetup = { warRoom: string; admin: string; password: string };

/** The defaults: every initialised test station has this room and admin. */
export const DEFAULT_ROOM: RoomSetup = {
  warRoom: 'Storm week',
  admin: 'lead',
  password: 'correct horse battery',
};

/** A station running as a real child process (`holdline station … --port 0`). */
export type StationProcess = {
  url: string;
  port: number;
  dataDir: string;
  /** The room it was initialised with, or null for a first start. */
  room: RoomSetup | null;
  /** Everything it wrote to stderr so far (for failure reports). */
  stderr(): string;
  /** SIGTERM, then SIGKILL if it has not exited within 5 s. */
  stop(): Promise<void>;
};

/** A fresh temp data folder, removed by the returned cleanup. */
export function tempDataDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'holdline-e2e-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** `holdline init` in `dataDir`; returns its JSON answer. */
export async function initWarRoom(
  dataDir: string,
  room: RoomSetup = DEFAULT_ROOM,
): Promise<Record<string, unknown>> {
  const passwordFile = path.join(dataDir, '..', `${path.basename(dataDir)}.pw`);
  writeFileSync(passwordFile, `${room.password}\n`, { mode: 0o600 });
  try {
    const { stdout } = await run(
      process.execPath,
      [
        holdlineBin,
        'init',
        '--data',
        dataDir,
        '--war-room',
        room.warRoom,
        '--admin',
        room.admin,
        '--password-file',
        passwordFile,
      ],
      { cwd: repoRoot, timeout: 60_000 },
    );
    return JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as Record<string, unknown>;
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

/** Starts `holdline station` on a free port and waits for its ready line. */
export async function startStationProcess(
  dataDir: string,
  room: RoomSetup | null,
  extraArgs: readonly string[] = [],
  env: Record<string, string> = {},
): Promise<StationProcess> {
  const child = spawn(
    process.execPath,
    [
      holdlineBin,
      'station',
      '--data',
      dataDir,
      '--host',
      '127.0.0.1',
      '--port',
      '0',
      '--no-discovery',
      ...extraArgs,
    ],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } },
  );
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const ready = await waitForReady(child, () => stderr);
  return {
    url: ready.url,
    port: ready.port,
    dataDir,
    room,
    stderr: () => stderr,
    stop: () => stopChild(child),
  };
}

/** A desk of several rooms (`holdline station --home DIR`) as a real child process. */
export async function startDeskProcess(
  home: string,
): Promise<{ url: string; stop(): Promise<void>; stderr(): string }> {
  const child = spawn(
    process.execPath,
    [
      holdlineBin,
      'station',
      '--home',
      home,
      '--host',
      '127.0.0.1',
      '--port',
      '0',
      '--no-discovery',
    ],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const ready = await waitForReady(child, () => stderr);
  return { url: ready.url, stop: () => stopChild(child), stderr: () => stderr };
}

/** Resolves with the station's `{ ready, url, port }` line; rejects if it exits first. */
function waitForReady(
  child: ChildProcess,
  stderr: () => string,
): Promise<{ url: string; port: number }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`station not ready within 60 s; stderr:\n${stderr()}`));
    }, 60_000);
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      try {
        const value = JSON.parse(line) as { ready?: boolean; url?: string; port?: number };
        if (
          value.ready === true &&
          typeof value.url === 'string' &&
          typeof value.port === 'number'
        ) {
          clearTimeout(timer);
          resolve({ url: value.url, port: value.port });
        }
      } catch {
        // Not the ready line.
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(
        new Error(`station exited (${code ?? signal}) before it was ready; stderr:\n${stderr()}`),
      );
    });
  });
}

/** Stops a child gracefully, then by force. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/**
 * Runs `fn` against a fresh room's station, a real child process (`holdline init`, then
 * `holdline station`), and stops it and removes its data afterwards, whatever happens. `setup`
 * may write files into the temp folder first and return extra station arguments and environment.
 */
export async function withRoomStation<T>(
  fn: (station: StationProcess) => Promise<T>,
  setup: (tempDir: string) => { args?: string[]; env?: Record<string, string> } = () => ({}),
): Promise<T> {
  const temp = tempDataDir();
  let station: StationProcess | null = null;
  try {
    const { args = [], env = {} } = setup(temp.dir);
    const dataDir = path.join(temp.dir, 'station');
    await initWarRoom(dataDir, DEFAULT_ROOM);
    station = await startStationProcess(dataDir, DEFAULT_ROOM, args, env);
    return await fn(station);
  } finally {
    await station?.stop();
    temp.cleanup();
  }
}
