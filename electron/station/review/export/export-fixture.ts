import type { StationCore } from '../../core/core';
import { claimMention, createManualMention } from '../../mentions/commands';
import { reviewMessage, saveMessage, sendMessage } from '../../messages/message-commands';
import { actOnRun, startRun } from '../../playbooks/run-commands';
import { createOperator } from '../../room/war-room';
import { commitRetro } from '../retro-commands';
import { SMALL_PLAYBOOK } from '../../../../shared/playbooks/playbook-fixture';

// Test support: a station holding an incident whose customers' identities (handles, names,
// emails, phone numbers) appear in author fields and inside mention, reply, note and
// retrospective text, so a redacted export can be searched for every one of them.

/** Every customer identity of the fixture, as a redacted export must never show it. */
export const CUSTOMER_TERMS = {
  handles: ['jane_doe_88', 'bobby_tables_7', '600 100 200'],
  names: ['Jane Doolittle', 'Robert Tablesworth', 'Zofia Kowalczyk-Nowak'],
  emails: [
    'jane.doe88@example.com',
    'jane.alt@mailbox.example.org',
    'bobby7@example.net',
    'zofia.k@example.pl',
  ],
  phones: ['7700 900123', '(415) 555-0134', '010-9988', '010 9988'],
} as const;

/** Staff names a redacted export keeps. */
export const STAFF_NAMES = ['Ana Operator', 'Pia Approver'];

/** Text that must stay text (never markup) in every format. */
export const HOSTILE_TEXT = '<script>alert("pwned")</script>';

const HOUR = 3_600_000;

/** What the fixture made: the ids a test exports by. */
export type ExportFixture = {
  reviewId: string;
  runId: string;
  mentionIds: string[];
  statementOpId: string;
  from: string;
  to: string;
};

/** Fills a war room (its admin `lead`) with a small incident, its messaging and its retrospective. */
export async function exportFixture(core: StationCore, lead: string): Promise<ExportFixture> {
  const person = (username: string, displayName: string, role: 'operator' | 'approver') =>
    createOperator(core, lead, {
      username,
      displayName,
      password: `${username}-password`,
      role,
      departments: [],
      ...(role === 'approver' && { areas: ['pr' as const] }),
    });
  const ana = await person('ana', 'Ana Operator', 'operator');
  const pia = await person('pia', 'Pia Approver', 'approver');
  const start = Date.now();
  const run = await startRun(core, lead, {
    yaml: SMALL_PLAYBOOK,
    playbookId: 'small',
    severity: 'SEV2',
    commanderId: lead,
  });
  const jane = await createManualMention(core, ana, {
    channel: 'twitter',
    author: {
      handle: '@jane_doe_88',
      name: 'Jane Doolittle',
      email: 'jane.doe88@example.com',
      phone: '+44 7700 900123',
    },
    text: `${HOSTILE_TEXT} My bag is lost! Call me on +1 (415) 555-0134 or write to jane.alt@mailbox.example.org — @bobby_tables_7 has the same problem | *bold* [link](http://evil.example/x.png)`,
    brand: 'Skyways',
  });
  const bob = await createManualMention(core, ana, {
    channel: 'twitter',
    author: {
      handle: 'bobby_tables_7',
      name: 'Robert Tablesworth',
      email: 'bobby7@example.net',
      phone: '(555) 010-9988',
    },
    text: '=HYPERLINK("http://evil.example/") @jane_doe_88 same here, my number is 555 010 9988,\n"quoted", and a second line',
    brand: 'Skyways',
  });
  const zofia = await createManualMention(core, ana, {
    channel: 'phone',
    author: { handle: '+48 600 100 200', name: 'Zofia Kowalczyk-Nowak', phone: '+48 600 100 200' },
    text: "Kettle sparked; reach me at zofia.k@example.pl (she's upset)",
    occurredAt: new Date(start - 20 * 60_000).toISOString(),
    note: 'caller Zofia Kowalczyk-Nowak asked for a callback on +48 600 100 200',
  });
  await claimMention(core, ana, jane.id, null);
  const reply = await saveMessage(core, ana, {
    kind: 'reply',
    mentionId: jane.id,
    language: 'en',
    channel: 'twitter',
    topics: [],
    text: 'Hi Jane Doolittle (@jane_doe_88), we are on it and will call you at +44 7700 900123.',
    submit: true,
  });
  const hashOf = async (id: string) =>
    (await core.db.get<{ h: string }>('SELECT content_hash AS h FROM messages WHERE id = ?', [id]))!
      .h;
  await sendMessage(core, ana, {
    messageId: reply,
    contentHash: await hashOf(reply),
    via: ['clipboard'],
  });
  const statement = await saveMessage(core, ana, {
    kind: 'statement',
    language: 'en',
    channel: 'press',
    topics: [],
    text: 'We are aware of delayed bags at LHR & are working on it.',
    submit: true,
  });
  const hash = await hashOf(statement);
  await reviewMessage(core, pia, {
    messageId: statement,
    decision: 'approve',
    area: 'pr',
    contentHash: hash,
  });
  const sent = await sendMessage(core, lead, {
    messageId: statement,
    contentHash: hash,
    via: ['clipboard'],
    audience: 'public',
  });
  await actOnRun(core, lead, run.id, {
    type: 'run.status-update',
    note: 'Zofia Kowalczyk-Nowak called again from +48 600 100 200',
  });
  // An operator tries to close the run: refused (only a lead may), and the review says so.
  await actOnRun(core, ana, run.id, { type: 'run.close', summary: 'Done here' }).catch(
    (err: unknown) => {
      if (!/not allowed/.test(String(err))) throw err;
    },
  );

  const from = new Date(start - HOUR).toISOString();
  const to = new Date(Date.now() + HOUR).toISOString();
  const reviewId = 'review-lhr';
  const who = { id: lead, role: 'admin' as const };
  await commitRetro(core, reviewId, who, 'retro.open', {
    title: 'Lost bags at LHR',
    scope: { from, to, runId: run.id },
  });
  const section = (section: string, text: string) =>
    commitRetro(core, reviewId, who, 'retro.section', { section, text });
  await section(
    'summary',
    'Jane Doolittle (@jane_doe_88) tweeted first; bobby7@example.net emailed.\n<b>not bold</b>',
  );
  await section(
    'response',
    'We emailed jane.doe88@example.com; Robert Tablesworth was called back.',
  );
  await section('wentWell', 'Ana Operator answered within minutes.');
  await commitRetro(core, reviewId, who, 'retro.action', {
    actionId: 'a1',
    text: 'Call back +48 600 100 200, bobby_tables_7 and (555) 010-9988',
    owner: 'Ana Operator',
    due: '2015-03-01',
    done: false,
    removed: false,
  });
  await commitRetro(core, reviewId, who, 'retro.action', {
    actionId: 'a2',
    text: '+1 the holding statement, "=SUM(A1)" style cells, commas, and all',
    owner: null,
    due: null,
    done: true,
    removed: false,
  });
  await commitRetro(core, reviewId, who, 'retro.annotate', {
    annotationId: 'n1',
    eventId: sent.opId,
    text: 'Too slow: @jane_doe_88 waited, and Zofia Kowalczyk-Nowak too',
  });
  for (const [m, note] of [
    [jane, 'first report'],
    [bob, 'Robert Tablesworth threatened to go to the press'],
    [zofia, null],
  ] as const)
    await commitRetro(core, reviewId, who, 'retro.pin', { mentionId: m.id, pinned: true, note });
  return {
    reviewId,
    runId: run.id,
    mentionIds: [jane.id, bob.id, zofia.id],
    statementOpId: sent.opId,
    from,
    to,
  };
}
