import { describe, expect, it } from 'vitest';
import { testCores } from '../test-support/test-cores';
import { allOps } from '../db/queries/ops';
import { actOnMention, claimMention, createManualMention } from '../mentions/commands';
import { reviewMessage, saveMessage, sendMessage } from '../messages/message-commands';
import { startRun } from '../playbooks/run-commands';
import { createOperator } from '../room/war-room';
import { setStaffingLevel } from '../staffing/staffing-commands';
import { SMALL_PLAYBOOK } from '../../../shared/playbooks/playbook-fixture';
import { reviewTimeline } from './review-timeline';

const cores = testCores();
const MIN = 60_000;

describe('review timeline', () => {
  it('holds every step of a scripted incident in order, the same on two stations; a late-logged call sits when it happened', async () => {
    const { core, adminId: lead } = await cores.openRoom();
    const person = (username: string, role: 'operator' | 'approver', areas: 'pr'[] = []) =>
      createOperator(core, lead, {
        username,
        displayName: username,
        password: `${username}-password`,
        role,
        departments: [],
        areas,
      });
    const ana = await person('ana', 'operator');
    const pia = await person('pia', 'approver', ['pr']);
    const start = Date.now();

    // A call taken 40 minutes ago, logged now.
    const call = await createManualMention(core, lead, {
      channel: 'phone',
      author: { handle: '+48 600 100 200' },
      text: 'my kettle sparked and burnt the counter',
      occurredAt: new Date(start - 40 * MIN).toISOString(),
      note: 'taken at the front desk',
    });
    const run = await startRun(core, lead, {
      yaml: SMALL_PLAYBOOK,
      playbookId: 'small',
      severity: 'SEV2',
      commanderId: lead,
    });
    await setStaffingLevel(core, lead, 'surge', 'recall announced');
    const statement = await saveMessage(core, ana, {
      kind: 'statement',
      language: 'en',
      channel: 'press',
      topics: ['recall'],
      text: 'We are recalling the K-200 kettle as a precaution.',
      submit: true,
    });
    const hash = (await core.db.get<{ content_hash: string }>(
      'SELECT content_hash FROM messages WHERE id = ?',
      [statement],
    ))!.content_hash;
    await reviewMessage(core, pia, {
      messageId: statement,
      decision: 'approve',
      area: 'pr',
      contentHash: hash,
    });
    await sendMessage(core, lead, {
      messageId: statement,
      contentHash: hash,
      via: ['clipboard'],
      audience: 'public',
    });
    await claimMention(core, ana, call.id, null);
    await actOnMention(core, ana, call.id, 'mention.answer');

    const window = { from: start - 60 * MIN, to: Date.now() + MIN };
    const timeline = await reviewTimeline(core.db, window);
    expect(timeline.map((e) => e.kind)).toEqual([
      'mention-logged',
      'run-started',
      'staffing-level',
      'approval-asked',
      'review',
      'statement-sent',
      'claim',
      'answered',
    ]);
    const logged = timeline[0];
    expect(logged?.at).toBe(start - 40 * MIN);
    expect(logged?.recordedAt).toBeGreaterThanOrEqual(start);
    expect(logged?.evidence).toEqual({ kind: 'mention', id: call.id });
    expect(logged?.detail.note).toBe('taken at the front desk');
    expect(timeline.find((e) => e.kind === 'run-started')?.evidence).toEqual({
      kind: 'run',
      id: run.id,
    });
    expect(timeline.find((e) => e.kind === 'staffing-level')?.detail).toMatchObject({
      level: 'surge',
      byHand: true,
    });
    expect(timeline.filter((e) => e.firstStatement).map((e) => e.kind)).toEqual(['statement-sent']);
    expect(timeline.find((e) => e.kind === 'review')?.detail).toEqual({
      decision: 'approve',
      area: 'pr',
    });

    const peer = await cores.open();
    await peer.applyReplicated(await allOps(core.db));
    expect(await reviewTimeline(peer.db, window)).toEqual(timeline);
  });
});
