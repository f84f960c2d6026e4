import type { IncomingMessage, ServerResponse } from 'node:http';
import { JoinRequestSchema } from '../../../shared/contract/peer';
import type { StationCore } from '../core/core';
import { JoinRefused, admitByProof } from '../room/join';
import { readJson, sendError, sendJson } from './respond';

/**
 * POST /api/join, over TLS only (the server sees to that): admits a new station that proves it
 * holds the room's join code (issue "LAN sync"). Refusals are logged with the caller's address:
 * a wrong code may be someone guessing.
 */
export async function joinRoute(
  core: StationCore,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const parsed = JoinRequestSchema.safeParse(await readJson(req));
  if (!parsed.success)
    return sendError(
      res,
      'invalid',
      'a join needs stationId, publicKey, name, tlsCert, nonce and proof',
    );
  try {
    sendJson(res, 200, await admitByProof(core, parsed.data));
  } catch (err) {
    if (!(err instanceof JoinRefused)) throw err;
    console.error(
      `[join] refused station ${parsed.data.stationId} from ${req.socket.remoteAddress}: ${err.message}`,
    );
    sendError(res, 'forbidden', err.message);
  }
}
