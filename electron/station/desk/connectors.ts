import {
  ConnectorRefSchema,
  SaveConnectorSchema,
  type ConnectorsView,
} from '../../../shared/contract/connectors';
import { can } from '../../../shared/domain/permissions';
import type { ConnectorHub } from '../connectors/connector-hub';
import { connectorsOf } from '../connectors/start-connectors';
import type { StationCore } from '../core/core';
import type { DeskNamespace } from './desk-server';
import { DeskError, NoInput, handler, type DeskHandlerMap } from './handler';

type ConnectorCommandName = 'connector.list' | 'connector.save' | 'connector.remove';

function hubOf(core: StationCore): ConnectorHub {
  const hub = connectorsOf(core);
  if (!hub) throw new DeskError('not-found', 'connectors are not running on this station');
  return hub;
}

/**
 * /desk handlers for this station's connectors: admins and leads see them and their health;
 * admins add, change, turn off and remove them (written to connectors.yaml).
 */
export const connectorHandlers: DeskHandlerMap<ConnectorCommandName> = {
  'connector.list': handler({
    input: NoInput,
    permission: 'mention.import',
    run: async ({ core }) => hubOf(core).view(),
  }),
  'connector.save': handler({
    input: SaveConnectorSchema,
    permission: 'station.manage',
    run: async ({ core }, input) => ({ connector: await hubOf(core).save(input) }),
  }),
  'connector.remove': handler({
    input: ConnectorRefSchema,
    permission: 'station.manage',
    run: async ({ core }, input) => {
      await hubOf(core).remove(input.id);
      return {};
    },
  }),
};

// Health changes with every item taken in: desks hear of it at most this often.
const PUSH_MS = 1_000;

/** Sends admins' and leads' desks the connectors whenever they or their health change. */
export function pushConnectorChanges(core: StationCore, desk: DeskNamespace): () => void {
  const hub = connectorsOf(core);
  if (!hub) return () => undefined;
  let timer: NodeJS.Timeout | null = null;
  const send = () => {
    timer = null;
    const view: ConnectorsView = hub.view();
    for (const socket of desk.sockets.values())
      if (can(socket.data.operator.role, 'mention.import')) socket.emit('connector.changed', view);
  };
  const onChanged = () => {
    timer ??= setTimeout(send, PUSH_MS);
  };
  hub.on('changed', onChanged);
  return () => {
    hub.off('changed', onChanged);
    if (timer) clearTimeout(timer);
  };
}
