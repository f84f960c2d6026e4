import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MentionQuerySchema } from '../../../../shared/contract/mentions';
import { StationCore } from '../../core/core';
import { mentionWindow } from '../../db/queries/mention-reads';
import { allOps } from '../../db/queries/ops';
import { call, connectDesk, loginToken } from '../../test-support/station-client';
import {
  eventually,
  holdline,
  startStationProcess as startProcess,
  type StationProcess,
} from '../../test-support/station-process';
import { tempDir } from '../../test-support/temp-dir';
import { CONNECTORS_FILE } from '../connector-config';
import { startDovecot, whyNoDovecot, type TestDovecot } from './test-dovecot';
import { rawMail } from './test-mail';

const why = whyNoDovecot();
const PASSWORD = 'station-test-password';

describe.skipIf(why !== null)(
  `a station reading a mailbox${why ? ` (skipped: ${why})` : ''}`,
  () => {
    let server: TestDovecot;
    let cleanup: () => void = () => undefined;
    let root = '';
    beforeAll(async () => {
      server = await startDovecot();
      const t = tempDir('holdline-imap-station-');
      root = t.dir;
      cleanup = t.cleanup;
    });
    // Stations a failed test left running are stopped, not orphaned.
    const started: StationProcess[] = [];
    const startStationProcess = async (data: string) => {
      const p = await startProcess(data);
      started.push(p);
      return p;
    };
    afterEach(async () => {
      while (started.length) await started.pop()?.stop({ kill: true });
    });
    afterAll(async () => {
      await server?.close();
      cleanup();
    });

    /** A station data folder with a room and an email connector reading `mailbox`. */
    function stationFolder(name: string, mailbox: string): string {
      const data = path.join(root, name);
      const pw = path.join(root, `${name}.pw`);
      writeFileSync(pw, `${PASSWORD}\n`);
      const init = holdline(
        'init',
        '--data',
        data,
        '--war-room',
        'Care',
        '--admin',
        'lead',
        '--password-file',
        pw,
      );
      expect(init.code, init.stderr).toBe(0);
      writeFileSync(
        path.join(data, CONNECTORS_FILE),
        [
          'connectors:',
          '  - id: care-mail',
          '    kind: imap',
          `    host: ${server.host}`,
          `    port: ${server.port}`,
          '    tls: none',
          `    user: ${server.user}`,
          `    password: ${server.password}`,
          `    mailbox: ${mailbox}`,
          '',
        ].join('\n'),
      );
      return data;
    }

    /** Counts a running station's email mentions over /desk. */
    async function counter(url: string): Promise<{ count(): Promise<number>; close(): void }> {
      const desk = await connectDesk(url, await loginToken(url, 'lead', PASSWORD));
      return {
        count: async () => {
          const r = await call(desk, 'mention.window', {
            query: { channels: ['email'] },
            offset: 0,
            limit: 1,
          });
          if (!r.ok) throw new Error(r.message);
          return r.total as number;
        },
        close: () => desk.close(),
      };
    }

    /** What the stopped station's folder holds: email mentions, and items its ingest ops carried. */
    async function heldIn(
      data: string,
    ): Promise<{ ids: string[]; duplicates: number; items: number }> {
      const core = await StationCore.open(data);
      try {
        const q = MentionQuerySchema.parse({ channels: ['email'] });
        const rows = (await mentionWindow(core.read, q, 0, 500)).rows;
        let items = 0;
        for (const op of await allOps(core.db))
          if (op.type === 'mention.ingest')
            items +=
              (op.payload as { items: unknown[]; source: { connector: string } }).source
                .connector === 'imap'
                ? (op.payload as { items: unknown[] }).items.length
                : 0;
        return {
          ids: rows.map((m) => m.externalId).sort(),
          duplicates: rows.reduce((n, m) => n + m.duplicates, 0),
          items,
        };
      } finally {
        await core.close();
      }
    }

    const mail = (tag: string, i: number) =>
      rawMail({
        from: `family${i}@example.org`,
        messageId: `<${tag}-${i}@example.org>`,
        text: `${tag} message ${i}`,
      });
    const ids = (tag: string, n: number) =>
      Array.from({ length: n }, (_, i) => `<${tag}-${i}@example.org>`).sort();

    it('restarted, takes nothing in twice and gets the mail that came while it was down', async () => {
      const t0 = Date.now();
      const step = (what: string) => console.log(`[imap] ${what} at ${Date.now() - t0} ms`);
      const data = stationFolder('restart', 'Restart');
      await server.deliver(
        Array.from({ length: 10 }, (_, i) => mail('r', i)),
        'Restart',
      );
      let station = await startStationProcess(data);
      step('station started');
      let desk = await counter(station.url);
      await eventually('the first ten', async () => (await desk.count()) === 10).catch(
        (err: Error) => {
          throw new Error(`${err.message}\n${station.stderr()}\n${server.log()}`);
        },
      );
      step('ten mentions');
      desk.close();
      await station.stop();

      await server.deliver(
        Array.from({ length: 5 }, (_, i) => mail('r', 10 + i)),
        'Restart',
      );
      station = await startStationProcess(data);
      step('station restarted');
      desk = await counter(station.url);
      await eventually('the five that came meanwhile', async () => (await desk.count()) === 15);
      step('fifteen mentions');
      // A while longer: nothing else may come in.
      await new Promise((r) => setTimeout(r, 1_500));
      expect(await desk.count()).toBe(15);
      desk.close();
      await station.stop();

      expect(await heldIn(data)).toEqual({ ids: ids('r', 15), duplicates: 0, items: 15 });
    });

    it('killed (kill -9) in the middle of 300 messages, loses none and doubles none after a restart', async () => {
      const N = 300;
      const data = stationFolder('crash', 'Crash');
      await server.deliver(
        Array.from({ length: N }, (_, i) => mail('c', i)),
        'Crash',
      );
      let station = await startStationProcess(data);
      let desk = await counter(station.url);
      let atKill = 0;
      await eventually(
        'the first batches',
        async () => (atKill = await desk.count()) >= 30,
        30_000,
      );
      await station.stop({ kill: true });
      desk.close();

      station = await startStationProcess(data);
      desk = await counter(station.url);
      await eventually('all 300', async () => (await desk.count()) === N, 60_000);
      desk.close();
      await station.stop();
      console.log(`[imap] station killed with ${atKill}/${N} mentions in`);

      expect(atKill).toBeLessThan(N);
      expect(await heldIn(data)).toEqual({ ids: ids('c', N), duplicates: 0, items: N });
    });
  },
);
