import { z } from 'zod';
import type { ConnectorContext, ConnectorKind } from '../connector-kind';
import { feedEntries } from './feed-entries';
import { fetchFeed, type FeedValidators } from './fetch-feed';

/** A feed's settings (connectors.yaml, or the admin form). */
export const RssSettings = z.object({
  url: z.url({ protocol: /^https?$/ }).describe('Address of the RSS or Atom feed'),
  intervalSeconds: z
    .number()
    .int()
    .min(1)
    .max(86_400)
    .default(300)
    .describe('Seconds between looks at the feed (after an error it waits longer, up to an hour)'),
  channel: z.enum(['rss', 'web']).default('rss').describe('Channel its entries come in on'),
  brand: z.string().trim().min(1).max(128).optional().describe('Brand its entries are about'),
});
type Settings = z.output<typeof RssSettings>;

// Entry ids remembered per feed: far more than any feed lists at once, so an entry that drops
// off the feed and comes back (a republished story) is still known.
const KEEP_SEEN = 20_000;

/**
 * One feed: a conditional GET every interval (304: nothing to do), new entries by id taken in,
 * then the entry ids and the feed's validators stored, so a restart re-polls without adding
 * anything. Text that is not a feed is reported in its health and retried with back-off.
 */
async function startFeed(ctx: ConnectorContext<Settings>) {
  const s = ctx.config;
  const poll = async () => {
    const got = await fetchFeed(s.url, await ctx.cursor.load<FeedValidators>(), ctx.signal);
    if (!got.changed) return;
    const { mentions, skipped } = await feedEntries(got.text, {
      feedUrl: s.url,
      channel: s.channel,
      brand: s.brand,
      now: () => new Date(),
    });
    const held = await ctx.seen.among(mentions.map((m) => m.externalId));
    const fresh = [...new Map(mentions.map((m) => [m.externalId, m])).values()].filter(
      (m) => !held.has(m.externalId),
    );
    if (fresh.length > 0) {
      await ctx.ingest(fresh);
      await ctx.seen.add(fresh.map((m) => m.externalId));
      await ctx.seen.prune(KEEP_SEEN);
    }
    // Entries that cannot be a mention are told once, not at every poll.
    const skippedKeys = skipped.map((line) => `skipped:${line.split(':')[0]}`);
    const newSkips = skippedKeys.length > 0 ? await ctx.seen.among(skippedKeys) : new Set();
    const toTell = skipped.filter((_, i) => !newSkips.has(skippedKeys[i] as string));
    if (toTell.length > 0) {
      ctx.log(`skipped ${toTell.length} entries: ${toTell.slice(0, 3).join('; ')}`);
      await ctx.seen.add(skippedKeys);
    }
    await ctx.cursor.save(got.validators);
  };
  ctx.poll(poll, s.intervalSeconds * 1000);
  return { stop: async () => undefined };
}

/** RSS and Atom feeds (news, blogs, review sites, status pages), polled. */
export const rssKind: ConnectorKind<typeof RssSettings> = {
  kind: 'rss',
  title: 'RSS / Atom feed',
  settings: RssSettings,
  secrets: [],
  start: startFeed,
};
