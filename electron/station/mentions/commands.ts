import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { StationCore } from '../core/core';
import { localClaimsOf } from '../db/queries/claims';
import { effectOf } from '../db/queries/effects';
import { mentionById } from '../db/queries/mention-reads';
import { ingestDraft } from '../ingest/ingest-draft';
import { routerForOne } from '../routing/rules-service';
import type { CreateMentionSchema } from '../../../shared/contract/mentions';
import type { Mention, MentionInput } from '../../../shared/domain/mention';
import { DEFAULT_LEASE_MS } from '../../../shared/domain/mention-state';
import { mentionIdOf } from './mention-id';

/** A command the station refused, with a code the /desk layer passes on. */
export class CommandError extends Error {
  constructor(
    readonly code: 'not-found' | 'conflict' | 'invalid' | 'forbidden',
    message: string,
  ) {
    super(message);
  }
}

/** Status and claim commands, as op types. */
export type MentionAction =
  'mention.release' | 'mention.answer' | 'mention.close' | 'mention.ignore' | 'mention.reopen';

async function mustExist(core: StationCore, id: string): Promise<Mention> {
  const m = await mentionById(core.db, id);
  if (!m) throw new CommandError('not-found', `no mention with id ${id}`);
  return m;
}

/** Records a claim; `won` is false when somebody else already held it (a collision). */
export async function claimMention(
  core: StationCore,
  actor: string,
  mentionId: string,
  basis: string | null,
): Promise<{ mention: Mention; won: boolean }> {
  await mustExist(core, mentionId);
  const applied = await core.commit([
    {
      type: 'mention.claim',
      v: 1,
      actor,
      subject: mentionId,
      payload: { basis, leaseMs: DEFAULT_LEASE_MS },
    },
  ]);
  const opId = applied.ops[0]?.id as string;
  const effect = await effectOf(core.db, opId);
  if (effect?.effect === 'refused')
    throw new CommandError('conflict', effect.reason ?? 'claim refused');
  return { mention: await mustExist(core, mentionId), won: effect?.effect === 'applied' };
}

/** Records a status or release op; a refused one answers with why (and stays in the history). */
export async function actOnMention(
  core: StationCore,
  actor: string,
  mentionId: string,
  type: MentionAction,
): Promise<Mention> {
  await mustExist(core, mentionId);
  const applied = await core.commit([{ type, v: 1, actor, subject: mentionId, payload: {} }]);
  const effect = await effectOf(core.db, applied.ops[0]?.id as string);
  if (effect && effect.effect !== 'applied')
    throw new CommandError('conflict', effect.reason ?? 'refused');
  return mustExist(core, mentionId);
}

/** Records a mention an operator typed in (a call, an email, a fax, a visit). */
export async function createManualMention(
  core: StationCore,
  actor: string,
  input: z.output<typeof CreateMentionSchema>,
): Promise<Mention> {
  const mention: MentionInput = {
    channel: input.channel,
    externalId: `manual-${randomUUID()}`,
    author: input.author,
    text: input.text,
    occurredAt: input.occurredAt ?? new Date().toISOString(),
    metadata: {},
    ...(input.brand !== undefined && { brand: input.brand }),
    ...(input.department !== undefined && { department: input.department }),
  };
  const id = mentionIdOf(mention.channel, mention.externalId);
  const route = await routerForOne(core.read, mention);
  await core.commit([
    ingestDraft(
      mention,
      actor,
      {
        connector: 'manual',
        enteredBy: actor,
        ...(input.note !== undefined && { note: input.note }),
      },
      route,
    ),
  ]);
  return mustExist(core, id);
}

/** Releases every claim an operator made at this station (they logged out): one op each. */
export async function releaseClaimsOf(core: StationCore, operatorId: string): Promise<number> {
  const ids = await localClaimsOf(core.db, core.stationId, operatorId);
  if (ids.length === 0) return 0;
  await core.commit(
    ids.map((id) => ({
      type: 'mention.release',
      v: 1,
      actor: operatorId,
      subject: id,
      payload: {},
    })),
  );
  return ids.length;
}
