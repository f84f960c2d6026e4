import { z } from 'zod';

/** Machine-readable reasons a command can fail. */
export const ERROR_CODES = [
  'invalid',
  'unauthenticated',
  'forbidden',
  'not-found',
  'conflict',
  'too-large',
  'internal',
] as const;
/** One of the error codes. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Every /desk command answers with this (DECISIONS.md 15). */
export type Result<T> = ({ ok: true } & T) | { ok: false; code: ErrorCode; message: string };

/** socket.io acknowledgement callback carrying a Result. */
export type Ack<T> = (result: Result<T>) => void;

/** An opaque id of a mention, operator, etc. */
export const IdSchema = z.string().min(1).max(128);
