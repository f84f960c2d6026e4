import { existsSync, readFileSync } from 'node:fs';
import { openReadDb } from '../db/connection';
import { dataPaths, lockHolder } from '../core/data-dir';
import { mentionStats } from '../db/queries/mention-reads';
import { countOps } from '../db/queries/ops';
import { parse, required, UsageError } from './args';
import { connectorLines, connectorStats } from '../connectors/connector-stats';
import { backupLines, backupStats } from '../backup/backup-stats';
import { needsCatchUp } from '../backup/catch-up-marker';
import { APP_VERSION } from '../core/build-info';
import { CATALOGUE_VERSION } from '../ops/op-catalogue';
import { unreadOf } from '../ops/unread-ops';
import { opsByTypeAndVersion } from '../db/queries/op-versions';
import type { PeerApp } from '../../../shared/contract/peer-about';

type LiveSync = {
  peers: {
    stationId: string | null;
    address: string | null;
    connected: boolean;
    behind: number;
    ahead: number;
    lastSeen: string | null;
    refused: string | null;
    /** The peer's build; absent or null: it did not say (older than this exchange). */
    app?: PeerApp | null;
  }[];
};

/** A peer's build in one phrase for the text output. */
function peerBuild(app: PeerApp | null | undefined): string {
  if (!app) return 'version unknown (an older build)';
  const newer = app.newerOps.length > 0 ? `, newer: reads ${app.newerOps.join(', ')}` : '';
  return `app ${app.app} ops ${app.catalogue}${newer}`;
}

/** Peers and lag from the station running on this folder, if one is. */
async function liveSync(dataDir: string): Promise<LiveSync | null> {
  const urlFile = dataPaths(dataDir).url;
  if (lockHolder(dataDir) === null || !existsSync(urlFile)) return null;
  try {
    const url = readFileSync(urlFile, 'utf8').trim();
    const res = await fetch(new URL('api/sync', url), { signal: AbortSignal.timeout(3_000) });
    return res.ok ? ((await res.json()) as LiveSync) : null;
  } catch {
    return null;
  }
}

/** holdline stats: counts from the data folder, read-only, so it works while the station runs. */
export async function statsCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, { data: { type: 'string' }, json: { type: 'boolean' } });
  const file = dataPaths(required(values.data, '--data')).db;
  if (!existsSync(file))
    throw new UsageError(`no station data in ${values.data} (run holdline init first)`);
  const db = await openReadDb(file);
  try {
    const sync = await liveSync(values.data as string);
    const connectors = await connectorStats(values.data as string, db);
    const backups = backupStats(values.data as string);
    const stats = {
      ...(await mentionStats(db)),
      ops: await countOps(db),
      sync,
      connectors,
      backups,
      /** Restored from a backup, waiting for a peer to give it back its own later ops. */
      catchingUp: needsCatchUp(values.data as string),
      /** This build's app version and op catalogue; stored ops it cannot interpret, by type@v. */
      build: {
        app: APP_VERSION,
        catalogue: CATALOGUE_VERSION,
        unread: unreadOf((await opsByTypeAndVersion(db)).rows),
      },
    };
    if (values.json) process.stdout.write(JSON.stringify(stats) + '\n');
    else {
      const lines = [
        `mentions  ${stats.mentions}`,
        `authors   ${stats.authors}`,
        `ops       ${stats.ops}`,
        `build     app ${stats.build.app}, op catalogue ${stats.build.catalogue}`,
        ...(stats.build.unread.total > 0
          ? [
              `ops this build cannot read (a newer version's; stored and forwarded, no effect here): ${stats.build.unread.total}`,
              ...Object.entries(stats.build.unread.byOp).map(([k, n]) => `  ${k.padEnd(30)} ${n}`),
            ]
          : []),
        'by status:',
        ...Object.entries(stats.byStatus).map(([k, n]) => `  ${k.padEnd(12)} ${n}`),
        'by channel:',
        ...Object.entries(stats.byChannel).map(([k, n]) => `  ${k.padEnd(12)} ${n}`),
        ...(sync
          ? [
              'peers:',
              ...(sync.peers.length === 0 ? ['  (none)'] : []),
              ...sync.peers.map(
                (p) =>
                  `  ${(p.stationId ?? p.address ?? '?').padEnd(24)} ${p.connected ? 'connected' : 'offline  '} behind ${p.behind} ahead ${p.ahead} last seen ${p.lastSeen ?? 'never'}, ${peerBuild(p.app)}${p.refused ? ` (${p.refused})` : ''}`,
              ),
            ]
          : ['peers: the station is not running, so no live links']),
        ...connectorLines(connectors),
        ...backupLines(backups),
        ...(stats.catchingUp
          ? [
              'restored from a backup: records nothing of its own until a peer of the room has caught it up',
            ]
          : []),
      ];
      process.stdout.write(lines.join('\n') + '\n');
    }
    return 0;
  } finally {
    await db.close();
  }
}
