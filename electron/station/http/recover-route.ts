import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StationCore } from '../core/core';
import { RecoveryRefused, recordRecovery } from '../room/room-recovery';
import { isLoopback } from './api-routes';
import { readJson, sendError, sendJson } from './respond';

/**
 * POST /api/recover: records a recovery that `holdline recover` signed with the room's recovery
 * code on this machine (the code itself never reaches the station). From this machine only, like
 * setup: the CLI talks to the station running on the same data folder.
 */
export async function recoverRoute(
  core: StationCore,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (!isLoopback(req))
    return sendError(res, 'forbidden', 'a room is recovered from the station machine itself');
  try {
    const operatorId = await recordRecovery(core, await readJson(req));
    sendJson(res, 200, { ok: true, operatorId });
  } catch (err) {
    if (err instanceof RecoveryRefused) return sendError(res, 'conflict', err.message);
    throw err;
  }
}
