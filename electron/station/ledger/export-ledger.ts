import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Sql } from '../db/connection';
import { getRoom, listStations } from '../db/queries/people';
import { canonicalJson } from '../ops/op-id';
import type { StationKey } from '../ops/station-key';
import {
  LEDGER_FORMAT,
  LEDGER_VERSION,
  ledgerLineOf,
  signHeader,
  type LedgerHeader,
} from './ledger-format';
import { LEDGER_PAYLOAD_OPS } from './ledger-ops';
import { chainPage, chainSpans, genesisOpId, inReadSnapshot } from '../db/queries/ledger';

/** Ops read and written per step: memory stays flat however long the log is. */
const PAGE_OPS = 2_000;

/** Thrown when the data folder holds no war room to export. */
export class NoRoomError extends Error {}

/**
 * Writes the room's ledger as JSON Lines (DECISIONS.md 6): a signed first line describing the
 * export, then every op of every chain, by origin then seq — messaging, room and people ops with
 * their payloads, every other op (and any payload erased or withheld) as a stub. Reads one
 * snapshot through `readSql` (a read-only connection of its own: the station may keep writing)
 * page by page; does not end `out`. Returns the first line.
 */
export async function exportLedger(
  readSql: Sql,
  out: Writable,
  opts: { key: StationKey; now?: () => Date },
): Promise<LedgerHeader> {
  return inReadSnapshot(readSql, async () => {
    const room = await getRoom(readSql);
    const genesis = room && (await genesisOpId(readSql, room.id));
    if (!room || !genesis) throw new NoRoomError('this data folder holds no war room yet');
    const spans = await chainSpans(readSql, LEDGER_PAYLOAD_OPS);
    const keys = new Map((await listStations(readSql)).map((s) => [s.id, s.public_key]));
    const ops = spans.reduce((n, s) => n + s.ops, 0);
    const withPayload = spans.reduce((n, s) => n + s.withPayload, 0);
    const header = signHeader(
      {
        format: LEDGER_FORMAT,
        version: LEDGER_VERSION,
        room: { id: room.id, name: room.name },
        genesis,
        exportedAt: (opts.now?.() ?? new Date()).toISOString(),
        exportedBy: opts.key.stationId,
        payloadTypes: [...LEDGER_PAYLOAD_OPS].sort(),
        origins: spans.map((s) => ({
          origin: s.origin,
          ops: s.ops,
          head: s.head,
          publicKey: keys.get(s.origin) ?? null,
        })),
        counts: { ops, withPayload, stubs: ops - withPayload },
      },
      opts.key,
    );
    await write(out, canonicalJson(header) + '\n');
    for (const span of spans) {
      let after = 0;
      for (;;) {
        const page = await chainPage(readSql, span.origin, after, PAGE_OPS, LEDGER_PAYLOAD_OPS);
        let chunk = '';
        for (const { payloadText, ...op } of page) {
          const payload = payloadText === null ? null : (JSON.parse(payloadText) as unknown);
          chunk += ledgerLineOf({ ...op, payload }) + '\n';
        }
        if (chunk) await write(out, chunk);
        const last = page.at(-1);
        if (!last || page.length < PAGE_OPS) break;
        after = last.seq;
      }
    }
    return header;
  });
}

/** Writes, waiting for the stream to drain when its buffer is full. */
async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}
