import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { StationCore } from '../core/core';
import type { MessageRow } from '../db/queries/messages';
import { mentionById } from '../db/queries/mention-reads';
import { sha256Hex } from '../ops/op-id';
import type { OpDraft } from '../ops/op';
import { POLICY_SUBJECT } from '../ops/message-payloads';
import { judgeMessageOp } from '../ops/reducers/messages';
import { CommandError } from '../mentions/commands';
import type {
  ReviewMessageSchema,
  SaveMessageSchema,
  SendMessageSchema,
} from '../../../shared/contract/messages';
import type { ApprovalPolicy } from '../../../shared/messaging/policy';
import type { SendPayload } from '../../../shared/messaging/message-state';
import { unfilledForWave, waveTextProblem } from '../../../shared/messaging/wave';

/** A stored message, or a not-found error. */
export async function storedMessage(core: StationCore, id: string): Promise<MessageRow> {
  const row = await core.db.get<MessageRow>('SELECT * FROM messages WHERE id = ?', [id]);
  if (!row) throw new CommandError('not-found', `no message with id ${id}`);
  return row;
}

/**
 * Commits ops about a message after judging the first one with the fold every station runs; a
 * desk hears why ("it needs approval from legal") and nothing refused is written.
 */
export async function commitJudged(
  core: StationCore,
  messageId: string,
  drafts: OpDraft[],
): Promise<void> {
  const [first] = drafts;
  if (!first) return;
  const verdict = await judgeMessageOp(core.db, messageId, first);
  if (verdict.effect !== 'applied')
    throw new CommandError('forbidden', verdict.reason ?? 'refused');
  await core.commit(drafts);
}

/** Saves a new message or a new version of one; returns its id. */
export async function saveMessage(
  core: StationCore,
  actor: string,
  input: z.output<typeof SaveMessageSchema>,
): Promise<string> {
  const messageId = input.messageId ?? randomUUID();
  const stored = input.messageId ? await storedMessage(core, input.messageId) : null;
  if (input.mentionId && !(await mentionById(core.db, input.mentionId)))
    throw new CommandError('not-found', `no mention with id ${input.mentionId}`);
  if (input.kind === 'reply' && !input.mentionId && !input.messageId)
    throw new CommandError('invalid', 'a reply answers a mention: say which');
  // A wave answer stays one (v2 drafts); its text keeps {{author}} for each mention's own name.
  const wave = stored ? stored.wave === 1 : input.wave === true;
  if (wave) {
    if (input.kind !== 'reply') throw new CommandError('invalid', 'a wave answer is a reply');
    const problem = waveTextProblem(input.text);
    if (problem) throw new CommandError('invalid', problem);
    const unfilled = unfilledForWave(input.text);
    if (input.submit && unfilled.length > 0)
      throw new CommandError('invalid', `fill ${unfilled.map((v) => `{{${v}}}`).join(', ')} first`);
  }
  const { messageId: _id, wave: _wave, ...rest } = input;
  await commitJudged(core, messageId, [
    {
      type: 'message.draft',
      v: wave ? 2 : 1,
      actor,
      subject: messageId,
      payload: {
        messageId,
        ...rest,
        contentHash: sha256Hex(input.text),
        ...(wave && { wave: true }),
      },
    },
  ]);
  return messageId;
}

/** Records a review of the text the reviewer saw. */
export async function reviewMessage(
  core: StationCore,
  actor: string,
  input: z.output<typeof ReviewMessageSchema>,
): Promise<void> {
  await storedMessage(core, input.messageId);
  const { messageId, ...payload } = input;
  await commitJudged(core, messageId, [
    { type: 'message.review', v: 1, actor, subject: messageId, payload },
  ]);
}

/**
 * Records the publication of the text the sender saw. A reply also answers its mention (in the
 * same transaction), unless the mention was already answered or closed.
 */
export async function sendMessage(
  core: StationCore,
  actor: string,
  input: z.output<typeof SendMessageSchema>,
): Promise<{ opId: string; payload: SendPayload }> {
  const row = await storedMessage(core, input.messageId);
  if (row.kind === 'statement' && !input.audience)
    throw new CommandError('invalid', 'a statement goes to an audience: say which');
  const payload: SendPayload = {
    contentHash: input.contentHash,
    text: row.text,
    channel: row.channel,
    target: row.mention_id ? { mentionId: row.mention_id } : { audience: input.audience ?? '' },
    via: input.via,
  };
  const drafts: OpDraft[] = [
    { type: 'message.send', v: 1, actor, subject: input.messageId, payload },
  ];
  const mention = row.mention_id ? await mentionById(core.db, row.mention_id) : undefined;
  if (mention && mention.status === 'open')
    drafts.push({ type: 'mention.answer', v: 1, actor, subject: mention.id, payload: {} });
  await commitJudged(core, input.messageId, drafts);
  const stored = await core.db.get<{ id: string }>(
    `SELECT id FROM ops WHERE subject = ? AND type = 'message.send' AND actor = ? ORDER BY hlc DESC LIMIT 1`,
    [input.messageId, actor],
  );
  return { opId: stored?.id ?? '', payload };
}

/** Retires a library statement. */
export async function retireMessage(
  core: StationCore,
  actor: string,
  messageId: string,
  reason?: string,
): Promise<void> {
  await storedMessage(core, messageId);
  await commitJudged(core, messageId, [
    {
      type: 'message.retire',
      v: 1,
      actor,
      subject: messageId,
      payload: reason ? { reason } : {},
    },
  ]);
}

/** Sets the room's approval policy (the reducer checks the actor is an admin, everywhere). */
export async function setPolicy(
  core: StationCore,
  actor: string,
  policy: ApprovalPolicy,
): Promise<void> {
  await core.commit([
    { type: 'policy.set', v: 1, actor, subject: POLICY_SUBJECT, payload: { policy } },
  ]);
}
