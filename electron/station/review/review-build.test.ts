import { describe, expect, it } from 'vitest';
import { testCores } from '../test-support/test-cores';
import { actOnMention, createManualMention } from '../mentions/commands';
import { reviewMessage, saveMessage } from '../messages/message-commands';
import { createOperator } from '../room/war-room';
import { buildReview } from './review-build';

const cores = testCores();
const MIN = 60_000;

describe('buildReview', () => {
  it('gives the KPIs of a window, narrowed by channel', async () => {
    const { core, adminId: lead } = await cores.openRoom();
    const pia = await createOperator(core, lead, {
      username: 'pia',
      displayName: 'Pia',
      password: 'pia-password',
      role: 'approver',
      departments: [],
      areas: ['pr'],
    });
    const now = Date.now();
    const make = (channel: 'phone' | 'email', text: string) =>
      createManualMention(core, lead, { channel, author: { handle: 'x' }, text });
    const call = await make('phone', 'the kettle sparked');
    await make('phone', 'is my kettle affected?');
    await make('email', 'refund please');
    await actOnMention(core, lead, call.id, 'mention.answer');
    const id = await saveMessage(core, lead, {
      kind: 'statement',
      language: 'en',
      channel: 'press',
      topics: [],
      text: 'We are recalling the K-200.',
      submit: true,
    });
    const hash = (await core.db.get<{ h: string }>('SELECT content_hash AS h FROM messages'))!.h;
    await reviewMessage(core, pia, {
      messageId: id,
      decision: 'approve',
      area: 'pr',
      contentHash: hash,
    });

    const scope = { from: now - 30 * MIN, to: now + 30 * MIN };
    const opts = { intervalMs: 30 * MIN, targetSeconds: 900, asOf: now + 60 * MIN };
    const all = await buildReview(core.db, scope, opts);
    expect(all.volume.map((v) => v.count)).toEqual([0, 3]);
    expect(all.volume[1]?.byKey).toEqual({ phone: 2, email: 1 });
    expect(all.outcomes).toMatchObject({ answered: 1, neverTouched: 2 });
    expect(all.response).toMatchObject({ mentions: 3, answered: 1, withinTarget: 1 / 3 });
    // The call answered at once: first bucket; two still waiting at the window's end.
    expect(all.responseHistogram[0]).toEqual({ upToSeconds: 60, count: 1 });
    expect(all.backlogSeries.map((b) => b.open)).toEqual([0, 2]);
    expect(all.sentimentSeries.map((s) => s.mentions)).toEqual([0, 3]);
    expect(all.approvals).toMatchObject({ approved: 1, waiting: 0 });
    expect(all.alertToStatementSeconds).toBeNull();
    expect(all.timeline.map((e) => e.kind)).toEqual([
      'mention-logged',
      'mention-logged',
      'mention-logged',
      'answered',
      'approval-asked',
      'review',
    ]);
    const phone = await buildReview(core.db, { ...scope, channels: ['phone'] }, opts);
    expect(phone.outcomes).toMatchObject({ answered: 1, neverTouched: 1 });
    expect(phone.responseBy.channel.map((g) => g.group)).toEqual(['phone']);
  });

  it('narrows to the room’s routing topics, and refuses a topic the rules do not define', async () => {
    const { core, adminId: lead } = await cores.openRoom();
    const now = Date.now();
    const make = (text: string) =>
      createManualMention(core, lead, { channel: 'email', author: { handle: 'x' }, text });
    await make('Where is my refund?');
    await make('I was charged twice for one ticket');
    await make('Smoke in the cabin');
    await make('Lovely crew, thanks');
    const scope = { from: now - 30 * MIN, to: now + 30 * MIN };
    const opts = { intervalMs: 60 * MIN, targetSeconds: 900, asOf: now };
    // The bundled rules: refunds has refund* and "charged twice", safety has smoke.
    const refunds = await buildReview(core.db, { ...scope, topics: ['refunds'] }, opts);
    expect(refunds.response.mentions).toBe(2);
    const either = await buildReview(core.db, { ...scope, topics: ['refunds', 'safety'] }, opts);
    expect(either.response.mentions).toBe(3);
    const none = await buildReview(core.db, { ...scope, topics: [] }, opts);
    expect(none.response.mentions).toBe(4);
    await expect(buildReview(core.db, { ...scope, topics: ['weather'] }, opts)).rejects.toThrow(
      expect.objectContaining({
        code: 'invalid',
        message: expect.stringMatching(
          /^no topic 'weather' in the room's routing rules \(topics: .*refunds/,
        ),
      }),
    );
  });
});
