import type { ImportProgress } from '../../../shared/contract/imports';

/** Draws import progress on stderr: a bar redrawn in place on a terminal, a line per second otherwise. */
export function progressPrinter(): (p: ImportProgress) => void {
  const tty = process.stderr.isTTY;
  let last = 0;
  return (p) => {
    const now = Date.now();
    const done = p.phase === 'done' || p.phase === 'failed';
    if (p.phase === 'reading' && now - last < (tty ? 100 : 1000)) return;
    last = now;
    const share = p.bytesTotal ? Math.min(1, p.bytesRead / p.bytesTotal) : null;
    const bar =
      share === null
        ? ''
        : `[${'#'.repeat(Math.round(share * 30)).padEnd(30, '.')}] ${Math.round(share * 100)}% `;
    const text = `${bar}${p.rows} rows, ${p.imported} new, ${p.duplicates} duplicates, ${p.errors} errors${p.phase === 'indexing' ? ', building indexes…' : ''}`;
    process.stderr.write(tty ? `\r${text}${done ? '\n' : ''}` : `${text}\n`);
  };
}
