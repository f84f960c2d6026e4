import type { StationAccess, SyncStatus } from '../../../shared/contract/sync';
import type { StationCore } from '../core/core';
import { AddPeerSchema, SetLanHttpsSchema } from '../../../shared/contract/sync';
import { lanAddresses, lanHttpsOn, setLanHttps } from '../http/lan-https';
import { mintJoinCode } from '../room/war-room';
import { hubOf, peerStatus } from '../sync/peer-hub';
import { addSavedPeer } from '../sync/lan-peers';
import { APP_VERSION } from '../core/build-info';
import { CATALOGUE_VERSION } from '../ops/op-catalogue';
import { unreadOpsOf } from '../ops/unread-ops';
import { DeskError, NoInput, handler, type DeskHandlerMap } from './handler';
import type { DeskNamespace } from './desk-server';

/** This station's sync status as desks see it. */
export async function syncStatusOf(core: StationCore): Promise<SyncStatus> {
  const s = await peerStatus(core);
  const own = {
    app: APP_VERSION,
    catalogue: CATALOGUE_VERSION,
    unread: await unreadOpsOf(core).current(),
  };
  return { stationId: s.stationId, peers: s.peers, propagation: s.propagation, own };
}

// A code made for a shift or an event; the one made with the room lasts a week.
const JOIN_CODE_HOURS = 24;

/** How other desks reach this station. */
function accessOf(core: StationCore, port: number): StationAccess {
  return {
    stationId: core.stationId,
    addresses: lanAddresses(core, port),
    fingerprint: core.tls.fingerprint,
    lanHttps: lanHttpsOn(core),
  };
}

/** Handlers of the sync domain. */
export const syncHandlers: DeskHandlerMap<
  'sync.status' | 'sync.addPeer' | 'sync.access' | 'sync.setLanHttps' | 'sync.makeJoinCode'
> = {
  'sync.access': handler({
    input: NoInput,
    permission: 'sync.manage',
    run: async ({ core, localPort }) => accessOf(core, localPort),
  }),
  'sync.setLanHttps': handler({
    input: SetLanHttpsSchema,
    permission: 'station.manage',
    run: async ({ core, localPort }, { on }) => {
      await setLanHttps(core, on);
      return accessOf(core, localPort);
    },
  }),
  'sync.makeJoinCode': handler({
    input: NoInput,
    permission: 'station.manage',
    run: async ({ core, operator, localPort }) => {
      const made = await mintJoinCode(core, operator.id, JOIN_CODE_HOURS);
      return { ...made, access: accessOf(core, localPort) };
    },
  }),
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
        const shown = JSON.stringify([
          status.peers.map((p) => [
            p.stationId,
            p.address,
            p.connected,
            p.behind,
            p.refused,
            p.app?.catalogue,
          ]),
          status.own?.unread.total,
        ]);
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
