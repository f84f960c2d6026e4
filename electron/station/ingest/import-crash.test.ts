import { describe, expect, it } from 'vitest';
import { createReadStream, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { StationCore } from '../core/core';
import { countMentions } from '../db/queries/mention-reads';
import { loginToken } from '../test-support/station-client';
import { holdline, startStationProcess } from '../test-support/station-process';
import { tempDir } from '../test-support/temp-dir';

const ROWS = 60_000;

/** Streams an import through a running station; calls `onProgress` with each NDJSON line. */
async function importOver(
  url: string,
  token: string,
  file: string,
  onProgress: (p: { phase: string; imported: number; duplicates: number }) => void,
): Promise<void> {
  const res = await fetch(new URL('/api/import?preset=generic-csv&filename=m.csv', url), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-length': String(statSync(file).size) },
    body: Readable.toWeb(createReadStream(file)) as ReadableStream,
    duplex: 'half',
  } as RequestInit);
  let buffer = '';
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += Buffer.from(chunk).toString('utf8');
    let nl;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      onProgress(JSON.parse(buffer.slice(0, nl)));
      buffer = buffer.slice(nl + 1);
    }
  }
}

describe('a station killed in the middle of a large import', () => {
  it('keeps every acknowledged mention, stays intact, and finishes when the import runs again', async () => {
    const t = tempDir('holdline-crash-');
    try {
      const data = path.join(t.dir, 'station');
      const pw = path.join(t.dir, 'pw');
      writeFileSync(pw, 'crash-test-password\n');
      const rows = ['id,channel,author,text,created_at'];
      for (let i = 0; i < ROWS; i++)
        rows.push(
          `${i},twitter,@flyer${i % 97},"flight ${i} delayed, bags missing, nobody at the desk ${'…'.repeat(i % 30)}",2015-02-2${i % 8}T10:${String(i % 60).padStart(2, '0')}:00Z`,
        );
      const file = path.join(t.dir, 'mentions.csv');
      writeFileSync(file, rows.join('\n') + '\n');
      expect(
        holdline(
          'init',
          '--data',
          data,
          '--war-room',
          'Crash',
          '--admin',
          'lead',
          '--password-file',
          pw,
        ).code,
      ).toBe(0);

      let station = await startStationProcess(data);
      let acknowledged = 0;
      let killed = false;
      await importOver(
        station.url,
        await loginToken(station.url, 'lead', 'crash-test-password'),
        file,
        (p) => {
          acknowledged = Math.max(acknowledged, p.imported);
          if (!killed && p.imported >= 5_000) {
            killed = true;
            station.child.kill('SIGKILL');
          }
        },
      ).catch(() => undefined); // the connection dies with the station
      expect(killed).toBe(true);
      await station.stop({ kill: true });
      expect(acknowledged).toBeGreaterThanOrEqual(5_000);
      expect(acknowledged).toBeLessThan(ROWS);

      station = await startStationProcess(data);
      const afterCrash = (await (await fetch(new URL('/health', station.url))).json()) as {
        mentions: number;
      };
      expect(afterCrash.mentions).toBeGreaterThanOrEqual(acknowledged);

      // Resuming is importing the same file again: what landed counts as duplicates.
      let summary = { phase: '', imported: 0, duplicates: 0 };
      await importOver(
        station.url,
        await loginToken(station.url, 'lead', 'crash-test-password'),
        file,
        (p) => (summary = p),
      );
      expect(summary).toMatchObject({ phase: 'done', duplicates: afterCrash.mentions });
      expect(summary.imported + summary.duplicates).toBe(ROWS);
      await station.stop();

      const verify = holdline('verify', '--data', data);
      expect(verify.code, verify.stdout).toBe(0);
      const core = await StationCore.open(data);
      try {
        expect(
          (await core.db.get<{ integrity_check: string }>('PRAGMA integrity_check'))
            ?.integrity_check,
        ).toBe('ok');
        expect(await countMentions(core.db)).toBe(ROWS);
      } finally {
        await core.close();
      }
    } finally {
      t.cleanup();
    }
  }, 180_000);
});
