import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Facets, MentionQuery } from '../../../../shared/contract/mentions';
import type { Mention } from '../../../../shared/domain/mention';
import { importMentions } from '../../ingest/import-job';
import { actOnMention } from '../../mentions/commands';
import { testCores } from '../../test-support/test-cores';
import { mentionFacets } from './mention-facets';
import { mentionWindow } from './mention-reads';

const { openRoom } = testCores();

const TEXTS = [
  'love the crew, thank you so much',
  'my bag is lost and nobody answers, terrible',
  'el vuelo está retrasado otra vez y nadie responde',
  'flight delayed again',
  'le vol est annulé et personne ne répond',
];
const CHANNELS = ['twitter', 'facebook', 'instagram'];
const BRANDS = ['Skyways', 'Jetline', null];

async function room() {
  const { core, adminId } = await openRoom('Facets');
  const lines = Array.from({ length: 90 }, (_, i) =>
    JSON.stringify({
      id: `f${i}`,
      channel: CHANNELS[i % 3],
      author: `@p${i % 7}`,
      text: `${TEXTS[i % 5]} #${i}`,
      created_at: new Date(Date.UTC(2015, 1, 17, 9, i)).toISOString(),
      ...(BRANDS[i % 3 === 0 ? 2 : (i >> 2) % 2] ? { brand: BRANDS[(i >> 2) % 2] } : {}),
    }),
  );
  await importMentions(core, Readable.from([lines.join('\n') + '\n']), {
    format: 'jsonl',
    actor: adminId,
    connector: 'jsonl',
    bytesTotal: null,
    thread: 'here',
  });
  const all = await window(core, {});
  for (const [i, m] of all.entries()) {
    if (i % 4 === 1) await actOnMention(core, adminId, m.id, 'mention.answer');
    if (i % 9 === 2) await actOnMention(core, adminId, m.id, 'mention.close');
  }
  return core;
}

const query = (q: Partial<MentionQuery>): MentionQuery => ({
  search: '',
  statuses: [],
  channels: [],
  sentiments: [],
  languages: [],
  brands: [],
  departments: [],
  sort: 'newest',
  ...q,
});

async function window(
  core: Awaited<ReturnType<typeof openRoom>>['core'],
  q: Partial<MentionQuery>,
) {
  return (await mentionWindow(core.read, query(q), 0, 1000)).rows;
}

// The same counts by hand over the given mentions (the list filters only): each facet with the
// other filters applied and its own left out.
function countByHand(all: Mention[], q: MentionQuery): Facets {
  const fields = [
    ['byStatus', 'statuses', (m: Mention) => m.status],
    ['byChannel', 'channels', (m: Mention) => m.channel],
    ['bySentiment', 'sentiments', (m: Mention) => m.sentimentLabel],
    ['byLanguage', 'languages', (m: Mention) => m.language],
    ['byBrand', 'brands', (m: Mention) => m.brand],
    ['byDepartment', 'departments', (m: Mention) => m.department],
  ] as const;
  const keep = (m: Mention, skip?: string) =>
    fields.every(([, filter, get]) => {
      const wanted: readonly string[] = q[filter];
      return filter === skip || wanted.length === 0 || wanted.includes(get(m) ?? '');
    });
  const out: Facets = {
    total: all.filter((m) => keep(m)).length,
    byStatus: {},
    byChannel: {},
    bySentiment: {},
    byLanguage: {},
    byBrand: {},
    byDepartment: {},
  };
  for (const [key, filter, get] of fields) {
    for (const m of all) {
      const v = get(m);
      if (v !== null && keep(m, filter)) out[key][v] = (out[key][v] ?? 0) + 1;
    }
  }
  return out;
}

describe('mention facets', () => {
  it('count each filter value over the room, each facet with the other filters applied', async () => {
    const core = await room();
    const all = await window(core, {});
    expect(all).toHaveLength(90);
    const unfiltered = await mentionFacets(core.read, query({}));
    expect(unfiltered).toEqual(countByHand(all, query({})));
    // The fixture has the variety the comparison needs.
    expect(Object.keys(unfiltered.byStatus).length).toBeGreaterThanOrEqual(3);
    expect(Object.keys(unfiltered.byLanguage).length).toBeGreaterThanOrEqual(2);
    expect(Object.keys(unfiltered.bySentiment).length).toBeGreaterThanOrEqual(2);
    expect(unfiltered.byBrand).toEqual({
      Skyways: expect.any(Number),
      Jetline: expect.any(Number),
    });

    for (const filters of [
      { channels: ['twitter' as const] },
      { statuses: ['answered' as const], brands: ['Jetline'] },
      { channels: ['facebook' as const, 'instagram' as const], sentiments: ['negative' as const] },
      { languages: ['es'], statuses: ['open' as const, 'closed' as const] },
      { authorHandle: '@p3', brands: ['Skyways'] },
    ]) {
      const q = query(filters);
      const facets = await mentionFacets(core.read, q);
      const byAuthor = all.filter((m) => !q.authorHandle || m.author.handle === q.authorHandle);
      expect(facets, JSON.stringify(filters)).toEqual(countByHand(byAuthor, q));
      // The total is what the queue lists for the same query.
      expect(facets.total).toBe((await window(core, filters)).length);
    }
  });

  it('with a search, count the search hits', async () => {
    const core = await room();
    const q = query({ search: 'bag', channels: ['twitter'] });
    const hits = await window(core, { search: 'bag' });
    expect(hits.length).toBeGreaterThan(0);
    expect(await mentionFacets(core.read, q)).toEqual(countByHand(hits, q));
  });
});
