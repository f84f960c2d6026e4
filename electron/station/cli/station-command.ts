import { startStation } from '../station';
import { parse, portOf, required } from './args';

/** holdline station: runs the station headless until SIGINT/SIGTERM. */
export async function stationCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, {
    data: { type: 'string' },
    host: { type: 'string' },
    port: { type: 'string' },
    'no-discovery': { type: 'boolean' },
    peer: { type: 'string', multiple: true },
  });
  const station = await startStation({
    dataDir: required(values.data, '--data'),
    host: values.host ?? '127.0.0.1',
    port: portOf(values.port, 4120),
    // --no-discovery, or HOLDLINE_DISCOVERY=0 (as for the desktop app), keeps mDNS off.
    discovery: !values['no-discovery'] && process.env.HOLDLINE_DISCOVERY !== '0',
    peers: values.peer ?? [],
  });
  process.stdout.write(
    JSON.stringify({
      ready: true,
      url: station.url,
      port: station.port,
      stationId: station.stationId,
    }) + '\n',
  );
  process.stderr.write(`Holdline station ${station.stationId} is serving: open ${station.url}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  process.stderr.write('stopping the station…\n');
  await station.close();
  return 0;
}
