import { z } from 'zod';
import type { Mention } from '../domain/mention';
import { SEND_ROUTES } from '../messaging/message-state';
import type { Ack } from './common';
import type { MessageView } from './messages';

const Id = z.string().min(1).max(64);

/** Most mentions one wave send answers (one transaction; a bigger wave goes in several). */
export const WAVE_MAX_MENTIONS = 500;

/** wave.find: the open mentions asking the same as this one. */
export const FindWaveSchema = z.object({ mentionId: Id }).strict();

/** A wave: the mention it was found from, and the open mentions alike to it. */
export type WaveView = {
  mentionId: string;
  /** Open mentions nobody else holds, most alike first, each with its similarity (0–1). */
  members: { mention: Mention; similarity: number }[];
  /** Open mentions just as alike that another operator holds (left to them). */
  heldByOthers: number;
  /** The similarity the room's rules ask for. */
  threshold: number;
};

/** wave.send: the approved wave answer, personalised, to each of these mentions. */
export const SendWaveSchema = z
  .object({
    messageId: Id,
    contentHash: z.string().regex(/^[0-9a-f]{64}$/),
    mentionIds: z.array(Id).min(1).max(WAVE_MAX_MENTIONS),
    via: z.array(z.enum(SEND_ROUTES)).min(1).max(SEND_ROUTES.length),
  })
  .strict();

/** What a wave send did: the words each mention got, and why any was left out. */
export type WaveSendResult = {
  message: MessageView;
  sent: { mentionId: string; text: string }[];
  skipped: { mentionId: string; reason: string }[];
};

/** Commands of wave answers. */
export type WavesCommands = {
  'wave.find': (input: z.input<typeof FindWaveSchema>, ack: Ack<{ wave: WaveView }>) => void;
  'wave.send': (input: z.input<typeof SendWaveSchema>, ack: Ack<WaveSendResult>) => void;
};
