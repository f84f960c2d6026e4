import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MentionQuerySchema } from '../../../../shared/contract/mentions';
import type { Mention } from '../../../../shared/domain/mention';
import type { StationCore } from '../../core/core';
import { mentionWindow } from '../../db/queries/mention-reads';
import { allOps } from '../../db/queries/ops';
import { eventually } from '../../test-support/station-process';
import { testCores } from '../../test-support/test-cores';
import { CONNECTORS_FILE } from '../connector-config';
import { HealthTracker } from '../connector-health';
import type { ConnectorHub } from '../connector-hub';
import { ingestFromConnector } from '../connector-ingest';
import type { ConnectorContext } from '../connector-kind';
import { cursorStore, seenSet } from '../connector-state';
import { startConnectors } from '../start-connectors';
import { imapKind } from './imap-kind';
import { ImapSettings, type ImapConfig } from './imap-settings';
import { startDovecot, whyNoDovecot, type TestDovecot } from './test-dovecot';
import { EMAIL_SAMPLES, HAVE_EMAIL_SAMPLES, rawMail } from './test-mail';

const why = whyNoDovecot();
const { openRoom } = testCores();

/** Every email mention of a core, oldest first. */
async function emailMentions(core: StationCore): Promise<Mention[]> {
  const q = MentionQuerySchema.parse({ channels: ['email'], sort: 'oldest' });
  return (await mentionWindow(core.read, q, 0, 500)).rows;
}

/** Mentions the connector's ingest ops carried in all (a message taken in twice counts twice). */
async function itemsIngested(core: StationCore, connectorId: string): Promise<number> {
  let n = 0;
  for (const op of await allOps(core.db)) {
    if (op.type !== 'mention.ingest') continue;
    const p = op.payload as { items: unknown[]; source: { connectorId?: string } };
    if (p.source.connectorId === connectorId) n += p.items.length;
  }
  return n;
}

describe.skipIf(why !== null)(`the IMAP connector${why ? ` (skipped: ${why})` : ''}`, () => {
  let server: TestDovecot;
  beforeAll(async () => {
    server = await startDovecot();
  });
  afterAll(async () => {
    await server?.close();
  });

  /** A room whose station reads `mailbox` of the test server (more connectors: `extra`). */
  async function roomReading(
    mailbox: string,
    settings: Record<string, unknown> = {},
    extra = '',
  ): Promise<{ core: StationCore; hub: ConnectorHub }> {
    const { core } = await openRoom();
    const yaml = [
      'connectors:',
      '  - id: care-mail',
      '    kind: imap',
      `    host: ${server.host}`,
      `    port: ${server.port}`,
      '    tls: none',
      `    user: ${server.user}`,
      `    password: ${JSON.stringify(settings.password ?? server.password)}`,
      `    mailbox: ${mailbox}`,
      `    pollSeconds: ${settings.pollSeconds ?? 300}`,
      ...(settings.backfillDays === undefined
        ? []
        : [`    backfillDays: ${settings.backfillDays}`]),
      extra,
    ].join('\n');
    writeFileSync(path.join(core.dataDir, CONNECTORS_FILE), yaml);
    const hub = await startConnectors(core, [imapKind]);
    return { core, hub };
  }

  it('takes delivered messages in as email mentions: author, text, thread, HTML as text, attachments', async () => {
    const before = [
      rawMail({
        from: '"Ana Pereira" <ana@example.org>',
        subject: 'Carer did not come',
        messageId: '<root@example.org>',
        date: 'Mon, 24 Feb 2025 08:15:00 +0100',
        text: 'Nobody came to help my father this morning.',
      }),
      rawMail({
        from: 'duty@care.test',
        subject: 'Re: Carer did not come',
        messageId: '<answer@care.test>',
        inReplyTo: '<root@example.org>',
        references: '<root@example.org>',
        text: 'We are sorry, a carer is on the way.',
      }),
    ];
    await server.deliver(before, 'Care');
    const { core } = await roomReading('Care');
    await eventually(
      'the two waiting messages',
      async () => (await emailMentions(core)).length === 2,
    );

    // Told by IDLE, not by polling (the poll interval is 5 minutes).
    const started = Date.now();
    await server.deliver(
      [
        // A mail program that names only the parent: threaded through the parent's mention.
        rawMail({
          from: 'ana@example.org',
          messageId: '<again@example.org>',
          inReplyTo: '<answer@care.test>',
          text: 'Still nobody here.',
        }),
        rawMail({
          from: 'x@evil.test',
          messageId: '<html@evil.test>',
          html: '<p>Click <b>here</b></p><script>document.location="https://evil.test"</script><p>&lt;script&gt;alert(1)&lt;/script&gt;</p>',
        }),
        rawMail({
          from: 'ben@example.org',
          messageId: '<photo@example.org>',
          text: 'Photo of the bruise attached.',
          attachments: [
            { filename: 'bruise.jpg', type: 'image/jpeg', content: Buffer.alloc(3000, 7) },
            {
              filename: 'run-me.exe',
              type: 'application/x-msdownload',
              content: Buffer.from('MZ'),
            },
          ],
        }),
      ],
      'Care',
    );
    await eventually(
      'the three new messages',
      async () => (await emailMentions(core)).length === 5,
    );
    const pushedInMs = Date.now() - started;
    expect(pushedInMs).toBeLessThan(60_000);

    const byId = new Map((await emailMentions(core)).map((m) => [m.externalId, m]));
    expect(byId.get('<root@example.org>')).toMatchObject({
      channel: 'email',
      author: { handle: 'ana@example.org', email: 'ana@example.org', name: 'Ana Pereira' },
      text: 'Nobody came to help my father this morning.',
      occurredAt: '2025-02-24T07:15:00.000Z',
      metadata: { subject: 'Carer did not come', thread: '<root@example.org>', mailbox: 'Care' },
    });
    for (const id of ['<answer@care.test>', '<again@example.org>'])
      expect(byId.get(id)?.metadata.thread, id).toBe('<root@example.org>');
    const html = byId.get('<html@evil.test>') as Mention;
    expect(html.text).toBe('Click here\n\n<script>alert(1)</script>');
    expect(html.text).not.toContain('evil.test');
    expect(byId.get('<photo@example.org>')?.metadata).toMatchObject({
      attachmentCount: 2,
      attachments: 'bruise.jpg (image/jpeg, 2.9 KB); run-me.exe (application/x-msdownload, 2 B)',
    });
    console.log(`[imap] new mail pushed to a mention in ${pushedInMs} ms`);
  });

  it.skipIf(!HAVE_EMAIL_SAMPLES)(
    'takes the real samples in and leaves the bounce out',
    async () => {
      const names = [
        'nodemailer.eml',
        'spam.eml',
        'delivery-status.eml',
        'htmllargecallstack.eml',
        'outofmemory.eml',
      ];
      await server.deliver(
        names.map((n) => readFileSync(path.join(EMAIL_SAMPLES, n))),
        'Samples',
      );
      const { core } = await roomReading('Samples');
      await eventually(
        'four sample mentions',
        async () => (await emailMentions(core)).length === 4,
      );
      const mentions = await emailMentions(core);
      expect(mentions.map((m) => m.author.handle).sort()).toEqual([
        'andris@kreata.ee',
        'noreply@guide-des-vins-de-bourgogne.fr',
        'test@example.com',
        'test@example.com',
      ]);
      expect(mentions.some((m) => m.author.handle === 'mailer-daemon@amazonses.com')).toBe(false);
    },
  );

  it('loses and doubles nothing when the server is killed (kill -9) and restarted in the middle of 300 messages', async () => {
    const N = 300;
    const filler = 'We have been waiting for a call back since Tuesday. '.repeat(60);
    const sent = Array.from({ length: N }, (_, i) =>
      rawMail({
        from: `family${i % 40}@example.org`,
        subject: `Visit ${i}`,
        messageId: `<storm-${i}@example.org>`,
        text: `Message ${i}. ${filler}`,
      }),
    );
    await server.deliver(sent, 'Storm');
    const { core, hub } = await roomReading('Storm');
    let ingested = 0;
    let atKill = -1;
    const killed = new Promise<void>((resolve) => {
      core.on('applied', (a) => {
        ingested += a.ingested;
        if (atKill < 0 && ingested >= 50) {
          atKill = ingested;
          void server.kill().then(resolve);
        }
      });
    });
    await killed;
    await eventually(
      'the connector noticing',
      async () => hub.viewOf('care-mail')?.health.state === 'backing-off',
    );
    const down = hub.viewOf('care-mail')?.health;
    expect(down?.lastError?.message).toMatch(/dropped|closed|refused/);
    await new Promise((r) => setTimeout(r, 1_500));
    await server.start();
    const restarted = Date.now();
    await eventually(
      'all 300 messages',
      async () => (await emailMentions(core)).length === N,
      60_000,
    );
    console.log(
      `[imap] killed after ${atKill}/${N} mentions; all in ${Date.now() - restarted} ms after the restart`,
    );

    expect(atKill).toBeLessThan(N);
    const mentions = await emailMentions(core);
    expect(new Set(mentions.map((m) => m.externalId))).toEqual(
      new Set(Array.from({ length: N }, (_, i) => `<storm-${i}@example.org>`)),
    );
    expect(mentions.every((m) => m.duplicates === 0)).toBe(true);
    expect(await itemsIngested(core, 'care-mail')).toBe(N);
    await eventually(
      'health back to running',
      async () => hub.viewOf('care-mail')?.health.state === 'running',
    );
    expect(hub.viewOf('care-mail')?.health.itemsLastHour).toBe(N);
  });

  it('reads a renumbered folder (new UIDVALIDITY) again, taking in only what is new', async () => {
    const old = [0, 1, 2].map((i) =>
      rawMail({ from: 'a@b.c', messageId: `<renum-${i}@b.c>`, text: `renum ${i}` }),
    );
    await server.deliver(old, 'Renumbered');
    const { core, hub } = await roomReading('Renumbered');
    await eventually('the first three', async () => (await emailMentions(core)).length === 3);
    await hub.close();

    // The server loses its index: the folder comes back with the same mail under new UIDs.
    const client = await server.client();
    const before = (await client.status('Renumbered', { uidValidity: true })) || null;
    await client.mailboxDelete('Renumbered');
    await new Promise((r) => setTimeout(r, 1_100)); // UIDVALIDITY is a time in seconds
    await client.mailboxCreate('Renumbered');
    await client.logout();
    await server.deliver(
      [...old, rawMail({ from: 'a@b.c', messageId: '<renum-3@b.c>', text: 'renum 3' })],
      'Renumbered',
    );
    const after = await server.client();
    expect((await after.status('Renumbered', { uidValidity: true })) || null).not.toEqual(before);
    await after.logout();

    const again = await startConnectors(core, [imapKind]);
    await eventually('the new one', async () => (await emailMentions(core)).length === 4);
    await new Promise((r) => setTimeout(r, 500));
    expect((await emailMentions(core)).every((m) => m.duplicates === 0)).toBe(true);
    expect(await itemsIngested(core, 'care-mail')).toBe(4);
    await again.close();
  });

  it('with backfillDays 0 takes in only mail from its first start on, also across a restart', async () => {
    await server.deliver(
      [rawMail({ from: 'a@b.c', messageId: '<before@b.c>', text: 'older mail' })],
      'FromNow',
    );
    const { core, hub } = await roomReading('FromNow', { backfillDays: 0 });
    await eventually(
      'the first look',
      async () => hub.viewOf('care-mail')?.health.lastSuccessAt != null,
    );
    await hub.close();
    await server.deliver(
      [rawMail({ from: 'a@b.c', messageId: '<while-down@b.c>', text: 'came while stopped' })],
      'FromNow',
    );
    const again = await startConnectors(core, [imapKind]);
    await eventually(
      'the mail that came while stopped',
      async () => (await emailMentions(core)).length === 1,
    );
    expect((await emailMentions(core))[0]?.externalId).toBe('<while-down@b.c>');
    await again.close();
  });

  it('does not take a batch in twice when the station died after committing it but before remembering it', async () => {
    const N = 30;
    await server.deliver(
      Array.from({ length: N }, (_, i) =>
        rawMail({ from: 'a@b.c', messageId: `<gap-${i}@b.c>`, text: `gap ${i}` }),
      ),
      'Gap',
    );
    const { core } = await openRoom();
    const abort = new AbortController();
    const seen = seenSet(core, 'care-mail');
    let died = false;
    const ctx: ConnectorContext<ImapConfig> = {
      id: 'care-mail',
      kind: 'imap',
      config: ImapSettings.parse({
        host: server.host,
        port: server.port,
        tls: 'none',
        user: server.user,
        password: server.password,
        mailbox: 'Gap',
      }),
      core,
      dataDir: core.dataDir,
      signal: abort.signal,
      cursor: cursorStore(core, 'care-mail'),
      // The first batch is committed, then "the station dies" before it is remembered: the
      // connector starts over with neither the seen keys nor the cursor of that batch.
      seen: {
        among: (keys) => seen.among(keys),
        prune: (keep) => seen.prune(keep),
        add: async (keys) => {
          if (!died) {
            died = true;
            throw new Error('the station died here');
          }
          await seen.add(keys);
        },
      },
      health: new HealthTracker(() => undefined),
      ingest: (inputs) =>
        ingestFromConnector(core, inputs, { connector: 'imap', connectorId: 'care-mail' }),
      poll: () => undefined,
      log: () => undefined,
    };
    const run = await imapKind.start(ctx);
    try {
      await eventually('all 30', async () => (await emailMentions(core)).length === N);
      await new Promise((r) => setTimeout(r, 500));
    } finally {
      abort.abort();
      await run.stop();
    }
    expect(died).toBe(true);
    expect((await emailMentions(core)).every((m) => m.duplicates === 0)).toBe(true);
    expect(await itemsIngested(core, 'care-mail')).toBe(N);
  });

  it('shows a wrong password as a clear health error, without crashing or stopping other mailboxes', async () => {
    await server.deliver(
      [rawMail({ from: 'a@b.c', messageId: '<ok@b.c>', text: 'still arrives' })],
      'Other',
    );
    const { core, hub } = await roomReading(
      'Care',
      { password: 'not-the-password' },
      [
        '  - id: other-mail',
        '    kind: imap',
        `    host: ${server.host}`,
        `    port: ${server.port}`,
        '    tls: none',
        `    user: ${server.user}`,
        `    password: ${server.password}`,
        '    mailbox: Other',
        '  - id: missing-folder',
        '    kind: imap',
        `    host: ${server.host}`,
        `    port: ${server.port}`,
        '    tls: none',
        `    user: ${server.user}`,
        `    password: ${server.password}`,
        '    mailbox: Nowhere',
      ].join('\n'),
    );
    await eventually(
      'the refusal in health',
      async () => hub.viewOf('care-mail')?.health.lastError != null,
    );
    const health = hub.viewOf('care-mail')?.health;
    expect(health).toMatchObject({ state: 'backing-off', lastSuccessAt: null });
    expect(health?.lastError?.message).toMatch(
      new RegExp(
        `127\\.0\\.0\\.1:${server.port} refused the login of "care": check the user name and password`,
      ),
    );
    expect(health?.lastError?.message).not.toContain('not-the-password');
    // Not hammering the server: the next try is minutes away.
    expect(Date.parse(health?.retryAt ?? '') - Date.now()).toBeGreaterThan(60_000);
    await eventually('the other mailbox', async () => (await emailMentions(core)).length === 1);
    expect(hub.viewOf('other-mail')?.health.state).toBe('running');
    await eventually(
      'the missing folder in health',
      async () => hub.viewOf('missing-folder')?.health.lastError != null,
    );
    expect(hub.viewOf('missing-folder')?.health.lastError?.message).toMatch(
      /has no folder "Nowhere"/,
    );
    // The password is a secret: desks see that it is set, never the value.
    const view = hub.view();
    expect(view.kinds.find((k) => k.kind === 'imap')?.secrets).toEqual(['password']);
    expect(hub.viewOf('other-mail')?.settings).not.toHaveProperty('password');
    expect(hub.viewOf('other-mail')?.secrets.password?.set).toBe(true);
    expect(JSON.stringify(view)).not.toContain(server.password);
  });
});
