import { DrillControlSchema } from '../../../shared/contract/drills';
import type { StationCore } from '../core/core';
import { drillOf, onDrillStarted } from '../drill/drill-registry';
import type { DrillReplay } from '../drill/drill-replay';
import type { DeskNamespace } from './desk-server';
import { DeskError, NoInput, handler, type DeskHandlerMap } from './handler';

/** Drills: where the replay stands, and the lead's controls (pause, resume, stop, speed). */
export const drillHandlers: DeskHandlerMap<'drill.status' | 'drill.control'> = {
  'drill.status': handler({
    input: NoInput,
    permission: 'mention.read',
    run: async ({ core }) => ({ drill: drillOf(core)?.status() ?? null }),
  }),
  'drill.control': handler({
    input: DrillControlSchema,
    permission: 'mention.import',
    run: async ({ core }, input) => {
      const drill = drillOf(core);
      if (!drill?.active) throw new DeskError('not-found', 'no drill is replaying here');
      if (input.action === 'pause') drill.pause();
      else if (input.action === 'resume') drill.resume();
      else if (input.action === 'stop') await drill.stop();
      else drill.setSpeed(input.speed as number);
      return { drill: drill.status() };
    },
  }),
};

/** Sends every desk each drill's progress; returns the stop. */
export function pushDrillProgress(core: StationCore, desk: DeskNamespace): () => void {
  const follow = (drill: DrillReplay) =>
    drill.on('progress', (s) => desk.emit('drill.progress', s));
  const current = drillOf(core);
  if (current?.active) follow(current);
  return onDrillStarted(core, follow);
}
