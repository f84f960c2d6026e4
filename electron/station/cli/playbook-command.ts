import { formatProblem } from '../../../shared/playbooks/parse-playbook';
import { bundledPlaybooks, readPlaybookFile } from '../playbooks/library';
import { UsageError, parse } from './args';

/**
 * holdline playbook validate FILE… — checks playbook files (no files: the bundled ones) and
 * prints each problem as file:line:column: message. Exit code 1 when any file is invalid.
 */
export async function playbookCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'validate') throw new UsageError('say what to do: holdline playbook validate FILE…');
  const { positionals } = parse(rest, {}, true);
  const results =
    positionals.length > 0
      ? await Promise.all(positionals.map((f) => readPlaybookFile(f)))
      : await bundledPlaybooks();
  let bad = 0;
  for (const r of results) {
    if (r.ok) {
      const steps = r.playbook.phases.reduce((n, p) => n + p.steps.length, 0);
      process.stdout.write(
        `${r.file}: ok (${r.playbook.id}: ${r.playbook.phases.length} phases, ${steps} steps)\n`,
      );
    } else {
      bad += 1;
      for (const p of r.problems) process.stderr.write(`${formatProblem(p)}\n`);
    }
  }
  if (bad > 0) process.stderr.write(`${bad} of ${results.length} playbooks are invalid\n`);
  return bad > 0 ? 1 : 0;
}
