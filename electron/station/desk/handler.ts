import { z } from 'zod';
import type { Ack, ErrorCode } from '../../../shared/contract/common';
import type { DeskCommandName, DeskCommands } from '../../../shared/contract/desk';
import type { Operator } from '../../../shared/domain/people';
import type { Permission } from '../../../shared/domain/permissions';
import type { StationCore } from '../core/core';
import type { FacetCache } from '../mentions/facet-cache';

/** What a handler gets besides its input. */
export type DeskContext = {
  core: StationCore;
  operator: Operator;
  facets: FacetCache;
  /** The desk connection the command came on (presence is per connection). */
  connectionId: string;
  /** The station port the desk reached (the port other desks use too). */
  localPort: number;
  /** The desk is on this machine (loopback), not a browser elsewhere on the LAN. */
  onThisMachine: boolean;
};

/** The success payload a command answers with. */
export type AnswerOf<K extends DeskCommandName> =
  Parameters<DeskCommands[K]>[1] extends Ack<infer T> ? T : never;

/** One command: its input schema, the permission it needs, and what it does. */
export type DeskHandler<K extends DeskCommandName> = {
  input: z.ZodType<unknown, Parameters<DeskCommands[K]>[0]>;
  permission: Permission;
  run(ctx: DeskContext, input: never): Promise<AnswerOf<K>>;
};

/** A domain's handlers, keyed by command name. */
export type DeskHandlerMap<K extends DeskCommandName> = { [P in K]: DeskHandler<P> };

/** Declares one handler with its input type inferred from the schema. */
export function handler<K extends DeskCommandName, S extends z.ZodType>(h: {
  input: S;
  permission: Permission;
  run(ctx: DeskContext, input: z.output<S>): Promise<AnswerOf<K>>;
}): DeskHandler<K> {
  return h as unknown as DeskHandler<K>;
}

/** An error a handler throws to answer { ok: false, code, message }. */
export class DeskError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The input of commands that take none. */
export const NoInput = z.object({}).strict().default({});
