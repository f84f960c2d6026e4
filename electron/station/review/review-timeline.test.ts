import { describe, expect, it } from 'vitest';
import { testCores } from '../test-support/test-cores';
import { allOps } from '../db/queries/ops';
import { actOnMention, claimMention, createManualMention } from '../mentions/commands';
import { reviewMessage, saveMessage, sendMessage } from '../messages/message-commands';
import { actOnRun, startRun } from '../playbooks/run-commands';
import { createOperator } from '../room/war-room';
import { setStaffingLevel } from '../staffing/staffing-commands';
import { SMALL_PLAYBOOK } from '../../../shared/playbooks/playbook-fixture';
import { reviewTimeline } from './review-timeline';
import { mentionById, mentionHistory } from '../db/queries/mention-reads';

const cores = testCores();
const MIN = 60_000;

describe('review timeline', () => {
  it('holds every step of a scripted incident in order, refused ones with why, the same on two stations; a late-logged call sits when it happened', async () => {
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
    // An operator approves the statement gate: the desk says no, and the op stays in the log.
    await expect(
      actOnRun(core, ana, run.id, { type: 'run.approve', stepId: 'holding-statement' }),
    ).rejects.toThrow('not allowed for this role or at this point of the run');
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
      'refused',
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
    expect(timeline.find((e) => e.kind === 'refused')).toMatchObject({
      actor: ana,
      detail: {
        op: 'run.approve',
        step: 'holding-statement',
        reason: 'not allowed for this role or at this point of the run',
      },
      evidence: { kind: 'run', id: run.id },
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

  it('an approval given on one station after the other took the approver’s area away shows as refused on both, with why, and so does the send it let through', async () => {
    const { core: a, adminId: lead } = await cores.openRoom();
    const person = (username: string, role: 'operator' | 'approver', areas: 'pr'[]) =>
      createOperator(a, lead, {
        username,
        displayName: username,
        password: `${username}-password`,
        role,
        departments: [],
        areas,
      });
    const ana = await person('ana', 'operator', []);
    const pia = await person('pia', 'approver', ['pr']);
    const start = Date.now();
    const statement = await saveMessage(a, ana, {
      kind: 'statement',
      language: 'en',
      channel: 'press',
      topics: [],
      text: 'We are recalling batch 42 as a precaution.',
      submit: true,
    });
    const b = await cores.open();
    await b.applyReplicated(await allOps(a.db));
    // On B the admin takes PR off Pia's account (the op the desk's operator.update records).
    await b.commit([
      {
        type: 'operator.update',
        v: 1,
        actor: lead,
        subject: pia,
        payload: { operatorId: pia, areas: [] },
      },
    ]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    // A has not heard yet: its desk lets Pia approve and the lead send.
    const hash = (await a.db.get<{ content_hash: string }>(
      'SELECT content_hash FROM messages WHERE id = ?',
      [statement],
    ))!.content_hash;
    await reviewMessage(a, pia, {
      messageId: statement,
      decision: 'approve',
      area: 'pr',
      contentHash: hash,
    });
    await sendMessage(a, lead, {
      messageId: statement,
      contentHash: hash,
      via: ['clipboard'],
      audience: 'public',
    });
    await a.applyReplicated(await allOps(b.db));
    await b.applyReplicated(await allOps(a.db));

    const window = { from: start - MIN, to: Date.now() + MIN };
    const timeline = await reviewTimeline(a.db, window);
    expect(timeline.map((e) => e.kind)).toEqual(['approval-asked', 'refused', 'refused']);
    expect(timeline.slice(1).map((e) => [e.actor, e.detail.op, e.detail.reason])).toEqual([
      [pia, 'message.review', 'the reviewer does not approve for pr'],
      [lead, 'message.send', 'it needs approval from pr'],
    ]);
    expect(timeline[1]?.evidence).toEqual({ kind: 'message', id: statement });
    expect(timeline.some((e) => e.firstStatement)).toBe(false);
    expect(await reviewTimeline(b.db, window)).toEqual(timeline);
  });

  it('shows ops this build cannot read as refused, needing a newer version, the same on two stations', async () => {
    const { core, adminId: lead } = await cores.openRoom();
    const start = Date.now();
    const call = await createManualMention(core, lead, {
      channel: 'phone',
      author: { handle: '+48 600 100 200' },
      text: 'the kettle again',
      occurredAt: new Date(start).toISOString(),
    });
    // What a newer build might record: a type this one lacks, and a newer version of a known one.
    await core.commit([
      { type: 'mention.sparkle', v: 1, actor: lead, subject: call.id, payload: { glow: 3 } },
      {
        type: 'mention.claim',
        v: 9,
        actor: lead,
        subject: call.id,
        payload: { basis: null, leaseMs: 60_000, team: 'night' },
      },
    ]);
    const window = { from: start - MIN, to: Date.now() + MIN };
    const refused = (await reviewTimeline(core.db, window)).filter((e) => e.kind === 'refused');
    // Both recorded in the same millisecond: the timeline orders them by op id.
    expect(
      refused.map((e) => e.detail).sort((x, y) => String(x.op).localeCompare(String(y.op))),
    ).toEqual([
      { op: 'mention.claim', reason: 'needs a newer version of Holdline (op mention.claim v9)' },
      {
        op: 'mention.sparkle',
        reason: 'needs a newer version of Holdline (op mention.sparkle v1)',
      },
    ]);
    expect(refused.map((e) => e.evidence)).toEqual([
      { kind: 'mention', id: call.id },
      { kind: 'mention', id: call.id },
    ]);
    // No effect: the v9 claim claimed nothing.
    expect((await mentionById(core.db, call.id))?.claim).toBeNull();
    expect((await mentionHistory(core.db, call.id)).slice(1)).toMatchObject([
      { type: 'mention.sparkle', effect: 'refused', reason: /op mention\.sparkle v1/ },
      { type: 'mention.claim', effect: 'refused', reason: /op mention\.claim v9/ },
    ]);

    const peer = await cores.open();
    await peer.applyReplicated(await allOps(core.db));
    expect(await reviewTimeline(peer.db, window)).toEqual(await reviewTimeline(core.db, window));
    expect(await mentionHistory(peer.db, call.id)).toEqual(await mentionHistory(core.db, call.id));
  });
});
