import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { PEER_IO_PATH, peerHelloText, type PeerHello } from '../../../shared/contract/peer';
import { StationCore } from '../core/core';
import { opsToShip } from '../db/queries/sync';
import { operatorByUsername } from '../db/queries/people';
import { createManualMention } from '../mentions/commands';
import type { Op } from '../ops/op';
import { sha256Hex } from '../ops/op-id';
import { generateStationKey, signOpId, type StationKey } from '../ops/station-key';
import {
  eventually,
  holdline,
  startStationProcess,
  type StationProcess,
} from '../test-support/station-process';
import { tempDir } from '../test-support/temp-dir';

// These stations write only the ops the test makes: no staffing samples of their own (which
// the station processes inherit from this environment).
process.env.HOLDLINE_STAFFING_SAMPLES = '0';

// A real station (A, a child process) facing a rogue member (R): R joined honestly with the code,
// then answers A's pulls with forged, altered, oversized and foreign batches. Each is refused with
// a log line on A, nothing reaches A's database, and A keeps serving — an honest batch still lands.
let dir: string;
let cleanup: () => void;
let a: StationProcess;
let rogue: StationCore;
let roomId: string;
let honest: Op[];

type Health = { ok: boolean; mentions: number; ops: number };
const health = async () => (await (await fetch(new URL('/health', a.url))).json()) as Health;

function helloFrom(key: StationKey, room: string): PeerHello {
  const h = { roomId: room, stationId: key.stationId, at: new Date().toISOString() };
  return { ...h, sig: signOpId(key, sha256Hex(peerHelloText(h))) };
}

/**
 * Connects to A's /peer as `key`, claiming to hold `ops`, and answers every pull with `batch`.
 * Resolves with the socket once A has pulled (or with the refusal when A turns it away).
 */
function offer(
  key: StationKey,
  ops: readonly Op[],
  batch: unknown,
): Promise<{ socket: Socket; refused: string | null }> {
  const socket = io(`https://${a.address}/peer`, {
    path: PEER_IO_PATH,
    transports: ['websocket'],
    reconnection: false,
    rejectUnauthorized: false,
    auth: helloFrom(key, roomId),
  } as Parameters<typeof io>[1]);
  const last = ops.at(-1);
  socket.on('peer:vector', (_: unknown, ack: (a: unknown) => void) =>
    ack({ ok: true, vector: last ? { [last.origin]: last.seq } : {} }),
  );
  return new Promise((resolve) => {
    socket.on('peer:pull', (_: unknown, ack: (a: unknown) => void) => {
      ack({ ok: true, ops: batch });
      setTimeout(() => resolve({ socket, refused: null }), 300);
    });
    socket.on('connect_error', (err) => resolve({ socket, refused: err.message }));
  });
}

const refusedLine = (text: RegExp) =>
  eventually(`A to log ${text}`, async () =>
    a
      .stderr()
      .split('\n')
      .some((l) => l.startsWith('[peer] refused') && text.test(l)),
  ).catch((err: Error) => {
    throw new Error(`${err.message}; A logged:\n${a.stderr()}`);
  });

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('holdline-peer-security-'));
  writeFileSync(path.join(dir, 'pw'), 'a-long-password\n');
  const init = holdline(
    'init',
    '--data',
    path.join(dir, 'a'),
    '--war-room',
    'Recall',
    '--admin',
    'lead',
    '--password-file',
    path.join(dir, 'pw'),
  );
  expect(init.code, init.stderr).toBe(0);
  const { joinCode, warRoomId } = JSON.parse(init.stdout) as {
    joinCode: string;
    warRoomId: string;
  };
  roomId = warRoomId;
  a = await startStationProcess(path.join(dir, 'a'));
  const join = holdline(
    'join',
    '--data',
    path.join(dir, 'r'),
    '--peer',
    a.address,
    '--code',
    joinCode,
  );
  expect(join.code, join.stderr).toBe(0);

  rogue = await StationCore.open(path.join(dir, 'r'));
  const lead = await operatorByUsername(rogue.read, 'lead');
  if (!lead) throw new Error('accounts did not replicate to the joined station');
  for (const text of ['Recall: my kettle sparks', 'Refund for the kettle?'])
    await createManualMention(rogue, lead.id, {
      channel: 'phone',
      author: { handle: 'caller' },
      text,
    });
  honest = await opsToShip(rogue.read, rogue.stationId, 0, 1 << 20);
  expect(honest).toHaveLength(2);
}, 120_000);

afterAll(async () => {
  await rogue?.close();
  await a?.stop();
  cleanup?.();
});

describe('a member station facing bad peers', () => {
  it('refuses a station that is not a member at the handshake, and logs it', async () => {
    const stranger = generateStationKey().key;
    const { socket, refused } = await offer(stranger, [], []);
    socket.close();
    expect(refused).toMatch(/not an admitted member/);
    await refusedLine(/refused a connection .*not an admitted member/);
  });

  it("refuses a handshake in a member's name signed by another key", async () => {
    const impostor = { ...generateStationKey().key, stationId: rogue.stationId };
    const { socket, refused } = await offer(impostor, [], []);
    socket.close();
    expect(refused).toMatch(/signature does not verify/);
    await refusedLine(/refused a connection .*handshake signature does not verify/);
  });

  const cases: [string, () => unknown, RegExp][] = [
    [
      'a forged op (signed by another key)',
      () => [honest[0], { ...honest[1], sig: signOpId(generateStationKey().key, honest[1]!.id) }],
      /bad signature \(forged\)/,
    ],
    [
      'an altered op in a batch',
      () => [
        honest[0],
        {
          ...honest[1],
          payload: JSON.parse(JSON.stringify(honest[1]!.payload).replace('Refund', 'Free TVs')),
        },
      ],
      /does not match its hash \(altered\)/,
    ],
    [
      'a batch of too many ops',
      () => Array.from({ length: 2_001 }, () => ({})),
      /batch of 2001 ops is over the limit/,
    ],
    [
      'a message over 1 MB',
      () => [{ ...honest[0], payload: { padding: 'x'.repeat(1_100_000) } }],
      /refused a message .*over the 1 MB message limit/,
    ],
    [
      'ops of a station that is not a member',
      () => {
        const stranger = generateStationKey().key.stationId;
        return honest.map((op) => ({ ...op, origin: stranger }));
      },
      /is not an admitted member of this room/,
    ],
    ['a malformed batch', () => [{ id: 'x', seq: 'one' }], /op 0 is malformed/],
  ];

  for (const [what, batch, reason] of cases)
    it(`refuses ${what} with a log line, and nothing reaches the database`, async () => {
      const before = await health();
      const { socket } = await offer(rogue.key, honest, batch());
      await refusedLine(reason);
      socket.close();
      expect(await health()).toEqual(before);
    });

  it('keeps serving: an honest batch from the same member still lands', async () => {
    const before = await health();
    const { socket } = await offer(rogue.key, honest, honest);
    await eventually(
      'the honest mentions on A',
      async () => (await health()).mentions === before.mentions + 2,
    );
    socket.close();
    expect((await health()).ops).toBe(before.ops + 2);
  });
});
