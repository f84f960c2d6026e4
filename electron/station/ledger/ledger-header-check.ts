import { RoomCreateV1 } from '../ops/payloads';
import { headerSigValid, type LedgerHeader } from './ledger-format';
import { atLine, type Findings } from './ledger-findings';
import type { Admission } from './ledger-trust';

/** What the lines after the first one turned out to hold. */
export type LedgerSeen = {
  genesis: { payload: unknown } | undefined;
  chains: ReadonlyMap<string, { ops: number; last: { id: string } }>;
  admissions: readonly Admission[];
  members: ReadonlySet<string>;
  entries: number;
  withPayload: number;
  /** The exporting station's key at the end of its chain in the export (after key rotations). */
  exporterKey?: string | null;
};

/**
 * Checks the first line: its signature, by the exporting station's key as the export's own
 * admissions name it, and that it describes what follows (room, genesis, chains, counts).
 */
export function checkHeader(header: LedgerHeader, seen: LedgerSeen, findings: Findings): void {
  const disagree = (reason: string) => findings.add('disagreeing', atLine(1, reason));
  const by = header.exportedBy;
  const admitted = seen.admissions.find((a) => a.station === by)?.publicKey;
  // A station that rotated its key signs with the key its chain (checked from the admission on) ends with.
  const key = admitted === undefined ? undefined : (seen.exporterKey ?? admitted);
  if (key === undefined) disagree(`the exporting station ${by} has no admission in this export`);
  else if (!headerSigValid(header, key))
    findings.add('altered', atLine(1, 'the first line’s signature does not verify'));
  else if (!seen.members.has(by)) disagree(`the exporting station ${by} is not a member`);

  const room = seen.genesis && RoomCreateV1.safeParse(seen.genesis.payload);
  if (!room) disagree('the genesis op it names is not in the export');
  else if (
    !room.success ||
    room.data.roomId !== header.room.id ||
    room.data.name !== header.room.name
  )
    disagree('the room it names is not the one its genesis op created');

  const chains = [...seen.chains];
  if (header.origins.length !== chains.length)
    disagree(`it lists ${header.origins.length} chains, the file holds ${chains.length}`);
  header.origins.forEach((o, i) => {
    const [origin, chain] = chains[i] ?? [];
    if (origin !== o.origin) disagree(`chain ${i + 1} should be station ${o.origin}'s`);
    else if (chain?.ops !== o.ops || chain.last.id !== o.head)
      disagree(`station ${o.origin}'s chain should hold ${o.ops} ops up to ${o.head}`);
  });

  const { ops, withPayload, stubs } = header.counts;
  if (ops !== seen.entries || withPayload !== seen.withPayload)
    disagree(
      `it counts ${ops} ops (${withPayload} with payloads); the file holds ${seen.entries} (${seen.withPayload})`,
    );
  if (stubs !== ops - withPayload) disagree('its count of stubs does not add up');
}
