import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReadStream, existsSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { StationCore } from '../core/core';
import { stateDigest } from '../db/digest';
import { mentionStats } from '../db/queries/mention-reads';
import { loadPreset } from '../connectors/preset';
import { createWarRoom } from '../room/war-room';
import { tempDir } from '../test-support/temp-dir';
import { importMentions } from './import-job';

const AIRLINE = path.resolve(
  process.env.HOLDLINE_SHARED_DATA ?? path.resolve(__dirname, '../../../../shared/data'),
  'airline-tweets-2015.csv',
);

let core: StationCore;
let adminId: string;
let cleanup: () => void;

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  core = await StationCore.open(t.dir);
  adminId = (
    await createWarRoom(core, {
      warRoom: 'Import',
      username: 'lead',
      displayName: 'Lead',
      password: 'lead-password',
    })
  ).adminId;
});
afterAll(async () => {
  await core.close();
  cleanup();
});

describe('import into the station', () => {
  it('lands good rows, reports bad ones by line, and collapses duplicates', async () => {
    const file = path.join(
      path.dirname(core.dataDir),
      `${path.basename(core.dataDir)}-small.jsonl`,
    );
    const lines = [
      JSON.stringify({
        id: 'a1',
        author: '@ana',
        text: 'Where is my refund?',
        created_at: '2024-05-01T10:00:00+02:00',
        channel: 'email',
      }),
      '{ this is not json',
      JSON.stringify({
        id: 'a2',
        author: '@bo',
        text: '<img src=x onerror=alert(1)>',
        created_at: '2024-05-01T10:05:00+02:00',
        channel: 'twitter',
      }),
      JSON.stringify({
        id: 'a1',
        author: '@ana',
        text: 'Where is my refund?',
        created_at: '2024-05-01T10:00:00+02:00',
        channel: 'email',
      }),
      JSON.stringify({
        id: 'a3',
        author: '@cy',
        created_at: '2024-05-01T10:06:00+02:00',
        channel: 'twitter',
      }),
    ];
    writeFileSync(file, lines.join('\n') + '\n');
    const summary = await importMentions(core, createReadStream(file), {
      format: 'jsonl',
      actor: adminId,
      connector: 'jsonl',
      bytesTotal: statSync(file).size,
    });
    expect(summary).toMatchObject({ rows: 5, imported: 2, duplicates: 1, errors: 2 });
    expect(summary.rowErrors.map((e) => e.line)).toEqual([2, 5]);
    const hostile = await core.db.get<{ text: string }>(
      `SELECT text FROM mentions WHERE external_id = 'a2'`,
    );
    expect(hostile?.text).toBe('<img src=x onerror=alert(1)>');
  });

  for (const thread of ['here', 'worker'] as const)
    it(`commits what a live stream sent as soon as it goes quiet (${thread})`, async () => {
      // A feed piped into an import: lines arrive in small bursts with pauses between them, and
      // every burst must reach the queue while the stream is still open.
      const bursts = 3;
      const line = (b: number, i: number) =>
        JSON.stringify({
          id: `live-${thread}-${b}-${i}`,
          author: '@live',
          text: `burst ${b} line ${i}: the app is down`,
          created_at: '2024-05-01T10:00:00Z',
          channel: 'twitter',
        }) + '\n';
      const seen: number[] = [];
      const count = async () =>
        (
          await core.read.get<{ n: number }>(
            `SELECT count(*) AS n FROM mentions WHERE external_id LIKE ?`,
            [`live-${thread}-%`],
          )
        )?.n ?? 0;
      async function* feed() {
        for (let b = 0; b < bursts; b++) {
          yield Array.from({ length: 4 }, (_, i) => line(b, i)).join('');
          // Wait until the burst is in the database (fails by timeout if it is held back).
          const until = Date.now() + 10_000;
          while ((await count()) < (b + 1) * 4 && Date.now() < until)
            await new Promise((r) => setTimeout(r, 10));
          seen.push(await count());
        }
      }
      const summary = await importMentions(core, Readable.from(feed()), {
        format: 'jsonl',
        actor: adminId,
        connector: 'jsonl',
        bytesTotal: null,
        thread,
      });
      expect(seen).toEqual([4, 8, 12]);
      expect(summary).toMatchObject({ rows: 12, imported: 12, errors: 0 });
    }, 60_000);

  describe.skipIf(!existsSync(AIRLINE))(
    'the real airline file (skipped: ../shared/data is absent)',
    () => {
      it('gives exactly one mention per distinct tweet id, with texts intact, the same on a second import', async () => {
        const raw = parse(readFileSync(AIRLINE), { columns: true, bom: true }) as Record<
          string,
          string
        >[];
        const distinct = new Set(raw.map((r) => r.tweet_id));
        const before = (await mentionStats(core.db)).mentions;
        const summary = await importMentions(core, createReadStream(AIRLINE), {
          format: 'csv',
          preset: await loadPreset('airline-2015'),
          actor: adminId,
          connector: 'csv',
          bytesTotal: statSync(AIRLINE).size,
        });
        expect(summary.errors).toBe(0);
        expect(summary.rows).toBe(raw.length);
        expect(summary.imported).toBe(distinct.size);
        expect((await mentionStats(core.db)).mentions - before).toBe(distinct.size);

        const textOf = async (id: string) =>
          (
            await core.db.get<{ text: string }>(`SELECT text FROM mentions WHERE external_id = ?`, [
              id,
            ])
          )?.text;
        const multiLine = raw.find((r) => r.text?.includes('\n'));
        const emoji = raw.find((r) => /\p{Extended_Pictographic}/u.test(r.text ?? ''));
        const amp = raw.find((r) => r.text?.includes('&amp;'));
        for (const r of [multiLine, emoji, amp]) {
          expect(r).toBeDefined();
          expect(await textOf(r?.tweet_id as string)).toBe(r?.text);
        }
        const digest = await stateDigest(core.db);
        const again = await importMentions(core, createReadStream(AIRLINE), {
          format: 'csv',
          preset: await loadPreset('airline-2015'),
          actor: adminId,
          connector: 'csv',
          bytesTotal: null,
        });
        expect(again.imported).toBe(0);
        expect(again.duplicates).toBe(raw.length);
        expect(await stateDigest(core.db)).not.toBe(digest); // duplicates are counted as provenance
        expect((await mentionStats(core.db)).mentions - before).toBe(distinct.size);
      }, 120_000);
    },
  );
});
