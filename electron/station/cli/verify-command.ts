import { StationCore } from '../core/core';
import { stateDigest } from '../db/digest';
import { opsOfOrigin, origins } from '../db/queries/ops';
import { listStations } from '../db/queries/people';
import { verifyChain } from '../ops/verify-chain';
import { parse, required } from './args';

/** holdline verify: checks every chain and signature, prints the digest; exit 1 if anything is wrong. */
export async function verifyCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, { data: { type: 'string' } });
  const core = await StationCore.open(required(values.data, '--data'));
  try {
    const keys = new Map((await listStations(core.db)).map((s) => [s.id, s.public_key]));
    const report: { origin: string; ops: number; problems: unknown[] }[] = [];
    for (const origin of await origins(core.db)) {
      const ops = await opsOfOrigin(core.db, origin);
      const key = keys.get(origin);
      const problems = key
        ? verifyChain(ops, key)
        : [{ seq: 0, opId: '', reason: 'origin is not an admitted station' }];
      report.push({ origin, ops: ops.length, problems });
    }
    const ok = report.every((r) => r.problems.length === 0);
    process.stdout.write(
      JSON.stringify({ ok, chains: report, digest: await stateDigest(core.db) }) + '\n',
    );
    return ok ? 0 : 1;
  } finally {
    await core.close();
  }
}
