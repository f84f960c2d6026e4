import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { parsePlaybook, type ParsedPlaybook } from '../../../shared/playbooks/parse-playbook';
import type { Playbook } from '../../../shared/playbooks/schema';

/** The folder of bundled playbooks (resources/playbooks), from source or from the bundle. */
export function bundledPlaybookDir(): string {
  const candidates = [
    process.env.HOLDLINE_PLAYBOOKS_DIR,
    path.resolve(__dirname, '../../../resources/playbooks'),
    path.resolve(__dirname, '../../resources/playbooks'),
    path.resolve(process.cwd(), 'resources/playbooks'),
  ];
  const found = candidates.find((d): d is string => Boolean(d) && existsSync(d as string));
  if (!found) throw new Error('the bundled playbooks (resources/playbooks) are missing');
  return found;
}

/** Reads and validates one playbook file. */
export async function readPlaybookFile(file: string): Promise<ParsedPlaybook & { file: string }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const message =
      (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message;
    return { file, ok: false, problems: [{ file, line: 1, column: 1, message }] };
  }
  return { file, ...parsePlaybook(text, file) };
}

/** Every bundled playbook, read and validated, in file-name order. */
export async function bundledPlaybooks(): Promise<(ParsedPlaybook & { file: string })[]> {
  const dir = bundledPlaybookDir();
  const files = (await readdir(dir)).filter((f) => /\.ya?ml$/.test(f)).sort();
  return Promise.all(files.map((f) => readPlaybookFile(path.join(dir, f))));
}

/** A bundled playbook's YAML and its validated form, by playbook id (null when there is none). */
export async function bundledPlaybook(
  id: string,
): Promise<{ yaml: string; playbook: Playbook; file: string } | null> {
  const dir = bundledPlaybookDir();
  for (const f of (await readdir(dir)).filter((n) => /\.ya?ml$/.test(n)).sort()) {
    const file = path.join(dir, f);
    const yaml = await readFile(file, 'utf8');
    const parsed = parsePlaybook(yaml, file);
    if (parsed.ok && parsed.playbook.id === id) return { yaml, playbook: parsed.playbook, file };
  }
  return null;
}
