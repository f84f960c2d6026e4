import { spawnSync } from 'node:child_process';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawMail } from './test-mail';
import { startDovecot, whyNoDovecot, type TestDovecot } from './test-dovecot';

const why = whyNoDovecot();

async function uidsIn(server: TestDovecot): Promise<{ validity: bigint; uids: number[] }> {
  const client = new ImapFlow({
    host: server.host,
    port: server.port,
    secure: false,
    auth: { user: server.user, pass: server.password },
    logger: false,
    disableAutoIdle: true,
  });
  await client.connect();
  try {
    const box = await client.mailboxOpen('INBOX', { readOnly: true });
    const uids = box.exists === 0 ? [] : (await client.search({ all: true }, { uid: true })) || [];
    return { validity: box.uidValidity, uids };
  } finally {
    await client.logout();
  }
}

describe.skipIf(why !== null)(`the test dovecot${why ? ` (skipped: ${why})` : ''}`, () => {
  let server: TestDovecot;
  beforeAll(async () => {
    server = await startDovecot();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('serves IMAP on 127.0.0.1, keeps mail and UIDs across a kill -9 and a restart', async () => {
    await server.deliver([1, 2, 3].map((n) => rawMail({ from: 'a@b.c', text: `message ${n}` })));
    const before = await uidsIn(server);
    expect(before.uids).toEqual([1, 2, 3]);
    const pid = spawnSync('pgrep', ['-f', server.dir], { encoding: 'utf8' }).stdout.trim();
    expect(pid).not.toBe('');
    await server.kill();
    expect(server.running).toBe(false);
    // Every process of it is gone, not only the master.
    expect(spawnSync('pgrep', ['-f', server.dir], { encoding: 'utf8' }).stdout.trim()).toBe('');
    server.dropIntoMaildir(rawMail({ from: 'a@b.c', text: 'arrived while the server was down' }));
    await server.start();
    const after = await uidsIn(server);
    expect(after.validity).toBe(before.validity);
    expect(after.uids).toEqual([1, 2, 3, 4]);
  });

  it('refuses a wrong password', async () => {
    const client = new ImapFlow({
      host: server.host,
      port: server.port,
      secure: false,
      auth: { user: server.user, pass: 'wrong' },
      logger: false,
    });
    await expect(client.connect()).rejects.toMatchObject({ authenticationFailed: true });
    client.close();
  });
});
