import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// Proves each ARCHITECTURE.md boundary rule in eslint.config.js still fires, so a config edit
// cannot silently switch one off. Snippets are linted in memory at a path inside each folder.
const repoRoot = path.resolve(__dirname, '..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: repoRoot });
});

/** The boundary rule ids that fire for `code` placed at `file`. */
async function boundaryHits(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(repoRoot, file) });
  if (!result) throw new Error(`no lint result for ${file}`);
  const fatal = result.messages.find((m) => m.fatal);
  if (fatal) throw new Error(`${file}: ${fatal.message}`);
  return result.messages
    .map((m) => m.ruleId ?? '')
    .filter((id) => id === 'no-restricted-imports' || id === 'no-restricted-properties');
}

const IMPORTS = 'no-restricted-imports';
const PROPS = 'no-restricted-properties';

type Case = [file: string, code: string, expected: string[]];

const refused: Case[] = [
  // shared/: no electron, no Node built-ins, no React.
  ['shared/domain/x.ts', "import { app } from 'electron';\nexport const a = app;", [IMPORTS]],
  [
    'shared/domain/x.ts',
    "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;",
    [IMPORTS],
  ],
  [
    'shared/domain/x.ts',
    "import { readFile } from 'node:fs/promises';\nexport const r = readFile;",
    [IMPORTS],
  ],
  ['shared/domain/x.ts', "import path from 'path';\nexport const p = path;", [IMPORTS]],
  [
    'shared/sync/x.ts',
    "import { createHash } from 'crypto';\nexport const h = createHash;",
    [IMPORTS],
  ],
  [
    'shared/contract/x.ts',
    "import { useState } from 'react';\nexport const u = useState;",
    [IMPORTS],
  ],
  [
    'shared/contract/x.ts',
    "import { createRoot } from 'react-dom/client';\nexport const c = createRoot;",
    [IMPORTS],
  ],
  // renderer/: no electron, no Node built-ins, no station code.
  [
    'renderer/src/app/x.tsx',
    "import { shell } from 'electron';\nexport const s = shell;",
    [IMPORTS],
  ],
  ['renderer/src/app/x.tsx', "import fs from 'fs';\nexport const f = fs;", [IMPORTS]],
  ['renderer/src/app/x.tsx', "import os from 'node:os';\nexport const o = os;", [IMPORTS]],
  [
    'renderer/src/app/x.tsx',
    "import { startStation } from '../../../electron/station/station';\nexport const s = startStation;",
    [IMPORTS],
  ],
  // electron/station/: no electron; sqlite3 only under db/.
  [
    'electron/station/core/x.ts',
    "import { app } from 'electron';\nexport const a = app;",
    [IMPORTS],
  ],
  [
    'electron/station/ops/x.ts',
    "import sqlite3 from 'sqlite3';\nexport const s = sqlite3;",
    [IMPORTS],
  ],
  ['electron/station/db/x.ts', "import { app } from 'electron';\nexport const a = app;", [IMPORTS]],
  // Only the preload touches ipcRenderer.
  [
    'electron/main/x.ts',
    "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;",
    [IMPORTS],
  ],
  [
    'electron/main/x.ts',
    "import electron from 'electron';\nexport const i = electron.ipcRenderer;",
    [PROPS],
  ],
  [
    'e2e/x.spec.ts',
    "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;",
    [IMPORTS],
  ],
  [
    'scripts/x.js',
    "const { ipcRenderer } = require('electron');\nmodule.exports = ipcRenderer;",
    [PROPS],
  ],
  ['scripts/x.js', "module.exports = require('electron').ipcRenderer;", [PROPS]],
  // sqlite3 nowhere else either.
  ['electron/main/x.ts', "import sqlite3 from 'sqlite3';\nexport const s = sqlite3;", [IMPORTS]],
  ['e2e/x.spec.ts', "import sqlite3 from 'sqlite3';\nexport const s = sqlite3;", [IMPORTS]],
];

const allowed: Case[] = [
  ['electron/station/db/x.ts', "import sqlite3 from 'sqlite3';\nexport const s = sqlite3;", []],
  [
    'electron/station/core/x.ts',
    "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;",
    [],
  ],
  [
    'electron/preload/x.ts',
    "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer.invoke;",
    [],
  ],
  [
    'electron/main/x.ts',
    "import { app, shell } from 'electron';\nexport const a = [app, shell];",
    [],
  ],
  ['renderer/src/app/x.tsx', "import { useState } from 'react';\nexport const u = useState;", []],
  ['renderer/src/app/x.tsx', "import { z } from 'zod';\nexport const s = z.string();", []],
  [
    'renderer/src/app/x.tsx',
    "import { MentionQuerySchema } from '../../../shared/contract/mentions';\nexport const q = MentionQuerySchema;",
    [],
  ],
  ['shared/domain/x.ts', "import { z } from 'zod';\nexport const s = z.string();", []],
  ['shared/domain/x.ts', "import type { Mention } from './mention';\nexport type M = Mention;", []],
];

/** Cases with a one-line title (the snippet's first line). */
function named(cases: Case[]) {
  return cases.map(([file, code, expected]) => ({
    file,
    code,
    expected,
    title: code.split('\n')[0],
  }));
}

describe('architecture boundaries in eslint.config.js', () => {
  it.each(named(refused))('refuses in $file: $title', async ({ file, code, expected }) => {
    expect(await boundaryHits(file, code)).toEqual(expected);
  });

  it.each(named(allowed))('allows in $file: $title', async ({ file, code, expected }) => {
    expect(await boundaryHits(file, code)).toEqual(expected);
  });
});
