import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { startTcpProxy, type TcpProxy } from '../../electron/station/test-support/tcp-proxy';
import { command, createOperators, withDesk } from '../support/desk';
import { holdlineBin, repoRoot } from '../support/paths';
import {
  DEFAULT_ROOM,
  initWarRoom,
  startStationProcess,
  tempDataDir,
  type StationProcess,
} from '../support/station';
import { logIn } from '../support/login';

const run = promisify(execFile);
const ADMIN = { username: DEFAULT_ROOM.admin, password: DEFAULT_ROOM.password };

// Two stations linked through a TCP proxy that can cut the link: Ana works on A, Bo on B.
test('two desks on two stations claim one mention while apart; after the link is back both see the collision', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const temp = tempDataDir();
  const stations: StationProcess[] = [];
  let proxy: TcpProxy | null = null;
  try {
    const dirA = path.join(temp.dir, 'a');
    const dirB = path.join(temp.dir, 'b');
    const { joinCode } = (await initWarRoom(dirA, DEFAULT_ROOM)) as { joinCode: string };
    const a = await startStationProcess(dirA, DEFAULT_ROOM);
    stations.push(a);
    await createOperators(a.url, ADMIN, [
      {
        username: 'ana',
        displayName: 'Ana Operator',
        password: 'ana-password',
        role: 'operator',
        departments: [],
      },
      {
        username: 'bo',
        displayName: 'Bo Operator',
        password: 'bo-password',
        role: 'operator',
        departments: [],
      },
    ]);
    await withDesk(a.url, ADMIN.username, ADMIN.password, (desk) =>
      command(desk, 'mention.create', {
        channel: 'phone',
        author: { handle: '+1 555 0100' },
        text: 'My order arrived broken and support hung up on me',
      }),
    );
    await run(
      process.execPath,
      [holdlineBin, 'join', '--data', dirB, '--peer', `127.0.0.1:${a.port}`, '--code', joinCode],
      { cwd: repoRoot },
    );
    proxy = await startTcpProxy(a.port);
    const b = await startStationProcess(dirB, DEFAULT_ROOM, ['--peer', `127.0.0.1:${proxy.port}`]);
    stations.push(b);

    const anaPage = await (await browser.newContext()).newPage();
    const boPage = await (await browser.newContext()).newPage();
    await logIn(anaPage, a.url, 'ana', 'ana-password');
    await logIn(boPage, b.url, 'bo', 'bo-password');
    for (const p of [anaPage, boPage]) {
      await expect(p.getByTestId('sync-status')).toHaveText('In sync · 1 station');
      await p.getByTestId('mention-row').first().click();
      await expect(p.getByTestId('claim-state')).toHaveText('Nobody holds it');
    }

    // The link drops; both desks keep working, and each claims the mention.
    proxy.cut();
    await expect(boPage.getByTestId('offline-banner')).toBeVisible({ timeout: 10_000 });
    await anaPage.keyboard.press('c');
    await expect(anaPage.getByTestId('claim-state')).toContainText('Claimed by Ana Operator');
    await boPage.keyboard.press('c');
    await expect(boPage.getByTestId('claim-state')).toContainText('Claimed by Bo Operator');

    // Back together: Ana's claim came first and holds on both; both are told of Bo's.
    proxy.heal();
    for (const p of [anaPage, boPage]) {
      await expect(p.getByTestId('claim-state')).toContainText('Claimed by Ana Operator', {
        timeout: 20_000,
      });
      await expect(p.getByTestId('collision-notice')).toContainText(
        'Bo Operator claimed this at another desk too',
      );
    }
    await expect(boPage.getByTestId('offline-banner')).toBeHidden();
  } finally {
    for (const s of stations) await s.stop();
    await proxy?.close();
    temp.cleanup();
  }
});
