import type { Sql } from '../../db/connection';
import { opsBySubject } from '../../db/queries/ops';
import { writeEffects, writeMentionState } from '../../db/queries/mention-writes';
import { MENTION_STATE_OPS, foldMentionState } from '../../../../shared/domain/mention-state';
import type { RoleHistory } from './roles';

/** Re-derives a mention's status and claim from all of its state ops, and records each op's effect. */
export async function refoldMention(tx: Sql, mentionId: string, roles: RoleHistory): Promise<void> {
  const ops = await opsBySubject(tx, mentionId, MENTION_STATE_OPS);
  // Assignments also ask about their assignee's role.
  const assignees = ops
    .filter((o) => o.type === 'mention.assign')
    .map((o) => (o.payload as { operator?: unknown } | null)?.operator)
    .filter((a): a is string => typeof a === 'string');
  await roles.load([...ops.map((o) => o.actor), ...assignees]);
  const { state, verdicts } = foldMentionState(ops, { roleAt: (a, h) => roles.roleAt(a, h) });
  await writeMentionState(tx, mentionId, state);
  await writeEffects(tx, mentionId, verdicts);
}
