import { readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * `npm run bench -- NAME…` runs bench/NAME.ts (each prints its figures with a baseline measured
 * in the same run); with no name it lists them. Scale with HOLDLINE_BENCH_ROWS (default 1,000,000).
 */
async function main(): Promise<void> {
  const names = process.argv.slice(2);
  const available = readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.ts'))
    .map((f) => f.replace(/\.bench\.ts$/, ''));
  const chosen = names.length === 0 || names.includes('all') ? available : names;
  if (names.length === 0)
    console.log(`benchmarks: ${available.join(', ')} (running all; name one to run only it)`);
  for (const name of chosen) {
    if (!available.includes(name)) {
      console.error(`no benchmark "${name}"; have: ${available.join(', ')}`);
      process.exitCode = 2;
      return;
    }
    console.log(`\n== ${name} ==`);
    const mod = (await import(path.join(__dirname, `${name}.bench.ts`))) as {
      run(): Promise<void>;
    };
    await mod.run();
  }
}

void main();
