import { describe, expect, it } from 'vitest';
import type { ContactView } from '../../../shared/contract/contacts';
import { deskRoom } from '../test-support/desk-room';
import { call, type DeskClient } from '../test-support/station-client';

const room = deskRoom([
  { username: 'ana', displayName: 'Ana', role: 'operator', departments: ['customer-care'] },
  { username: 'bo', displayName: 'Bo', role: 'operator', departments: ['customer-care'] },
  { username: 'olga', displayName: 'Olga', role: 'observer', departments: ['customer-care'] },
]);

async function create(desk: DeskClient, input: Record<string, unknown>): Promise<string> {
  const r = await call(desk, 'mention.create', input);
  if (!r.ok) throw new Error(r.message);
  return (r.mention as { id: string }).id;
}

async function contactOf(desk: DeskClient, mentionId: string): Promise<ContactView> {
  const r = await call(desk, 'contact.get', { mentionId });
  if (!r.ok) throw new Error(r.message);
  return r.contact as ContactView;
}

describe('customers over /desk', () => {
  it('show one customer across channels, merge and unmerge by role, refuse what is wrong, and tell every desk', async () => {
    const ana = await room.desk('ana');
    const bo = await room.desk('bo');
    const olga = await room.desk('olga');
    const lead = await room.desk('lead');
    const tweet = await create(ana, {
      channel: 'twitter',
      author: { handle: '@jan_n', name: 'Jan Nowak', email: 'JAN@example.com' },
      text: 'refund please <script>alert(1)</script>',
    });
    const email = await create(ana, {
      channel: 'email',
      author: { handle: 'jan@example.com' },
      text: 'Second time I write about the refund',
    });
    const call1 = await create(bo, {
      channel: 'phone',
      author: { handle: '+48 600 100 200', name: 'Jan Nowak' },
      text: 'Caller asks about a refund',
    });

    // Exact link: the tweet's profile email is the email's sender. Observers read it too.
    const jan = await contactOf(olga, email);
    expect(jan.identifiers.map((i) => [i.kind, i.channel, i.value])).toEqual([
      ['email', null, 'jan@example.com'],
      ['handle', 'twitter', 'jan_n'],
    ]);
    expect(jan.mentions.map((m) => m.id).sort()).toEqual([email, tweet].sort());
    expect(jan.total).toBe(2);
    const paged = await call(olga, 'contact.get', { mentionId: email, offset: 1, limit: 1 });
    expect((paged as unknown as { contact: ContactView }).contact.mentions).toHaveLength(1);

    // Refusals: by role, by input, by what is held, by what the link is.
    const pair = { a: 'email:jan@example.com', b: 'phone:48600100200' };
    expect(await call(olga, 'contact.merge', pair)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await call(ana, 'contact.merge', { a: pair.a, b: pair.a })).toMatchObject({
      ok: false,
      code: 'invalid',
    });
    expect(await call(ana, 'contact.merge', { a: 'jan', b: pair.b })).toMatchObject({
      ok: false,
      code: 'invalid',
    });
    expect(await call(ana, 'contact.merge', { a: pair.a, b: 'phone:999999999' })).toMatchObject({
      ok: false,
      code: 'not-found',
    });
    expect(await call(ana, 'contact.get', { mentionId: 'twitter:none' })).toMatchObject({
      ok: false,
      code: 'not-found',
    });
    expect(await call(ana, 'contact.suggestions', { mentionId: 'twitter:none' })).toMatchObject({
      ok: false,
      code: 'not-found',
    });
    expect(await call(ana, 'contact.unmerge', pair)).toMatchObject({
      ok: false,
      code: 'conflict',
      message: 'these two customers are not merged',
    });
    expect(
      await call(ana, 'contact.merge', { a: 'handle:twitter:jan_n', b: 'email:jan@example.com' }),
    ).toMatchObject({ ok: false, code: 'conflict', message: 'they are already one customer' });

    // Ana merges the caller (either order of the pair); Bo's desk hears of it.
    const heard = new Promise<{ identifiers: string[] }>((resolve) =>
      bo.once('contact.changed', resolve),
    );
    const merged = await call(ana, 'contact.merge', { a: pair.b, b: pair.a, evidence: [call1] });
    expect(merged).toMatchObject({
      ok: true,
      link: { ...pair, state: 'merged', signal: 'operator', byName: 'Ana' },
    });
    expect((await heard).identifiers.sort()).toEqual([pair.a, pair.b]);
    const whole = await contactOf(bo, call1);
    expect(whole.mentions.map((m) => m.channel).sort()).toEqual(['email', 'phone', 'twitter']);
    expect(whole.links).toMatchObject([{ state: 'merged', mergedBy: expect.any(String) }]);

    // Only Ana (its author), a lead or an admin undoes it; dismissing a merged pair is refused.
    expect(await call(bo, 'contact.unmerge', pair)).toMatchObject({
      ok: false,
      code: 'forbidden',
      message: 'only who merged them, a lead or an admin may unmerge',
    });
    expect(await call(bo, 'contact.dismiss', { ...pair, signal: 'operator' })).toMatchObject({
      ok: false,
      code: 'conflict',
    });
    expect(await call(lead, 'contact.unmerge', pair)).toMatchObject({
      ok: true,
      link: { state: 'unmerged', byName: 'Lea Lead' },
      stillOne: false,
    });
    expect((await contactOf(ana, call1)).mentions.map((m) => m.id)).toEqual([call1]);
  });
});
