import { sessionHolder } from '../auth/sessions';
import type { StationCore } from '../core/core';
import type { Applied } from '../ops/apply';
import type { Operator } from '../../../shared/domain/people';

/** What the guard needs of a /desk socket. */
type SessionSocket = { handshake: { auth: unknown }; disconnect(close?: boolean): unknown };

/**
 * The account behind a desk socket's session as it is now, or null once the session ended: its
 * password was reset, or the account was disabled or expired (sessions.ts sessionHolder).
 */
export async function liveOperator(
  core: StationCore,
  socket: SessionSocket,
): Promise<Operator | null> {
  const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
  return typeof token === 'string' ? sessionHolder(core.read, token) : null;
}

/**
 * Disconnects every desk whose session ended when accounts change (here or by an op from a
 * peer), so a reset password or a disabled account logs its desks out at once; the UI then finds
 * its session gone and shows the login.
 */
export function endDeadSessions(
  core: StationCore,
  sockets: () => Iterable<SessionSocket>,
): () => void {
  const onApplied = (a: Applied) => {
    if (!a.operatorsChanged) return;
    void (async () => {
      for (const socket of sockets())
        if (!(await liveOperator(core, socket))) socket.disconnect(true);
    })().catch((err: unknown) => console.error('[desk] could not check sessions:', err));
  };
  core.on('applied', onApplied);
  return () => core.off('applied', onApplied);
}
