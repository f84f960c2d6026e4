import { io, type Socket } from 'socket.io-client';
import type { Result } from '../../../shared/contract/common';
import type { DeskCommandName, DeskCommands, DeskEvents } from '../../../shared/contract/desk';
import { stationBase } from './session';

/** The typed /desk socket. */
export type DeskSocket = Socket<DeskEvents, DeskCommands>;
/** The input a command takes. */
export type InputOf<K extends DeskCommandName> = Parameters<DeskCommands[K]>[0];
/** The answer a command gives. */
export type AnswerOf<K extends DeskCommandName> = Parameters<Parameters<DeskCommands[K]>[1]>[0];

/** Connects to the station's /desk with a session token. */
export function connectDesk(token: string): DeskSocket {
  return io(`${stationBase()}/desk`, { auth: { token }, transports: ['websocket', 'polling'] });
}

const TIMEOUT_MS = 15_000;

/** Sends one command and waits for its answer; a timeout or lost link answers as an error. */
export async function call<K extends DeskCommandName>(
  socket: DeskSocket,
  name: K,
  input: InputOf<K>,
): Promise<AnswerOf<K>> {
  try {
    const emit = socket.timeout(TIMEOUT_MS).emitWithAck as unknown as (
      n: string,
      i: unknown,
    ) => Promise<AnswerOf<K>>;
    return await emit.call(socket.timeout(TIMEOUT_MS), name, input);
  } catch {
    return {
      ok: false,
      code: 'internal',
      message: 'The station did not answer in time; nothing was lost, try again.',
    } as AnswerOf<K>;
  }
}

/** Narrows a Result to its success. */
export function isOk<T>(r: Result<T>): r is { ok: true } & T {
  return r.ok;
}
