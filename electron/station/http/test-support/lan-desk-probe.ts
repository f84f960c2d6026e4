// A desk on another machine, for lan-https.test.ts to run inside a network namespace:
// `node bin/run-ts.js electron/station/http/test-support/lan-desk-probe.ts --station HOST:PORT
// --cert FILE --user U --password P [--turn-on]`. It tries the station over plain HTTP and over
// HTTPS (trusting only the station's own certificate, as a browser would once its user accepted
// it), turns HTTPS for LAN browsers on when asked (as an admin), and prints one JSON report.
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { parseArgs } from 'node:util';
import { io } from 'socket.io-client';

type Reply = { status: number; location: string | null; body: string; fingerprint: string | null };

// A GET the station answers whether or not the UI bundle is built (unit tests run before it is).
const PAGE = '/api/setup';

type Options = { station: string; user: string; password: string; turnOn: boolean };
let opts: Options;
let tlsOptions: {
  ca: string;
  checkServerIdentity: (host: string, c: { fingerprint256: string }) => Error | undefined;
};

function send(
  scheme: 'http' | 'https',
  method: string,
  path: string,
  body?: unknown,
  token?: string,
) {
  return new Promise<Reply>((resolve, reject) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    const url = `${scheme}://${opts.station}${path}`;
    const done = (res: IncomingMessage) => {
      const peer = (
        res.socket as { getPeerCertificate?: () => { fingerprint256?: string } }
      ).getPeerCertificate?.();
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          location: res.headers.location ?? null,
          body: text.slice(0, 500),
          fingerprint: peer?.fingerprint256 ?? null,
        }),
      );
    };
    const req =
      scheme === 'https'
        ? httpsRequest(url, { method, headers, ...tlsOptions }, done)
        : httpRequest(url, { method, headers }, done);
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

async function login(scheme: 'http' | 'https') {
  const r = await send(scheme, 'POST', '/api/login', {
    username: opts.user,
    password: opts.password,
  });
  return {
    status: r.status,
    token: r.status === 200 ? (JSON.parse(r.body) as { token: string }).token : null,
  };
}

/** Connects a desk and runs one command; the refusal's message when it cannot connect. */
function desk(scheme: 'http' | 'https', token: string, command: string, input: unknown) {
  const socket = io(`${scheme}://${opts.station}/desk`, {
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...(scheme === 'https' ? tlsOptions : {}),
  } as Parameters<typeof io>[1]);
  return new Promise<{ connected: boolean; answer?: unknown; error?: string }>((resolve) => {
    socket.once('connect', () => {
      void socket
        .timeout(10_000)
        .emitWithAck(command, input)
        .then((answer: unknown) => {
          socket.close();
          resolve({ connected: true, answer });
        });
    });
    socket.once('connect_error', (err) => {
      socket.close();
      resolve({ connected: false, error: err.message });
    });
  });
}

/** Runs the probe; prints the report. */
export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      station: { type: 'string' },
      cert: { type: 'string' },
      user: { type: 'string' },
      password: { type: 'string' },
      'turn-on': { type: 'boolean' },
    },
  });
  opts = {
    station: values.station as string,
    user: values.user as string,
    password: values.password as string,
    turnOn: values['turn-on'] === true,
  };
  const cert = readFileSync(values.cert as string, 'utf8');
  // Stations have no DNS names: the certificate itself is what is trusted.
  const pinned = new X509Certificate(cert).fingerprint256;
  tlsOptions = {
    ca: cert,
    checkServerIdentity: (_host, c) =>
      c.fingerprint256 === pinned ? undefined : new Error('not the station certificate'),
  };
  const report: Record<string, unknown> = {};
  report.pagePlain = await send('http', 'GET', PAGE);
  const plainLogin = await login('http');
  report.loginPlain = plainLogin.status;
  if (opts.turnOn && plainLogin.token)
    report.turnOn = await desk('http', plainLogin.token, 'sync.setLanHttps', { on: true });
  report.pagePlainAfter = await send('http', 'GET', PAGE);
  report.healthPlainAfter = (await send('http', 'GET', '/health')).status;
  report.loginPlainAfter = (await login('http')).status;
  report.deskPlainAfter = plainLogin.token
    ? await desk('http', plainLogin.token, 'room.get', {})
    : null;
  report.pageHttps = await send('https', 'GET', PAGE);
  const secure = await login('https');
  report.loginHttps = secure.status;
  if (secure.token) {
    report.access = await desk('https', secure.token, 'sync.access', {});
    report.joinCode = await desk('https', secure.token, 'sync.makeJoinCode', {});
  }
  process.stdout.write(JSON.stringify(report) + '\n');
  return 0;
}
