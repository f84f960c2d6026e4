import { createServer, type Server as NetServer, type Socket } from 'node:net';

// The first byte of a TLS ClientHello (a handshake record).
const TLS_HANDSHAKE = 0x16;
const FIRST_BYTE_TIMEOUT_MS = 10_000;

/**
 * The station's one port (DECISIONS.md 13): each connection goes to the TLS server when it opens
 * with a TLS handshake (another station), and to the plain HTTP server otherwise (the local
 * window, the CLI, LAN browsers). `--peer HOST:PORT` names this port for both.
 */
export function frontDoor(
  plain: { emit(event: 'connection', socket: Socket): unknown },
  tls: { emit(event: 'connection', socket: Socket): unknown },
): NetServer {
  return createServer((socket) => {
    socket.setTimeout(FIRST_BYTE_TIMEOUT_MS, () => socket.destroy());
    socket.on('error', () => socket.destroy());
    socket.once('data', (first: Buffer) => {
      socket.setTimeout(0);
      socket.pause();
      socket.unshift(first);
      (first[0] === TLS_HANDSHAKE ? tls : plain).emit('connection', socket);
      process.nextTick(() => socket.resume());
    });
  });
}
