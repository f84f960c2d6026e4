import { EventEmitter } from 'node:events';
import { unwatchFile, watchFile } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type {
  ConnectorKindView,
  ConnectorsView,
  ConnectorView,
  SaveConnectorSchema,
} from '../../../shared/contract/connectors';
import type { YamlProblem } from '../../../shared/yaml/parse-with-schema';
import type { StationCore } from '../core/core';
import { healthOf, putHealth } from '../db/queries/connectors';
import { CommandError } from '../mentions/commands';
import {
  CONNECTORS_FILE,
  entrySchemaOf,
  readConnectorsFile,
  writeConnector,
  type ConnectorConfig,
} from './connector-config';
import { HealthTracker, messageOf, type StoredHealth } from './connector-health';
import { ingestFromConnector } from './connector-ingest';
import type { ConnectorContext, ConnectorKind, ConnectorRun } from './connector-kind';
import { cursorStore, seenSet } from './connector-state';
import { pollLoop } from './poll-loop';

/** One configured connector and its run. */
type Entry = {
  config: ConnectorConfig;
  /** The settings as the kind's schema gave them (defaults filled in). */
  settings: Record<string, unknown>;
  /** The config as JSON: a change restarts the connector. */
  key: string;
  health: HealthTracker;
  run: ConnectorRun | null;
  abort: AbortController | null;
  loops: Promise<void>[];
};

// Health is written to the database at most this often (and when the hub closes).
const HEALTH_SAVE_MS = 2_000;
// How often connectors.yaml is looked at for changes made by hand.
const FILE_POLL_MS = 1_000;

/**
 * The station's connectors: reads connectors.yaml (the one store of their configuration, which
 * the admin UI edits through `save` and `remove`), starts each enabled one with its kind,
 * restarts it when its entry changes, rereads the file when it changes on disk (a file with
 * problems is reported and the last good configuration keeps running), and keeps each
 * connector's health, stored across restarts. Emits `changed` on any change desks should see.
 */
export class ConnectorHub extends EventEmitter<{ changed: [] }> {
  private readonly entries = new Map<string, Entry>();
  private readonly kinds: Map<string, ConnectorKind>;
  private problems: YamlProblem[] = [];
  private lastText: string | null = null;
  private queue: Promise<void> = Promise.resolve();
  private closed = false;
  private dirtyHealth = new Set<string>();
  private healthTimer: NodeJS.Timeout | null = null;
  private readonly file: string;
  private readonly onFile = () => void this.reload();

  constructor(
    private readonly core: StationCore,
    kinds: readonly ConnectorKind[],
  ) {
    super();
    this.kinds = new Map(kinds.map((k) => [k.kind, k]));
    this.file = path.join(core.dataDir, CONNECTORS_FILE);
  }

  /** Reads the file, starts its connectors and follows the file. */
  async start(): Promise<void> {
    // A file that cannot be read is logged (reload) and retried when it changes; the station runs.
    await this.reload().catch(() => undefined);
    watchFile(this.file, { interval: FILE_POLL_MS, persistent: false }, this.onFile);
  }

  /** Rereads connectors.yaml and applies what changed (queued: one reload at a time). */
  reload(force = false): Promise<void> {
    const next = this.queue.then(() => this.reloadNow(force));
    this.queue = next.catch((err: unknown) =>
      console.error('[connectors] could not apply connectors.yaml:', err),
    );
    return next;
  }

  private async reloadNow(force: boolean): Promise<void> {
    if (this.closed) return;
    const read = readConnectorsFile(this.core.dataDir, [...this.kinds.values()]);
    if (!force && read.text === this.lastText) return;
    this.lastText = read.text;
    if (!read.ok) {
      this.problems = read.problems;
      this.emit('changed');
      return;
    }
    this.problems = [];
    const wanted = new Map(read.connectors.map((c) => [c.id, c]));
    for (const [id, e] of this.entries)
      if (!wanted.has(id)) {
        await this.stopEntry(e);
        this.entries.delete(id);
      }
    for (const config of read.connectors) {
      const kind = this.kinds.get(config.kind) as ConnectorKind;
      const settings = kind.settings.parse(config.settings) as Record<string, unknown>;
      const key = JSON.stringify(config);
      const had = this.entries.get(config.id);
      if (had?.key === key) continue;
      if (had) await this.stopEntry(had);
      const stored = had ? undefined : await healthOf(this.core.read, config.id);
      const entry: Entry = had ?? {
        config,
        settings,
        key,
        health: new HealthTracker(
          () => this.healthChanged(config.id),
          stored === undefined ? undefined : (JSON.parse(stored) as StoredHealth),
        ),
        run: null,
        abort: null,
        loops: [],
      };
      Object.assign(entry, { config, settings, key });
      this.entries.set(config.id, entry);
      await this.startEntry(entry, kind);
    }
    this.emit('changed');
  }

  private async startEntry(e: Entry, kind: ConnectorKind): Promise<void> {
    if (!e.config.enabled) return e.health.setState('disabled');
    e.health.setState('starting');
    const abort = new AbortController();
    e.abort = abort;
    e.loops = [];
    const { id } = e.config;
    const ctx: ConnectorContext<Record<string, unknown>> = {
      id,
      kind: kind.kind,
      config: e.settings,
      core: this.core,
      dataDir: this.core.dataDir,
      signal: abort.signal,
      cursor: cursorStore(this.core, id),
      seen: seenSet(this.core, id),
      health: e.health,
      ingest: async (inputs) => {
        const outcome = await ingestFromConnector(this.core, inputs, {
          connector: kind.kind,
          connectorId: id,
        });
        e.health.counted(inputs.length);
        return outcome;
      },
      poll: (fn, intervalMs) => {
        e.loops.push(pollLoop(fn, { intervalMs }, e.health, abort.signal));
      },
      log: (message) => console.error(`[connector ${id}] ${message}`),
    };
    try {
      e.run = await kind.start(ctx as never);
      if (e.loops.length === 0) e.health.setState('running');
    } catch (err) {
      abort.abort();
      await Promise.allSettled(e.loops);
      e.loops = [];
      e.health.broken(err);
    }
  }

  private async stopEntry(e: Entry): Promise<void> {
    e.abort?.abort();
    try {
      await e.run?.stop();
    } catch (err) {
      console.error(`[connector ${e.config.id}] did not stop cleanly: ${messageOf(err)}`);
    }
    await Promise.allSettled(e.loops);
    e.run = null;
    e.abort = null;
    e.loops = [];
  }

  private healthChanged(id: string): void {
    this.dirtyHealth.add(id);
    this.healthTimer ??= setTimeout(() => void this.saveHealth(), HEALTH_SAVE_MS);
    this.emit('changed');
  }

  private async saveHealth(): Promise<void> {
    if (this.healthTimer) clearTimeout(this.healthTimer);
    this.healthTimer = null;
    const ids = [...this.dirtyHealth];
    this.dirtyHealth.clear();
    const rows = ids.flatMap((id) => {
      const e = this.entries.get(id);
      return e ? [[id, JSON.stringify(e.health.stored())] as const] : [];
    });
    if (rows.length === 0) return;
    await this.core.db
      .transaction(async (tx) => {
        for (const [id, value] of rows) await putHealth(tx, id, value);
      })
      .catch((err: unknown) => console.error('[connectors] could not store health:', err));
  }

  /** The handler of POST /ingest/<id>: null when no such connector, `disabled` when off. */
  receiverOf(id: string): ConnectorRun['receive'] | 'disabled' | 'not-running' | null {
    const e = this.entries.get(id);
    if (!e || !this.kinds.get(e.config.kind)?.push) return null;
    if (!e.config.enabled) return 'disabled';
    return e.run?.receive?.bind(e.run) ?? 'not-running';
  }

  /** One connector as desks see it (secrets masked). */
  viewOf(id: string): ConnectorView | null {
    const e = this.entries.get(id);
    const kind = e && this.kinds.get(e.config.kind);
    if (!e || !kind) return null;
    const settings: Record<string, unknown> = {};
    const secrets: ConnectorView['secrets'] = {};
    for (const [k, v] of Object.entries(e.settings)) {
      if (!(kind.secrets as readonly string[]).includes(k)) settings[k] = v;
    }
    for (const k of kind.secrets) {
      const v = e.settings[k];
      const set = typeof v === 'string' && v !== '';
      secrets[k] = { set, last4: set && v.length >= 12 ? v.slice(-4) : null };
    }
    return {
      id: e.config.id,
      kind: e.config.kind,
      title: e.config.title ?? null,
      enabled: e.config.enabled,
      settings,
      secrets,
      health: e.health.view(),
      endpoint: kind.push ? `/ingest/${e.config.id}` : null,
    };
  }

  /** Every connector, the file, its problems and the kinds (with their settings' JSON Schema). */
  view(): ConnectorsView {
    return {
      file: this.file,
      problems: this.problems.map(({ line, column, message }) => ({ line, column, message })),
      connectors: [...this.entries.keys()].flatMap((id) => this.viewOf(id) ?? []),
      kinds: [...this.kinds.values()].map(kindViewOf),
    };
  }

  /**
   * Adds or changes a connector from the admin UI: checked against its kind, written into
   * connectors.yaml, then applied. Secrets left out keep their stored value.
   */
  async save(input: z.output<typeof SaveConnectorSchema>): Promise<ConnectorView> {
    const kind = this.kinds.get(input.kind);
    if (!kind)
      throw new CommandError(
        'invalid',
        `no connector kind "${input.kind}" (have: ${[...this.kinds.keys()].join(', ')})`,
      );
    await this.queue;
    const had = this.entries.get(input.id);
    if (input.create && had)
      throw new CommandError('conflict', `a connector is already called "${input.id}"`);
    if (!input.create && !had) throw new CommandError('not-found', `no connector "${input.id}"`);
    if (had && had.config.kind !== input.kind)
      throw new CommandError('invalid', 'a connector keeps its kind: remove it and add a new one');
    const settings = { ...input.settings };
    // An empty field is no value (a brand taken away, an optional signing secret removed); a
    // secret left out keeps the value it had.
    for (const [k, v] of Object.entries(settings)) if (v === '' || v === null) delete settings[k];
    for (const s of kind.secrets) {
      const given = input.settings[s];
      if ((given === undefined || given === null) && had?.config.settings[s] !== undefined)
        settings[s] = had.config.settings[s];
    }
    const checked = entrySchemaOf(kind).safeParse({
      id: input.id,
      kind: input.kind,
      ...(input.title && { title: input.title }),
      enabled: input.enabled,
      ...settings,
    });
    if (!checked.success) {
      const i = checked.error.issues[0];
      throw new CommandError(
        'invalid',
        `${i?.path.join('.') || 'connector'}: ${i?.message ?? 'invalid'}`,
      );
    }
    const { id, kind: k, title, enabled, ...parsed } = checked.data as Record<string, unknown>;
    const config: ConnectorConfig = {
      id: id as string,
      kind: k as string,
      title: title as string | undefined,
      enabled: enabled as boolean,
      settings: Object.fromEntries(Object.entries(parsed).filter(([, v]) => v !== undefined)),
    };
    this.write(input.id, config);
    await this.reload(true);
    return this.viewOf(input.id) as ConnectorView;
  }

  /** Removes a connector from connectors.yaml and stops it (its cursor stays, should it return). */
  async remove(id: string): Promise<void> {
    await this.queue;
    if (!this.entries.has(id)) throw new CommandError('not-found', `no connector "${id}"`);
    this.write(id, null);
    await this.reload(true);
  }

  private write(id: string, config: ConnectorConfig | null): void {
    try {
      writeConnector(this.core.dataDir, id, config);
    } catch (err) {
      throw new CommandError('conflict', messageOf(err));
    }
  }

  /** Stops every connector and stores their health. */
  async close(): Promise<void> {
    if (this.closed) return;
    unwatchFile(this.file, this.onFile);
    await this.queue;
    this.closed = true;
    for (const e of this.entries.values()) await this.stopEntry(e);
    for (const id of this.entries.keys()) this.dirtyHealth.add(id);
    await this.saveHealth();
    this.removeAllListeners();
  }
}

/** A kind as desks see it. */
function kindViewOf(kind: ConnectorKind): ConnectorKindView {
  return {
    kind: kind.kind,
    title: kind.title,
    schema: z.toJSONSchema(kind.settings, { io: 'input', unrepresentable: 'any' }) as Record<
      string,
      unknown
    >,
    secrets: [...kind.secrets],
  };
}
