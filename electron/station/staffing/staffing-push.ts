import type { StationCore } from '../core/core';
import type { Applied } from '../ops/apply';
import type { DeskNamespace } from '../desk/desk-server';
import { noteDeskOperators } from './present-headcount';
import { callReserves } from './reserves';
import { startStaffingSampler, type SamplerOptions } from './staffing-sampler';
import { staffingStatus } from './staffing-views';

// A catch-up from a peer can fold many staffing batches in a row: tell desks at most this often.
const PUSH_EVERY_MS = 250;
// Answers and check-ins move the wall screen's share within target and present head-count: its
// figures follow them this soon (a surge answers many a second; one push covers them all).
const FIGURES_EVERY_MS = 1_000;
const MOVES_FIGURES = /^(mention\.(answer|close|ignore)|shift\.check-(in|out))$/;

/**
 * Staffing for one station's /desk: counts its connected desks for the present head-count, runs
 * the sampler, and pushes `staffing.changed` and `event.changed` to every desk.
 */
export function startStaffing(
  core: StationCore,
  desk: DeskNamespace,
  opts: SamplerOptions = {},
): { close(): void } {
  noteDeskOperators(core, () => [...desk.sockets.values()].map((s) => s.data.operator.id));
  const sampler = startStaffingSampler(core, opts);
  let timer: NodeJS.Timeout | null = null;
  // A push or a call under way when the station stops meets a closing database: not an error.
  let closed = false;
  const push = () => {
    timer = null;
    staffingStatus(core)
      .then((status) => desk.emit('staffing.changed', status))
      .catch((err: unknown) => {
        if (!closed) console.error('[staffing] could not push the level:', err);
      });
  };
  const onApplied = (a: Applied) => {
    if (a.eventsChanged && a.eventsChanged.length > 0) desk.emit('event.changed');
    if (!a.staffingChanged) {
      if (a.ops.some((o) => MOVES_FIGURES.test(o.type)))
        timer ??= setTimeout(push, FIGURES_EVERY_MS);
      return;
    }
    timer ??= setTimeout(push, PUSH_EVERY_MS);
    callReserves(core, a).catch((err: unknown) => {
      if (!closed) console.error('[staffing] could not call the reserves in:', err);
    });
  };
  core.on('applied', onApplied);
  return {
    close: () => {
      closed = true;
      sampler.stop();
      core.off('applied', onApplied);
      if (timer) clearTimeout(timer);
    },
  };
}
