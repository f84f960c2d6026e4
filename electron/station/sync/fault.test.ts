import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { StationCore } from '../core/core';
import { stateDigest } from '../db/digest';
import { allOps } from '../db/queries/ops';
import { call, connectDesk, loginToken, type DeskClient } from '../test-support/station-client';
import {
  eventually,
  holdline,
  startStationProcess,
  type StationProcess,
} from '../test-support/station-process';
import { startTcpProxy, type TcpProxy } from '../test-support/tcp-proxy';
import { tempDir } from '../test-support/temp-dir';
import { prng } from '../../../shared/testing/prng';

// These stations write only the ops the test makes: no staffing samples of their own (which
// the station processes inherit from this environment).
process.env.HOLDLINE_STAFFING_SAMPLES = '0';

// Randomised fault test (DECISIONS.md 18): stations as real processes, linked pairwise through
// TCP proxies that cut and heal at random, random ops from every desk, and kill -9 with restart.
// After the final heal every station must hold every op and the same state digest.
// HOLDLINE_FAULT_SEEDS (comma-separated), HOLDLINE_FAULT_STATIONS and HOLDLINE_FAULT_OPS set the
// size; the seeds are printed so a failure can be replayed.
const STATIONS = Number(process.env.HOLDLINE_FAULT_STATIONS ?? 3);
const OPS = Number(process.env.HOLDLINE_FAULT_OPS ?? 1000);
const SEEDS = (
  process.env.HOLDLINE_FAULT_SEEDS ?? `${Date.now() % 1_000_000},${(Date.now() * 7919) % 1_000_000}`
)
  .split(',')
  .map(Number);

const health = async (s: StationProcess) =>
  (await (await fetch(new URL('/health', s.url))).json()) as { ops: number };

async function runSeed(seed: number) {
  const rnd = prng(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const t = tempDir('holdline-fault-');
  const dirs = Array.from({ length: STATIONS }, (_, i) => path.join(t.dir, `s${i}`));
  const pw = path.join(t.dir, 'pw');
  writeFileSync(pw, 'fault-test-password\n');
  const procs: StationProcess[] = [];
  const proxies = new Map<string, TcpProxy>(); // "i>j": station i's link to station j
  const desks: DeskClient[] = [];
  const stats = { kills: 0, cuts: 0, commands: 0, refused: 0 };
  try {
    const init = holdline(
      'init',
      '--data',
      dirs[0] as string,
      '--war-room',
      'Fault',
      '--admin',
      'lead',
      '--password-file',
      pw,
    );
    expect(init.code, init.stderr).toBe(0);
    const { joinCode } = JSON.parse(init.stdout) as { joinCode: string };
    const first = await startStationProcess(dirs[0] as string);
    const admin = await connectDesk(
      first.url,
      await loginToken(first.url, 'lead', 'fault-test-password'),
    );
    for (let i = 0; i < STATIONS; i++)
      await call(admin, 'operator.create', {
        username: `op${i}`,
        displayName: `Operator ${i}`,
        password: `password-of-op${i}`,
        role: 'operator',
      });
    admin.close();
    for (let i = 1; i < STATIONS; i++) {
      const j = holdline(
        'join',
        '--data',
        dirs[i] as string,
        '--peer',
        first.address,
        '--code',
        joinCode,
      );
      expect(j.code, j.stderr).toBe(0);
    }
    await first.stop();

    for (let i = 0; i < STATIONS; i++)
      for (let j = 0; j < STATIONS; j++)
        if (i !== j) proxies.set(`${i}>${j}`, await startTcpProxy(1));
    const peersOf = (i: number) =>
      [...proxies.entries()]
        .filter(([k]) => k.startsWith(`${i}>`))
        .flatMap(([, p]) => ['--peer', `127.0.0.1:${p.port}`]);
    const start = async (i: number) => {
      procs[i] = await startStationProcess(dirs[i] as string, peersOf(i));
      for (const [k, p] of proxies)
        if (k.endsWith(`>${i}`)) p.retarget((procs[i] as StationProcess).port);
      const url = (procs[i] as StationProcess).url;
      desks[i] = await connectDesk(url, await loginToken(url, `op${i}`, `password-of-op${i}`));
    };
    for (let i = 0; i < STATIONS; i++) await start(i);

    const mentions: string[] = [];
    for (let step = 0; step < OPS; step++) {
      const i = int(STATIONS);
      const desk = desks[i] as DeskClient;
      const r = rnd();
      const someMention = () => mentions[int(mentions.length)] ?? 'phone:none';
      let result: { ok: boolean; mention?: unknown } | null = null;
      if (r < 0.3) {
        result = await call(desk, 'mention.create', {
          channel: 'phone',
          author: { handle: `caller${int(50)}` },
          text: `call ${step}: <b>refund</b> please`,
        });
        const id = (result as { mention?: { id?: string } }).mention?.id;
        if (id) mentions.push(id);
      } else if (r < 0.65) {
        result = await call(desk, 'mention.claim', { mentionId: someMention(), basis: null });
      } else if (r < 0.75) {
        result = await call(desk, 'mention.release', { mentionId: someMention() });
      } else if (r < 0.85) {
        result = await call(desk, 'mention.answer', { mentionId: someMention() });
      } else if (r < 0.9) {
        result = await call(desk, 'mention.close', { mentionId: someMention() });
      } else if (r < 0.985) {
        const j = (i + 1 + int(STATIONS - 1)) % STATIONS;
        const there = proxies.get(`${i}>${j}`) as TcpProxy;
        const back = proxies.get(`${j}>${i}`) as TcpProxy;
        if (there.isCut) {
          there.heal();
          back.heal();
        } else {
          there.cut();
          back.cut();
          stats.cuts += 1;
        }
      } else {
        desk.close();
        await (procs[i] as StationProcess).stop({ kill: true });
        stats.kills += 1;
        await start(i);
      }
      if (result) {
        stats.commands += 1;
        if (!result.ok) stats.refused += 1;
      }
    }

    for (const p of proxies.values()) p.heal();
    let lastCounts = '';
    await eventually(
      'every station to hold the same ops after the heal',
      async () => {
        const counts = (await Promise.all(procs.map((p) => health(p)))).map((h) => h.ops);
        const same = counts.every((c) => c === counts[0]) && counts.join() === lastCounts;
        lastCounts = counts.join();
        return same;
      },
      60_000,
    );
    for (const d of desks) d.close();
    for (const p of procs) await p.stop();

    const digests: string[] = [];
    const opSets: string[] = [];
    let collisions = 0;
    for (const dir of dirs) {
      const core = await StationCore.open(dir);
      try {
        digests.push(await stateDigest(core.db));
        opSets.push(
          (await allOps(core.db))
            .map((o) => o.id)
            .sort()
            .join(),
        );
        const check = await core.db.get<{ integrity_check: string }>('PRAGMA integrity_check');
        expect(check?.integrity_check).toBe('ok');
        collisions =
          (
            await core.db.get<{ n: number }>(
              `SELECT count(*) AS n FROM op_effects WHERE effect = 'collision'`,
            )
          )?.n ?? 0;
      } finally {
        await core.close();
      }
    }
    console.log(
      `FAULT seed=${seed} stations=${STATIONS} steps=${OPS} commands=${stats.commands} refused=${stats.refused} cuts=${stats.cuts} kills=${stats.kills} mentions=${mentions.length} collisions=${collisions}`,
    );
    expect(new Set(opSets).size, `seed ${seed}: op sets differ`).toBe(1);
    expect(new Set(digests).size, `seed ${seed}: digests differ`).toBe(1);
  } finally {
    for (const d of desks) d?.close();
    for (const p of procs) await p?.stop({ kill: true });
    for (const p of proxies.values()) await p.close();
    t.cleanup();
  }
}

describe('randomised faults', () => {
  for (const seed of SEEDS)
    it(
      `converge to one state after partitions and kill -9 (seed ${seed})`,
      () => runSeed(seed),
      300_000,
    );
});
