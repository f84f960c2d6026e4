import type { StationCore } from '../core/core';
import { CatchingUpError } from '../core/core';
import { erasureCounts } from '../db/queries/privacy';
import { operatorById } from '../db/queries/people';
import { RETENTION_SUBJECT } from '../ops/privacy-payloads';
import { SYSTEM_ACTOR } from '../ops/op';
import { hlcToIso } from '../../../shared/sync/hlc';
import type { RetentionView } from '../../../shared/contract/privacy';
import { cutoffsAt, sweepDue, type RetentionRules } from '../../../shared/privacy/retention';
import { retentionState } from './retention-fold';

/** The room's retention rules, who set them and what sweeps applied. */
export async function readRetention(core: StationCore): Promise<RetentionView> {
  const state = await retentionState(core.read);
  const by = state.rulesOp ? await operatorById(core.read, state.rulesOp.actor) : undefined;
  return {
    rules: state.rules,
    setBy: state.rulesOp ? (by?.username ?? state.rulesOp.actor) : null,
    setAt: state.rulesOp ? hlcToIso(state.rulesOp.hlc) : null,
    applied: state.applied,
    erasedHere: (await erasureCounts(core.read)).get('retention')?.items ?? 0,
  };
}

/** Records a retention.set op (every reducer checks the actor is an admin). */
export async function setRetention(
  core: StationCore,
  actor: string,
  rules: RetentionRules,
): Promise<void> {
  await core.commit([
    { type: 'retention.set', v: 1, actor, subject: RETENTION_SUBJECT, payload: rules },
  ]);
}

/**
 * Records a retention.sweep when the rules' cutoffs have moved on (at least `stepMs` past the
 * applied ones): every station applies the sweep's cutoffs, recorded in the op, so all agree
 * once they hold it. Returns whether a sweep was recorded.
 */
export async function sweepIfDue(
  core: StationCore,
  now = Date.now(),
  stepMs = 6 * 3_600_000,
): Promise<boolean> {
  const state = await retentionState(core.db);
  if (!sweepDue(state.rules, state.applied, now, stepMs)) return false;
  try {
    await core.commit([
      {
        type: 'retention.sweep',
        v: 1,
        actor: SYSTEM_ACTOR,
        subject: RETENTION_SUBJECT,
        payload: cutoffsAt(state.rules, now),
      },
    ]);
  } catch (err) {
    // A station restored from a backup records nothing until caught up; a peer sweeps meanwhile.
    if (err instanceof CatchingUpError) return false;
    throw err;
  }
  return true;
}
