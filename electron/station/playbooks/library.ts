import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parsePlaybook, type ParsedPlaybook } from '../../../shared/playbooks/parse-playbook';
import type { Playbook } from '../../../shared/playbooks/schema';
import { findResourceDir } from '../core/resources';

/** The folder of bundled playbooks (resources/playbooks), from source or from the bundle. */
export function bundledPlaybookDir(): string {
  const found = findResourceDir('playbooks', 'HOLDLINE_PLAYBOOKS_DIR');
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

/** Where a station keeps the playbooks its admins imported (they override bundled ones by id). */
export function stationPlaybookDir(dataDir: string): string {
  return path.join(dataDir, 'playbooks');
}

/** A playbook of a station's library, bundled or imported there. */
export type LibraryEntry = ParsedPlaybook & { file: string; source: 'bundled' | 'station' };

/** The station's library: the bundled playbooks, with the ones imported at this station on top. */
export async function libraryPlaybooks(dataDir: string): Promise<LibraryEntry[]> {
  const own = stationPlaybookDir(dataDir);
  const imported = existsSync(own)
    ? await Promise.all(
        (await readdir(own))
          .filter((f) => /\.ya?ml$/.test(f))
          .sort()
          .map((f) => readPlaybookFile(path.join(own, f))),
      )
    : [];
  const overridden = new Set(imported.flatMap((r) => (r.ok ? [r.playbook.id] : [])));
  return [
    ...imported.map((r) => ({ ...r, source: 'station' as const })),
    ...(await bundledPlaybooks())
      .filter((r) => !(r.ok && overridden.has(r.playbook.id)))
      .map((r) => ({ ...r, source: 'bundled' as const })),
  ];
}

/** A playbook of the station's library by id, as YAML and validated (imported ones first). */
export async function libraryPlaybook(
  dataDir: string,
  id: string,
): Promise<{ yaml: string; playbook: Playbook } | null> {
  const own = path.join(stationPlaybookDir(dataDir), `${id}.yaml`);
  if (existsSync(own)) {
    const yaml = await readFile(own, 'utf8');
    const parsed = parsePlaybook(yaml, own);
    if (parsed.ok && parsed.playbook.id === id) return { yaml, playbook: parsed.playbook };
  }
  return bundledPlaybook(id);
}

/**
 * Imports a playbook's YAML into the station's library (validated first; nothing is written when
 * it has problems). Runs already started keep the version they started with.
 */
export async function importPlaybook(dataDir: string, yaml: string): Promise<ParsedPlaybook> {
  const parsed = parsePlaybook(yaml, 'imported.yaml');
  if (!parsed.ok) return parsed;
  const dir = stationPlaybookDir(dataDir);
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${parsed.playbook.id}.yaml`);
  await writeFile(`${file}.tmp`, yaml);
  await rename(`${file}.tmp`, file);
  return parsed;
}
