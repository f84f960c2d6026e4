import { describe, expect, it } from 'vitest';
import { testCores } from '../test-support/test-cores';
import { stateDigest } from '../db/digest';
import { effectOf } from '../db/queries/effects';
import { mentionById } from '../db/queries/mention-reads';
import { allOps } from '../db/queries/ops';
import { claimMention, createManualMention } from '../mentions/commands';
import { createOperator, createWarRoom } from '../room/war-room';
import { reviewMessage, saveMessage } from './message-commands';
import { findWave, sendWave } from './wave-service';
import { caseNumber } from '../../../shared/messaging/wave';
import type { Mention } from '../../../shared/domain/mention';

const { open } = testCores();

const WAVE = [
  {
    handle: '@kim',
    name: 'Kim Lee',
    text: '@acme my kettle from the recall, how do I get a refund?',
  },
  { handle: '@ola', text: '@ACME my kettle from the recall - how do i get a refund??' },
  { handle: '@pat', text: 'My kettle from the recall, how do I get a refund? https://t.co/x' },
  { handle: '@sam', text: '@acme my kettle from the recall how do I get a refund please' },
];

/** A room with an operator, a second operator and a PR approver, and a wave of one question. */
async function room() {
  const core = await open();
  const { adminId } = await createWarRoom(core, {
    warRoom: 'Kettle recall',
    username: 'lead',
    displayName: 'Lea',
    password: 'lead-password',
  });
  const person = (username: string, role: 'operator' | 'approver', areas: 'pr'[] = []) =>
    createOperator(core, adminId, {
      username,
      displayName: username,
      password: `${username}-password`,
      role,
      departments: [],
      areas,
    });
  const ana = await person('ana', 'operator');
  const bo = await person('bo', 'operator');
  const pia = await person('pia', 'approver', ['pr']);
  const mentions: Mention[] = [];
  for (const w of WAVE)
    mentions.push(
      await createManualMention(core, adminId, {
        channel: 'twitter',
        author: { handle: w.handle, ...(w.name && { name: w.name }) },
        text: w.text,
      }),
    );
  const other = await createManualMention(core, adminId, {
    channel: 'twitter',
    author: { handle: '@lou' },
    text: '@acme my kettle from the recall works fine, thanks',
  });
  return { core, ana, bo, pia, mentions, other };
}

const REPLY =
  'Hi {{author}}, sorry about your kettle. Reply with your receipt and we refund it (case {{case}}).';

describe('wave answers', () => {
  it('finds the open mentions asking the same question, and leaves out the ones others hold', async () => {
    const { core, ana, bo, mentions, other } = await room();
    const [first, , , held] = mentions as [Mention, Mention, Mention, Mention];
    await claimMention(core, bo, held.id, null);
    const wave = await findWave(core, first.id, ana);
    const ids = wave.members.map((m) => m.mention.id);
    expect(ids[0]).toBe(first.id);
    expect(new Set(ids)).toEqual(new Set(mentions.filter((m) => m !== held).map((m) => m.id)));
    expect(ids).not.toContain(other.id);
    expect(wave.heldByOthers).toBe(1);
    expect(wave.threshold).toBe(0.6);
  });

  it('answers the wave with one approved text, personalised for each author, once each', async () => {
    const { core, ana, pia, mentions } = await room();
    const [first] = mentions as [Mention];
    const save = (text: string, submit = true) =>
      saveMessage(core, ana, {
        kind: 'reply',
        mentionId: first.id,
        language: 'en',
        channel: 'twitter',
        topics: ['recall'],
        text,
        submit,
        wave: true,
      });
    // Never one copy-pasted reply: a wave names each author.
    await expect(save('Sorry about your kettle, reply with your receipt.')).rejects.toThrow(
      /\{\{author\}\}/,
    );
    await expect(save('Hi {{author}}, it arrives {{eta}}.')).rejects.toThrow(/fill \{\{eta\}\}/);
    const messageId = await save(REPLY);
    const hash = (await core.db.get<{ content_hash: string }>(
      'SELECT content_hash FROM messages WHERE id = ?',
      [messageId],
    ))!.content_hash;
    const ids = mentions.map((m) => m.id);
    const send = () =>
      sendWave(core, ana, { messageId, contentHash: hash, mentionIds: ids, via: ['clipboard'] });
    // A recall reply needs a PR lead (the default policy) before any of the wave goes out.
    await expect(send()).rejects.toThrow(/approval from pr/);
    await reviewMessage(core, pia, {
      messageId,
      decision: 'approve',
      area: 'pr',
      contentHash: hash,
    });

    const result = await send();
    expect(result.skipped).toEqual([]);
    expect(result.sent.map((s) => s.mentionId)).toEqual(ids);
    expect(result.sent[0]?.text).toBe(
      `Hi Kim Lee, sorry about your kettle. Reply with your receipt and we refund it (case ${caseNumber(first.id)}).`,
    );
    expect(result.sent[1]?.text).toMatch(/^Hi @ola, /);
    expect(new Set(result.sent.map((s) => s.text)).size).toBe(WAVE.length);
    for (const m of mentions) expect((await mentionById(core.db, m.id))?.status).toBe('answered');
    expect(result.message.status).toBe('sent');
    expect(result.message.wave).toBe(true);
    expect(result.message.sends.map((s) => s.recipient?.author)).toEqual([
      'Kim Lee',
      '@ola',
      '@pat',
      '@sam',
    ]);
    // The record holds the exact words each author got.
    const sends = (await allOps(core.db)).filter((o) => o.type === 'message.send');
    expect(sends.map((o) => (o.payload as { text: string }).text)).toEqual(
      result.sent.map((s) => s.text),
    );

    // Again: nobody is answered twice.
    const again = await send();
    expect(again.sent).toEqual([]);
    expect(again.skipped.map((s) => s.reason)).toEqual(
      WAVE.map(() => 'it already had this answer'),
    );
  });

  it('refuses, on every station, a wave send whose words are not the approved text so filled', async () => {
    const { core, ana, mentions } = await room();
    const [first, second] = mentions as [Mention, Mention];
    const messageId = await saveMessage(core, ana, {
      kind: 'reply',
      mentionId: first.id,
      language: 'en',
      channel: 'twitter',
      topics: [],
      text: REPLY,
      submit: true,
      wave: true,
    });
    const row = await core.db.get<{ content_hash: string; status: string }>(
      'SELECT content_hash, status FROM messages WHERE id = ?',
      [messageId],
    );
    expect(row?.status).toBe('approved'); // a plain reply needs no approval by default
    const forged = await core.commit([
      {
        type: 'message.send',
        v: 2,
        actor: ana,
        subject: messageId,
        payload: {
          contentHash: row?.content_hash,
          text: 'Hi @ola, buy our new kettle instead!',
          channel: 'twitter',
          target: { mentionId: second.id },
          via: ['clipboard'],
          recipient: { author: '@ola', case: caseNumber(second.id) },
        },
      },
    ]);
    expect(await effectOf(core.db, forged.ops[0]?.id as string)).toMatchObject({
      effect: 'refused',
      reason: 'what was sent is not the current text personalised',
    });
    const done = await sendWave(core, ana, {
      messageId,
      contentHash: row?.content_hash as string,
      mentionIds: [second.id],
      via: ['clipboard'],
    });
    expect(done.sent).toHaveLength(1);

    const peer = await open();
    await peer.applyReplicated(await allOps(core.db));
    expect(await stateDigest(peer.db)).toBe(await stateDigest(core.db));
    expect(await effectOf(peer.db, forged.ops[0]?.id as string)).toMatchObject({
      effect: 'refused',
    });
  });
});
