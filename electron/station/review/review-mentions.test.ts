import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { testCores } from '../test-support/test-cores';
import { loadPreset } from '../connectors/preset';
import { allOps } from '../db/queries/ops';
import { importMentions } from '../ingest/import-job';
import { actOnMention, claimMention, createManualMention } from '../mentions/commands';
import { outcomes } from '../../../shared/analytics/outcomes';
import { volumePerInterval } from '../../../shared/analytics/volume';
import { reviewMentions } from './review-mentions';
import { ingestDraft } from '../ingest/ingest-draft';

const AIRLINE = path.resolve(
  process.env.HOLDLINE_SHARED_DATA ?? path.resolve(__dirname, '../../../../shared/data'),
  'airline-tweets-2015.csv',
);
const HOUR = 3_600_000;
const cores = testCores();
const ALWAYS = { from: 0, to: Date.parse('2100-01-01') };

describe('review mentions', () => {
  it('keep when each was first answered, closed or ignored, and whether anyone touched it; the same on a peer', async () => {
    const { core, adminId } = await cores.openRoom();
    const make = (text: string) =>
      createManualMention(core, adminId, {
        channel: 'phone',
        author: { handle: 'caller' },
        text,
      });
    const a = await make('my kettle sparked');
    const b = await make('wrong number');
    const c = await make('is the shop open');
    await claimMention(core, adminId, a.id, null);
    await actOnMention(core, adminId, a.id, 'mention.answer');
    await actOnMention(core, adminId, a.id, 'mention.close');
    await actOnMention(core, adminId, b.id, 'mention.ignore');
    const got = (await reviewMentions(core.db, ALWAYS)).toArray();
    const byId = new Map(got.map((m) => [m.id, m]));
    const ma = byId.get(a.id);
    expect(ma?.firstAnswerAt).not.toBeNull();
    expect(ma?.closedAt).toBeGreaterThanOrEqual(ma?.firstAnswerAt as number);
    expect(ma?.touched).toBe(true);
    expect(byId.get(b.id)).toMatchObject({ firstAnswerAt: null, ignoredAt: expect.any(Number) });
    expect(byId.get(c.id)).toMatchObject({ touched: false, firstAnswerAt: null });
    expect(outcomes(got)).toMatchObject({ answered: 1, ignored: 1, neverTouched: 1 });

    const peer = await cores.open();
    await peer.applyReplicated(await allOps(core.db));
    const sort = (ms: typeof got) => [...ms].sort((x, y) => (x.id < y.id ? -1 : 1));
    expect(sort((await reviewMentions(peer.db, ALWAYS)).toArray())).toEqual(sort(got));
  });

  it('read page after page the same as at once, mentions of the same instant included', async () => {
    const { core, adminId } = await cores.openRoom();
    const at = (i: number) => new Date(Date.UTC(2026, 1, 7, 18, Math.floor(i / 3))).toISOString();
    await core.commit(
      Array.from({ length: 11 }, (_, i) =>
        ingestDraft(
          {
            channel: 'twitter',
            externalId: String(100 + ((i * 7) % 11)),
            author: { handle: `@p${i % 4}` },
            text: `mention ${i}`,
            occurredAt: at(i),
            metadata: {},
          },
          adminId,
          { connector: 'manual' },
        ),
      ),
    );
    const whole = (await reviewMentions(core.db, ALWAYS)).toArray();
    expect(whole).toHaveLength(11);
    for (const pageRows of [1, 2, 3, 11])
      expect((await reviewMentions(core.db, ALWAYS, { pageRows })).toArray()).toEqual(whole);
  });

  it('read reach from the source’s own metadata names, numbers only', async () => {
    const { core, adminId } = await cores.openRoom();
    const mention = (externalId: string, metadata: Record<string, string | number>) =>
      ingestDraft(
        {
          channel: 'twitter',
          externalId,
          author: { handle: '@kim' },
          text: 'my flight was cancelled',
          occurredAt: new Date().toISOString(),
          metadata,
        },
        adminId,
        { connector: 'manual' },
      );
    await core.commit([
      mention('1', { retweet_count: 3, favorite_count: 7, user_followers_count: 120 }),
      mention('2', { retweet_count: '3', likes: -1 }),
    ]);
    const got = new Map(
      (await reviewMentions(core.db, ALWAYS)).toArray().map((m) => [m.id, m.reach]),
    );
    expect(got.get('twitter:1')).toEqual({ retweets: 3, likes: 7, followers: 120 });
    expect(got.get('twitter:2')).toEqual({});
  });

  describe.skipIf(!existsSync(AIRLINE))(
    'the real airline file (skipped: ../shared/data is absent)',
    () => {
      it('gives the volume per hour per brand counted straight from the file', async () => {
        const { core, adminId } = await cores.openRoom();
        await importMentions(core, createReadStream(AIRLINE), {
          format: 'csv',
          preset: await loadPreset('airline-2015'),
          actor: adminId,
          connector: 'csv',
          bytesTotal: statSync(AIRLINE).size,
        });
        // Counted from the file with nothing of Holdline's: one per tweet id, by its own time.
        const raw = parse(readFileSync(AIRLINE), { columns: true, bom: true }) as Record<
          string,
          string
        >[];
        const seen = new Set<string>();
        const expected = new Map<string, number>();
        let from = Infinity;
        const rows: { at: number; airline: string }[] = [];
        for (const r of raw) {
          if (seen.has(r.tweet_id as string)) continue;
          seen.add(r.tweet_id as string);
          const [date, time, zone] = (r.tweet_created as string).split(' ') as [
            string,
            string,
            string,
          ];
          const at = Date.parse(`${date}T${time}${zone.slice(0, 3)}:${zone.slice(3)}`);
          rows.push({ at, airline: r.airline as string });
          from = Math.min(from, at);
        }
        from = Math.floor(from / HOUR) * HOUR;
        for (const { at, airline } of rows) {
          const key = `${Math.floor((at - from) / HOUR)}|${airline}`;
          expected.set(key, (expected.get(key) ?? 0) + 1);
        }
        const to = Math.max(...rows.map((r) => r.at)) + 1;
        const volume = volumePerInterval(
          await reviewMentions(core.db, { from, to }),
          { from, to },
          HOUR,
          (m) => m.brand,
        );
        const got = new Map<string, number>();
        volume.forEach((v, i) => {
          for (const [brand, n] of Object.entries(v.byKey)) got.set(`${i}|${brand}`, n);
        });
        expect(got).toEqual(expected);
        expect(volume.reduce((n, v) => n + v.count, 0)).toBe(seen.size);
      }, 120_000);
    },
  );
});
