import { RoomClosedError } from '../core/core';
import type { Namespace, Server, Socket } from 'socket.io';
import type { Result } from '../../../shared/contract/common';
import type { DeskCommandName, DeskCommands, DeskEvents } from '../../../shared/contract/desk';
import type { Operator } from '../../../shared/domain/people';
import { can } from '../../../shared/domain/permissions';
import { resolveSession } from '../auth/sessions';
import type { StationCore } from '../core/core';
import { CommandError } from '../mentions/commands';
import { DeskError, type DeskHandler } from './handler';
import { endDeadSessions, liveOperator } from './session-guard';
import { mentionHandlers } from './mentions';
import { roomHandlers } from './room';
import { closureHandlers } from './room-closure';
import { roomsHandlers } from './rooms';
import { isLoopback } from '../http/api-routes';
import { startSyncPush, syncHandlers } from './sync';
import { presenceHandlers } from './presence';
import { runHandlers } from './runs';
import { messageHandlers } from './messages';
import { waveHandlers } from './waves';
import { drillHandlers, pushDrillProgress } from './drills';
import { reviewHandlers } from './reviews';
import { connectorHandlers, pushConnectorChanges } from './connectors';
import { contactHandlers } from './contacts';
import { backupHandlers } from './backups';
import { privacyHandlers } from './privacy';
import { deviceHandlers } from './devices';
import { staffingHandlers } from './staffing';
import { startStaffing } from '../staffing/staffing-push';
import { rosterHandlers } from './roster';
import { pushAssignments, pushSlaBreaches, routingHandlers } from './routing';
import { startAssigner } from '../routing/assigner';
import { presenceBoardOf, type PresenceBoard } from '../presence/presence-board';
import { DeskBroadcaster } from './broadcaster';
import { FacetCache } from '../mentions/facet-cache';
import type { Presence } from '../scheduler/claim-leases';

type DeskSocket = Socket<DeskCommands, DeskEvents, Record<string, never>, { operator: Operator }>;
/** The /desk namespace, typed by the contract. */
export type DeskNamespace = Namespace<
  DeskCommands,
  DeskEvents,
  Record<string, never>,
  { operator: Operator }
>;

const HANDLERS: Record<string, DeskHandler<DeskCommandName>> = {
  ...mentionHandlers,
  ...messageHandlers,
  ...staffingHandlers,
  ...roomHandlers,
  ...closureHandlers,
  ...roomsHandlers,
  ...syncHandlers,
  ...runHandlers,
  ...presenceHandlers,
  ...rosterHandlers,
  ...routingHandlers,
  ...waveHandlers,
  ...drillHandlers,
  ...reviewHandlers,
  ...connectorHandlers,
  ...contactHandlers,
  ...backupHandlers,
  ...privacyHandlers,
  ...deviceHandlers,
} as never;

function fail(code: DeskError['code'], message: string): Result<never> {
  return { ok: false, code, message };
}

/** Runs one command: validate, authorise (by the account as it is now), run, answer. */
async function dispatch(
  core: StationCore,
  facets: FacetCache,
  socket: DeskSocket,
  name: string,
  input: unknown,
): Promise<Result<object>> {
  const h = HANDLERS[name];
  if (!h) return fail('invalid', `unknown command "${name}"`);
  // The session as it is now: a reset password ends it, like a disabled or expired account.
  const operator = await liveOperator(core, socket);
  if (!operator)
    return fail(
      'unauthenticated',
      'your session has ended or your account is no longer active; log in again',
    );
  if (!can(operator.role, h.permission))
    return fail('forbidden', `a ${operator.role} may not ${name}`);
  const parsed = h.input.safeParse(input ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` (${issue.path.join('.')})` : '';
    return fail('invalid', `${name}: ${issue?.message ?? 'invalid input'}${where}`);
  }
  try {
    const answer = await h.run(
      {
        core,
        operator,
        facets,
        connectionId: socket.id,
        localPort: socket.request.socket.localPort ?? 0,
        onThisMachine: isLoopback(socket.request),
      },
      parsed.data as never,
    );
    return { ok: true, ...answer };
  } catch (err) {
    if (err instanceof DeskError || err instanceof CommandError) return fail(err.code, err.message);
    if (err instanceof RoomClosedError) return fail('forbidden', err.message);
    console.error(`[desk] ${name} failed:`, err);
    return fail('internal', `${name} failed on the station; nothing was changed`);
  }
}

// Presence changes come in bursts (a desk moving down the queue): tell desks at most this often.
const PRESENCE_PUSH_MS = 100;

/** Pushes everyone's presence to every desk when it changes. */
function pushPresence(board: PresenceBoard, desk: DeskNamespace): () => void {
  let timer: NodeJS.Timeout | null = null;
  const onChanged = () => {
    timer ??= setTimeout(() => {
      timer = null;
      desk.emit('presence.changed', board.entries());
    }, PRESENCE_PUSH_MS);
  };
  board.on('changed', onChanged);
  return () => {
    board.off('changed', onChanged);
    if (timer) clearTimeout(timer);
  };
}

/** Mounts /desk: session-token handshake, every command validated and authorised, deltas pushed. */
export function mountDesk(io: Server, core: StationCore): { close(): void; presence: Presence } {
  const desk = io.of('/desk') as unknown as DeskNamespace;
  const facets = new FacetCache(core);
  desk.use((socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    if (typeof token !== 'string') return next(new Error('unauthenticated: log in first'));
    resolveSession(core.read, token)
      .then((operator) => {
        if (!operator)
          return next(new Error('unauthenticated: session expired or unknown; log in again'));
        socket.data.operator = operator;
        next();
      })
      .catch(() => next(new Error('unauthenticated: could not check the session')));
  });
  const board = presenceBoardOf(core);
  const connected = new Map<string, number>();
  const presence: Presence = { isPresent: (id) => (connected.get(id) ?? 0) > 0 };
  desk.on('connection', (socket) => {
    const me = socket.data.operator.id;
    connected.set(me, (connected.get(me) ?? 0) + 1);
    socket.on('disconnect', () => {
      connected.set(me, (connected.get(me) ?? 1) - 1);
      board.setLocal(socket.id, null);
    });
    socket.emit('presence.changed', board.entries());
    socket.onAny((name: unknown, ...args: unknown[]) => {
      const ack = args.at(-1);
      if (typeof ack !== 'function') return; // every command is acknowledged; stray events are ignored
      const input = args.length > 1 ? args[0] : undefined;
      void dispatch(core, facets, socket, String(name), input).then((r) =>
        (ack as (r: Result<object>) => void)(r),
      );
    });
  });
  const broadcaster = new DeskBroadcaster(core, desk);
  const staffing = startStaffing(core, desk);
  const stopSyncPush = startSyncPush(core, desk);
  const stopPresencePush = pushPresence(board, desk);
  const stopBreachPush = pushSlaBreaches(core, desk);
  const stopAssignedPush = pushAssignments(core, desk);
  const stopDrillPush = pushDrillProgress(core, desk);
  const stopConnectorPush = pushConnectorChanges(core, desk);
  const assigner = startAssigner(core);
  const stopSessionGuard = endDeadSessions(core, () => desk.sockets.values());
  return {
    close: () => {
      stopSessionGuard();
      assigner.stop();
      stopAssignedPush();
      stopDrillPush();
      stopConnectorPush();
      broadcaster.close();
      staffing.close();
      stopSyncPush();
      stopPresencePush();
      stopBreachPush();
    },
    presence,
  };
}
