import { z } from 'zod';
import type { Ack } from './common';

/** A connector's id: also its name in connectors.yaml and its webhook path (/ingest/<id>). */
export const ConnectorIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'use lowercase letters, digits and dashes (at most 64)');

/** What a connector is doing. */
export const CONNECTOR_STATES = [
  'starting',
  'running',
  'backing-off',
  'disabled',
  'error',
] as const;
/** A connector's state. */
export type ConnectorState = (typeof CONNECTOR_STATES)[number];

/** A connector's health, as the station keeps it and desks show it. */
export type ConnectorHealth = {
  state: ConnectorState;
  /** Last time the connector reached its source without a problem (ISO 8601). */
  lastSuccessAt: string | null;
  lastError: { message: string; at: string } | null;
  /** Mentions taken in (new or duplicate) in the last 60 minutes. */
  itemsLastHour: number;
  /** When a backing-off connector tries again (ISO 8601). */
  retryAt: string | null;
};

/** A secret setting as desks see it: whether it is set, and its last four characters. */
export type SecretView = { set: boolean; last4: string | null };

/** One configured connector, secrets masked. */
export type ConnectorView = {
  id: string;
  kind: string;
  title: string | null;
  enabled: boolean;
  /** The kind's settings, without its secrets. */
  settings: Record<string, unknown>;
  secrets: Record<string, SecretView>;
  health: ConnectorHealth;
  /** Push connectors: the path sources post to (e.g. /ingest/listening-tool). */
  endpoint: string | null;
};

/** A connector kind the station knows, with a JSON Schema of its settings (for the form). */
export type ConnectorKindView = {
  kind: string;
  title: string;
  /** JSON Schema (draft 2020-12) of the kind's settings, as input. */
  schema: Record<string, unknown>;
  /** Settings that are secrets: never sent back in full. */
  secrets: string[];
};

/** A problem in connectors.yaml, where it is. */
export type ConnectorFileProblem = { line: number; column: number; message: string };

/** Every connector of this station, the file they are kept in and what is wrong with it. */
export type ConnectorsView = {
  file: string;
  /** Problems of the file as it is on disk (the station keeps running the last good version). */
  problems: ConnectorFileProblem[];
  connectors: ConnectorView[];
  kinds: ConnectorKindView[];
};

/**
 * Adds or changes a connector. A secret left out of `settings` keeps its stored value; settings
 * are checked by the station against the kind's schema, and refused with the field at fault.
 */
export const SaveConnectorSchema = z.object({
  id: ConnectorIdSchema,
  kind: z.string().min(1).max(64),
  title: z.string().trim().max(200).optional(),
  enabled: z.boolean(),
  settings: z.record(z.string().max(64), z.unknown()),
  /** True to add a new connector (refused when the id is taken); false to change one. */
  create: z.boolean().default(false),
});

/** Names one connector. */
export const ConnectorRefSchema = z.object({ id: ConnectorIdSchema });

/** Connector commands on /desk (listing: admins and leads; changes: admins). */
export type ConnectorsCommands = {
  'connector.list': (input: Record<string, never>, ack: Ack<ConnectorsView>) => void;
  'connector.save': (
    input: z.input<typeof SaveConnectorSchema>,
    ack: Ack<{ connector: ConnectorView }>,
  ) => void;
  'connector.remove': (input: z.input<typeof ConnectorRefSchema>, ack: Ack<object>) => void;
};

/** Connector events on /desk. */
export type ConnectorsEvents = {
  /** The connectors or their health changed (sent to admins and leads, at most once a second). */
  'connector.changed': (view: ConnectorsView) => void;
};
