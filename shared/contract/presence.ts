import { z } from 'zod';
import type { Ack } from './common';
import { IdSchema } from './common';

/** What an operator is doing on a mention right now. */
export const PRESENCE_MODES = ['viewing', 'writing'] as const;

/** presence.set: the mention this desk has open (null: none), and whether its operator is writing. */
export const PresenceSetSchema = z.object({
  mentionId: IdSchema.nullable(),
  mode: z.enum(PRESENCE_MODES).default('viewing'),
});

/** Someone at some desk of the room, on a mention, right now (never in the log). */
export type PresenceEntry = {
  operatorId: string;
  operatorName: string;
  mentionId: string;
  mode: (typeof PRESENCE_MODES)[number];
  stationId: string;
};

/** Commands of the presence domain. */
export type PresenceCommands = {
  'presence.set': (input: z.input<typeof PresenceSetSchema>, ack: Ack<object>) => void;
};

/** Events of the presence domain. */
export type PresenceEvents = {
  /** Everyone on a mention right now, across every desk of the room. */
  'presence.changed': (entries: PresenceEntry[]) => void;
};
