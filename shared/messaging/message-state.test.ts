import { describe, expect, it } from 'vitest';
import type { Role } from '../domain/people';
import type { StateOp } from '../domain/mention-state';
import { foldMessage, type DraftPayload, type MessageFoldContext } from './message-state';
import { DEFAULT_POLICY, requiredApprovals, type ApprovalPolicy } from './policy';

// A small room: an operator, a PR approver, a legal approver, a lead without areas, an observer.
const ROLES: Record<string, Role> = {
  ana: 'operator',
  pia: 'approver',
  leo: 'approver',
  lou: 'lead',
  obi: 'observer',
};
const AREAS: Record<string, string[]> = { pia: ['pr'], leo: ['legal'], lou: [] };

const hashOf = (text: string) => `h:${text}`;

function context(policy: ApprovalPolicy = DEFAULT_POLICY): MessageFoldContext {
  return {
    roleAt: (a) => ROLES[a] ?? null,
    areasAt: (a) => AREAS[a] ?? [],
    policyAt: () => policy,
    hashMatches: (op) => {
      const p = op.payload as { text: string; contentHash: string };
      return p.contentHash === hashOf(p.text);
    },
  };
}

/** Builds a message's ops one after another (HLCs in order). */
function script() {
  const ops: StateOp[] = [];
  const add = (type: string, actor: string, payload: unknown) => {
    const n = ops.length + 1;
    ops.push({
      id: `op${n}`,
      type,
      actor,
      hlc: `000000000000${String(n).padStart(3, '0')}`,
      payload,
    });
    return `op${n}`;
  };
  return {
    ops,
    draft: (actor: string, text: string, over: Partial<DraftPayload> = {}) =>
      add('message.draft', actor, {
        messageId: 'm1',
        kind: 'reply',
        mentionId: 'twitter:1',
        language: 'en',
        channel: 'twitter',
        topics: [],
        text,
        contentHash: hashOf(text),
        submit: true,
        ...over,
      }),
    review: (actor: string, area: string, decision: string, text: string) =>
      add('message.review', actor, { decision, area, contentHash: hashOf(text) }),
    send: (actor: string, text: string) =>
      add('message.send', actor, {
        contentHash: hashOf(text),
        text,
        channel: 'twitter',
        target: { mentionId: 'twitter:1' },
        via: ['clipboard'],
      }),
    retire: (actor: string) => add('message.retire', actor, {}),
  };
}

const effects = (ops: StateOp[], ctx = context()) =>
  Object.fromEntries(foldMessage(ops, ctx).verdicts.map((v) => [v.opId, v.reason ?? v.effect]));

describe('approval policy', () => {
  it('asks a PR lead for statements, adds legal at SEV1, a PR lead for crisis replies, nobody for other replies', () => {
    const need = (
      kind: 'reply' | 'statement',
      severity: 'SEV1' | 'SEV3' | null,
      topics: string[],
    ) => requiredApprovals(DEFAULT_POLICY, { kind, severity, topics, channel: 'twitter' }).areas;
    expect(need('statement', 'SEV1', [])).toEqual(['pr', 'legal']);
    expect(need('statement', 'SEV3', [])).toEqual(['pr']);
    expect(need('statement', null, [])).toEqual(['pr']);
    expect(need('reply', 'SEV1', ['Recall'])).toEqual(['pr']);
    expect(need('reply', 'SEV1', ['baggage'])).toEqual([]);
  });

  it('matches rules by channel and severity threshold, adding areas from every rule that matches', () => {
    const policy: ApprovalPolicy = {
      rules: [
        { name: 'email replies need HR', kind: 'reply', channels: ['email'], require: ['hr'] },
        { name: 'SEV2+ anything needs comms', severityAtLeast: 'SEV2', require: ['comms'] },
      ],
      backups: {},
    };
    const ctx = (channel: string, severity: 'SEV1' | 'SEV2' | 'SEV3') =>
      requiredApprovals(policy, { kind: 'reply', severity, topics: [], channel });
    expect(ctx('email', 'SEV1').areas).toEqual(['hr', 'comms']);
    expect(ctx('email', 'SEV3').areas).toEqual(['hr']);
    expect(ctx('twitter', 'SEV2')).toEqual({
      areas: ['comms'],
      rules: ['SEV2+ anything needs comms'],
    });
  });
});

describe('a message from draft to send', () => {
  it('lets an ordinary reply go out without approvals', () => {
    const s = script();
    s.draft('ana', 'Sorry about your bag, Ana. DM us the tag number?');
    const send = s.send('ana', 'Sorry about your bag, Ana. DM us the tag number?');
    const { state } = foldMessage(s.ops, context());
    expect(state?.status).toBe('sent');
    expect(effects(s.ops)[send]).toBe('applied');
  });

  it('refuses a statement sent before PR approved it, and sends it after', () => {
    const s = script();
    const text = 'We are aware of the outage and working on it.';
    s.draft('ana', text, { kind: 'statement', severity: 'SEV2' });
    const early = s.send('ana', text);
    s.review('pia', 'pr', 'approve', text);
    const late = s.send('ana', text);
    expect(effects(s.ops)).toMatchObject({
      [early]: 'it needs approval from pr',
      [late]: 'applied',
    });
  });

  it('needs both PR and legal on a SEV1 statement', () => {
    const s = script();
    const text = 'We are recalling batch 42.';
    s.draft('ana', text, { kind: 'statement', severity: 'SEV1' });
    s.review('pia', 'pr', 'approve', text);
    const first = s.send('ana', text);
    s.review('leo', 'legal', 'approve', text);
    const second = s.send('ana', text);
    const e = effects(s.ops);
    expect(e[first]).toBe('it needs approval from legal');
    expect(e[second]).toBe('applied');
  });

  it('lets nobody approve their own draft, nor approve outside their areas, nor observers draft', () => {
    const s = script();
    const text = 'Statement text.';
    const own = s.draft('pia', text, { kind: 'statement' });
    const self = s.review('pia', 'pr', 'approve', text);
    const wrongArea = s.review('leo', 'pr', 'approve', text);
    const leadNoArea = s.review('lou', 'pr', 'approve', text);
    const observer = s.draft('obi', 'Observer text');
    const e = effects(s.ops);
    expect(e[own]).toBe('applied');
    expect(e[self]).toBe('nobody reviews a message they wrote');
    expect(e[wrongArea]).toBe('the reviewer does not approve for pr');
    expect(e[leadNoArea]).toBe('the reviewer does not approve for pr');
    expect(e[observer]).toBe('only operators, approvers, leads and admins draft');
    expect(foldMessage(s.ops, context()).state?.status).toBe('in-review');
  });

  it('accepts a named backup approver for an area they do not hold', () => {
    const s = script();
    const text = 'Statement text.';
    s.draft('ana', text, { kind: 'statement' });
    const backup = s.review('lou', 'pr', 'approve', text);
    const policy = { ...DEFAULT_POLICY, backups: { pr: ['lou'] } };
    expect(effects(s.ops, context(policy))[backup]).toBe('applied');
    expect(foldMessage(s.ops, context(policy)).state?.status).toBe('approved');
  });

  it('voids approvals when the text is edited after them', () => {
    const s = script();
    s.draft('ana', 'First words.', { kind: 'statement' });
    s.review('pia', 'pr', 'approve', 'First words.');
    expect(foldMessage(s.ops, context()).state?.status).toBe('approved');
    s.draft('ana', 'Second words.', { kind: 'statement' });
    const stale = s.review('pia', 'pr', 'approve', 'First words.');
    const send = s.send('ana', 'Second words.');
    const { state } = foldMessage(s.ops, context());
    expect(state).toMatchObject({
      version: 2,
      status: 'in-review',
      reviews: [],
      approvedHlc: null,
    });
    const e = effects(s.ops);
    expect(e[stale]).toBe('the text changed after this review was given');
    expect(e[send]).toBe('it needs approval from pr');
  });

  it('blocks sending while a reviewer rejects or asks for changes, until a new version passes', () => {
    const s = script();
    s.draft('ana', 'Too casual lol.', { kind: 'statement' });
    s.review('pia', 'pr', 'changes', 'Too casual lol.');
    expect(foldMessage(s.ops, context()).state?.status).toBe('changes-requested');
    const blockedSend = s.send('ana', 'Too casual lol.');
    s.draft('ana', 'We are sorry for the disruption.', { kind: 'statement' });
    s.review('pia', 'pr', 'approve', 'We are sorry for the disruption.');
    const ok = s.send('ana', 'We are sorry for the disruption.');
    const e = effects(s.ops);
    expect(e[blockedSend]).toBe('the text was sent back for changes');
    expect(e[ok]).toBe('applied');
  });

  it('refuses a send of words other than the current text, and drafts whose text and hash disagree', () => {
    const s = script();
    s.draft('ana', 'Real text.');
    const other = s.send('ana', 'Other text.');
    const forged = s.draft('ana', 'Edited text.', { contentHash: hashOf('Real text.') });
    const e = effects(s.ops);
    expect(e[other]).toBe('what was sent is not the current text');
    expect(e[forged]).toBe('the text does not match its content hash');
  });

  it('derives the same state from the ops in any order', () => {
    const s = script();
    s.draft('ana', 'v1', { kind: 'statement', severity: 'SEV1' });
    s.review('pia', 'pr', 'approve', 'v1');
    s.review('leo', 'legal', 'changes', 'v1');
    s.draft('ana', 'v2', { kind: 'statement', severity: 'SEV1' });
    s.review('pia', 'pr', 'approve', 'v2');
    s.review('leo', 'legal', 'approve', 'v2');
    s.send('ana', 'v2');
    const forward = foldMessage(s.ops, context());
    const backward = foldMessage([...s.ops].reverse(), context());
    expect(backward).toEqual(forward);
    expect(forward.state).toMatchObject({
      status: 'sent',
      version: 2,
      approvedAreas: ['pr', 'legal'],
    });
  });

  it('retires a library statement, after which it takes no new version', () => {
    const s = script();
    s.draft('ana', 'Holding statement.', {
      kind: 'statement',
      library: { scenario: 'outage', language: 'en' },
    });
    s.review('pia', 'pr', 'approve', 'Holding statement.');
    const retire = s.retire('lou');
    const late = s.draft('ana', 'New words.');
    const e = effects(s.ops);
    expect(e[retire]).toBe('applied');
    expect(e[late]).toBe('the message was retired');
    expect(foldMessage(s.ops, context()).state?.status).toBe('retired');
  });
});
