import { z } from 'zod';
import { SeveritySchema, atLeastAsSevere, type Severity } from '../playbooks/severity';

/**
 * Approval areas an approver holds (DECISIONS.md 11): "PR lead" and "legal" in a policy mean
 * these areas.
 */
export const APPROVAL_AREAS = ['pr', 'legal', 'hr', 'comms', 'exec'] as const;
/** An approval area. */
export type ApprovalArea = (typeof APPROVAL_AREAS)[number];
/** zod schema for an approval area. */
export const ApprovalAreaSchema = z.enum(APPROVAL_AREAS);

/** What a message is: a reply to one mention, or a public statement (holding statement, update). */
export const MESSAGE_KINDS = ['reply', 'statement'] as const;
/** A message kind. */
export type MessageKind = (typeof MESSAGE_KINDS)[number];

const Words = z.array(z.string().trim().toLowerCase().min(1).max(100)).max(50);

/**
 * One rule of a policy: when a message matches every condition given (a condition left out
 * matches anything), it needs an approval from each area in `require`.
 */
export const PolicyRuleSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    kind: z.enum(MESSAGE_KINDS).optional(),
    /** Matches when the active run is at least this severe (SEV2 matches SEV1 and SEV2). */
    severityAtLeast: SeveritySchema.optional(),
    /** Matches when the message carries any of these topic tags. */
    topics: Words.optional(),
    /** Matches when the message goes out on any of these channels. */
    channels: Words.optional(),
    require: z.array(ApprovalAreaSchema).max(APPROVAL_AREAS.length),
  })
  .strict();
/** A policy rule. */
export type PolicyRule = z.infer<typeof PolicyRuleSchema>;

/**
 * An approval policy: rules (every matching rule adds its areas, so adding a rule can only ask
 * for more) and named backups, who may approve for an area they do not hold when its approvers
 * are away.
 */
export const ApprovalPolicySchema = z
  .object({
    rules: z.array(PolicyRuleSchema).max(100),
    /** Area → operator ids who may approve for it as backups. */
    backups: z.partialRecord(ApprovalAreaSchema, z.array(z.string().min(1).max(64)).max(20)),
  })
  .strict();
/** An approval policy. */
export type ApprovalPolicy = z.infer<typeof ApprovalPolicySchema>;

/**
 * The policy a room starts with, the issue's own example: a SEV1 statement needs a PR lead and
 * legal, every statement a PR lead, replies on a crisis topic a PR lead; other replies need none.
 */
export const DEFAULT_POLICY: ApprovalPolicy = {
  rules: [
    { name: 'Public statements need a PR lead', kind: 'statement', require: ['pr'] },
    {
      name: 'SEV1 statements also need legal',
      kind: 'statement',
      severityAtLeast: 'SEV1',
      require: ['pr', 'legal'],
    },
    {
      name: 'Replies on a crisis topic need a PR lead',
      kind: 'reply',
      topics: ['crisis', 'recall', 'outage', 'safety', 'legal'],
      require: ['pr'],
    },
  ],
  backups: {},
};

/** What a policy judges a message by. */
export type MessageContext = {
  kind: MessageKind;
  /** Severity of the active run the message belongs to, if any. */
  severity: Severity | null;
  topics: readonly string[];
  channel: string;
};

/** The rules a message matches, and the areas it therefore needs approved (in APPROVAL_AREAS order). */
export function requiredApprovals(
  policy: ApprovalPolicy,
  msg: MessageContext,
): { areas: ApprovalArea[]; rules: string[] } {
  const topics = new Set(msg.topics.map((t) => t.toLowerCase()));
  const channel = msg.channel.toLowerCase();
  const areas = new Set<ApprovalArea>();
  const rules: string[] = [];
  for (const rule of policy.rules) {
    if (rule.kind !== undefined && rule.kind !== msg.kind) continue;
    if (
      rule.severityAtLeast !== undefined &&
      (msg.severity === null || !atLeastAsSevere(msg.severity, rule.severityAtLeast))
    )
      continue;
    if (rule.topics !== undefined && !rule.topics.some((t) => topics.has(t))) continue;
    if (rule.channels !== undefined && !rule.channels.includes(channel)) continue;
    rules.push(rule.name);
    for (const a of rule.require) areas.add(a);
  }
  return { areas: APPROVAL_AREAS.filter((a) => areas.has(a)), rules };
}

/** True when the person may approve for `area`: they hold it, or the policy names them its backup. */
export function mayApproveFor(
  policy: ApprovalPolicy,
  area: ApprovalArea,
  person: { id: string; areas: readonly string[] },
): boolean {
  return person.areas.includes(area) || (policy.backups[area] ?? []).includes(person.id);
}
