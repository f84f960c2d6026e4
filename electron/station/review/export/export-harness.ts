import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { StationCore } from '../../core/core';
import { dataPaths } from '../../core/data-dir';
import { openReadDb } from '../../db/connection';
import type { ExportFormat, ExportTarget } from './export-request';
import { prepareExport } from './export-review';

// Test support: exports a review of a station's data folder the way the CLI and HTTP do (a read
// connection of its own), and reads a PDF's text with poppler's pdftotext.

/** The bytes of one export, and the name it suggests. */
export async function exportOf(
  core: StationCore,
  target: ExportTarget,
  format: ExportFormat,
  redact: boolean,
): Promise<{ bytes: Buffer; filename: string; summary: Record<string, number> }> {
  const read = await openReadDb(dataPaths(core.dataDir).db);
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer | string, _enc, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  try {
    const ready = await prepareExport(
      read,
      { target, format, options: { redact, targetMinutes: 15, timeZone: 'UTC' } },
      { key: core.key },
    );
    const summary = await ready.writeTo(out);
    return { bytes: Buffer.concat(chunks), filename: ready.filename, summary };
  } finally {
    await read.close();
  }
}

/**
 * Why a PDF's text cannot be read here (no pdftotext), or null. CI installs poppler-utils
 * (.ci/run); on a machine without it the PDF checks skip and say so.
 */
export const PDFTOTEXT_MISSING: string | null =
  spawnSync('pdftotext', ['-v']).error === undefined
    ? null
    : 'pdftotext is not installed (Debian/Ubuntu: apt-get install poppler-utils)';

/** The text of a PDF (pdftotext, from poppler-utils). */
export function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'holdline-pdf-'));
  try {
    const file = path.join(dir, 'report.pdf');
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Text as a reader sees it: HTML entities decoded, Markdown escapes dropped, whitespace single. */
export function readable(text: string): string {
  return text
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\\([\\`*_[\]<>|~&!#{}()=+.-])/g, '$1')
    .replace(/\s+/g, ' ');
}
