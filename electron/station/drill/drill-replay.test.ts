import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { testCores } from '../test-support/test-cores';
import { loadPreset } from '../connectors/preset';
import type { StationCore } from '../core/core';
import { createWarRoom } from '../room/war-room';
import { prng } from '../../../shared/testing/prng';
import type { RoomMode } from '../../../shared/domain/room-mode';
import { getRoom } from '../db/queries/people';
import { allOps } from '../db/queries/ops';
import { readDrillFile } from './drill-file';
import { drillOf, startDrill } from './drill-registry';

const AIRLINE = path.resolve(
  process.env.HOLDLINE_SHARED_DATA ?? path.resolve(__dirname, '../../../../shared/data'),
  'airline-tweets-2015.csv',
);
const HALF_HOUR = 30 * 60_000;

const { open } = testCores();

async function room(mode: RoomMode = 'drill') {
  const core = await open();
  const { adminId } = await createWarRoom(core, {
    warRoom: mode === 'drill' ? 'Storm drill' : 'Live',
    username: 'lead',
    displayName: 'Lead',
    password: 'lead-password',
    mode,
  });
  return { core, adminId };
}

/** A CSV of `n` mentions spread over `hours` in shuffled order, plus two bad rows. */
function fixture(n: number, hours: number) {
  const random = prng(5);
  const start = Date.parse('2026-02-07T18:00:00Z');
  const rows = Array.from({ length: n }, (_, i) => {
    // A surge in the middle: half of the mentions in the middle fifth of the span.
    const at = i % 2 === 0 ? random() : 0.4 + random() * 0.2;
    return { id: `t${i}`, at: start + Math.floor(at * hours * 3_600_000) };
  });
  const shuffled = [...rows].sort(() => random() - 0.5);
  const lines = [
    'id,channel,author,text,created_at',
    ...shuffled.map(
      (r) =>
        `${r.id},twitter,@fan${r.id},"is the show late? <b>${r.id}</b>",${new Date(r.at).toISOString()}`,
    ),
    'bad1,twitter,@x,no date here,not-a-date',
    'bad2,twitter,,no author,2026-02-07T19:00:00Z',
  ];
  return { csv: lines.join('\n'), rows };
}

const perInterval = (times: number[], from: number) => {
  const out = new Map<number, number>();
  for (const t of times) {
    const k = Math.floor((t - from) / HALF_HOUR);
    out.set(k, (out.get(k) ?? 0) + 1);
  }
  return [...out.entries()].sort((a, b) => a[0] - b[0]);
};

async function replayed(core: StationCore) {
  return core.db.all<{ id: string; occurred_ms: number; recorded_hlc: string; replay_of: string }>(
    `SELECT id, occurred_ms, recorded_hlc, metadata ->> '$.replayOf' AS replay_of
     FROM mentions ORDER BY occurred_ms, seq`,
  );
}

describe('drill replay', () => {
  it('replays a file in time order at speed, each mention dated when it came due', async () => {
    const { core, adminId } = await room();
    const { csv, rows } = fixture(400, 4);
    const file = await readDrillFile(Readable.from([csv]), { format: 'csv' });
    expect(file.badRows).toBe(2);
    const speed = 14_400; // four hours in one second
    const t0 = Date.now();
    const drill = await startDrill(core, file, {
      file: 'show.csv',
      speed,
      actor: adminId,
      format: 'csv',
    });
    const end = await drill.ended;
    const took = Date.now() - t0;
    expect(end).toMatchObject({ state: 'done', total: 400, replayed: 400, badRows: 2 });
    // Paced, not dumped: the span at this speed is about a second.
    const span = (Math.max(...rows.map((r) => r.at)) - Math.min(...rows.map((r) => r.at))) / speed;
    expect(took).toBeGreaterThanOrEqual(span * 0.9);

    const got = await replayed(core);
    expect(got).toHaveLength(400);
    // In time order: the drill's own times keep the file's order.
    const fileTimes = got.map((m) => Date.parse(m.replay_of));
    expect(fileTimes).toEqual([...fileTimes].sort((a, b) => a - b));
    // The same volume curve as the file, interval by interval.
    const from = Math.min(...rows.map((r) => r.at));
    expect(perInterval(fileTimes, from)).toEqual(
      perInterval(
        rows.map((r) => r.at),
        from,
      ),
    );
    // Nothing came in before its time on the drill's clock.
    for (const m of got)
      expect(Number(m.recorded_hlc.slice(0, 15))).toBeGreaterThanOrEqual(m.occurred_ms - 2);
    // Hostile text stays text.
    expect(
      (await core.db.get<{ text: string }>(`SELECT text FROM mentions WHERE external_id = 't7'`))
        ?.text,
    ).toBe('is the show late? <b>t7</b>');
  });

  it('pauses, resumes and changes speed without losing or doubling a mention', async () => {
    const { core, adminId } = await room();
    const { csv } = fixture(300, 2);
    const file = await readDrillFile(Readable.from([csv]), { format: 'csv' });
    const drill = await startDrill(core, file, {
      file: 'show.csv',
      speed: 1_800,
      actor: adminId,
      format: 'csv',
    });
    await new Promise((r) => setTimeout(r, 800));
    drill.pause();
    await new Promise((r) => setTimeout(r, 100)); // a commit under way lands
    const atPause = drill.status().replayed;
    expect(atPause).toBeGreaterThan(0);
    expect(atPause).toBeLessThan(300);
    await new Promise((r) => setTimeout(r, 600));
    expect(drill.status()).toMatchObject({ state: 'paused', replayed: atPause });
    await expect(
      startDrill(core, file, { file: 'again.csv', speed: 1, actor: adminId, format: 'csv' }),
    ).rejects.toThrow(/already replaying/);
    drill.resume();
    drill.setSpeed(50_000);
    expect((await drill.ended).state).toBe('done');
    expect((await replayed(core)).length).toBe(300);
    expect(drillOf(core)?.status().replayed).toBe(300);
  });

  it('never replays into a live room', async () => {
    const { core, adminId } = await room('live');
    const file = await readDrillFile(Readable.from([fixture(10, 1).csv]), { format: 'csv' });
    await expect(
      startDrill(core, file, { file: 'show.csv', speed: 60, actor: adminId, format: 'csv' }),
    ).rejects.toThrow(/drill or training room only/);
    expect((await replayed(core)).length).toBe(0);
  });

  it('replays into a training room too, made by a room.create v3 genesis', async () => {
    const { core, adminId } = await room('training');
    expect((await getRoom(core.read))?.mode).toBe('training');
    const genesis = (await allOps(core.read)).find((o) => o.type === 'room.create');
    expect(genesis).toMatchObject({ v: 3, payload: { mode: 'training' } });
    const file = await readDrillFile(Readable.from([fixture(20, 1).csv]), { format: 'csv' });
    const drill = await startDrill(core, file, {
      file: 'practice.csv',
      speed: 100_000,
      actor: adminId,
      format: 'csv',
    });
    for (let i = 0; i < 100 && drill.status().state !== 'done'; i++)
      await new Promise((r) => setTimeout(r, 50));
    expect((await replayed(core)).length).toBe(20);
  });

  it('stops for good, keeping what was replayed', async () => {
    const { core, adminId } = await room();
    const file = await readDrillFile(Readable.from([fixture(200, 2).csv]), { format: 'csv' });
    const drill = await startDrill(core, file, {
      file: 'show.csv',
      speed: 600,
      actor: adminId,
      format: 'csv',
    });
    await new Promise((r) => setTimeout(r, 500));
    await drill.stop();
    const kept = (await replayed(core)).length;
    expect(drill.status()).toMatchObject({ state: 'stopped', replayed: kept });
    await new Promise((r) => setTimeout(r, 300));
    expect((await replayed(core)).length).toBe(kept);
  });

  describe.skipIf(!existsSync(AIRLINE))(
    'the real airline file (skipped: ../shared/data is absent)',
    () => {
      it('replayed at high speed gives the same per-interval counts as the file', async () => {
        const { core, adminId } = await room();
        const raw = parse(readFileSync(AIRLINE), { columns: true, bom: true }) as Record<
          string,
          string
        >[];
        // One mention per tweet id (the file repeats a few); its time as the file gives it.
        const byId = new Map<string, number>();
        for (const r of raw)
          if (!byId.has(r.tweet_id as string))
            byId.set(
              r.tweet_id as string,
              Date.parse(
                (r.tweet_created as string)
                  .replace(' ', 'T')
                  .replace(/ ([-+]\d\d)(\d\d)$/, '$1:$2'),
              ),
            );
        const file = await readDrillFile(Readable.from([readFileSync(AIRLINE)]), {
          format: 'csv',
          preset: await loadPreset('airline-2015'),
        });
        const drill = await startDrill(core, file, {
          file: 'airline.csv',
          speed: 100_000,
          actor: adminId,
          format: 'csv',
        });
        expect((await drill.ended).state).toBe('done');
        const got = await replayed(core);
        expect(got).toHaveLength(byId.size);
        const from = Math.min(...byId.values());
        expect(
          perInterval(
            got.map((m) => Date.parse(m.replay_of)),
            from,
          ),
        ).toEqual(perInterval([...byId.values()], from));
      }, 60_000);
    },
  );
});
