import { startStation, type RunningStation } from '../station';
import { RoomHost } from '../rooms/room-host';
import { parse, portOf, required, UsageError } from './args';

/** holdline station: runs the station headless until SIGINT/SIGTERM. */
export async function stationCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, {
    data: { type: 'string' },
    host: { type: 'string' },
    port: { type: 'string' },
    'no-discovery': { type: 'boolean' },
    peer: { type: 'string', multiple: true },
    home: { type: 'string' },
  });
  if (values.home !== undefined) return runDesk(values.home, values);
  const station = await startStation({
    dataDir: required(values.data, '--data'),
    host: values.host ?? '127.0.0.1',
    port: portOf(values.port, 4120),
    // --no-discovery, or HOLDLINE_DISCOVERY=0 (as for the desktop app), keeps mDNS off.
    discovery: discoveryOn(values['no-discovery']),
    peers: values.peer ?? [],
  });
  printReady(station);
  process.stderr.write(`Holdline station ${station.stationId} is serving: open ${station.url}\n`);
  await untilStopped();
  process.stderr.write('stopping the station…\n');
  await station.close();
  return 0;
}

const discoveryOn = (off: boolean | undefined) => !off && process.env.HOLDLINE_DISCOVERY !== '0';

function printReady(station: RunningStation, rooms?: string[]): void {
  process.stdout.write(
    JSON.stringify({
      ready: true,
      url: station.url,
      port: station.port,
      stationId: station.stationId,
      ...(rooms && { rooms }),
    }) + '\n',
  );
}

function untilStopped(): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

/** holdline station --home DIR: every room of a desk, each its own station (rooms/room-host.ts). */
async function runDesk(
  home: string,
  values: {
    host?: string;
    port?: string;
    'no-discovery'?: boolean;
    peer?: string[];
    data?: string;
  },
): Promise<number> {
  if (values.data !== undefined || values.peer !== undefined)
    throw new UsageError('--home runs every room of a desk: leave out --data and --peer');
  const desk = await RoomHost.start({
    home,
    host: values.host ?? '127.0.0.1',
    port: portOf(values.port, 4120),
    discovery: discoveryOn(values['no-discovery']),
  });
  const current = desk.current();
  printReady(
    current,
    [...desk.stations().values()].map((s) => s.url),
  );
  process.stderr.write(
    `Holdline desk ${home}: ${desk.stations().size} room(s); open ${current.url}\n`,
  );
  await untilStopped();
  process.stderr.write('stopping the rooms…\n');
  await desk.close();
  return 0;
}
