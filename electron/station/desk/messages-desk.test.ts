import { beforeAll, describe, expect, it } from 'vitest';
import { deskRoom } from '../test-support/desk-room';
import { call, type DeskClient } from '../test-support/station-client';
import type { Result } from '../../../shared/contract/common';
import type {
  MessageCheck,
  MessageHistoryEntry,
  MessageTemplate,
  MessageView,
} from '../../../shared/contract/messages';
import type { Mention } from '../../../shared/domain/mention';
import { DEFAULT_POLICY } from '../../../shared/messaging/policy';

const { desk } = deskRoom([
  { username: 'ana', displayName: 'ANA', role: 'operator' },
  { username: 'pia', displayName: 'PIA', role: 'approver', areas: ['pr'] },
  { username: 'leo', displayName: 'LEO', role: 'approver', areas: ['legal'] },
]);
let mentionId: string;

type MessageResult = Result<{ message: MessageView }>;
const ok = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r;
};

/** Saves a message through a desk (a reply on the test's mention unless said otherwise). */
async function save(
  who: DeskClient,
  fields: { text: string } & Record<string, unknown>,
): Promise<MessageView> {
  const input = { kind: 'reply', mentionId, language: 'en', channel: 'twitter', ...fields };
  return ok((await call(who, 'message.save', input as never)) as MessageResult).message;
}

beforeAll(async () => {
  const admin = await desk('lead');
  const created = ok(
    (await call(admin, 'mention.create', {
      channel: 'twitter',
      author: { handle: '@rita' },
      text: 'Is batch 42 of your formula safe?? My baby drank it',
      occurredAt: '2026-11-23T10:00:00Z',
    })) as Result<{ mention: Mention }>,
  );
  mentionId = created.mention.id;
});

describe('/desk approved messaging', () => {
  it('takes a crisis reply from draft through PR approval to send, and shows it all in the history', async () => {
    const [ana, pia] = [await desk('ana'), await desk('pia')];
    const text =
      'Hi Rita, we are so sorry. Batch 42 is being recalled: please DM us. Visit example.com/recall for details.';
    const saved = await save(ana, { topics: ['recall'], text, submit: true });
    expect(saved).toMatchObject({ status: 'in-review', required: ['pr'], version: 1 });

    // Sending before approval is refused with the reason, and writes nothing.
    expect(
      await call(ana, 'message.send', {
        messageId: saved.id,
        contentHash: saved.contentHash,
        via: ['clipboard'],
      }),
    ).toMatchObject({ ok: false, code: 'forbidden', message: 'it needs approval from pr' });

    // The approver sees it waiting, and approves exactly that text.
    const waiting = ok(
      (await call(pia, 'message.list', { scope: 'approvals' })) as Result<{
        messages: MessageView[];
      }>,
    ).messages;
    expect(waiting.map((m) => m.id)).toEqual([saved.id]);
    const approved = ok(
      (await call(pia, 'message.review', {
        messageId: saved.id,
        decision: 'approve',
        area: 'pr',
        contentHash: saved.contentHash,
        comment: 'Good, send it',
      })) as MessageResult,
    ).message;
    expect(approved).toMatchObject({ status: 'approved', approvedAreas: ['pr'] });

    const sent = ok(
      (await call(ana, 'message.send', {
        messageId: saved.id,
        contentHash: saved.contentHash,
        via: ['clipboard'],
      })) as MessageResult,
    ).message;
    expect(sent.status).toBe('sent');
    expect(sent.sends).toEqual([
      expect.objectContaining({ name: 'ANA', channel: 'twitter', target: mentionId }),
    ]);

    const got = ok(
      (await call(pia, 'message.get', { messageId: saved.id })) as Result<{
        message: MessageView;
        history: MessageHistoryEntry[];
      }>,
    );
    expect(got.history.map((h) => [h.type, h.name, h.effect])).toEqual([
      ['message.draft', 'ANA', 'applied'],
      ['message.review', 'PIA', 'applied'],
      ['message.send', 'ANA', 'applied'],
    ]);
    // Sending the reply answered the mention.
    const m = ok((await call(ana, 'mention.get', { mentionId })) as Result<{ mention: Mention }>);
    expect(m.mention.status).toBe('answered');
  });

  it('refuses self-approval, approval outside one’s area, and approval of an edited text', async () => {
    const [pia, leo] = [await desk('pia'), await desk('leo')];
    const first = ok(
      (await call(pia, 'message.save', {
        kind: 'statement',
        language: 'en',
        channel: 'press',
        severity: 'SEV1',
        text: 'We are recalling batch 42 as a precaution.',
        submit: true,
      })) as MessageResult,
    ).message;
    expect(first.required).toEqual(['pr', 'legal']);
    expect(
      await call(pia, 'message.review', {
        messageId: first.id,
        decision: 'approve',
        area: 'pr',
        contentHash: first.contentHash,
      }),
    ).toMatchObject({ ok: false, message: 'nobody reviews a message they wrote' });
    expect(
      await call(leo, 'message.review', {
        messageId: first.id,
        decision: 'approve',
        area: 'pr',
        contentHash: first.contentHash,
      }),
    ).toMatchObject({ ok: false, message: 'the reviewer does not approve for pr' });
    ok(
      (await call(leo, 'message.review', {
        messageId: first.id,
        decision: 'approve',
        area: 'legal',
        contentHash: first.contentHash,
      })) as MessageResult,
    );
    const edited = ok(
      (await call(pia, 'message.save', {
        messageId: first.id,
        kind: 'statement',
        language: 'en',
        channel: 'press',
        severity: 'SEV1',
        text: 'We are recalling batch 42 and 43 as a precaution.',
        submit: true,
      })) as MessageResult,
    ).message;
    expect(edited).toMatchObject({ version: 2, approvedAreas: [], status: 'in-review' });
    expect(
      await call(leo, 'message.review', {
        messageId: first.id,
        decision: 'approve',
        area: 'legal',
        contentHash: first.contentHash,
      }),
    ).toMatchObject({ ok: false, message: 'the text changed after this review was given' });
  });

  it('lets only an admin change the policy, which every message is then judged by', async () => {
    const [lead, ana] = [await desk('lead'), await desk('ana')];
    const policy = {
      rules: [{ name: 'Every reply needs legal', kind: 'reply', require: ['legal'] }],
      backups: {},
    };
    expect(await call(ana, 'policy.set', { policy })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    expect(await call(lead, 'policy.set', { policy })).toMatchObject({ ok: true, source: 'room' });
    const reply = await save(ana, { text: 'Thanks Rita, following up by DM.' });
    expect(reply.required).toEqual(['legal']);
    // Back to the room's starting policy for the tests after this one.
    ok(await call(lead, 'policy.set', { policy: DEFAULT_POLICY }));
  });

  it('lets only an admin point sends at a webhook, and refuses a URL that is not http(s)', async () => {
    const [lead, ana] = [await desk('lead'), await desk('ana')];
    const hook = { url: 'https://hooks.example.com/holdline', secret: 'a-long-enough-secret' };
    expect(await call(ana, 'webhook.set', hook)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await call(lead, 'webhook.set', { ...hook, url: 'file:///etc/passwd' })).toMatchObject({
      ok: false,
      code: 'invalid',
    });
    expect(await call(lead, 'webhook.set', hook)).toMatchObject({
      ok: true,
      webhook: { url: hook.url, signed: true },
    });
    expect(await call(lead, 'webhook.get', {})).toMatchObject({ webhook: { url: hook.url } });
  });

  it('checks a draft as it is typed: the voice rules (in Turkish too) and the approvals it will need', async () => {
    const ana = await desk('ana');
    const check = (text: string, language: string, topics: string[] = []) =>
      call(ana, 'message.check', { kind: 'reply', text, language, channel: 'twitter', topics });
    const en = ok(
      (await check('We guarantee a fix, calm down.', 'en', ['recall'])) as Result<MessageCheck>,
    );
    expect(en.required).toEqual(['pr']);
    expect(en.findings).toContainEqual(
      expect.objectContaining({ rule: 'banned', severity: 'block', start: 0, end: 12 }),
    );
    const tr = ok((await check('Size tam iade garanti ediyoruz.', 'tr')) as Result<MessageCheck>);
    expect(tr.findings.filter((f) => f.rule === 'banned')).toHaveLength(2);
    const clean = ok(
      (await check(
        'Hi Rita, sorry for the wait: your bag is on its way.',
        'en',
      )) as Result<MessageCheck>,
    );
    expect(clean.findings.filter((f) => f.severity === 'block')).toEqual([]);
    expect(clean.required).toEqual([]);
  });

  it('will not record an approval of words the voice rules block', async () => {
    const [ana, pia] = [await desk('ana'), await desk('pia')];
    const saved = ok(
      (await call(ana, 'message.save', {
        kind: 'statement',
        language: 'en',
        channel: 'press',
        text: 'No comment.',
        submit: true,
      })) as MessageResult,
    ).message;
    const r = await call(pia, 'message.review', {
      messageId: saved.id,
      decision: 'approve',
      area: 'pr',
      contentHash: saved.contentHash,
    });
    expect(r).toMatchObject({ ok: false, code: 'forbidden' });
    expect(r.ok === false && r.message).toMatch(/voice check blocks approval.*no comment/i);
    // A reply needing no approval is still held back from sending by the same rules.
    const reply = await save(ana, { text: 'It was our fault, sorry.' });
    expect(reply.status).toBe('approved');
    const sent = await call(ana, 'message.send', {
      messageId: reply.id,
      contentHash: reply.contentHash,
      via: ['clipboard'],
    });
    expect(sent).toMatchObject({ ok: false, code: 'forbidden' });
    expect(sent.ok === false && sent.message).toMatch(/voice check blocks sending.*our fault/i);
  });

  it('offers bundled templates and approved library statements as starting texts', async () => {
    const [ana, pia] = [await desk('ana'), await desk('pia')];
    const text = 'We are aware of reports about {{case}} and will update by {{eta}}.';
    const saved = ok(
      (await call(ana, 'message.save', {
        kind: 'statement',
        language: 'en',
        channel: 'press',
        library: { scenario: 'outage', language: 'en' },
        text,
        submit: true,
      })) as MessageResult,
    ).message;
    ok(
      (await call(pia, 'message.review', {
        messageId: saved.id,
        decision: 'approve',
        area: 'pr',
        contentHash: saved.contentHash,
      })) as MessageResult,
    );
    const list = ok(
      (await call(ana, 'template.list', { language: 'en' })) as Result<{
        templates: MessageTemplate[];
      }>,
    ).templates;
    expect(list).toContainEqual(
      expect.objectContaining({
        id: 'en-apology-bag',
        source: 'bundled',
        variables: ['author', 'case', 'eta'],
      }),
    );
    expect(list).toContainEqual(
      expect.objectContaining({
        source: 'library',
        scenario: 'outage',
        text,
        variables: ['case', 'eta'],
      }),
    );
    expect(list.every((t) => t.language === 'en')).toBe(true);
  });

  it('lets an admin change who approves for what later; nobody else, and not their own role', async () => {
    const [lead, ana, leo] = [await desk('lead'), await desk('ana'), await desk('leo')];
    const leoId = (ok(await call(leo, 'room.get', {})) as { me: { id: string } }).me.id;
    const leadId = (ok(await call(lead, 'room.get', {})) as { me: { id: string } }).me.id;
    expect(
      await call(ana, 'operator.update', { operatorId: leoId, areas: ['legal', 'pr'] }),
    ).toMatchObject({ ok: false, code: 'forbidden' });
    expect(
      await call(lead, 'operator.update', { operatorId: leadId, role: 'operator' }),
    ).toMatchObject({ ok: false, code: 'invalid' });
    expect(
      await call(lead, 'operator.update', { operatorId: leoId, areas: ['legal', 'pr'] }),
    ).toMatchObject({ ok: true, operator: { areas: ['legal', 'pr'] } });
    // Leo may now approve for PR.
    const saved = await save(ana, {
      kind: 'statement',
      mentionId: undefined,
      channel: 'press',
      text: 'We have paused deliveries while we check every unit.',
      submit: true,
    });
    expect(
      await call(leo, 'message.review', {
        messageId: saved.id,
        decision: 'approve',
        area: 'pr',
        contentHash: saved.contentHash,
      }),
    ).toMatchObject({ ok: true, message: { status: 'approved' } });
  });
});
