import { describe, expect, it } from 'vitest';
import { stateDigest } from '../db/digest';
import { allOps } from '../db/queries/ops';
import { createManualMention } from '../mentions/commands';
import { createOperator } from '../room/war-room';
import { testCores } from '../test-support/test-cores';
import { commitRetro } from './retro-commands';
import { listReviews, readRetro, retroOfRun } from './retro-store';

const cores = testCores();
const scope = {
  from: '2015-02-24T00:00:00.000Z',
  to: '2015-02-25T00:00:00.000Z',
  runId: 'run-octavia',
};

describe('retrospectives on two stations', () => {
  it('merge what two reviewers wrote apart, refuse what a closed one or an observer writes, and agree byte for byte', async () => {
    const { core: a, adminId: lead } = await cores.openRoom();
    const b = await cores.open();
    const ana = await createOperator(a, lead, {
      username: 'ana',
      displayName: 'Ana',
      password: 'ana-password',
      role: 'operator',
      departments: [],
    });
    const olga = await createOperator(a, lead, {
      username: 'olga',
      displayName: 'Olga',
      password: 'olga-password',
      role: 'observer',
      departments: [],
    });
    const mention = await createManualMention(a, ana, {
      channel: 'phone',
      author: { handle: '+48 600 100 200' },
      text: 'my flight was cancelled and nobody calls back',
    });
    const asLead = { id: lead, role: 'admin' as const };
    const asAna = { id: ana, role: 'operator' as const };
    await commitRetro(a, 'rev-1', asLead, 'retro.open', { title: 'Storm Octavia', scope });
    await b.applyReplicated(await allOps(a.db));

    // Apart: Ana writes the summary and an action item on A, the lead the lucky section on B.
    await commitRetro(a, 'rev-1', asAna, 'retro.section', { section: 'summary', text: 'Ana’s' });
    await commitRetro(a, 'rev-1', asAna, 'retro.action', {
      actionId: 'act-1',
      text: 'Pre-approve a weather statement',
      owner: 'Pia',
      due: '2015-03-10',
      done: false,
      removed: false,
    });
    await commitRetro(b, 'rev-1', asLead, 'retro.section', {
      section: 'lucky',
      text: 'the storm hit at night',
    });
    await commitRetro(b, 'rev-1', asLead, 'retro.pin', {
      mentionId: mention.id,
      pinned: true,
      note: 'the call that started it',
    });
    await a.applyReplicated(await allOps(b.db));
    await b.applyReplicated(await allOps(a.db));

    const onA = await readRetro(a.db, 'rev-1');
    expect(onA?.sections.summary?.text).toBe('Ana’s');
    expect(onA?.sections.lucky?.text).toBe('the storm hit at night');
    expect(onA?.actions.map((x) => x.owner)).toEqual(['Pia']);
    expect(onA?.pins.map((p) => p.mentionId)).toEqual([mention.id]);
    expect(await readRetro(b.db, 'rev-1')).toEqual(onA);
    expect(await stateDigest(b.db)).toBe(await stateDigest(a.db));

    // An observer's change is refused before it is written; so is any change once closed.
    await expect(
      commitRetro(a, 'rev-1', { id: olga, role: 'observer' }, 'retro.section', {
        section: 'summary',
        text: 'observer',
      }),
    ).rejects.toThrow('this role cannot write reviews');
    await expect(
      commitRetro(a, 'rev-1', asAna, 'retro.status', { status: 'in-review' }),
    ).rejects.toThrow('only a lead or an admin');
    await commitRetro(a, 'rev-1', asLead, 'retro.status', { status: 'in-review' });
    await commitRetro(a, 'rev-1', asLead, 'retro.status', { status: 'closed' });
    await expect(
      commitRetro(a, 'rev-1', asAna, 'retro.section', { section: 'impact', text: 'late' }),
    ).rejects.toThrow('the retrospective is closed');
    await expect(
      commitRetro(a, 'rev-2', asAna, 'retro.section', { section: 'impact', text: 'x' }),
    ).rejects.toThrow('no such review');

    // B, still apart, writes to the review it holds as a draft: after the merge the write lands
    // after the close on every station, so it has no effect anywhere.
    await commitRetro(b, 'rev-1', asAna, 'retro.section', { section: 'impact', text: 'from B' });
    await a.applyReplicated(await allOps(b.db));
    await b.applyReplicated(await allOps(a.db));
    const closed = await readRetro(b.db, 'rev-1');
    expect(closed?.status).toBe('closed');
    expect(closed?.sections.impact).toBeUndefined();
    expect(await stateDigest(b.db)).toBe(await stateDigest(a.db));
    const refused = await a.db.get<{ reason: string }>(
      `SELECT e.reason FROM op_effects e JOIN ops o ON o.id = e.op_id
       WHERE o.type = 'retro.section' AND o.payload ->> '$.text' = 'from B'`,
    );
    expect(refused?.reason).toBe('the retrospective is closed');

    expect((await retroOfRun(a.db, 'run-octavia'))?.id).toBe('rev-1');
    expect(await listReviews(b.db)).toMatchObject([
      { id: 'rev-1', title: 'Storm Octavia', status: 'closed', openActions: 1 },
    ]);
  });
});
