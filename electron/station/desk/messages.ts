import { z } from 'zod';
import {
  ListMessagesSchema,
  ReviewMessageSchema,
  SaveMessageSchema,
  SendMessageSchema,
  SetWebhookSchema,
  CheckMessageSchema,
} from '../../../shared/contract/messages';
import { voiceOf } from '../messages/voice-service';
import { listTemplates } from '../messages/template-service';
import type { WebhookView } from '../../../shared/contract/messages';
import { setWebhook, webhookSettings } from '../messages/outbox';
import type { MessageView } from '../../../shared/contract/messages';
import {
  ApprovalPolicySchema,
  mayApproveFor,
  requiredApprovals,
} from '../../../shared/messaging/policy';
import type { StationCore } from '../core/core';
import type { MessageRow } from '../db/queries/messages';
import {
  retireMessage,
  reviewMessage,
  saveMessage,
  sendMessage,
  setPolicy,
} from '../messages/message-commands';
import { messageHistory, messageView, messageViews, namesOf } from '../messages/message-views';
import { PolicyHistory } from '../ops/reducers/messages';
import { RoleHistory } from '../ops/reducers/roles';
import type { Operator } from '../../../shared/domain/people';
import { DeskError, NoInput, handler, type DeskHandlerMap } from './handler';

const Id = z.string().min(1).max(64);

async function viewOf(core: StationCore, id: string): Promise<{ message: MessageView }> {
  const [message] = await messageViews(core.read, [id]);
  if (!message) throw new DeskError('not-found', `no message with id ${id}`);
  return { message };
}

/**
 * The brand's voice rules are this station's file, not an op, so the desk checks them before it
 * records an approval or a send, rather than the fold every station runs.
 */
export async function refuseBlockedWords(
  core: StationCore,
  messageId: string,
  what: 'approval' | 'sending',
): Promise<void> {
  const { message } = await viewOf(core, messageId);
  const blocking = (await voiceOf(core).check(message)).filter((f) => f.severity === 'block');
  if (blocking.length > 0)
    throw new DeskError(
      'forbidden',
      `the voice check blocks ${what}: ${blocking.map((f) => f.message).join(' ')}`,
    );
}

async function webhookView(core: StationCore): Promise<WebhookView> {
  const hook = await webhookSettings(core);
  return { url: hook?.url ?? null, signed: Boolean(hook?.secret) };
}

async function currentPolicy(core: StationCore) {
  const policies = new PolicyHistory(core.read, new RoleHistory(core.read));
  await policies.load();
  return policies.current();
}

/**
 * What waits for this approver: submitted messages missing an area they may approve for, that
 * they did not write, oldest first.
 */
async function approvalsFor(core: StationCore, me: Operator): Promise<MessageView[]> {
  const { policy } = await currentPolicy(core);
  const rows = await core.read.all<MessageRow>(
    `SELECT * FROM messages WHERE status = 'in-review' ORDER BY version_hlc`,
  );
  const authors = await core.read.all<{ subject: string; actor: string }>(
    `SELECT DISTINCT subject, actor FROM ops WHERE type = 'message.draft'
       AND subject IN (SELECT id FROM messages WHERE status = 'in-review')`,
  );
  const wrote = new Set(authors.filter((a) => a.actor === me.id).map((a) => a.subject));
  const names = await namesOf(core.read);
  return rows
    .map((r) => messageView(r, names))
    .filter(
      (m) =>
        !wrote.has(m.id) &&
        m.required.some(
          (area) => !m.approvedAreas.includes(area) && mayApproveFor(policy, area, me),
        ),
    );
}

async function listOf(
  core: StationCore,
  me: Operator,
  input: z.output<typeof ListMessagesSchema>,
): Promise<MessageView[]> {
  if (input.scope === 'approvals') return approvalsFor(core, me);
  const [where, params]: [string, string[]] =
    input.scope === 'mention'
      ? ['mention_id = ?', [input.mentionId ?? '']]
      : input.scope === 'mine'
        ? ['created_by = ?', [me.id]]
        : input.scope === 'library'
          ? ['library_scenario IS NOT NULL', []]
          : ['1 = 1', []];
  const rows = await core.read.all<MessageRow>(
    `SELECT * FROM messages WHERE ${where} ORDER BY version_hlc DESC LIMIT 200`,
    params,
  );
  const names = await namesOf(core.read);
  return rows.map((r) => messageView(r, names));
}

/** Handlers of the messaging domain. */
export const messageHandlers: DeskHandlerMap<
  | 'message.save'
  | 'message.review'
  | 'message.send'
  | 'message.retire'
  | 'message.list'
  | 'message.get'
  | 'policy.get'
  | 'policy.set'
  | 'message.check'
  | 'template.list'
  | 'webhook.get'
  | 'webhook.set'
> = {
  'webhook.get': handler({
    input: NoInput,
    permission: 'policy.manage',
    run: async ({ core }) => ({ webhook: await webhookView(core) }),
  }),
  'webhook.set': handler({
    input: SetWebhookSchema,
    permission: 'policy.manage',
    run: async ({ core }, input) => {
      await setWebhook(core, input);
      return { webhook: await webhookView(core) };
    },
  }),
  'message.save': handler({
    input: SaveMessageSchema,
    permission: 'message.draft',
    run: async ({ core, operator }, input) =>
      viewOf(core, await saveMessage(core, operator.id, input)),
  }),
  'message.review': handler({
    input: ReviewMessageSchema,
    permission: 'message.approve',
    run: async ({ core, operator }, input) => {
      if (input.decision === 'approve') await refuseBlockedWords(core, input.messageId, 'approval');
      await reviewMessage(core, operator.id, input);
      return viewOf(core, input.messageId);
    },
  }),
  'message.send': handler({
    input: SendMessageSchema,
    permission: 'message.send',
    run: async ({ core, operator }, input) => {
      // A reply that needs no approval has had no reviewer: the voice rules still hold it back.
      await refuseBlockedWords(core, input.messageId, 'sending');
      await sendMessage(core, operator.id, input);
      return viewOf(core, input.messageId);
    },
  }),
  'message.retire': handler({
    input: z.object({ messageId: Id, reason: z.string().trim().max(500).optional() }).strict(),
    permission: 'message.approve',
    run: async ({ core, operator }, { messageId, reason }) => {
      await retireMessage(core, operator.id, messageId, reason);
      return viewOf(core, messageId);
    },
  }),
  'message.list': handler({
    input: ListMessagesSchema,
    permission: 'mention.read',
    run: async ({ core, operator }, input) => ({ messages: await listOf(core, operator, input) }),
  }),
  'message.get': handler({
    input: z.object({ messageId: Id }).strict(),
    permission: 'mention.read',
    run: async ({ core }, { messageId }) => {
      const { message } = await viewOf(core, messageId);
      return {
        message,
        history: await messageHistory(core.read, messageId),
        findings: await voiceOf(core).check(message),
      };
    },
  }),
  'message.check': handler({
    input: CheckMessageSchema,
    permission: 'mention.read',
    run: async ({ core }, input) => {
      const { policy } = await currentPolicy(core);
      const req = requiredApprovals(policy, { ...input, severity: input.severity ?? null });
      return {
        findings: input.text.trim() ? await voiceOf(core).check(input) : [],
        required: req.areas,
        requiredBy: req.rules,
      };
    },
  }),
  'template.list': handler({
    input: z.object({ language: z.string().min(2).max(8).optional() }).strict(),
    permission: 'mention.read',
    run: async ({ core }, { language }) => ({
      templates: await listTemplates(core.read, core.dataDir, language),
    }),
  }),
  'policy.get': handler({
    input: NoInput,
    permission: 'mention.read',
    run: async ({ core }) => currentPolicy(core),
  }),
  'policy.set': handler({
    input: z.object({ policy: ApprovalPolicySchema }).strict(),
    permission: 'policy.manage',
    run: async ({ core, operator }, { policy }) => {
      await setPolicy(core, operator.id, policy);
      return currentPolicy(core);
    },
  }),
};
