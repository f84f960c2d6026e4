import { describe, expect, it } from 'vitest';
import type { StationCore } from '../core/core';
import { stateDigest } from '../db/digest';
import { allOps } from '../db/queries/ops';
import { ingestDraft } from '../ingest/ingest-draft';
import { createManualMention } from '../mentions/commands';
import { createOperator } from '../room/war-room';
import { mentionRoutingView } from '../routing/routing-commands';
import { testCores } from '../test-support/test-cores';
import { groupContacts } from '../../../shared/contacts/contact-graph';
import { identifiersOf } from '../../../shared/contacts/identifiers';
import type { MentionInput } from '../../../shared/domain/mention';
import { dismissSuggestion, mergeContacts, unmergeContacts } from './contact-commands';
import { readContact, suggestionsFor } from './contact-reader';

const cores = testCores();

/** Ingests one mention at a station, as a connector would hand it in. */
async function ingest(
  core: StationCore,
  actor: string,
  m: Partial<MentionInput> & Pick<MentionInput, 'channel' | 'externalId' | 'author'>,
): Promise<string> {
  const mention: MentionInput = {
    text: 'my flight was cancelled',
    occurredAt: '2015-02-22T10:00:00-08:00',
    metadata: {},
    ...m,
  };
  await core.commit([ingestDraft(mention, actor, { connector: 'csv' })]);
  return `${m.channel}:${m.externalId}`;
}

const exchange = async (a: StationCore, b: StationCore) => {
  await b.applyReplicated(await allOps(a.db));
  await a.applyReplicated(await allOps(b.db));
};

/** Every held mention's customer as the station reads it, and as the reference model names it. */
async function customers(core: StationCore) {
  const rows = await core.db.all<{
    id: string;
    channel: string;
    author_handle: string;
    author_email: string | null;
    author_phone: string | null;
  }>('SELECT id, channel, author_handle, author_email, author_phone FROM mentions ORDER BY id');
  const merged = await core.db.all<{ a: string; b: string }>(
    `SELECT a, b FROM contact_links WHERE state = 'merged'`,
  );
  const model = groupContacts(
    rows.map((r) => ({
      id: r.id,
      identifiers: identifiersOf({
        mentionId: r.id,
        channel: r.channel,
        handle: r.author_handle,
        email: r.author_email,
        phone: r.author_phone,
      }),
    })),
    merged,
  ).contactOfMention;
  const read = new Map<string, string>();
  for (const r of rows) read.set(r.id, (await readContact(core.read, r.id, 0, 1))?.id ?? '?');
  return { read, model };
}

describe('one customer across channels on two stations', () => {
  it('links exact identifiers, merges on confirmation, unmerges, and agrees byte for byte', async () => {
    const { core: a, adminId: lead } = await cores.openRoom();
    const b = await cores.open();
    const person = (username: string, role: 'operator' | 'observer') =>
      createOperator(a, lead, {
        username,
        displayName: username,
        password: `${username}-password`,
        role,
        departments: [],
      });
    const ana = await person('ana', 'operator');
    const bo = await person('bo', 'operator');
    await b.applyReplicated(await allOps(a.db));

    // Apart: A takes a tweet whose author's profile gives an email, B an email from that address;
    // A also logs a phone call from someone with the same name and town.
    const tweet = await ingest(a, ana, {
      channel: 'twitter',
      externalId: '5701',
      author: { handle: '@ana_k', name: 'Ana Kowalska', email: 'Ana.K@Example.com' },
      location: 'Kraków',
      text: 'Lost my bag <b>again</b> &amp; nobody answers',
    });
    const email = await ingest(b, bo, {
      channel: 'email',
      externalId: '<m1@example.com>',
      author: { handle: 'ana.k@example.com' },
      occurredAt: '2015-02-22T12:00:00-08:00',
    });
    const call = await ingest(a, ana, {
      channel: 'phone',
      externalId: 'call-1',
      author: { handle: '+48 600 100 200', name: 'ana kowalska ' },
      location: ' Kraków',
      occurredAt: '2015-02-22T08:00:00-08:00',
    });
    // Someone else replies to Ana's tweet: a weaker signal, suggested only.
    const reply = await ingest(b, bo, {
      channel: 'twitter',
      externalId: '5702',
      author: { handle: 'kasia_w' },
      metadata: { in_reply_to_status_id: '5701' },
    });
    await exchange(a, b);

    const onA = await readContact(a.read, tweet, 0, 50);
    expect(onA?.id).toBe('email:ana.k@example.com');
    expect(onA?.identifiers.map((i) => i.id)).toEqual([
      'email:ana.k@example.com',
      'handle:twitter:ana_k',
    ]);
    expect(onA?.mentions.map((m) => m.id)).toEqual([email, tweet]);
    expect(onA?.byChannel).toEqual({ email: 1, twitter: 1 });
    expect(await readContact(b.read, email, 0, 50)).toEqual(onA);

    const suggested = await suggestionsFor(a.read, tweet);
    expect(suggested?.map((s) => [s.signal, s.other.id, s.a, s.b])).toEqual([
      ['reply-thread', 'handle:twitter:kasia_w', 'handle:twitter:ana_k', 'handle:twitter:kasia_w'],
      ['name-location', 'phone:48600100200', 'handle:twitter:ana_k', 'phone:48600100200'],
    ]);
    expect(await suggestionsFor(b.read, tweet)).toEqual(suggested);

    // Ana confirms the phone caller; Bo, not its author, cannot undo her merge.
    const byName = suggested?.find((s) => s.signal === 'name-location');
    if (!byName) throw new Error('no name-and-place suggestion');
    await mergeContacts(a, { id: ana, role: 'operator' }, { ...byName, evidence: [tweet, call] });
    await expect(
      mergeContacts(a, { id: ana, role: 'operator' }, { ...byName, evidence: [] }),
    ).rejects.toThrow('already one customer');
    await expect(
      unmergeContacts(a, { id: bo, role: 'operator' }, { a: byName.a, b: byName.b }),
    ).rejects.toThrow('only who merged them');
    await exchange(a, b);
    const merged = await readContact(b.read, call, 0, 50);
    expect(merged?.mentions.map((m) => m.id)).toEqual([email, tweet, call]);
    expect(merged?.links).toMatchObject([
      { state: 'merged', signal: 'name-location', byName: 'ana' },
    ]);
    expect(await readContact(a.read, email, 0, 50)).toEqual(merged);
    expect(await stateDigest(b.db)).toBe(await stateDigest(a.db));

    // Apart again: the lead unmerges on B and dismisses the reply suggestion there, while Ana
    // merges Kasia on A after both (later in HLC), so the merge stands on both.
    const { stillOne } = await unmergeContacts(b, { id: lead, role: 'admin' }, byName);
    expect(stillOne).toBe(false);
    const byReply = suggested?.find((s) => s.signal === 'reply-thread');
    if (!byReply) throw new Error('no reply suggestion');
    await dismissSuggestion(b, { id: lead, role: 'admin' }, byReply);
    await new Promise((r) => setTimeout(r, 5));
    await mergeContacts(a, { id: ana, role: 'operator' }, { ...byReply, evidence: [reply] });
    await exchange(a, b);

    const after = await readContact(a.read, tweet, 0, 50);
    expect(after?.mentions.map((m) => m.id)).toEqual([email, reply, tweet]);
    expect(after?.links.map((l) => [l.state, l.signal])).toEqual(
      expect.arrayContaining([
        ['unmerged', 'name-location'],
        ['merged', 'reply-thread'],
      ]),
    );
    expect((await readContact(a.read, call, 0, 50))?.mentions.map((m) => m.id)).toEqual([call]);
    // Unmerged is settled: the caller is not suggested again.
    expect(await suggestionsFor(a.read, tweet)).toEqual([]);
    expect(await readContact(b.read, tweet, 0, 50)).toEqual(after);
    expect(await stateDigest(b.db)).toBe(await stateDigest(a.db));

    // The SQL reading agrees with the reference union-find on every mention, on both stations.
    for (const core of [a, b]) {
      const { read, model } = await customers(core);
      expect(read).toEqual(model);
    }

    // A third station that hears B's own ops first (an unmerge before the merge it names, the
    // email before the tweet that links it) comes to the same state.
    const c = await cores.open();
    const everything = await allOps(a.db);
    await c.applyReplicated(everything.filter((o) => o.origin === b.stationId));
    await c.applyReplicated(everything);
    expect(await stateDigest(c.db)).toBe(await stateDigest(a.db));
    expect(await readContact(c.read, tweet, 0, 50)).toEqual(after);
  });

  it('routes by the customer’s history across channels, not one handle’s', async () => {
    const { core, adminId } = await cores.openRoom();
    await createManualMention(core, adminId, {
      channel: 'email',
      author: { handle: 'Jan@example.com' },
      text: 'My attorney has the letter ready',
    });
    const tweet = await createManualMention(core, adminId, {
      channel: 'twitter',
      author: { handle: '@jan_n', email: 'jan@example.com' },
      text: 'Still waiting for an answer about my bag',
    });
    expect(tweet.department).toBe('legal');
    expect((await mentionRoutingView(core, tweet.id)).atIngest?.why).toEqual([
      'Ongoing legal matter: author last routed to legal',
    ]);
    // A name typed for a visitor and for a caller identifies nobody: the caller has no history
    // (by handle alone, the visitor's legal matter would have followed them).
    await createManualMention(core, adminId, {
      channel: 'in-person',
      author: { handle: 'Jan Nowak' },
      text: 'My attorney has the letter ready',
    });
    const call = await createManualMention(core, adminId, {
      channel: 'phone',
      author: { handle: 'Jan Nowak' },
      text: 'Still waiting for an answer about my bag',
    });
    expect(call.department).not.toBe('legal');
  });
});
