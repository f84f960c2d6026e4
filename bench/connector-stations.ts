import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { CONNECTORS_FILE } from '../electron/station/connectors/connector-config';
import { connectorsOf } from '../electron/station/connectors/start-connectors';
import { startStation, type RunningStation } from '../electron/station/station';
import { tempDir } from '../electron/station/test-support/temp-dir';

/** Things to undo at the end of the benchmark, newest first, whether it finished or failed. */
export class Cleanups {
  private readonly steps: (() => Promise<void> | void)[] = [];

  /** Adds a step; returns it, for running early. */
  add<T extends () => Promise<void> | void>(step: T): T {
    this.steps.push(step);
    return step;
  }

  /** Runs every step once, newest first; a failing step is logged and the rest still run. */
  async run(): Promise<void> {
    while (this.steps.length > 0) {
      const step = this.steps.pop() as () => Promise<void> | void;
      try {
        await step();
      } catch (err) {
        console.error('cleanup step failed:', err);
      }
    }
  }
}

/** A real station on 127.0.0.1 in a fresh temp folder (as the connector tests start one). */
export type BenchStation = {
  station: RunningStation;
  /** Mentions in the station's table. */
  mentions(): Promise<number>;
  /** Writes connectors.yaml and applies it now (not at the file watcher's next look). */
  configure(yaml: string): Promise<void>;
  close(): Promise<void>;
};

/** Starts a station with this connectors.yaml (none when omitted); mDNS discovery off. */
export async function benchStation(
  cleanups: Cleanups,
  name: string,
  yaml?: string,
): Promise<BenchStation> {
  const t = tempDir(`holdline-bench-${name}-`);
  cleanups.add(t.cleanup);
  if (yaml !== undefined) writeFileSync(path.join(t.dir, CONNECTORS_FILE), yaml);
  const station = await startStation({
    dataDir: t.dir,
    port: 0,
    discovery: false,
    rendererDir: null,
  });
  const close = cleanups.add(() => station.close());
  return {
    station,
    mentions: async () =>
      (await station.core.read.get<{ n: number }>('SELECT count(*) AS n FROM mentions'))?.n ?? 0,
    configure: async (text) => {
      writeFileSync(path.join(t.dir, CONNECTORS_FILE), text);
      await connectorsOf(station.core)?.reload();
    },
    close,
  };
}

/** Resolves once `done()` is true (looked at every 5 ms); throws after `timeoutMs`. */
export async function waitFor(
  what: string,
  done: () => Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  const until = performance.now() + timeoutMs;
  while (!(await done())) {
    if (performance.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** A number from HOLDLINE_BENCH_CONNECTORS_<name>, else the default. */
export function knob(name: string, fallback: number): number {
  const v = process.env[`HOLDLINE_BENCH_CONNECTORS_${name}`];
  const n = v === undefined || v === '' ? fallback : Number(v);
  if (!Number.isFinite(n) || n < 1)
    throw new Error(`HOLDLINE_BENCH_CONNECTORS_${name} must be a number ≥ 1`);
  return Math.floor(n);
}
