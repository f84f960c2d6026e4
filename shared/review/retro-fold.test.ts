import { describe, expect, it } from 'vitest';
import { foldRetrospective, type RetroOp } from './retro-fold';

const T0 = Date.UTC(2015, 1, 24, 9, 0, 0);
let n = 0;
/** An op at minute `min` after T0 by a writer (mayManage: a lead). */
function op(
  min: number,
  type: string,
  payload: unknown,
  who: { actor?: string; lead?: boolean; writer?: boolean } = {},
): RetroOp {
  n += 1;
  return {
    id: `op-${n}`,
    type,
    v: 1,
    hlc: `${String(T0 + min * 60_000).padStart(15, '0')}0000${who.actor ?? 'a'}`,
    actor: who.actor ?? 'ana',
    payload,
    mayWrite: who.writer ?? true,
    mayManage: who.lead ?? false,
  };
}
const scope = { from: '2015-02-24T00:00:00.000Z', to: '2015-02-25T00:00:00.000Z' };
const open = (min = 0) => op(min, 'retro.open', { title: 'Storm Octavia', scope });
const action = (min: number, actionId: string, fields: Record<string, unknown> = {}) =>
  op(min, 'retro.action', {
    actionId,
    text: 'Pre-approve a weather statement',
    owner: 'Pia',
    due: '2015-03-10',
    done: false,
    removed: false,
    ...fields,
  });

describe('foldRetrospective', () => {
  it('keeps both reviewers’ work when they edit different sections, and the later text of one section', () => {
    const ops = [
      open(),
      op(5, 'retro.section', { section: 'summary', text: 'first summary' }, { actor: 'ana' }),
      op(6, 'retro.section', { section: 'lucky', text: 'the storm hit at night' }, { actor: 'bo' }),
      op(7, 'retro.section', { section: 'summary', text: 'second summary' }, { actor: 'bo' }),
    ];
    const { retro, verdicts } = foldRetrospective('r1', ops);
    expect(retro?.sections.summary).toMatchObject({ text: 'second summary', by: 'bo' });
    expect(retro?.sections.lucky?.text).toBe('the storm hit at night');
    expect(retro?.sections.summary?.at).toBe(new Date(T0 + 7 * 60_000).toISOString());
    expect(verdicts.every((v) => v.effect === 'applied')).toBe(true);
  });

  it('folds the same document whatever order the ops arrive in', () => {
    const ops = [
      open(),
      action(1, 'a1'),
      action(2, 'a2', { text: 'Add a second approver on nights' }),
      action(3, 'a1', { done: true }),
      op(4, 'retro.annotate', { annotationId: 'n1', eventId: 'ev-9', text: 'too slow here' }),
      op(5, 'retro.pin', { mentionId: 'm-1', pinned: true, note: 'went viral' }),
      action(6, 'a2', { removed: true, text: 'x' }),
    ];
    const forward = foldRetrospective('r1', ops);
    const backward = foldRetrospective('r1', [...ops].reverse());
    expect(backward).toEqual(forward);
    expect(forward.retro?.actions.map((a) => [a.id, a.done])).toEqual([['a1', true]]);
    expect(forward.retro?.annotations).toMatchObject([{ eventId: 'ev-9', text: 'too slow here' }]);
    expect(forward.retro?.pins).toMatchObject([{ mentionId: 'm-1', note: 'went viral' }]);
  });

  it('removes an annotation written empty and a pin taken off', () => {
    const ops = [
      open(),
      op(1, 'retro.annotate', { annotationId: 'n1', eventId: 'ev-1', text: 'late' }),
      op(2, 'retro.annotate', { annotationId: 'n1', eventId: 'ev-1', text: '' }),
      op(3, 'retro.pin', { mentionId: 'm-1', pinned: true, note: null }),
      op(4, 'retro.pin', { mentionId: 'm-1', pinned: false, note: null }),
    ];
    const { retro } = foldRetrospective('r1', ops);
    expect(retro?.annotations).toEqual([]);
    expect(retro?.pins).toEqual([]);
  });

  it('moves draft → in review → closed only by a lead, refuses changes while closed, and reopens', () => {
    const lead = { actor: 'lea', lead: true };
    const ops = [
      open(),
      op(1, 'retro.status', { status: 'closed' }, lead),
      op(2, 'retro.status', { status: 'in-review' }, { actor: 'ana' }),
      op(3, 'retro.status', { status: 'in-review' }, lead),
      op(4, 'retro.status', { status: 'closed' }, lead),
      op(5, 'retro.section', { section: 'impact', text: 'after closing' }),
      op(6, 'retro.status', { status: 'draft' }, lead),
      op(7, 'retro.section', { section: 'impact', text: 'after reopening' }),
    ];
    const { retro, verdicts } = foldRetrospective('r1', ops);
    expect(verdicts.map((v) => v.reason)).toEqual([
      null,
      'a draft retrospective cannot move to closed',
      'only a lead or an admin moves a retrospective along',
      null,
      null,
      'the retrospective is closed',
      null,
      null,
    ]);
    expect(retro?.status).toBe('draft');
    expect(retro?.sections.impact?.text).toBe('after reopening');
    expect(retro?.history.map((h) => h.status)).toEqual(['draft', 'in-review', 'closed', 'draft']);
  });

  it('refuses changes before the review is opened, by a role that cannot write, and payloads it cannot read', () => {
    const ops = [
      op(0, 'retro.section', { section: 'summary', text: 'too early' }),
      open(1),
      op(2, 'retro.section', { section: 'summary', text: 'observer' }, { writer: false }),
      op(3, 'retro.section', { section: 'nonsense', text: 'x' }),
      { ...op(4, 'retro.section', { section: 'summary', text: 'v9' }), v: 9 },
    ];
    const { retro, verdicts } = foldRetrospective('r1', ops);
    expect(verdicts.map((v) => v.reason)).toEqual([
      'no such review',
      null,
      'this role cannot write reviews',
      'not a retrospective change this version reads',
      'not a retrospective change this version reads',
    ]);
    expect(retro?.sections).toEqual({});
  });

  it('renames and re-scopes with a later open, keeping who opened it first', () => {
    const later = op(9, 'retro.open', { title: 'Storm Octavia (final)', scope }, { actor: 'bo' });
    const { retro } = foldRetrospective('r1', [later, open()]);
    expect(retro?.title).toBe('Storm Octavia (final)');
    expect(retro?.openedBy).toBe('ana');
  });
});
