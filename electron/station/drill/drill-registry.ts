import type { StationCore } from '../core/core';
import { CommandError } from '../mentions/commands';
import type { DrillFile } from './drill-file';
import { DrillReplay, type DrillOptions } from './drill-replay';

// The station's drill: one at a time, the last one kept so desks can see how it ended.
const drills = new WeakMap<StationCore, DrillReplay>();
const listeners = new WeakMap<StationCore, Set<(d: DrillReplay) => void>>();

/** The station's current or last drill. */
export function drillOf(core: StationCore): DrillReplay | null {
  return drills.get(core) ?? null;
}

/** Calls `fn` with each drill the station starts; returns the unsubscribe. */
export function onDrillStarted(core: StationCore, fn: (d: DrillReplay) => void): () => void {
  let set = listeners.get(core);
  if (!set) listeners.set(core, (set = new Set()));
  set.add(fn);
  return () => set.delete(fn);
}

/** Starts a drill unless one is under way (a second replay would interleave two files). */
export async function startDrill(
  core: StationCore,
  file: DrillFile,
  opts: DrillOptions,
): Promise<DrillReplay> {
  if (drillOf(core)?.active)
    throw new CommandError('conflict', 'a drill is already replaying here: stop it first');
  const drill = await DrillReplay.start(core, file, opts);
  drills.set(core, drill);
  core.onClose(() => drill.stop());
  for (const fn of listeners.get(core) ?? []) fn(drill);
  return drill;
}
