import { createWriteStream, existsSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import { dataPaths } from '../core/data-dir';
import { openReadDb } from '../db/connection';
import { exportLedger } from '../ledger/export-ledger';
import { readLedgerLines } from '../ledger/ledger-lines';
import { verifyLedger, type LedgerReport } from '../ledger/verify-ledger';
import { loadStationKey } from '../ops/station-key';
import { parse, required, UsageError } from './args';

/** holdline ledger export|verify: the approved-messaging record as a file anyone can check. */
export async function ledgerCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'export') return ledgerExport(rest);
  if (sub === 'verify') return ledgerVerify(rest);
  throw new UsageError(sub ? `unknown ledger command "${sub}"` : 'ledger needs export or verify');
}

/**
 * Exports from the data folder read-only, without the station's lock (it may be running), to
 * FILE.part renamed to FILE once complete, so FILE is never a partial ledger.
 */
async function ledgerExport(argv: string[]): Promise<number> {
  const { values } = parse(argv, { data: { type: 'string' }, out: { type: 'string' } });
  const paths = dataPaths(required(values.data, '--data'));
  const file = required(values.out, '--out');
  if (!existsSync(paths.db) || !existsSync(paths.key))
    throw new UsageError(`no station data in ${values.data} (run holdline init first)`);
  const key = loadStationKey(readFileSync(paths.key, 'utf8'));
  const db = await openReadDb(paths.db);
  const part = `${file}.part`;
  try {
    const out = createWriteStream(part, { flush: true });
    const done = finished(out);
    done.catch(() => undefined); // awaited below; this keeps an early stream error from going unhandled
    try {
      const header = await exportLedger(db, out, { key });
      out.end();
      await done;
      renameSync(part, file);
      const { genesis, counts, origins } = header;
      const summary = { out: file, genesis, chains: origins.length, ...counts };
      process.stdout.write(JSON.stringify(summary) + '\n');
      return 0;
    } catch (err) {
      out.destroy();
      await done.catch(() => undefined);
      rmSync(part, { force: true });
      throw err;
    }
  } finally {
    await db.close();
  }
}

/** Verifies a ledger file: a human-readable verdict on stderr, one JSON line on stdout. */
async function ledgerVerify(argv: string[]): Promise<number> {
  const { positionals } = parse(argv, {}, true);
  const [file, ...extra] = positionals;
  if (!file) throw new UsageError('ledger verify needs a FILE');
  if (extra.length > 0) throw new UsageError(`ledger verify takes one FILE, not ${argv.length}`);
  if (!existsSync(file) || !statSync(file).isFile())
    throw new UsageError(`cannot read ${file}: no such file`);
  const report = await verifyLedger(readLedgerLines(file));
  process.stderr.write(verdict(file, report));
  process.stdout.write(JSON.stringify(report) + '\n');
  return report.ok ? 0 : 1;
}

function verdict(file: string, r: LedgerReport): string {
  const room = r.room ? `room "${r.room.name}" (${r.room.id}), fingerprint ${r.genesis}` : '';
  const chains = r.chains.map(
    (c) =>
      `  ${c.origin.padEnd(24)} ${String(c.ops).padStart(9)} ops  ${c.admitted ? 'admitted' : 'NOT ADMITTED'}${c.problems ? `  ${c.problems} problem(s)` : ''}\n`,
  );
  const head = r.ok
    ? `${file}: verified: ${r.entries} ops in ${r.chains.length} chain(s) of ${room}\n`
    : `${file}: DOES NOT VERIFY${room ? ` (it claims ${room})` : ''}\n`;
  const bad = r.firstBad;
  const where = bad
    ? `  first bad entry: line ${bad.line}${bad.opId ? ` (op ${bad.opId}, station ${bad.origin}, seq ${bad.seq})` : ''}: ${bad.reason}\n`
    : '';
  return head + where + chains.join('');
}
