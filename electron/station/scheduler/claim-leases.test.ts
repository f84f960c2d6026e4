import { afterEach, describe, expect, it } from 'vitest';
import { StationCore } from '../core/core';
import { createOperator, createWarRoom } from '../room/war-room';
import { ingestDraft, stateDraft } from '../test-support/scenario';
import { tempDir } from '../test-support/temp-dir';
import { mentionIdOf } from '../mentions/mention-id';
import { mentionById } from '../db/queries/mention-reads';
import { startClaimLeases } from './claim-leases';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function claimed(leaseMs: number) {
  const t = tempDir();
  const core = await StationCore.open(t.dir);
  cleanups.push(t.cleanup, () => core.close());
  const { adminId } = await createWarRoom(core, {
    warRoom: 'W',
    username: 'lead',
    displayName: 'Lead',
    password: 'lead-password',
  });
  const ana = await createOperator(core, adminId, {
    username: 'ana',
    displayName: 'Ana',
    password: 'ana-password',
    role: 'operator',
    departments: [],
  });
  await core.commit([ingestDraft(ana, 't9', 'stuck at the gate')]);
  await core.commit([stateDraft('mention.claim', ana, 't9', { basis: null, leaseMs })]);
  return { core, ana, id: mentionIdOf('twitter', 't9') };
}

describe('claim leases', () => {
  it('expire by a scheduler op when the holder has left', async () => {
    const { core, id } = await claimed(1000);
    const leases = startClaimLeases(core, { isPresent: () => false }, () => Date.now() + 5000);
    cleanups.push(() => leases.stop());
    expect(await leases.tick()).toBe(1);
    const m = await mentionById(core.db, id);
    expect(m?.claim).toBeNull();
    expect(m?.status).toBe('open');
    expect(await leases.tick()).toBe(0);
  });

  it('are kept while the holder is at a desk, and not before they run out', async () => {
    const { core, ana, id } = await claimed(60_000);
    const present = startClaimLeases(
      core,
      { isPresent: (op) => op === ana },
      () => Date.now() + 120_000,
    );
    const early = startClaimLeases(core, { isPresent: () => false }, () => Date.now());
    cleanups.push(
      () => present.stop(),
      () => early.stop(),
    );
    expect(await present.tick()).toBe(0);
    expect(await early.tick()).toBe(0);
    expect((await mentionById(core.db, id))?.claim?.operatorId).toBe(ana);
  });
});
