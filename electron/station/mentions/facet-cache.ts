import type { Facets, MentionQuery } from '../../../shared/contract/mentions';
import type { StationCore } from '../core/core';
import { mentionFacets } from '../db/queries/mention-facets';

// Facet counts are a handful of GROUP BYs over the whole room: at a million mentions that is a
// second of work. While mentions stream in, desks get counts at most this old instead.
const MAX_STALE_MS = 3_000;
const MAX_ENTRIES = 50;

type Entry = { facets: Facets; generation: number; at: number; pending?: Promise<Facets> };

/** Caches facet counts per query until the data changes (and for a few seconds while it does). */
export class FacetCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly core: StationCore) {}

  /** Facets for a query, from the cache when still fresh enough. */
  async get(q: MentionQuery): Promise<Facets> {
    const key = JSON.stringify(q);
    const hit = this.entries.get(key);
    const now = Date.now();
    if (hit && (hit.generation === this.core.generation || now - hit.at < MAX_STALE_MS))
      return hit.facets;
    if (hit?.pending) return hit.pending;
    const generation = this.core.generation;
    const pending = mentionFacets(this.core.read, q);
    if (hit) hit.pending = pending;
    try {
      const facets = await pending;
      this.entries.delete(key);
      this.entries.set(key, { facets, generation, at: Date.now() });
      if (this.entries.size > MAX_ENTRIES)
        this.entries.delete(this.entries.keys().next().value as string);
      return facets;
    } finally {
      if (hit) delete hit.pending;
    }
  }
}
