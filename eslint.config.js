// ESLint 9 flat config. The ARCHITECTURE.md boundaries are lint rules, not habits:
// scripts/lint-boundaries.test.ts proves each one still fires.
const { builtinModules } = require('node:module');
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const reactHooks = require('eslint-plugin-react-hooks');
const globals = require('globals');

const NODE_BUILTINS = [...new Set(builtinModules.filter((m) => !m.startsWith('_')))];

/** Restriction pieces, combined per area below (a later flat-config entry replaces a rule's
 *  options rather than merging them, so each file must match exactly one boundary entry). */
const ban = {
  electron: {
    paths: [
      { name: 'electron', message: 'Only electron/main and electron/preload may import electron.' },
    ],
    patterns: [
      {
        regex: '^electron/',
        message: 'Only electron/main and electron/preload may import electron.',
      },
    ],
  },
  node: {
    paths: NODE_BUILTINS.map((name) => ({
      name,
      message:
        'Node built-ins are not available here; keep this code pure (hashing and I/O live in the station).',
    })),
    patterns: [
      { regex: '^node:', message: 'Node built-ins are not available here; keep this code pure.' },
    ],
  },
  react: {
    paths: [],
    patterns: [
      { regex: '^react(-dom|-i18next)?(/|$)', message: 'shared/ is pure TypeScript: no React.' },
    ],
  },
  stationCode: {
    paths: [],
    patterns: [
      {
        regex: '(^|/)electron/',
        message: 'The renderer talks to its station only over /desk; never import electron/ code.',
      },
    ],
  },
  rendererCode: {
    paths: [],
    patterns: [{ regex: '(^|/)renderer/', message: 'shared/ must not depend on renderer code.' }],
  },
  sqlite: {
    paths: [
      {
        name: 'sqlite3',
        message: 'All SQL lives in electron/station/db/: go through its queries.',
      },
    ],
    patterns: [],
  },
  ipc: {
    paths: [
      {
        name: 'electron',
        importNames: ['ipcRenderer'],
        message:
          'Only electron/preload touches ipcRenderer; expose a named function through contextBridge.',
      },
    ],
    patterns: [],
  },
};

/** One `no-restricted-imports` setting made of the given pieces. */
function restrict(...pieces) {
  return [
    'error',
    { paths: pieces.flatMap((p) => p.paths), patterns: pieces.flatMap((p) => p.patterns) },
  ];
}

/** `x.ipcRenderer` outside the preload (catches `require('electron').ipcRenderer` too). */
const noIpcRendererProperty = [
  'error',
  {
    property: 'ipcRenderer',
    message:
      'Only electron/preload touches ipcRenderer; expose a named function through contextBridge.',
  },
];

const TS_FILES = ['**/*.{ts,tsx,mts,cts}'];

module.exports = [
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'coverage/**',
      'bench/.cache/**',
      '.holdline-data/**',
      '.scratch/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
    },
  },
  {
    // Plain Node scripts (bin/, scripts/, this file) are CommonJS: no "type": "module".
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['renderer/**/*.{ts,tsx,js,jsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.flat.recommended.rules,
      // A React Compiler hint (e.g. about @tanstack/react-virtual); we do not run the compiler.
      'react-hooks/incompatible-library': 'off',
    },
  },

  {
    // Playwright reads a fixture's dependencies from its first parameter: `async ({}, use)`.
    files: ['e2e/**'],
    rules: { 'no-empty-pattern': 'off' },
  },

  // ---- Boundaries (ARCHITECTURE.md "Layout"). Exactly one entry per area. ----
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': restrict(
        ban.electron,
        ban.node,
        ban.react,
        ban.stationCode,
        ban.rendererCode,
        ban.sqlite,
      ),
      'no-restricted-properties': noIpcRendererProperty,
    },
  },
  {
    files: ['renderer/**'],
    rules: {
      'no-restricted-imports': restrict(ban.electron, ban.node, ban.stationCode, ban.sqlite),
      'no-restricted-properties': noIpcRendererProperty,
    },
  },
  {
    files: ['electron/station/**'],
    ignores: ['electron/station/db/**'],
    rules: {
      'no-restricted-imports': restrict(ban.electron, ban.sqlite),
      'no-restricted-properties': noIpcRendererProperty,
    },
  },
  {
    files: ['electron/station/db/**'],
    rules: {
      'no-restricted-imports': restrict(ban.electron),
      'no-restricted-properties': noIpcRendererProperty,
    },
  },
  {
    files: ['electron/main/**'],
    rules: {
      'no-restricted-imports': restrict(ban.ipc, ban.sqlite),
      'no-restricted-properties': noIpcRendererProperty,
    },
  },
  {
    files: ['electron/preload/**'],
    rules: { 'no-restricted-imports': restrict(ban.sqlite) },
  },
  {
    // Everything else: tooling, tests, benchmarks.
    files: ['**/*'],
    ignores: ['shared/**', 'renderer/**', 'electron/**', 'bench/**'],
    rules: {
      'no-restricted-imports': restrict(ban.ipc, ban.sqlite),
      'no-restricted-properties': noIpcRendererProperty,
    },
  },
  {
    // The ingest benchmark measures a raw batched insert with the same driver as its baseline
    // (issue 2), which by definition bypasses db/; nothing else in bench/ may.
    files: ['bench/**'],
    rules: {
      'no-restricted-imports': restrict(ban.ipc),
      'no-restricted-properties': noIpcRendererProperty,
    },
  },
  {
    files: TS_FILES,
    rules: {
      // TypeScript checks these better (and `no-undef` misfires on type-only globals).
      'no-undef': 'off',
    },
  },
];
