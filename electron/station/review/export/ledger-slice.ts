import type { Writable } from 'node:stream';
import type { Sql } from '../../db/connection';
import { chainPage, chainSpans, genesisOpId, inReadSnapshot } from '../../db/queries/ledger';
import { getRoom, listStations } from '../../db/queries/people';
import { NoRoomError } from '../../ledger/export-ledger';
import {
  LEDGER_FORMAT,
  LEDGER_VERSION,
  ledgerLineOf,
  signHeader,
  type LedgerHeader,
} from '../../ledger/ledger-format';
import { LEDGER_PAYLOAD_OPS, LEDGER_PEOPLE_OPS } from '../../ledger/ledger-ops';
import { canonicalJson } from '../../ops/op-id';
import type { StationKey } from '../../ops/station-key';
import type { TimeWindow } from '../../../../shared/analytics/review-input';
import { MESSAGE_OPS } from '../../../../shared/messaging/message-state';
import { writeChunk } from './write-chunk';

const PAGE_OPS = 2_000;
const hlcAt = (ms: number) => String(Math.max(0, Math.floor(ms))).padStart(15, '0');

/**
 * The messaging ops whose payloads a review's slice keeps: every op of each message that had an
 * op in the window (a statement sent in it keeps the drafts and approvals that led to it, even
 * from before), and the approval policies in force during it.
 */
async function keptMessagingOps(sql: Sql, w: TimeWindow): Promise<Set<string>> {
  const types = JSON.stringify(MESSAGE_OPS);
  const rows = await sql.all<{ id: string }>(
    `SELECT id FROM ops WHERE type IN (SELECT value FROM json_each(?)) AND payload IS NOT NULL
       AND subject IN (SELECT DISTINCT subject FROM ops
                       WHERE type IN (SELECT value FROM json_each(?)) AND hlc >= ? AND hlc < ?)
     UNION
     SELECT id FROM ops WHERE type = 'policy.set' AND payload IS NOT NULL AND hlc >= ? AND hlc < ?
     UNION
     SELECT id FROM (SELECT id FROM ops WHERE type = 'policy.set' AND payload IS NOT NULL AND hlc < ?
                     ORDER BY hlc DESC LIMIT 1)`,
    [types, types, hlcAt(w.from), hlcAt(w.to), hlcAt(w.from), hlcAt(w.to), hlcAt(w.from)],
  );
  return new Set(rows.map((r) => r.id));
}

/**
 * A review's slice of the ledger (DECISIONS.md 6): like `holdline ledger export`, every op of
 * every chain, so it verifies end to end, but with payloads only for what was said about the
 * review's window (keptMessagingOps) and for the room's genesis and station admissions (the keys
 * it is checked with); everything else is a stub. Redacted, the messaging payloads are stubs too.
 * Reads one snapshot through `readSql` (a connection of its own); does not end `out`.
 */
export async function exportLedgerSlice(
  readSql: Sql,
  out: Writable,
  opts: { key: StationKey; window: TimeWindow; redact: boolean; now?: () => Date },
): Promise<LedgerHeader> {
  return inReadSnapshot(readSql, async () => {
    const room = await getRoom(readSql);
    const genesis = room && (await genesisOpId(readSql, room.id));
    if (!room || !genesis) throw new NoRoomError('this data folder holds no war room yet');
    const payloadTypes: readonly string[] = opts.redact ? LEDGER_PEOPLE_OPS : LEDGER_PAYLOAD_OPS;
    const people = new Set<string>(LEDGER_PEOPLE_OPS);
    const kept = opts.redact ? new Set<string>() : await keptMessagingOps(readSql, opts.window);
    const spans = await chainSpans(readSql, LEDGER_PEOPLE_OPS);
    const keys = new Map((await listStations(readSql)).map((s) => [s.id, s.public_key]));
    const ops = spans.reduce((n, s) => n + s.ops, 0);
    const withPayload = spans.reduce((n, s) => n + s.withPayload, 0) + kept.size;
    const header = signHeader(
      {
        format: LEDGER_FORMAT,
        version: LEDGER_VERSION,
        room: { id: room.id, name: room.name },
        genesis,
        exportedAt: (opts.now?.() ?? new Date()).toISOString(),
        exportedBy: opts.key.stationId,
        payloadTypes: [...payloadTypes].sort(),
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
    await writeChunk(out, canonicalJson(header) + '\n');
    for (const span of spans) {
      for (let after = 0; ;) {
        const page = await chainPage(readSql, span.origin, after, PAGE_OPS, payloadTypes);
        let chunk = '';
        for (const { payloadText, ...op } of page) {
          const keep = payloadText !== null && (people.has(op.type) || kept.has(op.id));
          const payload = keep ? (JSON.parse(payloadText) as unknown) : null;
          chunk += ledgerLineOf({ ...op, payload }) + '\n';
        }
        if (chunk) await writeChunk(out, chunk);
        const last = page.at(-1);
        if (!last || page.length < PAGE_OPS) break;
        after = last.seq;
      }
    }
    return header;
  });
}
