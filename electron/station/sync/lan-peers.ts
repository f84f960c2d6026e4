import { z } from 'zod';
import { PeerAddressSchema } from '../../../shared/contract/sync';
import type { StationCore } from '../core/core';
import { getMeta, setMeta } from '../db/queries/meta';
import { getRoom } from '../db/queries/people';
import type { Applied } from '../ops/apply';
import { startDiscovery, type Discovery } from './discovery';
import type { PeerHub } from './peer-hub';

const SAVED_PEERS = 'peers';
const SavedPeersSchema = z.array(PeerAddressSchema).max(256);

/** Peers added by hand at this station (in the UI), kept across restarts; never replicated. */
export async function savedPeers(core: StationCore): Promise<string[]> {
  const raw = await getMeta(core.read, SAVED_PEERS);
  if (!raw) return [];
  try {
    const parsed = SavedPeersSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

/** Keeps a link to `address` from now on, and after every restart. */
export async function addSavedPeer(
  core: StationCore,
  hub: PeerHub,
  address: string,
): Promise<void> {
  const peers = await savedPeers(core);
  if (!peers.includes(address))
    await setMeta(core.db, SAVED_PEERS, JSON.stringify([...peers, address]));
  await hub.dial(address);
}

/** Whether a host is this machine only: a station listening there cannot be reached from the LAN. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

/**
 * Links a station to its LAN peers: the addresses it was given and those saved in the UI are
 * dialled, and — with discovery on — stations of the same room found by mDNS are dialled as they
 * appear. Discovery starts once the station belongs to a room (after setup or a join).
 */
export async function startLanPeers(
  core: StationCore,
  hub: PeerHub,
  opts: { host: string; port: number; discovery: boolean; peers: readonly string[] },
): Promise<{ stop(): Promise<void> }> {
  for (const peer of new Set([...opts.peers, ...(await savedPeers(core))])) await hub.dial(peer);
  if (!opts.discovery) return { stop: async () => undefined };

  let discovery: Discovery | null = null;
  let stopped = false;
  const begin = async () => {
    const room = await getRoom(core.read);
    if (!room || discovery || stopped) return;
    core.off('applied', onApplied);
    const advertise = !isLoopbackHost(opts.host);
    discovery = startDiscovery({
      roomId: room.id,
      stationId: core.stationId,
      port: opts.port,
      advertise,
      onFound: (peer) => void hub.discovered(peer, { unseen: !advertise }).catch(() => undefined),
      onLost: (stationId) => hub.lost(stationId),
    });
  };
  const onApplied = (a: Applied) => {
    if (a.roomChanged) void begin();
  };
  core.on('applied', onApplied);
  await begin();
  return {
    stop: async () => {
      stopped = true;
      core.off('applied', onApplied);
      await discovery?.stop();
    },
  };
}
