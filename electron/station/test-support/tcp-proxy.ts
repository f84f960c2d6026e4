import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy on 127.0.0.1 between two stations (DECISIONS.md 18): `cut` drops every connection
 * through it and refuses new ones, as a failed network would; `heal` lets them through again;
 * `retarget` follows a station that restarted on another port.
 */
export type TcpProxy = {
  port: number;
  cut(): void;
  heal(): void;
  readonly isCut: boolean;
  retarget(port: number): void;
  close(): Promise<void>;
};

/** Starts a proxy to 127.0.0.1:targetPort. */
export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  let target = targetPort;
  let cut = false;
  const pairs = new Set<[Socket, Socket]>();
  const server: Server = createServer((client) => {
    if (cut) return void client.destroy();
    const upstream = createConnection({ host: '127.0.0.1', port: target });
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      pairs.delete(pair);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const dropAll = () => {
    for (const [a, b] of pairs) {
      a.destroy();
      b.destroy();
    }
    pairs.clear();
  };
  return {
    port,
    cut: () => {
      cut = true;
      dropAll();
    },
    heal: () => {
      cut = false;
    },
    get isCut() {
      return cut;
    },
    retarget: (p) => {
      target = p;
      dropAll();
    },
    close: async () => {
      dropAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
