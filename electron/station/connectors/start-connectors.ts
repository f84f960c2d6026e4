import type { StationCore } from '../core/core';
import { ConnectorHub } from './connector-hub';
import type { ConnectorKind } from './connector-kind';
import { KINDS } from './connector-kinds';

const hubs = new WeakMap<StationCore, ConnectorHub>();

/** The station's running connectors (null before startConnectors). */
export function connectorsOf(core: StationCore): ConnectorHub | null {
  return hubs.get(core) ?? null;
}

/**
 * Starts the station's connectors from <dataDir>/connectors.yaml; they stop, and store their
 * health, when the core closes.
 */
export async function startConnectors(
  core: StationCore,
  kinds: readonly ConnectorKind[] = KINDS,
): Promise<ConnectorHub> {
  const hub = new ConnectorHub(core, kinds);
  hubs.set(core, hub);
  core.onClose(() => hub.close());
  await hub.start();
  return hub;
}
