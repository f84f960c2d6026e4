import type { Sql } from '../db/connection';
import { healthOf } from '../db/queries/connectors';
import { readConnectorsFile } from './connector-config';
import type { StoredHealth } from './connector-health';
import { KINDS } from './connector-kinds';

/** One connector as `holdline stats` shows it: from connectors.yaml and its stored health. */
export type ConnectorStat = {
  id: string;
  kind: string;
  enabled: boolean;
  /** The state when its health was last stored (every few seconds while the station runs). */
  state: string | null;
  lastSuccessAt: string | null;
  lastError: { message: string; at: string } | null;
  itemsLastHour: number;
};

/** The data folder's connectors with their last stored health (read-only). */
export async function connectorStats(
  dataDir: string,
  sql: Sql,
  now = Date.now(),
): Promise<{ connectors: ConnectorStat[]; problems: string[] }> {
  const file = readConnectorsFile(dataDir, KINDS);
  if (!file.ok)
    return {
      connectors: [],
      problems: file.problems.map((p) => `line ${p.line}: ${p.message}`),
    };
  const sinceMinute = Math.floor(now / 60_000) - 60;
  const out: ConnectorStat[] = [];
  for (const c of file.connectors) {
    // A folder last opened by an older Holdline has no connector tables yet: no health.
    const text = await healthOf(sql, c.id).catch(() => undefined);
    const h = text === undefined ? null : (JSON.parse(text) as StoredHealth);
    out.push({
      id: c.id,
      kind: c.kind,
      enabled: c.enabled,
      state: c.enabled ? (h?.state ?? null) : 'disabled',
      lastSuccessAt: h?.lastSuccessAt ?? null,
      lastError: h?.lastError ?? null,
      itemsLastHour: (h?.minutes ?? []).reduce((n, [m, k]) => (m > sinceMinute ? n + k : n), 0),
    });
  }
  return { connectors: out, problems: [] };
}

/** The lines `holdline stats` prints for connectors. */
export function connectorLines(stats: Awaited<ReturnType<typeof connectorStats>>): string[] {
  if (stats.problems.length > 0)
    return ['connectors: connectors.yaml has problems:', ...stats.problems.map((p) => `  ${p}`)];
  if (stats.connectors.length === 0) return ['connectors: (none)'];
  return [
    'connectors:',
    ...stats.connectors.map(
      (c) =>
        `  ${c.id.padEnd(20)} ${c.kind.padEnd(12)} ${(c.state ?? 'never run').padEnd(11)} ${String(c.itemsLastHour).padStart(6)} in the last hour, last success ${c.lastSuccessAt ?? 'never'}${c.lastError ? `, last error ${c.lastError.at}: ${c.lastError.message}` : ''}`,
    ),
  ];
}
