// One station's discovery and nothing else, for discovery.test.ts to run inside a network
// namespace: `node bin/run-ts.js electron/station/sync/test-support/discovery-probe.ts
// --room R --station S --port N [--requery MS] [--expire MS] [--interface ADDR] [--no-advertise]`.
// Prints one JSON line per event on stdout (ready, found, lost, stopped); SIGTERM stops it
// cleanly, with a goodbye on the LAN.
import { parseArgs } from 'node:util';
import { startDiscovery } from '../discovery';

/** A line the probe prints: the event and the peers known right after it. */
export type ProbeEvent = {
  event: 'ready' | 'found' | 'lost' | 'stopped';
  stationId?: string;
  host?: string;
  port?: number;
  peers?: string[];
};

const print = (line: ProbeEvent) => process.stdout.write(JSON.stringify(line) + '\n');

/** Runs discovery until SIGTERM or SIGINT. */
export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      room: { type: 'string' },
      station: { type: 'string' },
      port: { type: 'string' },
      requery: { type: 'string', default: '1000' },
      expire: { type: 'string', default: '4000' },
      interface: { type: 'string' },
      'no-advertise': { type: 'boolean', default: false },
    },
  });
  if (!values.room || !values.station || !values.port) {
    process.stderr.write('discovery-probe: --room, --station and --port are required\n');
    return 2;
  }
  const peers = () => discovery.peers().map((p) => p.stationId);
  const discovery = startDiscovery({
    roomId: values.room,
    stationId: values.station,
    port: Number(values.port),
    advertise: !values['no-advertise'],
    requeryMs: Number(values.requery),
    expireMs: Number(values.expire),
    ...(values.interface ? { interfaceAddress: values.interface } : {}),
    onFound: (peer) => print({ event: 'found', ...peer, peers: peers() }),
    onLost: (stationId) => print({ event: 'lost', stationId, peers: peers() }),
  });
  print({ event: 'ready' });
  // Discovery's own timers do not hold a process open, and a socket that failed to bind is gone.
  const alive = setInterval(() => {}, 60_000);
  await new Promise<void>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  clearInterval(alive);
  await discovery.stop();
  print({ event: 'stopped' });
  return 0;
}
