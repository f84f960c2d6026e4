import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Sql } from '../db/connection';
import { findResourceDir } from '../core/resources';
import type { MessageTemplate } from '../../../shared/contract/messages';
import type { MessageKind } from '../../../shared/messaging/policy';
import { parseTemplates, variablesOf } from '../../../shared/messaging/templates';
import { formatProblem } from '../../../shared/yaml/parse-with-schema';

/** Templates from the YAML files of a folder; a broken file is logged and skipped, not fatal. */
async function templatesIn(dir: string | null): Promise<MessageTemplate[]> {
  if (!dir || !existsSync(dir)) return [];
  const out: MessageTemplate[] = [];
  for (const name of (await readdir(dir)).filter((f) => f.endsWith('.yaml')).sort()) {
    const file = path.join(dir, name);
    const parsed = parseTemplates(await readFile(file, 'utf8'), file);
    if (!parsed.ok) {
      console.error(`[templates] ${parsed.problems.map(formatProblem).join('\n')}`);
      continue;
    }
    for (const t of parsed.value.templates)
      out.push({ ...t, variables: variablesOf(t.text), source: 'bundled', scenario: null });
  }
  return out;
}

/**
 * Starting texts for the composer: the bundled templates (resources/templates, and a station's
 * own in DATA/templates, which win by id) and the library's approved, unretired statements.
 */
export async function listTemplates(
  sql: Sql,
  dataDir: string,
  language?: string,
): Promise<MessageTemplate[]> {
  const byId = new Map<string, MessageTemplate>();
  for (const t of [
    ...(await templatesIn(findResourceDir('templates', 'HOLDLINE_TEMPLATES_DIR'))),
    ...(await templatesIn(path.join(dataDir, 'templates'))),
  ])
    byId.set(t.id, t);
  const library = await sql.all<{
    id: string;
    kind: string;
    text: string;
    library_scenario: string;
    library_language: string;
  }>(
    `SELECT id, kind, text, library_scenario, library_language FROM messages
     WHERE library_scenario IS NOT NULL AND status IN ('approved', 'sent')
     ORDER BY library_scenario, library_language, approved_hlc DESC`,
  );
  for (const r of library)
    byId.set(`library:${r.id}`, {
      id: `library:${r.id}`,
      name: r.library_scenario,
      kind: r.kind as MessageKind,
      language: r.library_language,
      text: r.text,
      variables: variablesOf(r.text),
      source: 'library',
      scenario: r.library_scenario,
    });
  return [...byId.values()].filter((t) => !language || t.language === language);
}
