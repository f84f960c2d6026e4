import { io, type Socket } from 'socket.io-client';
import type { Result } from '../../../shared/contract/common';
import type { DeskCommands, DeskEvents } from '../../../shared/contract/desk';

/** A typed /desk client for tests. */
export type DeskClient = Socket<DeskEvents, DeskCommands>;

/** POSTs JSON to a station and returns status and body. */
export async function postJson(
  base: string,
  path: string,
  body: unknown,
  token?: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(new URL(path, base), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token && { authorization: `Bearer ${token}` }),
    },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Logs in and returns the session token (throws on failure). */
export async function loginToken(
  base: string,
  username: string,
  password: string,
): Promise<string> {
  const r = await postJson(base, '/api/login', { username, password });
  if (r.status !== 200) throw new Error(`login failed: ${JSON.stringify(r.body)}`);
  return r.body.token as string;
}

/** Connects to /desk with a token; resolves when connected, rejects with the refusal. */
export function connectDesk(base: string, token: string | undefined): Promise<DeskClient> {
  const socket: DeskClient = io(new URL('/desk', base).toString(), {
    auth: token === undefined ? {} : { token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

/** Sends a command (or anything, to test refusals) and waits for its answer. */
export function call(
  socket: DeskClient,
  name: string,
  input: unknown,
): Promise<Result<Record<string, unknown>>> {
  return (socket as unknown as Socket).timeout(10_000).emitWithAck(name, input) as Promise<
    Result<Record<string, unknown>>
  >;
}
