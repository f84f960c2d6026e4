import { afterEach } from 'vitest';
import { StationCore } from '../core/core';
import { createWarRoom } from '../room/war-room';
import { tempDir } from './temp-dir';

/**
 * Per-test cleanup for a test file, and station cores each in a fresh temp folder that are
 * closed and removed after every test. Call once at the top level of the file; push anything
 * else to undo (servers, workers) onto `cleanups`, undone last-in first-out.
 */
export function testCores(): {
  cleanups: (() => Promise<void> | void)[];
  open(): Promise<StationCore>;
  openRoom(warRoom?: string): Promise<{ core: StationCore; adminId: string }>;
} {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()?.();
  });
  const open = async () => {
    const t = tempDir();
    const core = await StationCore.open(t.dir);
    cleanups.push(t.cleanup, () => core.close());
    return core;
  };
  return {
    cleanups,
    open,
    /** A core holding a new war room, with its admin (user "lead"). */
    openRoom: async (warRoom = 'Test room') => {
      const core = await open();
      const { adminId } = await createWarRoom(core, {
        warRoom,
        username: 'lead',
        displayName: 'Lead',
        password: 'lead-password',
      });
      return { core, adminId };
    },
  };
}
