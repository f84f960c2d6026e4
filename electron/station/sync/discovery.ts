// LAN discovery of the stations of one war room over mDNS / DNS-SD (RFC 6762, RFC 6763), with
// bonjour-service. Liveness is ours, not the library's: it never refreshes a service it already
// knows (no event, no new lastSeen), so each re-query runs through a fresh browser whose 'up'
// events say who answered, and a station silent for expireMs is reported lost.
import type { Browser, Service } from 'bonjour-service';
import {
  SERVICE_TYPE,
  instanceName,
  pickAddress,
  roomTag,
  stationOfTxt,
  stationTxt,
} from './discovery-records';
import { closeBonjour, logOnce, openBonjour } from './discovery-socket';

/** A station of the same war room seen on the LAN. */
export type DiscoveredPeer = { stationId: string; host: string; port: number };

/** What to advertise and whom to tell about the peers found. */
export type DiscoveryOptions = {
  /** The war room; only stations of the same room are reported. */
  roomId: string;
  /** This station, never reported to itself. */
  stationId: string;
  /** The port this station serves on (advertised). */
  port: number;
  /** False when the station listens on loopback only: then it browses but does not advertise. */
  advertise: boolean;
  /** How often to ask the LAN who is there (default 10 s). */
  requeryMs?: number;
  /** A peer not heard of for this long is reported lost (default 35 s). */
  expireMs?: number;
  /** Multicast on this interface address only (default: every interface). */
  interfaceAddress?: string;
  /** A new peer, or a known one at a new host or port. */
  onFound(peer: DiscoveredPeer): void;
  /** A peer said goodbye or went silent. */
  onLost(stationId: string): void;
};

/** A running discovery. */
export type Discovery = {
  /** Says goodbye on the LAN and closes the socket. */
  stop(): Promise<void>;
  /** The peers currently known. */
  peers(): DiscoveredPeer[];
};

type Known = { peer: DiscoveredPeer; fqdn: string; heardAt: number };

/** Advertises this station (unless told not to) and reports the peers of its room. */
export function startDiscovery(opts: DiscoveryOptions): Discovery {
  const requeryMs = opts.requeryMs ?? 10_000;
  const expireMs = opts.expireMs ?? 35_000;
  const room = roomTag(opts.roomId);
  const known = new Map<string, Known>();
  const log = logOnce('[discovery]');
  // Browser events fire inside the socket's 'message' handler: a throw there would crash.
  const guarded =
    <A extends unknown[]>(fn: (...args: A) => void) =>
    (...args: A) => {
      try {
        fn(...args);
      } catch (err) {
        log(err);
      }
    };

  const onFound = guarded(opts.onFound);
  const onLost = guarded(opts.onLost);

  const heard = guarded((service: Service) => {
    const stationId = stationOfTxt(service.txt, room);
    if (stationId === undefined || stationId === opts.stationId) return;
    const host = pickAddress(service.addresses, service.referer?.address);
    if (host === undefined) return;
    const peer = { stationId, host, port: service.port };
    const before = known.get(stationId)?.peer;
    known.set(stationId, { peer, fqdn: service.fqdn.toLowerCase(), heardAt: Date.now() });
    if (before?.host !== peer.host || before.port !== peer.port) onFound(peer);
  });
  const lose = (stationId: string) => {
    if (known.delete(stationId)) onLost(stationId);
  };
  // By name, not TXT: the record a goodbye removes may be one that came without its TXT.
  const goodbye = guarded((service: Service) => {
    const fqdn = service.fqdn.toLowerCase();
    for (const [id, k] of known) if (k.fqdn === fqdn) lose(id);
  });

  const bonjour = openBonjour(opts.interfaceAddress, log);
  if (!bonjour) return { stop: async () => {}, peers: () => [] };

  if (opts.advertise) {
    try {
      const txt = stationTxt(opts.stationId, opts.roomId);
      bonjour.publish({
        name: instanceName(opts.stationId),
        type: SERVICE_TYPE,
        port: opts.port,
        txt,
        disableIPv6: true,
      });
    } catch (err) {
      log(err);
    }
  }
  // The long-lived browser sees goodbyes and changed records; the per-round one sees answers.
  const tracker = bonjour.find({ type: SERVICE_TYPE, protocol: 'tcp' });
  tracker.on('up', heard).on('txt-update', heard).on('srv-update', heard).on('down', goodbye);
  let round: Browser | undefined;
  const tick = setInterval(
    guarded(() => {
      const now = Date.now();
      for (const [id, k] of known) if (now - k.heardAt > expireMs) lose(id);
      round?.stop();
      round = bonjour.find({ type: SERVICE_TYPE, protocol: 'tcp' }, heard);
    }),
    requeryMs,
  );
  tick.unref();

  let stopping: Promise<void> | undefined;
  return {
    peers: () => [...known.values()].map((k) => ({ ...k.peer })),
    stop: () =>
      (stopping ??= (async () => {
        clearInterval(tick);
        round?.stop();
        tracker.stop();
        await closeBonjour(bonjour);
        known.clear();
      })()),
  };
}
