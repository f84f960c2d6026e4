import { RoomClosedError } from '../core/core';
import {
  createServer,
  type IncomingMessage,
  type Server as HttpServer,
  type ServerResponse,
} from 'node:http';
import { createServer as createTlsServer } from 'node:tls';
import type { Server as NetServer } from 'node:net';
import { Server as IoServer } from 'socket.io';
import { frontDoor } from './front-door';
import { PEER_IO_PATH } from '../../../shared/contract/peer';
import { PeerHub, peerStatus } from '../sync/peer-hub';
import { joinRoute } from './join-route';
import type { StationCore } from '../core/core';
import { mountDesk } from '../desk/desk-server';
import { startClaimLeases } from '../scheduler/claim-leases';
import { startRunTimers } from '../scheduler/run-timers';
import { startSlaScheduler } from '../routing/sla-scheduler';
import { startRosterScheduler } from '../roster/roster-scheduler';
import { refoldStaleRuns } from '../ops/reducers/runs';
import { startAlertWatcher } from '../alerts/alert-watcher';
import { startOutbox } from '../messages/outbox';
import { onReservesNeeded, postReservesCall } from '../staffing/reserves';
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
import { drillRoute } from './drill-route';
import { recoverRoute } from './recover-route';
import { passwordRoute } from './password-route';
import { reviewExportRoute } from './review-export-route';
import { INGEST_PREFIX, ingestRoute } from './ingest-route';
import { BodyError, sendError, sendJson } from './respond';
import { serveStatic } from './static-files';
import { httpsUrlOf, isEncrypted, mustUseHttps } from './lan-https';

/**
 * The station's servers behind one port (`front`, which is what listens): one HTTP server with
 * /desk, the API and the UI, and /peer for other stations on its own path. Connections that open
 * with TLS are decrypted first and then reach the same HTTP server; /peer and joining take TLS
 * only, and LAN browsers are moved to HTTPS when an admin turned it on.
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
  'POST /api/password': passwordRoute,
  'POST /api/logout': logoutRoute,
  'GET /api/presets': async (core, req, res) => {
    if (await requireOperator(core, req, res))
      sendJson(res, 200, { ok: true, presets: await listPresets() });
  },
  'POST /api/import': importRoute,
  'POST /api/drill': drillRoute,
  'GET /api/reviews/export': reviewExportRoute,
  'POST /api/join': joinRoute,
  'POST /api/recover': recoverRoute,
  // Sync status for holdline stats and the peers panel: from this machine, or with a session.
  // ?since=MS limits the propagation figures to ops applied since then (benchmarks).
  'GET /api/sync': async (core, req, res) => {
    if (!isLoopback(req) && !(await requireOperator(core, req, res))) return;
    const since = Number(new URL(req.url ?? '/', 'http://station').searchParams.get('since'));
    sendJson(res, 200, {
      ok: true,
      ...(await peerStatus(core, Number.isFinite(since) && since > 0 ? since : undefined)),
    });
  },
};

/** What a TLS-only route answers on plain HTTP. */
const TLS_ONLY: Record<string, true> = { 'POST /api/join': true };

/** Builds the HTTP + socket.io server for a core (not yet listening). */
export function createStationServer(core: StationCore, rendererDir: string | null): StationServer {
  const http = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://station').pathname;
    const key = `${req.method} ${path}`;
    if (TLS_ONLY[key] && !isEncrypted(req))
      return sendError(res, 'invalid', 'joining takes TLS: use a holdline of the same version');
    if (mustUseHttps(core, req) && path !== '/health') {
      if (req.method === 'GET' || req.method === 'HEAD') {
        res.writeHead(308, { location: httpsUrlOf(req) });
        return void res.end();
      }
      return sendError(
        res,
        'forbidden',
        `this station serves LAN desks over HTTPS: ${httpsUrlOf(req)}`,
      );
    }
    const route = ROUTES[key] ?? (path.startsWith(INGEST_PREFIX) ? ingestRoute : undefined);
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
      if (err instanceof RoomClosedError) return sendError(res, 'forbidden', err.message);
      console.error(`[http] ${req.method} ${path} failed:`, err);
      sendError(res, 'internal', 'the station could not handle that request; nothing was changed');
    });
  });
  // Two socket.io servers on one HTTP server, each on its own path; neither may close upgrades
  // meant for the other (engine.io's destroyUpgrade).
  // Desks: stay far below socket.io's 1 MB default: no desk message needs more than this.
  const io = new IoServer(http, {
    maxHttpBufferSize: 512 * 1024,
    serveClient: false,
    cors: { origin: false },
    destroyUpgrade: false,
    allowRequest: (req, done) => done(null, !mustUseHttps(core, req)),
  });
  // Station-to-station: TLS only, with this station's own certificate, which peers pin (issue
  // "LAN sync"). A piece of the log stays under 1 MB (sync/peer-session.ts PULL_BYTES).
  const ioPeer = new IoServer(http, {
    path: PEER_IO_PATH,
    maxHttpBufferSize: 1024 * 1024,
    serveClient: false,
    destroyUpgrade: false,
    allowRequest: (req, done) => done(null, isEncrypted(req)),
  });
  const tls = createTlsServer({ cert: core.tls.cert, key: core.tls.key });
  tls.on('secureConnection', (socket) => http.emit('connection', socket));
  // A browser that does not (yet) accept the certificate hangs up mid-handshake: not an error.
  tls.on('tlsClientError', () => undefined);
  // A key rotation on the running station serves its new certificate from the next handshake.
  const onRotated = () => tls.setSecureContext({ cert: core.tls.cert, key: core.tls.key });
  core.on('rotated', onRotated);
  const desk = mountDesk(io, core);
  const peers = new PeerHub(core);
  peers.mount(ioPeer);
  const leases = startClaimLeases(core, desk.presence);
  const roster = startRosterScheduler(core, desk.presence);
  // Runs cached by an older engine are re-derived before their deadlines are looked at.
  const runTimers = startRunTimers(core, Date.now, refoldStaleRuns(core.db));
  const alerts = startAlertWatcher(core);
  const slaBreaches = startSlaScheduler(core);
  const outbox = startOutbox(core);
  // A rise that calls the reserves in goes to the room's webhook (a paging service) at once.
  const stopReserveCalls = onReservesNeeded(core, async (change) => {
    if (await postReservesCall(core, change)) outbox.kick();
  });
  const front = frontDoor(http, tls);
  return {
    front,
    http,
    io,
    peers,
    close: async () => {
      core.off('rotated', onRotated);
      leases.stop();
      roster.stop();
      runTimers.stop();
      alerts.stop();
      slaBreaches.stop();
      stopReserveCalls();
      await outbox.stop();
      peers.close();
      desk.close();
      front.close();
      await new Promise<void>((resolve) => ioPeer.close(() => resolve()));
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}
