import type { IncomingMessage } from 'node:http';
import { networkInterfaces } from 'node:os';
import type { TLSSocket } from 'node:tls';
import type { StationCore } from '../core/core';
import { getMeta, setMeta } from '../db/queries/meta';
import { isLoopbackHost } from '../sync/lan-peers';
import { isLoopback } from './api-routes';

// Station-local, like the station's certificate it is about (DECISIONS.md 13: opt-in by an admin).
const META_KEY = 'lan-https';
const cached = new WeakMap<StationCore, boolean>();

/** Whether LAN browsers must use HTTPS on this station (read once at start, then kept). */
export function lanHttpsOn(core: StationCore): boolean {
  return cached.get(core) ?? false;
}

/** Reads the station's choice from its database (the server calls this before it serves). */
export async function loadLanHttps(core: StationCore): Promise<boolean> {
  const on = (await getMeta(core.read, META_KEY)) === 'on';
  cached.set(core, on);
  return on;
}

/** Turns HTTPS for LAN browsers on or off for this station. */
export async function setLanHttps(core: StationCore, on: boolean): Promise<void> {
  await setMeta(core.db, META_KEY, on ? 'on' : 'off');
  cached.set(core, on);
}

/** Whether a request came over TLS. */
export function isEncrypted(req: IncomingMessage): boolean {
  return (req.socket as Partial<TLSSocket>).encrypted === true;
}

/**
 * Whether a request must move to HTTPS: plain HTTP from another machine while LAN browsers use
 * HTTPS. This machine (the desktop window, the CLI, tests) keeps plain HTTP on loopback.
 */
export function mustUseHttps(core: StationCore, req: IncomingMessage): boolean {
  return lanHttpsOn(core) && !isEncrypted(req) && !isLoopback(req);
}

/**
 * The same page over HTTPS, on the address and port the request reached (one port serves both:
 * the front door sniffs the first byte). Not the Host header: a redirect must not go elsewhere.
 */
export function httpsUrlOf(req: IncomingMessage): string {
  const address = (req.socket.localAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
  const host = address.includes(':') ? `[${address}]` : address;
  const path = (req.url ?? '/').startsWith('/') ? (req.url ?? '/') : '/';
  return `https://${host}:${req.socket.localPort}${path}`;
}

const listening = new WeakMap<StationCore, string>();

/** Notes the host the station listens on (what decides which addresses others can use). */
export function noteListeningHost(core: StationCore, host: string): void {
  listening.set(core, host);
}

/**
 * The `HOST:PORT`s other desks can reach this station at: none when it listens on loopback only,
 * its one address when bound to one, else this machine's LAN addresses (IPv4, not loopback).
 */
export function lanAddresses(core: StationCore, port: number): string[] {
  const host = listening.get(core) ?? '127.0.0.1';
  if (isLoopbackHost(host)) return [];
  if (host !== '0.0.0.0' && host !== '::')
    return [`${host.includes(':') ? `[${host}]` : host}:${port}`];
  return Object.values(networkInterfaces())
    .flat()
    .filter((a) => a && a.family === 'IPv4' && !a.internal)
    .map((a) => `${a?.address}:${port}`);
}
