import {
  createServer,
  type IncomingMessage,
  type Server as HttpServer,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Server as NetServer } from 'node:net';
import { Server as IoServer } from 'socket.io';
import { frontDoor } from './front-door';
import { PeerHub, peerStatus } from '../sync/peer-hub';
import { joinRoute } from './join-route';
import type { StationCore } from '../core/core';
import { mountDesk } from '../desk/desk-server';
import { startClaimLeases } from '../scheduler/claim-leases';
import { startRunTimers } from '../scheduler/run-timers';
import { refoldStaleRuns } from '../ops/reducers/runs';
import { startAlertWatcher } from '../alerts/alert-watcher';
import { startOutbox } from '../messages/outbox';
import { listPresets } from '../connectors/preset';
import {
  health,
  isLoopback,
  loginRoute,
  logoutRoute,
  requireOperator,
  setup,
  setupState,
} from './api-routes';
import { importRoute } from './import-route';
import { BodyError, sendError, sendJson } from './respond';
import { serveStatic } from './static-files';

/**
 * The station's servers: plain HTTP with /desk, the API and the UI, and TLS with /peer for other
 * stations, both behind one port (`front`, which is what listens).
 */
export type StationServer = {
  front: NetServer;
  http: HttpServer;
  io: IoServer;
  peers: PeerHub;
  close(): Promise<void>;
};

type Route = (core: StationCore, req: IncomingMessage, res: ServerResponse) => Promise<void>;

const ROUTES: Record<string, Route> = {
  'GET /health': (core, _req, res) => health(core, res),
  'GET /api/setup': (core, _req, res) => setupState(core, res),
  'POST /api/setup': setup,
  'POST /api/login': loginRoute,
  'POST /api/logout': logoutRoute,
  'GET /api/presets': async (core, req, res) => {
    if (await requireOperator(core, req, res))
      sendJson(res, 200, { ok: true, presets: await listPresets() });
  },
  'POST /api/import': importRoute,
  'POST /api/join': joinRoute,
  // Sync status for holdline stats and the peers panel: from this machine, or with a session.
  'GET /api/sync': async (core, req, res) => {
    if (!isLoopback(req) && !(await requireOperator(core, req, res))) return;
    sendJson(res, 200, { ok: true, ...(await peerStatus(core)) });
  },
};

/** Builds the HTTP + socket.io server for a core (not yet listening). */
export function createStationServer(core: StationCore, rendererDir: string | null): StationServer {
  const http = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://station').pathname;
    const route = ROUTES[`${req.method} ${path}`];
    if (!route) {
      if (path.startsWith('/api/'))
        return sendError(res, 'not-found', `no route ${req.method} ${path}`);
      if (req.method !== 'GET' && req.method !== 'HEAD')
        return sendError(res, 'not-found', `no route ${req.method} ${path}`);
      return serveStatic(rendererDir, req, res);
    }
    route(core, req, res).catch((err: unknown) => {
      if (res.headersSent) return void res.end();
      if (err instanceof BodyError) return sendError(res, err.code, err.message);
      console.error(`[http] ${req.method} ${path} failed:`, err);
      sendError(res, 'internal', 'the station could not handle that request; nothing was changed');
    });
  });
  // Stay far below socket.io's 1 MB default: no desk message needs more than this.
  const io = new IoServer(http, {
    maxHttpBufferSize: 512 * 1024,
    serveClient: false,
    cors: { origin: false },
  });
  const desk = mountDesk(io, core);
  // Station-to-station: TLS with this station's own certificate, which peers pin (issue "LAN
  // sync"). A piece of the log stays under 1 MB (sync/peer-session.ts PULL_BYTES).
  const tls = createHttpsServer({ cert: core.tls.cert, key: core.tls.key });
  const ioPeer = new IoServer(tls, { maxHttpBufferSize: 1024 * 1024, serveClient: false });
  const peers = new PeerHub(core);
  peers.mount(ioPeer);
  const leases = startClaimLeases(core, desk.presence);
  // Runs cached by an older engine are re-derived before their deadlines are looked at.
  const runTimers = startRunTimers(core, Date.now, refoldStaleRuns(core.db));
  const alerts = startAlertWatcher(core);
  const outbox = startOutbox(core);
  const front = frontDoor(http, tls);
  return {
    front,
    http,
    io,
    peers,
    close: async () => {
      leases.stop();
      runTimers.stop();
      alerts.stop();
      await outbox.stop();
      peers.close();
      desk.close();
      front.close();
      await new Promise<void>((resolve) => ioPeer.close(() => resolve()));
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}
