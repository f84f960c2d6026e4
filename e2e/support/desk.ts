import type { Socket } from 'socket.io-client';
import type { Result } from '../../shared/contract/common';
import type { DeskCommands, DeskEvents } from '../../shared/contract/desk';
import type { Department, Role } from '../../shared/domain/people';
import {
  connectDesk,
  loginToken as login,
} from '../../electron/station/test-support/station-client';

/** A typed /desk connection, as the renderer has. */
export type DeskSocket = Socket<DeskEvents, DeskCommands>;

/** An operator account for a test, with the password to log in. */
export type TestOperator = {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  departments: Department[];
};

/** Logging in over HTTP and opening /desk: the same helpers the station's own tests use. */
export { connectDesk, login };

/** Sends a /desk command and returns its answer; throws with the station's message on refusal. */
export async function command<T extends Record<string, unknown>>(
  socket: DeskSocket,
  name: keyof DeskCommands,
  input: unknown,
): Promise<T> {
  const answer = (await (socket as unknown as Socket)
    .timeout(15_000)
    .emitWithAck(name, input)) as Result<T>;
  if (!answer.ok) throw new Error(`${String(name)} refused: ${answer.code}: ${answer.message}`);
  return answer as T;
}

/** Runs `fn` with a /desk connection logged in as `username`, closing it afterwards. */
export async function withDesk<T>(
  stationUrl: string,
  username: string,
  password: string,
  fn: (socket: DeskSocket) => Promise<T>,
): Promise<T> {
  const socket = await connectDesk(stationUrl, await login(stationUrl, username, password));
  try {
    return await fn(socket);
  } finally {
    socket.close();
  }
}

/** Creates operator accounts as the admin, over /desk. */
export async function createOperators(
  stationUrl: string,
  admin: { username: string; password: string },
  operators: TestOperator[],
): Promise<void> {
  await withDesk(stationUrl, admin.username, admin.password, async (socket) => {
    for (const op of operators) await command(socket, 'operator.create', op);
  });
}
