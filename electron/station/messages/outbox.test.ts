import { describe, expect, it } from 'vitest';
import { testCores } from '../test-support/test-cores';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sha256Hex } from '../ops/op-id';
import type { OpDraft } from '../ops/op';
import { eventually } from '../test-support/station-process';
import { setWebhook, startOutbox } from './outbox';

const { cleanups, openRoom } = testCores();

/** A real HTTP endpoint on 127.0.0.1 that fails the first `failures` requests, then accepts. */
async function flakyEndpoint(failures: number) {
  const requests: { headers: IncomingHttpHeaders; body: string; status: number }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const status = requests.length < failures ? 503 : 200;
      requests.push({ headers: req.headers, body, status });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, requests };
}

const station = () => openRoom('Hook');

function message(actor: string, id: string, kind: 'reply' | 'statement', text: string): OpDraft[] {
  return [
    {
      type: 'message.draft',
      v: 1,
      actor,
      subject: id,
      payload: {
        messageId: id,
        kind,
        ...(kind === 'reply' && { mentionId: 'twitter:1' }),
        language: 'en',
        channel: 'twitter',
        topics: [],
        text,
        contentHash: sha256Hex(text),
        submit: true,
      },
    },
    {
      type: 'message.send',
      v: 1,
      actor,
      subject: id,
      payload: {
        contentHash: sha256Hex(text),
        text,
        channel: 'twitter',
        target: kind === 'reply' ? { mentionId: 'twitter:1' } : { audience: 'public' },
        via: ['webhook'],
      },
    },
  ];
}

describe('outbound webhook', () => {
  it('retries a failing endpoint and delivers each send exactly once, signed, even across a restart', async () => {
    const hook = await flakyEndpoint(2);
    const { core, adminId } = await station();
    await setWebhook(core, { url: hook.url, secret: 'hook-secret' });
    const outbox = startOutbox(core, { baseMs: 20 });
    const text = 'Hi Rita, your bag is on the 14:05 flight.';
    const applied = await core.commit(message(adminId, 'm1', 'reply', text));
    const sendId = applied.ops[1]?.id as string;

    await eventually('the send to be delivered', async () => {
      const row = await core.db.get<{ delivered_at: number | null }>(
        'SELECT delivered_at FROM outbox WHERE op_id = ?',
        [sendId],
      );
      return row?.delivered_at != null;
    });
    await outbox.stop();
    expect(hook.requests.map((r) => r.status)).toEqual([503, 503, 200]);
    for (const r of hook.requests) {
      expect(r.headers['idempotency-key']).toBe(sendId);
      expect(r.headers['x-holdline-signature']).toBe(
        `sha256=${createHmac('sha256', 'hook-secret').update(r.body).digest('hex')}`,
      );
      expect(JSON.parse(r.body)).toMatchObject({ id: sendId, messageId: 'm1', text });
    }

    // A new outbox (a restart) finds nothing left to deliver.
    const again = startOutbox(core, { baseMs: 20 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await again.stop();
    expect(hook.requests).toHaveLength(3);
  });

  it('never delivers a send that was refused (a statement nobody approved)', async () => {
    const hook = await flakyEndpoint(0);
    const { core, adminId } = await station();
    await setWebhook(core, { url: hook.url, secret: null });
    const outbox = startOutbox(core, { baseMs: 20 });
    cleanups.push(() => outbox.stop());
    await core.commit(message(adminId, 'm2', 'statement', 'We are aware of the outage.'));
    await core.commit(message(adminId, 'm3', 'reply', 'Thanks, following up by DM.'));
    await eventually('one delivery', () => Promise.resolve(hook.requests.length === 1));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(hook.requests).toHaveLength(1);
    expect(JSON.parse(hook.requests[0]?.body ?? '{}')).toMatchObject({ messageId: 'm3' });
    expect(hook.requests[0]?.headers['x-holdline-signature']).toBeUndefined();
  });
});
