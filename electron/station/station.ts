import { loadLanHttps, noteListeningHost } from './http/lan-https';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { dataPaths } from './core/data-dir';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { StationCore } from './core/core';
import { applyNewlyKnownOps } from './ops/newly-known';
import { createStationServer, type StationServer } from './http/server';
import { startLanPeers } from './sync/lan-peers';
import { startConnectors } from './connectors/start-connectors';
import { startBackups } from './backup/backup-scheduler';
import { startPrivacy } from './privacy/privacy-station';

/** How to start a station. */
export type StationOptions = {
  dataDir: string;
  host?: string;
  port?: number;
  /** Finding stations of the room by mDNS (off unless asked: the CLI and the app turn it on). */
  discovery?: boolean;
  /** Peers to keep a link to (host:port), for networks where discovery cannot find them. */
  peers?: readonly string[];
  /** Folder of the built renderer; defaults to out/renderer beside the app. */
  rendererDir?: string | null;
};

/** A running station. */
export type RunningStation = {
  url: string;
  port: number;
  host: string;
  stationId: string;
  core: StationCore;
  server: StationServer;
  close(): Promise<void>;
};

/** Where the built renderer is, looking from this file in the source tree or the bundle. */
export function defaultRendererDir(): string | null {
  const candidates = [
    process.env.HOLDLINE_RENDERER_DIR,
    path.resolve(__dirname, '../../out/renderer'),
    path.resolve(__dirname, '../renderer'),
    path.resolve(process.cwd(), 'out/renderer'),
  ];
  return (
    candidates.find(
      (d): d is string => Boolean(d) && existsSync(path.join(d as string, 'index.html')),
    ) ?? null
  );
}

/** Opens the data folder and serves /desk, the API and the UI. Headless and in Electron alike. */
export async function startStation(opts: StationOptions): Promise<RunningStation> {
  const core = await StationCore.open(opts.dataDir);
  const again = await applyNewlyKnownOps(core);
  if (again > 0)
    console.error(`applied ${again} stored ops this version reads and the one before did not`);
  await loadLanHttps(core);
  await startConnectors(core);
  startBackups(core);
  startPrivacy(core);
  const host = opts.host ?? '127.0.0.1';
  const server = createStationServer(
    core,
    opts.rendererDir === undefined ? defaultRendererDir() : opts.rendererDir,
  );
  try {
    await new Promise<void>((resolve, reject) => {
      server.front.once('error', reject);
      server.front.listen(opts.port ?? 4120, host, () => resolve());
    });
  } catch (err) {
    await core.close();
    throw err;
  }
  const port = (server.front.address() as AddressInfo).port;
  noteListeningHost(core, host);
  const urlFile = dataPaths(opts.dataDir).url;
  const lan = await startLanPeers(core, server.peers, {
    host,
    port,
    discovery: opts.discovery ?? false,
    peers: opts.peers ?? [],
  });
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  let closed = false;
  const url = `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}/`;
  writeFileSync(urlFile, url + '\n');
  return {
    url,
    port,
    host,
    stationId: core.stationId,
    core,
    server,
    close: async () => {
      if (closed) return;
      closed = true;
      rmSync(urlFile, { force: true });
      await lan.stop();
      await server.close();
      await core.close();
    },
  };
}
