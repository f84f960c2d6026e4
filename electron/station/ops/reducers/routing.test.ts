import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StateOp } from '../../../../shared/domain/mention-state';
import type { Role } from '../../../../shared/domain/people';
import { SYSTEM_ACTOR } from '../op';
import { foldMentionRouting } from './routing';

const roles: Record<string, Role> = { ana: 'lead', olga: 'operator', root: 'admin' };
const roleAt = (actor: string) => roles[actor] ?? null;
const hlc = (ms: number, station = 's1') => `${String(ms).padStart(15, '0')}-000000-${station}`;
const route = (id: string, at: number, actor: string, department: string, priority?: number) => ({
  id,
  type: 'mention.route',
  hlc: hlc(at),
  actor,
  payload: { department, reason: 'why', ...(priority !== undefined && { priority }) },
});
const breach = (id: string, at: number, station: string): StateOp => ({
  id,
  type: 'sla.breached',
  hlc: hlc(at, station),
  actor: SYSTEM_ACTOR,
  payload: { mentionId: 'm', due: 1 },
});
const routed = { department: 'customer-care', priority: 40 };

describe('foldMentionRouting', () => {
  it('the latest re-route by a lead wins; an operator is refused; the breach raises once', () => {
    const ops = [
      route('a', 10, 'ana', 'pr', 70),
      route('b', 20, 'olga', 'hr'),
      route('c', 30, 'root', 'legal'),
      breach('d', 40, 's1'),
      breach('e', 41, 's2'),
    ];
    const { state, verdicts } = foldMentionRouting(ops, routed, roleAt);
    expect(state).toMatchObject({ department: 'legal', basePriority: 40, priority: 60 });
    expect(state.route?.op).toBe('c');
    expect(state.breach?.op).toBe('d');
    expect(verdicts.map((v) => [v.opId, v.effect])).toEqual([
      ['a', 'applied'],
      ['b', 'refused'],
      ['c', 'applied'],
      ['d', 'applied'],
      ['e', 'refused'],
    ]);
    expect(
      foldMentionRouting([breach('x', 1, 's1')], { ...routed, priority: 95 }, roleAt).state,
    ).toMatchObject({ priority: 100, basePriority: 95 });
    // Answered (at 1) before the breach's due time (1): the breach has no effect.
    const answered = foldMentionRouting(
      [breach('y', 60, 's2')],
      { ...routed, stoppedAt: 1 },
      roleAt,
    );
    expect(answered.state).toMatchObject({ breach: null, priority: 40 });
    expect(answered.verdicts[0]?.reason).toBe('answered before it was due');
  });

  it('gives the same state whatever order the ops arrive in (property)', () => {
    const op = fc.oneof(
      fc
        .tuple(
          fc.integer({ min: 1, max: 50 }),
          fc.constantFrom('ana', 'olga', 'root'),
          fc.constantFrom('pr', 'legal', 'hr'),
          fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
        )
        .map(([at, actor, d, p]) => route(`r${at}${actor}${d}${p ?? ''}`, at, actor, d, p)),
      fc
        .tuple(fc.integer({ min: 1, max: 50 }), fc.constantFrom('s1', 's2'))
        .map(([at, s]) => breach(`b${at}${s}`, at, s)),
    );
    fc.assert(
      fc.property(
        fc
          .uniqueArray(op, { selector: (o) => o.id, maxLength: 12 })
          .chain((ops) =>
            fc.tuple(fc.constant(ops), fc.shuffledSubarray(ops, { minLength: ops.length })),
          ),
        ([ops, shuffled]) => {
          expect(foldMentionRouting(shuffled, routed, roleAt)).toEqual(
            foldMentionRouting(ops, routed, roleAt),
          );
        },
      ),
    );
  });
});
