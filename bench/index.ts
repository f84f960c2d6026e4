import * as alerts from './alerts.bench';
import * as assignment from './assignment.bench';
import * as connectors from './connectors.bench';
import * as enrichment from './enrichment.bench';
import * as ingest from './ingest.bench';
import * as memory from './memory.bench';
import * as review from './review.bench';
import * as search from './search.bench';
import * as staffing from './staffing.bench';
import * as sync from './sync.bench';
import * as waves from './waves.bench';

const BENCHMARKS: Record<string, { run(): Promise<void> }> = {
  ingest,
  search,
  memory,
  enrichment,
  sync,
  alerts,
  staffing,
  assignment,
  waves,
  review,
  connectors,
};

/**
 * Entry of `npm run bench` (bin/run-ts.js calls main with the arguments).
 * `npm run bench -- NAME…` runs bench/NAME.ts (each prints its figures with a baseline measured
 * in the same run); with no name it lists them. Scale with HOLDLINE_BENCH_ROWS (default 1,000,000).
 */
export async function main(names: string[]): Promise<number> {
  const available = Object.keys(BENCHMARKS);
  const chosen = names.length === 0 || names.includes('all') ? available : names;
  if (names.length === 0)
    console.log(`benchmarks: ${available.join(', ')} (running all; name one to run only it)`);
  for (const name of chosen) {
    const bench = BENCHMARKS[name];
    if (!bench) {
      console.error(`no benchmark "${name}"; have: ${available.join(', ')}`);
      return 2;
    }
    console.log(`\n== ${name} ==`);
    await bench.run();
  }
  return 0;
}
