import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoginBodySchema, SetupBodySchema, type Health } from '../../../shared/contract/http';
import { checkCredentials, closeSession, openSession, resolveSession } from '../auth/sessions';
import { passwordMustChange } from '../db/queries/sessions';
import type { StationCore } from '../core/core';
import { countMentions } from '../db/queries/mention-reads';
import { countOps } from '../db/queries/ops';
import { getRoom, toOperator } from '../db/queries/people';
import { releaseClaimsOf } from '../mentions/commands';
import { RoomExistsError, createWarRoom } from '../room/war-room';
import { bearerToken, readJson, sendError, sendJson } from './respond';
import { APP_VERSION } from '../core/build-info';
import { CATALOGUE_VERSION } from '../ops/op-catalogue';
import { unreadOpsOf } from '../ops/unread-ops';

/** The station's version, shown by /health. */
export const STATION_VERSION = APP_VERSION;

/** GET /health. */
export async function health(core: StationCore, res: ServerResponse): Promise<void> {
  const room = await getRoom(core.read);
  const body: Health = {
    ok: true,
    stationId: core.stationId,
    warRoom: room?.name ?? null,
    warRoomId: room?.id ?? null,
    mentions: await countMentions(core.read),
    ops: await countOps(core.read),
    version: STATION_VERSION,
    catalogue: CATALOGUE_VERSION,
    unreadOps: (await unreadOpsOf(core).current()).total,
  };
  sendJson(res, 200, body);
}

/** GET /api/setup: has this station a war room yet? */
export async function setupState(core: StationCore, res: ServerResponse): Promise<void> {
  const room = await getRoom(core.read);
  sendJson(res, 200, { ok: true, initialized: Boolean(room), warRoom: room?.name ?? null });
}

// Only the first start may create a room, and only from this machine: a LAN browser must not be
// able to claim an unconfigured station before its owner does.
export function isLoopback(req: IncomingMessage): boolean {
  const a = req.socket.remoteAddress ?? '';
  // A station on a LAN address reached from that same address is being asked by this machine.
  if (a !== '' && a === req.socket.localAddress) return true;
  return a === '127.0.0.1' || a === '::1' || a === '::ffff:127.0.0.1';
}

/** POST /api/setup: creates the war room and its admin, and logs the admin in. */
export async function setup(
  core: StationCore,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (!isLoopback(req))
    return sendError(
      res,
      'forbidden',
      'a war room can only be created from the station machine itself',
    );
  const parsed = SetupBodySchema.safeParse(await readJson(req));
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    return sendError(res, 'invalid', `${i?.path.join('.') || 'setup'}: ${i?.message ?? 'invalid'}`);
  }
  try {
    const created = await createWarRoom(core, parsed.data);
    const token = await openSession(core.db, created.adminId);
    sendJson(res, 200, {
      ok: true,
      token,
      warRoom: created.warRoom,
      joinCode: created.joinCode,
      // Shown once by the setup screen, stored nowhere: the room's way back if its admins are lost.
      recoveryCode: created.recoveryCode,
    });
  } catch (err) {
    if (err instanceof RoomExistsError) return sendError(res, 'conflict', err.message);
    throw err;
  }
}

/** POST /api/login. */
export async function loginRoute(
  core: StationCore,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const parsed = LoginBodySchema.safeParse(await readJson(req));
  if (!parsed.success) return sendError(res, 'invalid', 'give a username and a password');
  const row = await checkCredentials(core.db, parsed.data.username, parsed.data.password);
  if (!row) return sendError(res, 'unauthenticated', 'wrong username or password');
  // An admin reset this password and asked for a new one: no session until it is chosen.
  if (await passwordMustChange(core.read, row.id))
    return sendJson(res, 403, {
      ok: false,
      code: 'forbidden',
      message: 'choose a new password first (POST /api/password)',
      mustChangePassword: true,
    });
  const token = await openSession(core.db, row.id);
  sendJson(res, 200, { ok: true, token, operator: toOperator(row) });
}

/** POST /api/logout: ends the session and releases the claims its operator made here. */
export async function logoutRoute(
  core: StationCore,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const token = bearerToken(req);
  const operator = token ? await resolveSession(core.read, token) : null;
  if (token) await closeSession(core.db, token);
  const released = operator ? await releaseClaimsOf(core, operator.id) : 0;
  sendJson(res, 200, { ok: true, released });
}

/** The account behind a request's bearer token, or null after answering 401. */
export async function requireOperator(
  core: StationCore,
  req: IncomingMessage,
  res: ServerResponse,
) {
  const token = bearerToken(req);
  const operator = token ? await resolveSession(core.read, token) : null;
  if (!operator) sendError(res, 'unauthenticated', 'log in first (Authorization: Bearer <token>)');
  return operator;
}
