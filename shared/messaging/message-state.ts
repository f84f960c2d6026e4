import type { Role } from '../domain/people';
import { can } from '../domain/permissions';
import type { StateOp, Verdict } from '../domain/mention-state';
import type { Severity } from '../playbooks/severity';
import {
  mayApproveFor,
  requiredApprovals,
  type ApprovalArea,
  type ApprovalPolicy,
  type MessageKind,
} from './policy';
import { personalise, waveTextProblem, type Recipient } from './wave';

/** Op types about one message (their subject is the message id). */
export const MESSAGE_OPS = ['message.draft', 'message.review', 'message.send', 'message.retire'];

/** A review's decision. */
export const REVIEW_DECISIONS = ['approve', 'reject', 'changes'] as const;
/** One of them. */
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** Where a message goes: one mention's author, or an audience for a statement. */
export type MessageTarget = { mentionId: string } | { audience: string };

/** How a send left the desk. */
export const SEND_ROUTES = ['clipboard', 'webhook'] as const;
/** One of them. */
export type SendRoute = (typeof SEND_ROUTES)[number];

/** The fields of a message.draft payload the fold reads (v1). */
export type DraftPayload = {
  messageId: string;
  kind: MessageKind;
  mentionId?: string;
  /** A holding statement for the library: its scenario and language. */
  library?: { scenario: string; language: string };
  language: string;
  channel: string;
  topics: string[];
  severity?: Severity;
  runId?: string;
  text: string;
  contentHash: string;
  templateId?: string;
  /** Saved for review (true) or just kept while writing (false). */
  submit: boolean;
  /** v2: a wave answer, one approved text for many near-duplicate mentions (wave.ts). */
  wave?: true;
};
/** message.review v1. */
export type ReviewPayload = {
  decision: ReviewDecision;
  area: ApprovalArea;
  contentHash: string;
  comment?: string;
};
/** message.send v1: the exact words that went out, where and how. */
export type SendPayload = {
  contentHash: string;
  text: string;
  channel: string;
  target: MessageTarget;
  via: SendRoute[];
  /** v2, a wave answer's send: the values its text was personalised with. */
  recipient?: Recipient;
};

/** A message's status, derived. */
export type MessageStatus =
  'draft' | 'in-review' | 'changes-requested' | 'rejected' | 'approved' | 'sent' | 'retired';

/** A review of the current version. */
export type Review = {
  opId: string;
  area: ApprovalArea;
  decision: ReviewDecision;
  by: string;
  hlc: string;
  comment: string | null;
};

/** A recorded send. */
export type Send = {
  opId: string;
  by: string;
  hlc: string;
  channel: string;
  target: MessageTarget;
  via: SendRoute[];
  contentHash: string;
  /** A wave answer's send: whom it was personalised for. */
  recipient: Recipient | null;
};

/** A message as its ops make it. */
export type MessageState = {
  kind: MessageKind;
  mentionId: string | null;
  library: { scenario: string; language: string } | null;
  createdBy: string;
  createdHlc: string;
  version: number;
  versionBy: string;
  versionHlc: string;
  text: string;
  contentHash: string;
  language: string;
  channel: string;
  topics: string[];
  severity: Severity | null;
  runId: string | null;
  templateId: string | null;
  /** A wave answer: sent to many mentions, personalised per author. */
  wave: boolean;
  submitted: boolean;
  /** Areas the policy in force now asks for, and the rules that ask. */
  required: ApprovalArea[];
  requiredBy: string[];
  /** Reviews of the current version, latest per area and reviewer, in HLC order. */
  reviews: Review[];
  approvedAreas: ApprovalArea[];
  /** When the current version became fully approved (null while it is not). */
  approvedHlc: string | null;
  status: MessageStatus;
  sends: Send[];
  retired: { by: string; hlc: string } | null;
};

/** What the fold may ask about the world, judged at an op's HLC (DECISIONS.md 2). */
export type MessageFoldContext = {
  roleAt(actor: string, hlc: string): Role | null;
  areasAt(actor: string, hlc: string): readonly string[];
  policyAt(hlc: string): ApprovalPolicy;
  /** False when a draft's text does not hash to its contentHash (the station checks). */
  hashMatches(op: StateOp): boolean;
};

const byHlc = (a: StateOp, b: StateOp) =>
  a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : a.id < b.id ? -1 : 1;

/**
 * Folds a message's ops in HLC order (ties by op id) into its state, judging each op against the
 * roles, approval areas and policy in force at its HLC, so every station derives the same record:
 * - a draft by someone who may not draft, after the message was sent or retired, or whose text
 *   does not match its hash, is refused; a new text voids the reviews of the old one;
 * - a review needs an approver for the area (or the policy's backup), of the current text, by
 *   somebody who wrote no version of the message (nobody approves their own draft);
 * - a send of anything but the current text, or before the policy's approvals, is refused —
 *   stored and shown as refused, never silently dropped.
 */
export function foldMessage(
  ops: readonly StateOp[],
  ctx: MessageFoldContext,
): { state: MessageState | null; verdicts: Verdict[] } {
  const verdicts: Verdict[] = [];
  const refuse = (op: StateOp, reason: string) =>
    verdicts.push({ opId: op.id, effect: 'refused', reason });
  const apply = (op: StateOp) => verdicts.push({ opId: op.id, effect: 'applied', reason: null });
  let s: MessageState | null = null;
  const authors = new Set<string>();
  let lastHlc = '';

  for (const op of [...ops].sort(byHlc)) {
    if (s && s.approvedHlc === null && isApproved(s, ctx.policyAt(lastHlc)))
      s.approvedHlc = lastHlc;
    lastHlc = op.hlc;
    const role = ctx.roleAt(op.actor, op.hlc);
    if (op.type === 'message.draft') {
      const p = op.payload as DraftPayload;
      if (!can(role, 'message.draft'))
        refuse(op, 'only operators, approvers, leads and admins draft');
      else if (!ctx.hashMatches(op)) refuse(op, 'the text does not match its content hash');
      else if (s?.retired) refuse(op, 'the message was retired');
      else if (s && s.sends.length > 0) refuse(op, 'the message was already sent');
      else if ((s ? s.wave : p.wave === true) && waveTextProblem(p.text))
        refuse(op, waveTextProblem(p.text) as string);
      else {
        s = nextVersion(s, op, p);
        authors.add(op.actor);
        apply(op);
      }
      continue;
    }
    if (!s) {
      refuse(op, 'no draft of this message is known');
      continue;
    }
    const state: MessageState = s;
    if (op.type === 'message.review') {
      const p = op.payload as ReviewPayload;
      const policy = ctx.policyAt(op.hlc);
      if (!can(role, 'message.approve')) refuse(op, 'only approvers, leads and admins review');
      else if (
        !mayApproveFor(policy, p.area, { id: op.actor, areas: ctx.areasAt(op.actor, op.hlc) })
      )
        refuse(op, `the reviewer does not approve for ${p.area}`);
      else if (authors.has(op.actor)) refuse(op, 'nobody reviews a message they wrote');
      else if (state.retired || state.sends.length > 0) refuse(op, 'the message was already sent');
      else if (p.contentHash !== state.contentHash)
        refuse(op, 'the text changed after this review was given');
      else {
        state.reviews = [
          ...state.reviews.filter((r) => !(r.area === p.area && r.by === op.actor)),
          {
            opId: op.id,
            area: p.area,
            decision: p.decision,
            by: op.actor,
            hlc: op.hlc,
            comment: p.comment ?? null,
          },
        ];
        apply(op);
      }
    } else if (op.type === 'message.send') {
      const p = op.payload as SendPayload;
      const missing = missingApprovals(state, ctx.policyAt(op.hlc));
      const wrongWords = state.wave ? waveSendProblem(state, p) : plainSendProblem(state, p);
      if (!can(role, 'message.send'))
        refuse(op, 'only operators, approvers, leads and admins send');
      else if (state.retired) refuse(op, 'the message was retired');
      else if (wrongWords) refuse(op, wrongWords);
      else if (blocked(state)) refuse(op, `the text was ${blocked(state)}`);
      else if (missing.length > 0) refuse(op, `it needs approval from ${missing.join(' and ')}`);
      else {
        state.sends.push({
          opId: op.id,
          by: op.actor,
          hlc: op.hlc,
          channel: p.channel,
          target: p.target,
          via: p.via,
          contentHash: p.contentHash,
          recipient: p.recipient ?? null,
        });
        apply(op);
      }
    } else if (op.type === 'message.retire') {
      if (!can(role, 'message.approve')) refuse(op, 'only approvers, leads and admins retire');
      else if (state.library === null) refuse(op, 'only library statements are retired');
      else if (state.retired) refuse(op, 'the message was already retired');
      else {
        state.retired = { by: op.actor, hlc: op.hlc };
        apply(op);
      }
    } else refuse(op, `unknown message op ${op.type}`);
  }
  if (s && s.approvedHlc === null && isApproved(s, ctx.policyAt(lastHlc))) s.approvedHlc = lastHlc;
  if (s) settle(s, ctx.policyAt(lastHlc));
  return { state: s, verdicts };
}

function nextVersion(prev: MessageState | null, op: StateOp, p: DraftPayload): MessageState {
  const changed = prev === null || prev.contentHash !== p.contentHash;
  return {
    // Identity comes from the first draft; later versions change the words and the context.
    kind: prev?.kind ?? p.kind,
    mentionId: prev ? prev.mentionId : (p.mentionId ?? null),
    library: prev ? prev.library : (p.library ?? null),
    createdBy: prev?.createdBy ?? op.actor,
    createdHlc: prev?.createdHlc ?? op.hlc,
    version: (prev?.version ?? 0) + (changed ? 1 : 0),
    versionBy: changed ? op.actor : (prev?.versionBy ?? op.actor),
    versionHlc: changed ? op.hlc : (prev?.versionHlc ?? op.hlc),
    text: p.text,
    contentHash: p.contentHash,
    language: p.language,
    channel: p.channel,
    topics: p.topics,
    severity: p.severity ?? null,
    runId: p.runId ?? null,
    templateId: p.templateId ?? null,
    wave: prev ? prev.wave : p.wave === true,
    submitted: (prev?.submitted ?? false) || p.submit,
    required: [],
    requiredBy: [],
    // An approval binds to the words: a new text starts its review afresh.
    reviews: changed ? [] : (prev?.reviews ?? []),
    approvedAreas: [],
    approvedHlc: changed ? null : (prev?.approvedHlc ?? null),
    status: 'draft',
    sends: [],
    retired: null,
  };
}

/** Why a send of a plain message is not its current text, or null. */
function plainSendProblem(s: MessageState, p: SendPayload): string | null {
  if (p.recipient) return 'only a wave answer is personalised';
  if (p.contentHash !== s.contentHash || p.text !== s.text)
    return 'what was sent is not the current text';
  return null;
}

/**
 * Why a send of a wave answer is not the current text personalised for one mention, or null: it
 * goes to one mention, once, and its words are the approved text with that mention's values.
 */
function waveSendProblem(s: MessageState, p: SendPayload): string | null {
  if (!('mentionId' in p.target) || !p.recipient)
    return 'a wave answer goes to one mention at a time, personalised';
  if (p.contentHash !== s.contentHash) return 'what was sent is not the current text';
  const filled = personalise(s.text, p.recipient);
  if (filled.missing.length > 0 || filled.text !== p.text)
    return 'what was sent is not the current text personalised';
  const to = p.target.mentionId;
  if (s.sends.some((x) => 'mentionId' in x.target && x.target.mentionId === to))
    return 'this mention already had this wave answer';
  return null;
}

/** The areas whose latest review of the current text approves it. */
function approvedAreasOf(s: MessageState): ApprovalArea[] {
  const latest = new Map<ApprovalArea, Review>();
  for (const r of s.reviews) latest.set(r.area, r);
  return [...latest.values()].filter((r) => r.decision === 'approve').map((r) => r.area);
}

/** 'rejected' or 'sent back for changes' when the latest review of some area says so. */
function blocked(s: MessageState): string | null {
  const latest = new Map<ApprovalArea, Review>();
  for (const r of s.reviews) latest.set(r.area, r);
  const decisions = [...latest.values()].map((r) => r.decision);
  if (decisions.includes('reject')) return 'rejected';
  if (decisions.includes('changes')) return 'sent back for changes';
  return null;
}

/** Ready to send: nothing blocks it, every required area approved, and submitted if any was needed. */
function isApproved(s: MessageState, policy: ApprovalPolicy): boolean {
  if (blocked(s) !== null) return false;
  const missing = missingApprovals(s, policy);
  return missing.length === 0 && (s.submitted || requiredApprovals(policy, s).areas.length === 0);
}

function missingApprovals(s: MessageState, policy: ApprovalPolicy): ApprovalArea[] {
  const approved = new Set(approvedAreasOf(s));
  return requiredApprovals(policy, s).areas.filter((a) => !approved.has(a));
}

/** Works out what the policy in force now asks for, and the status. */
function settle(s: MessageState, policy: ApprovalPolicy): void {
  const req = requiredApprovals(policy, s);
  s.required = req.areas;
  s.requiredBy = req.rules;
  s.approvedAreas = approvedAreasOf(s);
  const missing = missingApprovals(s, policy);
  if (!isApproved(s, policy) && s.sends.length === 0) s.approvedHlc = null;
  const block = blocked(s);
  s.status = s.retired
    ? 'retired'
    : s.sends.length > 0
      ? 'sent'
      : block === 'rejected'
        ? 'rejected'
        : block !== null
          ? 'changes-requested'
          : missing.length === 0 && (s.submitted || s.required.length === 0)
            ? 'approved'
            : s.submitted
              ? 'in-review'
              : 'draft';
}
