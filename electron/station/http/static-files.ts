import { createReadStream, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

// Mention text is untrusted: even if some markup slipped into the DOM, no inline script runs.
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' ws: wss:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

/** Serves the renderer bundle; unknown paths get index.html (the app routes itself). */
export function serveStatic(
  rootDir: string | null,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  if (!rootDir || !existsSync(path.join(rootDir, 'index.html'))) {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(
      'The Holdline UI is not built yet: run `npm run build:web` (or `npm start`, which builds it).\n',
    );
    return;
  }
  const url = new URL(req.url ?? '/', 'http://station');
  const wanted = path.normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, '');
  let file = path.join(rootDir, wanted);
  if (
    !file.startsWith(path.resolve(rootDir)) ||
    !existsSync(file) ||
    statSync(file).isDirectory()
  ) {
    file = path.join(rootDir, 'index.html');
  }
  const ext = path.extname(file);
  res.writeHead(200, {
    'content-type': TYPES[ext] ?? 'application/octet-stream',
    'cache-control': ext === '.html' ? 'no-cache' : 'public, max-age=31536000, immutable',
    ...SECURITY_HEADERS,
  });
  createReadStream(file).pipe(res);
}
