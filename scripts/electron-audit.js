#!/usr/bin/env node
// `npm test`'s electron-audit step: Electronegativity (Doyensec's scanner for Electron
// misconfigurations) over what runs in the desktop shell — the main process, the preload and the
// page's index.html with its CSP. Fails on any HIGH finding, and on a MEDIUM one that nobody has
// reviewed below; LOW and INFORMATIONAL findings are printed only.
'use strict';

const { spawnSync } = require('node:child_process');
const { cpSync, mkdtempSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');
const { parse } = require('csv-parse/sync');

const root = path.resolve(__dirname, '..');

/** MEDIUM findings looked at, with why they stay (check@file → reason). */
const REVIEWED = {
  'OPEN_EXTERNAL_JS_CHECK@main/navigation.ts':
    'only http(s) addresses the page tried to open, shown in full, opened after the user clicks "Open in browser"',
  'PRELOAD_JS_CHECK@main/window.ts':
    'the sandboxed preload exposes station info, notify and onCommand through contextBridge; main validates every request (notify-schema.ts) and its sender',
};

const BLOCKING = new Set(['HIGH', 'CRITICAL']);

// Electronegativity writes its CSV header and its rows with two fs.writeFile calls that are not
// awaited one after the other (util/file.js writeIssues), so now and then the header lands over
// the first rows. A CSV that does not parse, or lacks its header, is written again.
const ATTEMPTS = 3;
const HEADER = 'issue, severity, confidence, filename, location, sample, description, url';

/** Runs Electronegativity over `input`; its findings, or null when it failed (said why). */
function findings(input, work) {
  const output = path.join(work, 'findings.csv');
  const cli = path.join(
    path.dirname(require.resolve('@doyensec/electronegativity/package.json', { paths: [root] })),
    'dist',
    'index.js',
  );
  const electronMajor = require('electron/package.json').version.split('.')[0];
  const args = [cli, '-i', input, '-r', '-v', 'false', '-e', `${electronMajor}.0.0`];
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    rmSync(output, { force: true });
    const run = spawnSync(process.execPath, [...args, '-p', 'typescript', '-o', output], {
      encoding: 'utf8',
    });
    if (run.status !== 0) {
      console.error(run.stdout, run.stderr);
      console.error(`electron-audit: Electronegativity failed (exit ${run.status ?? run.signal}).`);
      return null;
    }
    let problem = 'its header is missing';
    try {
      const text = readFileSync(output, 'utf8');
      const rows = parse(text, { columns: true, trim: true, skip_empty_lines: true });
      if (text.startsWith(HEADER)) return rows;
    } catch (err) {
      problem = err instanceof Error ? err.message.split('\n')[0] : String(err);
    }
    console.error(
      `electron-audit: Electronegativity's CSV came out garbled (${problem}); running it again.`,
    );
  }
  console.error(`electron-audit: no readable findings after ${ATTEMPTS} runs.`);
  return null;
}

function main() {
  const work = mkdtempSync(path.join(tmpdir(), 'holdline-audit-'));
  try {
    const input = path.join(work, 'app');
    cpSync(path.join(root, 'electron', 'main'), path.join(input, 'main'), {
      recursive: true,
      filter: (file) => !file.endsWith('.test.ts'),
    });
    cpSync(path.join(root, 'electron', 'preload'), path.join(input, 'preload'), {
      recursive: true,
    });
    cpSync(path.join(root, 'renderer', 'index.html'), path.join(input, 'index.html'));
    const rows = findings(input, work);
    if (!rows) return 1;
    let blocking = 0;
    for (const row of rows) {
      const key = `${row.issue}@${row.filename}`;
      const severity = String(row.severity).toUpperCase();
      const reviewed = REVIEWED[key];
      const fails = BLOCKING.has(severity) || (severity === 'MEDIUM' && !reviewed);
      if (fails) blocking++;
      const mark = fails ? '✗' : reviewed ? '✓ reviewed:' : '·';
      console.log(
        `${mark} ${severity} ${row.issue} ${row.filename}:${row.location}${reviewed ? ` — ${reviewed}` : ` — ${row.description}`}`,
      );
    }
    if (blocking > 0) {
      console.error(
        `electron-audit: ${blocking} finding(s) to fix, or to review and list in scripts/electron-audit.js.`,
      );
      return 1;
    }
    console.log(`electron-audit: ${rows.length} finding(s), none blocking.`);
    return 0;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

process.exitCode = main();
