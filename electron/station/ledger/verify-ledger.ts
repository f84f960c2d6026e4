import type { z } from 'zod';
import type { Op } from '../ops/op';
import { canonicalJson } from '../ops/op-id';
import { ChainVerifier, type ChainProblem } from '../ops/verify-chain';
import { LedgerHeaderSchema, LedgerOpSchema, type LedgerHeader } from './ledger-format';
import { atLine, Findings, type LedgerFinding } from './ledger-findings';
import { checkHeader } from './ledger-header-check';
import {
  admissionIn,
  keyOfStation,
  membersOf,
  type Admission,
  type ChainTrust,
  type Vouchable,
} from './ledger-trust';

/** One chain of a verified ledger. */
export type LedgerChain = { origin: string; ops: number; admitted: boolean; problems: number };

/** What verifyLedger reports. */
export type LedgerReport = {
  ok: boolean;
  /** Op lines after the first line. */
  entries: number;
  chains: LedgerChain[];
  room?: { id: string; name: string };
  genesis?: string;
  firstBad?: LedgerFinding;
};

/** A line's place and op, as the chain checks keep it (the ops themselves are not held). */
type Place = { line: number; id: string; seq: number };

/** One chain as it streams by. */
type ChainState = ChainTrust & {
  verifier: ChainVerifier;
  ops: number;
  problems: number;
  first: Place;
  last: Place;
  /** Admissions and genesis ops waiting for the signature that vouches for them. */
  waiting: Vouchable[];
};

/** A `room.create` op seen in the ledger. */
type RoomCreate = Vouchable & { id: string; payload: unknown };

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** A line's JSON value, or why it has none: it must be exactly the canonical JSON of its value. */
function readLine(raw: string | Uint8Array): { value: unknown } | { reason: string } {
  let text: string;
  try {
    text = typeof raw === 'string' ? raw : decoder.decode(raw);
  } catch {
    return { reason: 'not valid UTF-8' };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { reason: 'not valid JSON' };
  }
  // Only the canonical form is accepted, so no edit can slip through as an equivalent spelling.
  if (canonicalJson(value) !== text) return { reason: 'not in canonical JSON form' };
  return { value };
}

function issueOf(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || 'line'}: ${issue.message}` : 'malformed';
}

/** The station keys the first line gives, each checked against the station id it derives. */
function headerKeys(header: LedgerHeader, findings: Findings): Map<string, string> {
  const keys = new Map<string, string>();
  for (const o of header.origins) {
    if (o.publicKey === null) continue;
    const key = keyOfStation(o.origin, o.publicKey);
    if (key === null)
      findings.add(
        'altered',
        atLine(1, `the key it gives station ${o.origin} is not that station's`),
      );
    else keys.set(o.origin, key);
  }
  return keys;
}

/**
 * Verifies a ledger export (DECISIONS.md 6) as it streams in, holding one small state per chain:
 * every line canonical JSON of the expected shape; every chain whole (ChainVerifier) and signed
 * with its station's key; every station admitted by the room's own ops from its genesis on; the
 * signed first line agreeing with what follows. Reports the first bad line (the first line is 1).
 */
export async function verifyLedger(
  lines: Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>,
): Promise<LedgerReport> {
  const findings = new Findings();
  const chains = new Map<string, ChainState>();
  const admissions: Admission[] = [];
  const roomCreates: RoomCreate[] = [];
  let header: LedgerHeader | undefined;
  let keys = new Map<string, string>();
  let line = 0;
  let withPayload = 0;
  const problem = (chain: ChainState, p: ChainProblem, at: number, origin: string) => {
    findings.add('altered', { line: at, opId: p.opId, origin, seq: p.seq, reason: p.reason });
    chain.problems += 1;
    chain.firstProblemSeq = Math.min(chain.firstProblemSeq, p.seq);
  };

  for await (const raw of lines) {
    line += 1;
    const read = readLine(raw);
    if ('reason' in read) {
      findings.add('altered', atLine(line, read.reason));
      continue;
    }
    if (line === 1) {
      const h = LedgerHeaderSchema.safeParse(read.value);
      if (!h.success)
        findings.add('altered', atLine(1, `not a ledger's first line (${issueOf(h.error)})`));
      else {
        header = h.data;
        keys = headerKeys(header, findings);
      }
      continue;
    }
    const parsed = LedgerOpSchema.safeParse(read.value);
    if (!parsed.success) {
      findings.add('altered', atLine(line, `not an op (${issueOf(parsed.error)})`));
      continue;
    }
    const op: Op = { ...parsed.data, subject: null };
    const place = { line, id: op.id, seq: op.seq };
    let chain = chains.get(op.origin);
    if (!chain) {
      const publicKey = keys.get(op.origin) ?? null;
      chain = {
        verifier: new ChainVerifier(publicKey),
        publicKey,
        firstProblemSeq: Infinity,
        ops: 0,
        problems: 0,
        first: place,
        last: place,
        waiting: [],
      };
      chains.set(op.origin, chain);
    } else if (op.seq <= chain.last.seq) {
      const reason = `seq ${op.seq} comes after seq ${chain.last.seq} of its chain`;
      findings.add('altered', { line, opId: op.id, origin: op.origin, seq: op.seq, reason });
      continue;
    }
    chain.ops += 1;
    chain.last = place;
    for (const p of chain.verifier.next(op)) problem(chain, p, line, op.origin);
    if (op.payload !== null) withPayload += 1;
    const admission = admissionIn(op);
    if (admission) admissions.push(admission);
    const waiting: Vouchable[] = admission ? [admission] : [];
    if (op.type === 'room.create') {
      const created = { by: op.origin, seq: op.seq, id: op.id, payload: op.payload };
      roomCreates.push(created);
      waiting.push(created);
    }
    chain.waiting.push(...waiting);
    if (op.sig !== null) {
      for (const w of chain.waiting) w.vouchSeq = op.seq;
      chain.waiting = [];
    }
  }
  if (line === 0) findings.add('altered', atLine(1, 'the file is empty'));
  // A chain ending unsigned lacks the lines after its last op: the first of those is named.
  for (const [origin, chain] of chains)
    for (const p of chain.verifier.end()) problem(chain, p, chain.last.line + 1, origin);

  const genesis = header
    ? roomCreates.find((o) => o.id === header?.genesis)
    : roomCreates.find((o) => o.seq === 1);
  const members = membersOf(genesis, admissions, chains);
  for (const [origin, chain] of chains) {
    if (members.has(origin)) continue;
    const named = admissions.some((a) => a.station === origin);
    findings.add('disagreeing', {
      line: chain.first.line,
      opId: chain.first.id,
      origin,
      seq: chain.first.seq,
      reason: named
        ? `station ${origin} is not admitted by a verified member of the room`
        : `station ${origin} has no admission in this export`,
    });
  }
  if (header)
    checkHeader(
      header,
      {
        genesis,
        chains,
        admissions,
        members,
        entries: line - 1,
        withPayload,
        exporterKey: chains.get(header.exportedBy)?.verifier.currentKey ?? null,
      },
      findings,
    );

  const first = findings.first;
  const report: LedgerReport = {
    ok: first === undefined,
    entries: Math.max(0, line - 1),
    chains: [...chains].map(([origin, c]) => ({
      origin,
      ops: c.ops,
      admitted: members.has(origin),
      problems: c.problems,
    })),
  };
  if (header) {
    report.room = header.room;
    report.genesis = header.genesis;
  }
  if (first) report.firstBad = first;
  return report;
}
