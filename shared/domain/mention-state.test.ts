import { describe, expect, it } from 'vitest';
import type { Role } from './people';
import { foldMentionState, type StateOp } from './mention-state';

const op = (
  id: string,
  type: string,
  hlc: string,
  actor: string,
  payload: unknown = {},
): StateOp => ({
  id,
  type,
  hlc,
  actor,
  payload,
});
const roles: Record<string, Role> = { ana: 'operator', bo: 'operator', obs: 'observer' };
const ctx = { roleAt: (actor: string) => roles[actor] ?? null };

describe('mention state', () => {
  it('counts both answers when two desks apart each answered, though only the first applies', () => {
    // Ana (desk A) and Bo (desk B) both claimed and answered while the network was down.
    const ops = [
      op('a1', 'mention.claim', '001', 'ana', { basis: null, leaseMs: 60_000 }),
      op('b1', 'mention.claim', '002', 'bo', { basis: null, leaseMs: 60_000 }),
      op('b2', 'mention.answer', '003', 'bo'),
      op('a2', 'mention.answer', '004', 'ana'),
    ];
    const { state, verdicts } = foldMentionState(ops, ctx);
    expect(state).toMatchObject({ status: 'answered', statusBy: 'ana', answers: 2 });
    expect(verdicts.find((v) => v.opId === 'b1')?.effect).toBe('collision');
    expect(verdicts.find((v) => v.opId === 'b2')).toMatchObject({ effect: 'refused' });
    // The same set in another order folds the same.
    expect(foldMentionState([...ops].reverse(), ctx).state).toEqual(state);
  });

  it('does not count an answer by someone who may not answer, nor change anything with it', () => {
    const { state } = foldMentionState([op('o1', 'mention.answer', '001', 'obs')], ctx);
    expect(state).toMatchObject({ status: 'open', answers: 0 });
  });

  it('keeps the count across a reopen and a second answer', () => {
    const { state } = foldMentionState(
      [
        op('1', 'mention.answer', '001', 'ana'),
        op('2', 'mention.reopen', '002', 'ana'),
        op('3', 'mention.answer', '003', 'bo'),
      ],
      ctx,
    );
    expect(state).toMatchObject({ status: 'answered', statusBy: 'bo', answers: 2 });
  });
});
