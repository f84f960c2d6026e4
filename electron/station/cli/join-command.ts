import { hostname } from 'node:os';
import type { JoinAnswer } from '../../../shared/contract/peer';
import { StationCore } from '../core/core';
import { countOps } from '../db/queries/ops';
import { getRoom } from '../db/queries/people';
import { JoinRefused, saveBootstrap } from '../room/join';
import { askToJoin } from '../room/join-client';
import { PeerHub } from '../sync/peer-hub';
import { UsageError, parse, required } from './args';

const SYNC_TIMEOUT_MS = 120_000;

/**
 * holdline join: makes DIR a new station of the war room a member at --peer belongs to. The
 * member admits it with the join code; this station then pulls the room's log from it, so
 * `holdline station --data DIR` runs it as a member straight away.
 */
export async function joinCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, {
    data: { type: 'string' },
    peer: { type: 'string' },
    code: { type: 'string' },
    name: { type: 'string' },
  });
  const peer = required(values.peer, '--peer');
  const code = required(values.code, '--code');
  const core = await StationCore.open(required(values.data, '--data'));
  try {
    const existing = await getRoom(core.db);
    if (existing) throw new UsageError(`this station already belongs to "${existing.name}"`);
    let answer: JoinAnswer;
    try {
      answer = await askToJoin(core, peer, code, values.name ?? hostname());
    } catch (err) {
      const why = err instanceof JoinRefused ? 'refused' : 'cannot reach';
      process.stderr.write(`holdline join: ${peer} ${why}: ${(err as Error).message}\n`);
      return 1;
    }
    const { roomId, warRoom, members } = answer;
    await saveBootstrap(core.db, { roomId, members });
    const hub = new PeerHub(core, (line) => process.stderr.write(line + '\n'));
    try {
      const { firstSync } = await hub.dial(peer);
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), SYNC_TIMEOUT_MS);
      });
      const outcome = await Promise.race([firstSync, timedOut]);
      clearTimeout(timer);
      if (outcome === 'timeout' || !(await getRoom(core.db))) {
        process.stderr.write(
          `holdline join: admitted, but the room's log did not arrive from ${peer}; run holdline station --data … --peer ${peer} to finish\n`,
        );
        return 1;
      }
    } finally {
      hub.close();
    }
    process.stdout.write(
      JSON.stringify({
        stationId: core.stationId,
        warRoom,
        warRoomId: roomId,
        ops: await countOps(core.db),
      }) + '\n',
    );
    return 0;
  } finally {
    await core.close();
  }
}
