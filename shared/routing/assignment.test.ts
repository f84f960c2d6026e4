import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEPARTMENTS, type Department } from '../domain/people';
import {
  assignBatch,
  canTake,
  chooseAssignee,
  overflowFor,
  type Candidate,
  type QueuedMention,
} from './assignment';

const op = (id: string, over: Partial<Candidate> = {}): Candidate => ({
  id,
  departments: ['customer-care'],
  skills: [],
  capacity: 5,
  load: 0,
  available: true,
  lastAssignedAt: null,
  ...over,
});
const care = { department: 'customer-care', skills: [], priority: 50 } as const;
const NOW = Date.parse('2015-02-22T12:00:00Z');
const queued = (id: string, over: Partial<QueuedMention> = {}): QueuedMention => ({
  ...care,
  id,
  queuedAt: NOW,
  ...over,
});

describe('chooseAssignee', () => {
  it('picks the least-loaded available operator checked in for the department', () => {
    const ops = [
      op('ana', { load: 3 }),
      op('bo', { load: 1 }),
      op('cem', { load: 0, available: false }),
      op('dee', { load: 0, departments: ['legal'] }),
    ];
    expect(chooseAssignee(care, ops)?.id).toBe('bo');
  });

  it('never goes past capacity, and says null when nobody fits (the mention waits)', () => {
    expect(chooseAssignee(care, [op('ana', { load: 2, capacity: 2 })])).toBeNull();
    expect(chooseAssignee(care, [op('ana', { capacity: 0 })])).toBeNull();
    expect(chooseAssignee(care, [])).toBeNull();
  });

  it('requires every skill the rules asked for', () => {
    const ops = [
      op('ana', { skills: ['spanish'] }),
      op('bo', { skills: ['refunds'], load: 4 }),
      op('cem', { skills: ['refunds', 'spanish'], load: 4 }),
    ];
    expect(chooseAssignee({ ...care, skills: ['refunds', 'spanish'] }, ops)?.id).toBe('cem');
    expect(chooseAssignee({ ...care, skills: ['refunds'] }, ops)?.id).toBe('bo');
    expect(chooseAssignee({ ...care, skills: ['turkish'] }, ops)).toBeNull();
  });

  it('breaks ties by load ratio, then who waited longest since their last one, then id', () => {
    const small = op('small', { load: 2, capacity: 3 });
    const big = op('big', { load: 2, capacity: 10 });
    expect(chooseAssignee(care, [small, big])?.id).toBe('big');
    const recent = op('a-recent', { lastAssignedAt: NOW - 1_000 });
    const earlier = op('z-earlier', { lastAssignedAt: NOW - 60_000 });
    const never = op('m-never');
    expect(chooseAssignee(care, [recent, earlier])?.id).toBe('z-earlier');
    expect(chooseAssignee(care, [recent, earlier, never])?.id).toBe('m-never');
    expect(chooseAssignee(care, [op('b'), op('a'), op('c')])?.id).toBe('a');
    // The same answer in any order of the operator list.
    expect(chooseAssignee(care, [op('c'), op('a'), op('b')])?.id).toBe('a');
  });
});

describe('assignBatch', () => {
  it('spreads a wave across operators, highest priority and oldest first, up to capacity', () => {
    const ops = [op('ana', { capacity: 2 }), op('bo', { capacity: 1 })];
    const mentions = [
      queued('old-low', { priority: 10, queuedAt: NOW - 5_000 }),
      queued('new-high', { priority: 90 }),
      queued('old-high', { priority: 90, queuedAt: NOW - 1_000 }),
      queued('mid', { priority: 50 }),
    ];
    expect(assignBatch(mentions, ops, { now: NOW })).toEqual({
      assignments: [
        { mentionId: 'old-high', operatorId: 'ana', department: 'customer-care', overflow: false },
        { mentionId: 'new-high', operatorId: 'bo', department: 'customer-care', overflow: false },
        { mentionId: 'mid', operatorId: 'ana', department: 'customer-care', overflow: false },
      ],
      waiting: ['old-low'],
    });
  });

  it('overflows to the configured department only after the wait, keeping skills', () => {
    const overflow = [{ from: 'pr', to: 'corporate-communications', afterSeconds: 300 }] as const;
    const ops = [op('cc', { departments: ['corporate-communications'], skills: ['spanish'] })];
    const pr = { department: 'pr', skills: [], priority: 50 } as const;
    const fresh = queued('fresh', { ...pr, queuedAt: NOW - 299_000 });
    const stale = queued('stale', { ...pr, queuedAt: NOW - 300_000 });
    const staleTurkish = queued('stale-tr', {
      ...pr,
      skills: ['turkish'],
      queuedAt: NOW - 900_000,
    });
    expect(assignBatch([fresh, stale, staleTurkish], ops, { now: NOW, overflow })).toEqual({
      assignments: [
        {
          mentionId: 'stale',
          operatorId: 'cc',
          department: 'corporate-communications',
          overflow: true,
        },
      ],
      waiting: ['stale-tr', 'fresh'],
    });
    expect(overflowFor('legal', 10_000_000, overflow)).toBeNull();
  });

  it('gives a repeated mention once and counts a repeated operator once', () => {
    const r = assignBatch(
      [queued('m1'), queued('m1'), queued('m2')],
      [op('a', { capacity: 1 }), op('a', { capacity: 1 })],
      {
        now: NOW,
      },
    );
    expect(r.assignments.map((a) => [a.mentionId, a.operatorId])).toEqual([['m1', 'a']]);
    expect(r.waiting).toEqual(['m2']);
  });

  it('never gives a mention to two operators, never exceeds capacity, leaves none waiting that someone could take', () => {
    const dept = fc.constantFrom<Department>(...DEPARTMENTS.slice(0, 3));
    const skills = fc.subarray(['spanish', 'refunds', 'turkish']);
    const operator = fc.record({
      id: fc.constantFrom<string>('o1', 'o2', 'o3', 'o4', 'o5', 'o6'),
      departments: fc.uniqueArray(dept, { maxLength: 2 }),
      skills,
      capacity: fc.integer({ min: 0, max: 4 }),
      load: fc.integer({ min: 0, max: 5 }),
      available: fc.boolean(),
      lastAssignedAt: fc.option(fc.integer({ min: NOW - 3_600_000, max: NOW })),
    });
    const mention = fc.record({
      id: fc.constantFrom(...Array.from({ length: 30 }, (_, i) => `m${i}`)),
      department: dept,
      skills: fc.subarray(['spanish', 'refunds', 'turkish'], { maxLength: 1 }),
      priority: fc.integer({ min: 0, max: 100 }),
      queuedAt: fc.integer({ min: NOW - 1_200_000, max: NOW }),
    });
    const overflow = fc.subarray([
      { from: 'marketing', to: 'customer-care', afterSeconds: 300 },
      { from: 'pr', to: 'marketing', afterSeconds: 0 },
    ] as const);
    fc.assert(
      fc.property(
        fc.uniqueArray(mention, { maxLength: 30, selector: (m) => m.id }),
        fc.array(operator, { maxLength: 8 }),
        overflow,
        (ms, ops, ov) => {
          const { assignments, waiting } = assignBatch(ms, ops, { now: NOW, overflow: ov });
          const byId = new Map(ops.map((o) => [o.id, o]));
          const given = assignments.map((a) => a.mentionId);
          expect(new Set(given).size).toBe(given.length);
          expect(new Set([...given, ...waiting])).toEqual(new Set(ms.map((m) => m.id)));
          const taken = new Map<string, number>();
          for (const a of assignments) {
            const o = byId.get(a.operatorId) as Candidate;
            const m = ms.find((x) => x.id === a.mentionId) as QueuedMention;
            expect(o.available && o.departments.includes(a.department)).toBe(true);
            expect(m.skills.every((s) => o.skills.includes(s))).toBe(true);
            expect(a.department === m.department || a.overflow).toBe(true);
            taken.set(o.id, (taken.get(o.id) ?? 0) + 1);
          }
          for (const [id, n] of taken) {
            const o = byId.get(id) as Candidate;
            expect(o.load + n).toBeLessThanOrEqual(o.capacity);
          }
          // Greedy is maximal: nobody left with room could take a mention that still waits.
          const after = [...byId.values()].map((o) => ({
            ...o,
            load: o.load + (taken.get(o.id) ?? 0),
          }));
          for (const id of waiting) {
            const m = ms.find((x) => x.id === id) as QueuedMention;
            const spill = overflowFor(m.department, NOW - m.queuedAt, ov);
            expect(after.some((o) => canTake(o, m.department, m.skills))).toBe(false);
            if (spill) expect(after.some((o) => canTake(o, spill, m.skills))).toBe(false);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('gives a mention at most once even when the queue lists it several times', () => {
    const mention = fc.record({
      id: fc.constantFrom('m1', 'm2', 'm3'),
      department: fc.constant<Department>('customer-care'),
      skills: fc.constant([]),
      priority: fc.integer({ min: 0, max: 100 }),
      queuedAt: fc.integer({ min: NOW - 60_000, max: NOW }),
    });
    fc.assert(
      fc.property(
        fc.array(mention, { maxLength: 12 }),
        fc.integer({ min: 0, max: 12 }),
        (ms, cap) => {
          const ops = [op('a', { capacity: cap }), op('b', { capacity: cap })];
          const given = assignBatch(ms, ops, { now: NOW }).assignments.map((a) => a.mentionId);
          expect(new Set(given).size).toBe(given.length);
        },
      ),
    );
  });
});
