import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  MAX_TEXT_CHARS,
  MentionInputSchema,
  type MentionInput,
} from '../../../../shared/domain/mention';
import { messageIdsIn, threadOf } from './email-thread';
import { mentionOfMessage, TRUNCATED_MARKER, type MailFacts } from './mail-mention';
import { EMAIL_SAMPLES, HAVE_EMAIL_SAMPLES, rawMail, type TestMail } from './test-mail';

const RECEIVED = new Date('2025-03-01T09:30:00Z');

async function mentionOf(m: TestMail | Buffer, facts: MailFacts = {}): Promise<MentionInput> {
  const r = await mentionOfMessage(Buffer.isBuffer(m) ? m : rawMail(m), {
    internalDate: RECEIVED,
    ...facts,
  });
  if (!('mention' in r)) throw new Error(`skipped: ${r.skipped}`);
  return r.mention;
}

/** Any HTML tag or comment left in a text. */
const MARKUP = /<\/?[a-z][a-z0-9-]*(\s[^<>]*)?>|<!--/i;

describe('an email as a mention', () => {
  it('keeps author, text, subject, time and id of a plain message', async () => {
    const m = await mentionOf({
      from: '"Ana Pereira" <Ana.Pereira@Example.org>',
      subject: 'Carer did not come this morning',
      messageId: '<visit-1@example.org>',
      date: 'Mon, 24 Feb 2025 08:15:00 +0100',
      text: 'Nobody came to help my father today.\r\nPlease call me.',
    });
    expect(m).toMatchObject({
      channel: 'email',
      externalId: '<visit-1@example.org>',
      author: {
        handle: 'ana.pereira@example.org',
        email: 'Ana.Pereira@Example.org',
        name: 'Ana Pereira',
      },
      text: 'Nobody came to help my father today.\nPlease call me.',
      occurredAt: '2025-02-24T07:15:00.000Z',
      metadata: {
        subject: 'Carer did not come this morning',
        to: 'care@holdline.test',
        messageId: '<visit-1@example.org>',
        inReplyTo: null,
        thread: '<visit-1@example.org>',
        attachmentCount: 0,
      },
    });
    expect(() => MentionInputSchema.parse(m)).not.toThrow();
  });

  it('threads replies by References and In-Reply-To under the first message', async () => {
    const root = await mentionOf({ from: 'a@x.org', messageId: '<root@x.org>', text: 'first' });
    const reply = await mentionOf({
      from: 'b@care.org',
      messageId: '<r1@care.org>',
      inReplyTo: '<root@x.org>',
      references: '<root@x.org>',
      text: 'answer',
    });
    const again = await mentionOf({
      from: 'a@x.org',
      messageId: '<r2@x.org>',
      inReplyTo: '<r1@care.org> (message from b)',
      references: '<root@x.org>\r\n <r1@care.org>',
      text: 'still waiting',
    });
    const bare = await mentionOf({
      from: 'a@x.org',
      messageId: '<r3@x.org>',
      inReplyTo: '<r2@x.org>',
      text: 'hello?',
    });
    expect([root, reply, again].map((m) => m.metadata.thread)).toEqual([
      '<root@x.org>',
      '<root@x.org>',
      '<root@x.org>',
    ]);
    expect(again.metadata.inReplyTo).toBe('<r1@care.org>');
    // Without References only the parent is known; the connector looks the parent's thread up.
    expect(bare.metadata).toMatchObject({ thread: '<r2@x.org>', inReplyTo: '<r2@x.org>' });
  });

  it('reads the thread headers defensively', () => {
    expect(messageIdsIn(['<a@b> <c@d>', 'e@f', '<a@b>'])).toEqual(['<a@b>', '<c@d>', '<e@f>']);
    expect(threadOf({ messageId: '<self@x>', references: '<self@x>' }).thread).toBe('<self@x>');
    const long = `<${'x'.repeat(400)}@example.org>`;
    const t = threadOf({ messageId: long, inReplyTo: long });
    expect(t.messageId).toMatch(/^<sha256:[0-9a-f]{64}>$/);
    expect(t.inReplyTo).toBeNull();
  });

  it('reduces an HTML mail to text: scripts and styles dropped, no markup left, typed tags stay text', async () => {
    const m = await mentionOf({
      from: 'x@evil.test',
      messageId: '<html-1@evil.test>',
      html:
        '<html><head><style>p{color:red}</style><script>steal()</script></head><body>' +
        '<p>Dear team, <b>please</b> help &amp; call.</p><script>alert(document.cookie)</script>' +
        '<p>I typed &lt;script&gt;alert(1)&lt;/script&gt; to see.</p>' +
        '<img src="data:image/png;base64,AAAA" onerror="x()"><iframe src="https://x">frame</iframe>' +
        '<a href="https://evil.test/login">your bank</a><!-- hidden --></body></html>',
    });
    expect(m.text).toContain('Dear team, please help & call.');
    expect(m.text).toContain('I typed <script>alert(1)</script> to see.');
    expect(m.text).toContain('your bank [https://evil.test/login]');
    expect(m.text).not.toMatch(/steal|cookie|color:red|frame|hidden|data:image/);
  });

  it('prefers the plain part of a multipart/alternative mail', async () => {
    const m = await mentionOf({ from: 'a@b.c', text: 'plain words', html: '<p>html words</p>' });
    expect(m.text).toBe('plain words');
  });

  it('lists attachments by name, type and size and keeps none of their content', async () => {
    const exe = Buffer.from('MZ\x90\x00 this would run if anyone ran it');
    const m = await mentionOf({
      from: 'a@b.c',
      messageId: '<att@b.c>',
      text: 'see attached',
      attachments: [
        { filename: 'invoice.pdf.exe', type: 'application/x-msdownload', content: exe },
        { filename: 'photo.jpg', type: 'image/jpeg', content: Buffer.alloc(2048, 1) },
      ],
    });
    expect(m.metadata).toMatchObject({
      attachmentCount: 2,
      attachments: `invoice.pdf.exe (application/x-msdownload, ${exe.length} B); photo.jpg (image/jpeg, 2.0 KB)`,
    });
    expect(JSON.stringify(m)).not.toContain('would run');
  });

  it('falls back to a stable hash id, the internal date and a placeholder when headers are missing', async () => {
    const raw = rawMail({ text: '' });
    const a = await mentionOf(raw);
    const b = await mentionOf(Buffer.from(raw));
    expect(a.externalId).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(b.externalId).toBe(a.externalId);
    expect(a.metadata.thread).toBe(a.externalId);
    expect(a).toMatchObject({
      author: { handle: '(no sender)' },
      text: '(no text)',
      occurredAt: RECEIVED.toISOString(),
    });
  });

  it('does not believe a Date far in the future or out of range', async () => {
    for (const date of ['Tue, 1 Jan 2999 00:00:00 +0000', 'not a date at all'])
      expect((await mentionOf({ from: 'a@b.c', date, text: 'x' })).occurredAt).toBe(
        RECEIVED.toISOString(),
      );
  });

  it('cuts an oversized message at MAX_TEXT_CHARS with a marker', async () => {
    const m = await mentionOf({
      from: 'a@b.c',
      text: `${'😀'.repeat(30_000)}${'long line '.repeat(20_000)}`,
    });
    expect(m.text.length).toBeLessThanOrEqual(MAX_TEXT_CHARS);
    expect(m.text.endsWith(TRUNCATED_MARKER)).toBe(true);
    expect(m.metadata.truncated).toBe(true);
    expect(m.text).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it('marks a partially fetched message as truncated, and keeps the mailbox as provenance', async () => {
    const m = await mentionOf(
      { from: 'a@b.c', text: 'start of a huge mail' },
      { partial: true, mailbox: 'Care' },
    );
    expect(m.metadata).toMatchObject({ truncated: true, mailbox: 'Care' });
  });
});

describe.skipIf(!HAVE_EMAIL_SAMPLES)(
  'the real-world samples (skipped: ../shared/data/email is absent)',
  () => {
    const sample = (name: string) => readFileSync(path.join(EMAIL_SAMPLES, name));

    it('nodemailer.eml: unicode subject, plain text, four attachments listed', async () => {
      const m = await mentionOf(sample('nodemailer.eml'));
      expect(m).toMatchObject({
        externalId: '<012d606e-3550-2d94-b566-6cd996de88e3@kreata.ee>',
        author: { handle: 'andris@kreata.ee', name: 'Andris Kreata' },
        text: 'Hello to myself!',
        occurredAt: '2016-10-13T11:39:48.000Z',
        metadata: {
          subject: 'Nodemailer is unicode friendly ✔ (1476358788189)',
          attachmentCount: 4,
        },
      });
      expect(m.metadata.attachments).toContain('nyan cat ✔.gif (image/gif, 28.7 KB, inline)');
      expect(m.metadata.attachments).toContain('notes.txt (text/plain, 28 B)');
    });

    it('delivery-status.eml: a bounce is skipped, not a mention', async () => {
      const r = await mentionOfMessage(sample('delivery-status.eml'), { internalDate: RECEIVED });
      expect(r).toEqual({ skipped: expect.stringMatching(/report/) });
    });

    it('spam.eml: HTML to distrust arrives as text without markup', async () => {
      const m = await mentionOf(sample('spam.eml'));
      expect(m.author).toMatchObject({
        handle: 'noreply@guide-des-vins-de-bourgogne.fr',
        name: 'Matilda Klein',
      });
      expect(m.text).toContain('asozialer Penner');
      expect(m.text).not.toMatch(MARKUP);
    });

    it('every sample maps (or is skipped) quickly and validly, even the hostile ones', async () => {
      for (const name of [
        'base64encodedroot.eml',
        'decoderended.eml',
        'mixed.eml',
        'nested.eml',
        'htmllargecallstack.eml',
        'outofmemory.eml',
      ]) {
        const started = Date.now();
        const m = await mentionOf(sample(name));
        expect(Date.now() - started, name).toBeLessThan(5_000);
        expect(() => MentionInputSchema.parse(m), name).not.toThrow();
        expect(m.text.length, name).toBeLessThanOrEqual(MAX_TEXT_CHARS);
        expect(m.text, name).not.toMatch(MARKUP);
      }
      expect((await mentionOf(sample('base64encodedroot.eml'))).text).toBe(
        '(no text: 1 attachment)',
      );
      expect((await mentionOf(sample('outofmemory.eml'))).metadata.truncated).toBe(true);
      expect((await mentionOf(sample('nested.eml'))).text).toContain('Dear Sir');
    });
  },
);
