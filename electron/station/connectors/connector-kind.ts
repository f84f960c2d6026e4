/**
 * A connector kind: the one thing to write to bring a new source of mentions into the station.
 *
 * HOW TO ADD A KIND (e.g. IMAP):
 *  1. Make a folder `electron/station/connectors/<kind>/` exporting a `ConnectorKind` (see
 *     rss/rss-kind.ts for a polling kind, webhook/webhook-kind.ts for a push kind,
 *     watch-folder/ for one that goes through the file import path, email/ for IMAP).
 *  2. List it in `connector-kinds.ts` (KINDS) and add the kind to IngestSource's `connector`
 *     enum in ops/payloads.ts if it is not there ('imap' already is).
 *  That is all: connectors.yaml, the admin form (generated from `settings` as JSON Schema),
 *  health on every desk, cursors and restarts are the framework's (connector-hub.ts).
 *
 * The contract:
 *  - `settings` is a flat zod object of the kind's own fields (strings, numbers, booleans,
 *    enums; `.describe()` becomes the form's hint). The framework adds the common fields
 *    `id`, `kind`, `title`, `enabled`. Fields named in `secrets` are never sent to desks in full.
 *  - `start(ctx)` runs when the connector is enabled (station start, or its config changed: the
 *    old run is stopped first). It should not throw for a source that is down: report that
 *    with `ctx.health.failed(err, retryAt)` (or let `ctx.poll` do it) and keep trying; a problem
 *    that does not stop it (one refused request, one unreadable file) is `ctx.health.problem`.
 *    Throw only for a configuration that cannot work (an unknown preset): the connector then
 *    shows `error` until its configuration changes.
 *  - Polling kinds call `ctx.poll(fn, intervalMs)`: fn runs now, then `intervalMs` after each
 *    success; after a failure (fn threw) it backs off exponentially with jitter (capped), and
 *    health follows on its own.
 *  - Push kinds return `receive` from start: POST /ingest/<id> is handed to it, raw.
 *  - `ctx.ingest(inputs)` turns mention inputs into mention.ingest ops (enriched, routed,
 *    actor `system`, source `{ connector: kind, connectorId: id }`), counting new mentions and
 *    duplicates (same channel + external id: DECISIONS.md 7) and the health's items per hour.
 *  - `ctx.cursor` keeps one JSON value per connector and `ctx.seen` a set of keys (entry ids,
 *    message ids, file hashes), both in SQLite, local to this station, across restarts. Record
 *    them only after `ctx.ingest` resolved: a crash in between then delivers an item again
 *    (collapsed by the dedupe key) instead of losing it.
 *  - `ctx.signal` is aborted when the connector stops; `stop()` must resolve once nothing of
 *    the run is left working (the station closes its database right after).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import type { MentionInput } from '../../../shared/domain/mention';
import type { StationCore } from '../core/core';
import type { IngestSource } from '../ops/payloads';

/** A kind's settings schema: a flat zod object. */
export type SettingsSchema = z.ZodObject<z.ZodRawShape>;

/** What a kind is and how to run one connector of it. */
export type ConnectorKind<S extends SettingsSchema = SettingsSchema> = {
  /** The `kind:` value in connectors.yaml, also the ingest source's `connector`. */
  kind: IngestSource['connector'];
  /** Its name in the admin UI. */
  title: string;
  settings: S;
  /** Settings that are secrets (tokens, passwords). */
  secrets: readonly (keyof z.output<S> & string)[];
  /** True for kinds sources post to (POST /ingest/<id>). */
  push?: boolean;
  start(ctx: ConnectorContext<z.output<S>>): Promise<ConnectorRun>;
};

/** A running connector. */
export type ConnectorRun = {
  stop(): Promise<void>;
  /** Push kinds: answers one POST /ingest/<id> (the body is still unread). */
  receive?(req: IncomingMessage, res: ServerResponse): Promise<void>;
};

/** What ctx.ingest did with a batch. */
export type IngestOutcome = { accepted: number; duplicates: number };

/** One JSON value kept per connector. */
export type CursorStore = {
  load<T>(): Promise<T | undefined>;
  save(value: unknown): Promise<void>;
};

/** Keys a connector has taken in. */
export type SeenSet = {
  /** Which of `keys` are already taken in. */
  among(keys: readonly string[]): Promise<Set<string>>;
  add(keys: readonly string[]): Promise<void>;
  /** Keeps only the newest `keep` keys (a feed's ids need not be kept for ever). */
  prune(keep: number): Promise<void>;
};

/** How a connector reports on itself (ctx.poll does this for polling kinds). */
export type HealthReporter = {
  /** The source was reached without a problem. */
  succeeded(): void;
  /** Something went wrong; `retryAt` when the connector will try again by itself. */
  failed(err: unknown, retryAt?: number): void;
  /** A problem that does not stop the connector (a refused webhook request): shown as last error. */
  problem(err: unknown): void;
  /** Items taken in outside ctx.ingest (an import through another path). */
  counted(items: number): void;
};

/** Everything a running connector gets from the framework. */
export type ConnectorContext<C> = {
  id: string;
  kind: string;
  config: C;
  core: StationCore;
  /** The station's data folder (connectors.yaml lives there). */
  dataDir: string;
  signal: AbortSignal;
  cursor: CursorStore;
  seen: SeenSet;
  health: HealthReporter;
  ingest(inputs: readonly MentionInput[]): Promise<IngestOutcome>;
  /** Runs `fn` now and again after `intervalMs`, backing off after failures (poll-loop.ts). */
  poll(fn: () => Promise<void>, intervalMs: number): void;
  /** Logs a line on the station's stderr, prefixed with the connector. */
  log(message: string): void;
};
