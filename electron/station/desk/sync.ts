import type { SyncStatus } from '../../../shared/contract/sync';
import type { StationCore } from '../core/core';
import { AddPeerSchema } from '../../../shared/contract/sync';
import { hubOf, peerStatus } from '../sync/peer-hub';
import { addSavedPeer } from '../sync/lan-peers';
import { DeskError, NoInput, handler, type DeskHandlerMap } from './handler';
import type { DeskNamespace } from './desk-server';

/** This station's sync status as desks see it. */
export async function syncStatusOf(core: StationCore): Promise<SyncStatus> {
  const s = await peerStatus(core);
  return { stationId: s.stationId, peers: s.peers, propagation: s.propagation };
}

/** Handlers of the sync domain. */
export const syncHandlers: DeskHandlerMap<'sync.status' | 'sync.addPeer'> = {
  'sync.status': handler({
    input: NoInput,
    permission: 'mention.read',
    run: ({ core }) => syncStatusOf(core),
  }),
  'sync.addPeer': handler({
    input: AddPeerSchema,
    permission: 'sync.manage',
    run: async ({ core }, { address }) => {
      const hub = hubOf(core);
      if (!hub) throw new DeskError('invalid', 'this station runs without peer links');
      await addSavedPeer(core, hub, address);
      return syncStatusOf(core);
    },
  }),
};

// Links and lag are checked this often; desks hear only when something they show changed.
const SYNC_PUSH_EVERY_MS = 1_000;

/** Pushes `sync.changed` to desks when a link comes or goes or the lag moves. */
export function startSyncPush(core: StationCore, desk: DeskNamespace): () => void {
  let last = '';
  const timer = setInterval(() => {
    void syncStatusOf(core).then(
      (status) => {
        // Propagation figures move with every op: only links and lag count as a change.
        const shown = JSON.stringify(
          status.peers.map((p) => [p.stationId, p.address, p.connected, p.behind, p.refused]),
        );
        if (shown === last) return;
        last = shown;
        desk.emit('sync.changed', status);
      },
      () => undefined,
    );
  }, SYNC_PUSH_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
