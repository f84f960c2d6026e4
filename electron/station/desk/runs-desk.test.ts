import { describe, expect, it } from 'vitest';
import { deskRoom } from '../test-support/desk-room';
import { call, type DeskClient } from '../test-support/station-client';
import type { Result } from '../../../shared/contract/common';
import { SMALL_PLAYBOOK } from '../../../shared/playbooks/playbook-fixture';
import type {
  AlertView,
  PlaybookEntry,
  RunDetail,
  RunSummary,
} from '../../../shared/contract/runs';

const room = deskRoom([
  { username: 'ana', displayName: 'ana', role: 'operator' },
  { username: 'gil', displayName: 'gil', role: 'approver' },
]);
const { desk } = room;

describe('/desk playbooks and runs', () => {
  it('lists the bundled playbooks, all valid', async () => {
    const r = (await call(await desk('ana'), 'playbook.list', {})) as Result<{
      playbooks: PlaybookEntry[];
    }>;
    if (!r.ok) throw new Error(r.message);
    expect(r.playbooks.map((p) => p.id).sort()).toContain('product-recall');
    expect(r.playbooks.every((p) => p.problems.length === 0)).toBe(true);
  });

  it('lets a lead start a run that every desk hears of; an operator may not start one', async () => {
    const [lead, ana] = [await desk('lead'), await desk('ana')];
    expect(await call(ana, 'run.start', { playbookId: 'product-recall' })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    expect(await call(lead, 'run.start', { playbookId: 'no-such-playbook' })).toMatchObject({
      ok: false,
      code: 'not-found',
    });
    const heard = new Promise<RunSummary[]>((resolve) => ana.once('run.changed', resolve));
    const started = (await call(lead, 'run.start', {
      playbookId: 'product-recall',
      severity: 'SEV1',
    })) as Result<{ run: RunDetail }>;
    if (!started.ok) throw new Error(started.message);
    expect(started.run).toMatchObject({
      playbookId: 'product-recall',
      severity: 'SEV1',
      state: started.run.playbook.phases[0]?.id,
    });
    expect((await heard)[0]?.id).toBe(started.run.id);
  });

  it('runs a gate: an operator completes the step, cannot approve it, an approver can', async () => {
    const [lead, ana, gil] = [await desk('lead'), await desk('ana'), await desk('gil')];
    const started = (await call(lead, 'run.start', { playbookId: 'product-recall' })) as Result<{
      run: RunDetail;
    }>;
    if (!started.ok) throw new Error(started.message);
    const run = started.run;
    const gated = run.playbook.phases
      .flatMap((p) => p.steps)
      .find((s) => s.gate?.approver === 'approver');
    if (!gated) throw new Error('product-recall has no gate for an approver');
    const act = (who: DeskClient, action: object) =>
      call(who, 'run.act', { runId: run.id, action } as never);
    expect(
      await act(ana, { type: 'run.step', stepId: gated.id, note: 'draft in the library' }),
    ).toMatchObject({ ok: true });
    expect(await act(ana, { type: 'run.approve', stepId: gated.id })).toMatchObject({
      ok: false,
      code: 'conflict',
    });
    const approved = await act(gil, { type: 'run.approve', stepId: gated.id, note: 'legal ok' });
    if (!approved.ok) throw new Error(approved.message);
    expect((approved.run as RunDetail).context.steps[gated.id]?.approved).toMatchObject({
      role: 'approver',
      note: 'legal ok',
    });
    expect(await act(ana, { type: 'run.bogus' })).toMatchObject({ ok: false, code: 'invalid' });
  });

  it('lists alerts, and a run started from one takes its mentions and suggested severity', async () => {
    const lead = await desk('lead');
    const id = 'volume-spike:Acme:2026-02-08T20:00:00.000Z';
    await room.station().core.commit([
      {
        type: 'alert.raised',
        v: 1,
        actor: 'system',
        subject: id,
        payload: {
          id,
          rule: 'volume-spike',
          key: 'Acme',
          brand: 'Acme',
          topic: null,
          windowStart: Date.UTC(2026, 1, 8, 20),
          windowEnd: Date.UTC(2026, 1, 8, 21),
          count: 140,
          baselinePerHour: 12,
          ratio: 11.7,
          negativeShare: 0.8,
          suggestedSeverity: 'SEV2',
          evidence: 1e-30,
          sampleRefs: ['m-1', 'm-2'],
        },
      },
    ]);
    const listed = (await call(lead, 'alert.list', {})) as Result<{ alerts: AlertView[] }>;
    if (!listed.ok) throw new Error(listed.message);
    expect(listed.alerts).toEqual([
      expect.objectContaining({ id, key: 'Acme', raised: 1, runIds: [] }),
    ]);
    const started = (await call(lead, 'run.start', {
      playbookId: 'viral-complaint',
      alertId: id,
    })) as Result<{ run: RunDetail }>;
    if (!started.ok) throw new Error(started.message);
    expect(started.run.severity).toBe('SEV2');
    expect(started.run).toMatchObject({
      topics: ['Acme'],
      alertId: id,
      mentionIds: ['m-1', 'm-2'],
    });
    const start = await room
      .station()
      .core.read.get<{ m: string }>(
        `SELECT payload->>'$.mentionIds' AS m FROM ops WHERE type = 'run.start' AND subject = ?`,
        [started.run.id],
      );
    expect(JSON.parse(start?.m ?? '[]')).toEqual(['m-1', 'm-2']);
    // A bigger wave, which the playbook's own triggers rate SEV2 although the alert said SEV4.
    const wave = 'volume-spike:Acme:2026-02-09T20:00:00.000Z';
    await room.station().core.commit([
      {
        type: 'alert.raised',
        v: 1,
        actor: 'system',
        subject: wave,
        payload: {
          id: wave,
          rule: 'volume-spike',
          key: 'Acme',
          brand: 'Acme',
          topic: null,
          windowStart: Date.UTC(2026, 1, 9, 20),
          windowEnd: Date.UTC(2026, 1, 9, 21),
          count: 900,
          baselinePerHour: 200,
          ratio: 4.5,
          negativeShare: 0.65,
          suggestedSeverity: 'SEV4',
          evidence: 1e-30,
          sampleRefs: [],
        },
      },
    ]);
    const rated = (await call(lead, 'run.start', {
      playbookId: 'viral-complaint',
      alertId: wave,
    })) as Result<{ run: RunDetail }>;
    expect(rated.ok && rated.run.severity).toBe('SEV2');
    const after = (await call(lead, 'alert.list', {})) as Result<{ alerts: AlertView[] }>;
    expect(after.ok && after.alerts.find((a) => a.id === id)?.runIds).toEqual([started.run.id]);
  });

  it('imports a playbook into the station library (refusing a broken one with its line), exports and runs it', async () => {
    const lead = await desk('lead');
    const ana = await desk('ana');
    const broken = SMALL_PLAYBOOK.replace('due: { after: 2d }', 'due: { after: soon }');
    const refused = await call(lead, 'playbook.import', { yaml: broken });
    expect(refused).toMatchObject({ ok: false, code: 'invalid' });
    expect(refused.ok ? '' : refused.message).toMatch(
      /^imported\.yaml:\d+:\d+: phases\.1\.steps\.0\.due\.after: /,
    );
    expect(await call(ana, 'playbook.import', { yaml: SMALL_PLAYBOOK })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });

    const imported = await call(lead, 'playbook.import', { yaml: SMALL_PLAYBOOK });
    expect(imported).toMatchObject({
      ok: true,
      playbook: { id: 'small-recall', source: 'station' },
    });
    const exported = (await call(ana, 'playbook.get', { playbookId: 'small-recall' })) as Result<{
      yaml: string;
    }>;
    expect(exported.ok && exported.yaml).toBe(SMALL_PLAYBOOK);

    // An imported playbook with a bundled one's id replaces it in the library (future runs only).
    const recall = SMALL_PLAYBOOK.replace('id: small-recall', 'id: product-recall').replace(
      'name: Small recall',
      'name: Our recall',
    );
    await call(lead, 'playbook.import', { yaml: recall });
    const list = (await call(lead, 'playbook.list', {})) as Result<{ playbooks: PlaybookEntry[] }>;
    const recalls = list.ok ? list.playbooks.filter((p) => p.id === 'product-recall') : [];
    expect(recalls).toEqual([expect.objectContaining({ name: 'Our recall', source: 'station' })]);
    const started = (await call(lead, 'run.start', { playbookId: 'small-recall' })) as Result<{
      run: RunDetail;
    }>;
    expect(started.ok && started.run.playbookName).toBe('Small recall');
  });
});
