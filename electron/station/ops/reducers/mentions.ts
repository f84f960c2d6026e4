import type { Sql } from '../../db/connection';
import { opsBySubjects } from '../../db/queries/ops';
import { writeEffectsOfMany, writeMentionStates } from '../../db/queries/mention-writes';
import {
  MENTION_STATE_OPS,
  foldMentionState,
  type MentionState,
  type Verdict,
} from '../../../../shared/domain/mention-state';
import type { Op } from '../op';
import type { RoleHistory } from './roles';

// Mentions re-derived per round of statements (each round reads their ops in one query).
const CHUNK = 500;

/**
 * Re-derives mentions' status and claim from all of their state ops, and records each op's
 * effect: a few statements per CHUNK mentions, not five per mention (a batch of assignments,
 * answers or a catch-up's claims touches hundreds at once).
 */
export async function refoldMentions(
  tx: Sql,
  mentionIds: Iterable<string>,
  roles: RoleHistory,
): Promise<void> {
  const ids = [...mentionIds];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const opsOf = await opsBySubjects(tx, chunk, MENTION_STATE_OPS);
    const all = [...opsOf.values()].flat();
    // Assignments also ask about their assignee's role.
    await roles.load([...all.map((o) => o.actor), ...all.flatMap(assigneeOf)]);
    const states: [string, MentionState][] = [];
    const effects: [string, Verdict[]][] = [];
    for (const id of chunk) {
      const { state, verdicts } = foldMentionState(opsOf.get(id) ?? [], {
        roleAt: (a, h) => roles.roleAt(a, h),
      });
      states.push([id, state]);
      effects.push([id, verdicts]);
    }
    await writeMentionStates(tx, states);
    await writeEffectsOfMany(tx, effects);
  }
}

function assigneeOf(op: Op): string[] {
  if (op.type !== 'mention.assign') return [];
  const to = (op.payload as { operator?: unknown } | null)?.operator;
  return typeof to === 'string' ? [to] : [];
}
