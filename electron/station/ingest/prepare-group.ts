import { itemsOfRecords } from '../connectors/record-items';
import type { Preset } from '../connectors/preset';
import type { RawRecord } from '../connectors/record-splitter';
import { IngestPacker, prepareIngestItem } from './ingest-draft';
import type { PrepareOptions, PreparedBatch } from './prepare-batches';
import { createIngestRouter, type IngestRouter } from '../routing/ingest-router';

// Records mapped at a time within a group.
const SLICE = 500;

/** A run of an input's records, cut by the station for one import worker (in input order). */
export type RecordGroup = {
  /** Its place among the input's groups, from 0: batches are committed in this order. */
  seq: number;
  records: RawRecord[];
  /** The CSV header the records are read under ([] for JSONL). */
  header: string[];
  /** Bytes of the input read when the group was cut. */
  bytesRead: number;
};

// One router per worker's options (one import): the rules are compiled once per worker.
const routers = new WeakMap<object, IngestRouter>();
function routerFor(opts: PrepareOptions): IngestRouter | undefined {
  if (!opts.routing) return undefined;
  let r = routers.get(opts);
  if (!r) routers.set(opts, (r = createIngestRouter(opts.routing)));
  return r;
}

/**
 * Maps, enriches and hashes one group of records into a commit's batch (pure: runs in an import
 * worker). Every refused row is listed; the station caps how many it reports over the input.
 */
export function prepareGroup(
  group: RecordGroup,
  opts: PrepareOptions & { preset: Preset },
): PreparedBatch {
  const packer = new IngestPacker(opts.source);
  const route = routerFor(opts);
  const rowErrors: PreparedBatch['rowErrors'] = [];
  let rows = 0;
  let mentions = 0;
  // A slice at a time, so a slice's parsed fields and objects die young (cheap to collect).
  for (let at = 0; at < group.records.length; at += SLICE) {
    const slice = group.records.slice(at, at + SLICE);
    for (const item of itemsOfRecords(slice, opts.format, group.header, opts.preset)) {
      rows += 1;
      if ('error' in item) rowErrors.push({ line: item.line, reason: item.error });
      else {
        mentions += 1;
        packer.add(prepareIngestItem(item.input, item.line, route));
      }
    }
  }
  return {
    packed: packer.finish(),
    mentions,
    rows,
    errors: rowErrors.length,
    rowErrors,
    bytesRead: group.bytesRead,
  };
}
