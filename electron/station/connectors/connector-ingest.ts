import type { MentionInput } from '../../../shared/domain/mention';
import type { StationCore } from '../core/core';
import { ingestDrafts, prepareIngestItem, type PreparedItem } from '../ingest/ingest-draft';
import { SYSTEM_ACTOR } from '../ops/op';
import type { IngestSource } from '../ops/payloads';
import { routerForOne } from '../routing/rules-service';
import type { IngestRouter } from '../routing/ingest-router';
import type { IngestOutcome } from './connector-kind';

/**
 * Takes a connector's mentions in: each enriched and routed with the author's history (like a
 * mention typed in: connector batches are small), then committed as one transaction of
 * mention.ingest ops by the station itself. Duplicates (same channel and external id, in the
 * batch or already here) collapse into one mention and are counted (DECISIONS.md 7).
 */
export async function ingestFromConnector(
  core: StationCore,
  inputs: readonly MentionInput[],
  source: IngestSource,
): Promise<IngestOutcome> {
  if (inputs.length === 0) return { accepted: 0, duplicates: 0 };
  const routers = new Map<string, IngestRouter>();
  const prepared: PreparedItem[] = [];
  for (const mention of inputs) {
    // The author's history depends on who they are on which channel (routing/rules-service).
    const who = JSON.stringify([mention.channel, mention.author]);
    let route = routers.get(who);
    if (!route) routers.set(who, (route = await routerForOne(core.read, mention)));
    prepared.push(prepareIngestItem(mention, undefined, route));
  }
  const applied = await core.commit(ingestDrafts(prepared, SYSTEM_ACTOR, source));
  return { accepted: applied.newMentions, duplicates: inputs.length - applied.newMentions };
}
