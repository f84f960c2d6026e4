import { readFileSync } from 'node:fs';
import path from 'node:path';
import { hashPassword } from '../electron/station/auth/password';
import type { StationCore } from '../electron/station/core/core';
import { ingestDrafts, prepareIngestItem } from '../electron/station/ingest/ingest-draft';
import type { Applied } from '../electron/station/ops/apply';
import type { OpDraft } from '../electron/station/ops/op';
import { operatorIdOf } from '../electron/station/room/war-room';
import { checkIn } from '../electron/station/roster/roster-commands';
import { startAssigner } from '../electron/station/routing/assigner';
import { createIngestRouter } from '../electron/station/routing/ingest-router';
import { tempDir } from '../electron/station/test-support/temp-dir';
import { assignBatch, type Candidate, type QueuedMention } from '../shared/routing/assignment';
import type { Department } from '../shared/domain/people';
import { benchCore } from './fixture';
import { report } from './report';

const RATE = Number(process.env.HOLDLINE_BENCH_ASSIGN_RATE ?? 1_000);
const OPERATORS = Number(process.env.HOLDLINE_BENCH_ASSIGN_OPERATORS ?? 200);
const SECONDS = Number(process.env.HOLDLINE_BENCH_ASSIGN_SECONDS ?? 10);
const TICK_MS = 25;
// Operators answer what they are given this long after (so their load stays under capacity).
const HANDLE_MS = 1_500;

// A surge's mix: mostly care questions, some refunds (a skill), press, legal, Spanish.
const TEXTS = [
  'flight {n} delayed three hours and nobody at the gate',
  'where is my bag? flight {n}, day two',
  'I want a refund for cancelled flight {n}',
  'journalist here, for a story on flight {n}',
  'my lawyer will hear about flight {n}',
  '¿dónde está mi maleta? vuelo {n}',
  'seat {n} broken again, worst airline',
];

const DEPARTMENTS: [Department, number][] = [
  ['customer-care', 0.7],
  ['corporate-communications', 0.1],
  ['pr', 0.1],
  ['legal', 0.1],
];

/** 200 accounts in a few commits (one password hash for all: scrypt per account is not the point). */
async function staff(core: StationCore, adminId: string, roomId: string): Promise<void> {
  const passwordHash = await hashPassword('bench-password');
  const people = Array.from({ length: OPERATORS }, (_, i) => {
    let at = i / OPERATORS;
    const department = DEPARTMENTS.find(([, share]) => (at -= share) < 0)?.[0] ?? 'customer-care';
    const skills = [...(i % 3 === 0 ? ['refunds'] : []), ...(i % 5 === 0 ? ['spanish'] : [])];
    return { username: `op${i}`, department, skills };
  });
  const drafts: OpDraft[] = people.map((p) => ({
    type: 'operator.create',
    v: 1,
    actor: adminId,
    subject: operatorIdOf(roomId, p.username),
    payload: {
      operatorId: operatorIdOf(roomId, p.username),
      username: p.username,
      displayName: p.username,
      role: 'operator',
      departments: [p.department],
      passwordHash,
    },
  }));
  await core.commit(drafts);
  for (const p of people)
    await checkIn(core, operatorIdOf(roomId, p.username), {
      department: p.department,
      skills: p.skills,
      capacity: 20,
    });
}

const answerDraft = (x: { id: string; operator: string }): OpDraft => ({
  type: 'mention.answer',
  v: 1,
  actor: x.operator,
  subject: x.id,
  payload: {},
});

/** Nearest-rank percentile. */
function percentile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
}

/** The same decision in memory: a pass's batch against 200 operators, no database. */
function pureDecisionMs(batches: QueuedMention[][]): number[] {
  const operators: Candidate[] = Array.from({ length: OPERATORS }, (_, i) => ({
    id: `op${i}`,
    departments: [DEPARTMENTS[i % DEPARTMENTS.length]?.[0] as Department],
    skills: i % 3 === 0 ? ['refunds'] : [],
    capacity: 20,
    load: i % 20,
    available: true,
    lastAssignedAt: null,
  }));
  return batches.map((b) => {
    const t0 = performance.now();
    assignBatch(b, operators, { now: Date.now() });
    return performance.now() - t0;
  });
}

/** Assignment: how long a mention waits for its operator at RATE mentions/s, OPERATORS on shift. */
export async function run(): Promise<void> {
  const t = tempDir('holdline-bench-assign-');
  try {
    const { core, adminId, warRoomId } = await benchCore(path.join(t.dir, 'station'));
    await staff(core, adminId, warRoomId);
    const route = createIngestRouter({
      yaml: readFileSync(path.resolve(__dirname, '../resources/routing/default.yaml'), 'utf8'),
      file: 'default.yaml',
    });
    const recorded = new Map<string, number>();
    const waits: number[] = [];
    const toAnswer: { id: string; operator: string; at: number }[] = [];
    const onApplied = (a: Applied) => {
      const now = performance.now();
      for (const op of a.ops) {
        if (op.type !== 'mention.assign' || !op.subject) continue;
        const since = recorded.get(op.subject);
        if (since !== undefined) waits.push(now - since);
        const operator = (op.payload as { operator: string }).operator;
        toAnswer.push({ id: op.subject, operator, at: now + HANDLE_MS });
      }
    };
    core.on('applied', onApplied);
    const assigner = startAssigner(core, { peers: () => [] });
    const batches: QueuedMention[][] = [];
    let n = 0;
    const perTick = Math.max(1, Math.round((RATE * TICK_MS) / 1000));
    const start = performance.now();
    const end = start + SECONDS * 1000;
    while (performance.now() < end) {
      const tickAt = start + (n / perTick) * TICK_MS;
      const wait = tickAt - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const items = Array.from({ length: perTick }, (_, k) => {
        const i = n + k;
        return prepareIngestItem(
          {
            channel: 'twitter',
            externalId: String(i),
            author: { handle: `@flyer${i % 5000}` },
            text: (TEXTS[i % TEXTS.length] as string).replace('{n}', String(i)),
            occurredAt: new Date().toISOString(),
            metadata: {},
          },
          undefined,
          route,
        );
      });
      n += perTick;
      const answers = toAnswer.splice(0, toAnswer.findIndex((x) => x.at > performance.now()) >>> 0);
      await core.commit([
        ...ingestDrafts(items, adminId, { connector: 'manual' }),
        ...answers.map(answerDraft),
      ]);
      const now = performance.now();
      for (const p of items) recorded.set(`twitter:${p.item.mention.externalId}`, now);
      batches.push(
        items.map((p) => ({
          id: p.item.mention.externalId,
          department: (p.item.enrichment.routing?.department ?? 'customer-care') as Department,
          skills: p.item.enrichment.routing?.skills ?? [],
          priority: p.item.enrichment.priority,
          queuedAt: Date.now(),
        })),
      );
    }
    // Operators go on answering while the last mentions find theirs.
    const deadline = performance.now() + 5_000;
    while (waits.length < n && performance.now() < deadline) {
      await new Promise((r) => setTimeout(r, TICK_MS));
      const due = toAnswer.splice(0, toAnswer.findIndex((x) => x.at > performance.now()) >>> 0);
      if (due.length > 0) await core.commit(due.map(answerDraft));
    }
    assigner.stop();
    core.off('applied', onApplied);
    await core.close();
    const pure = pureDecisionMs(batches);
    console.log(
      `${n} mentions at ${RATE}/s for ${SECONDS} s, ${OPERATORS} operators on shift (capacity 20, answering after ${HANDLE_MS / 1000} s): ${waits.length} assigned`,
    );
    report([
      {
        name: 'assignment.latency-p99',
        value: percentile(waits, 0.99),
        unit: 'ms',
        baseline: percentile(pure, 0.99),
        baselineName: `the decision alone in memory (${perTick} mentions × ${OPERATORS} operators), p99`,
        better: 'lower',
        goal: 'recorded → assigned, p99',
      },
      {
        name: 'assignment.latency-p50',
        value: percentile(waits, 0.5),
        unit: 'ms',
        baseline: percentile(pure, 0.5),
        baselineName: 'the decision alone in memory, p50',
        better: 'lower',
      },
    ]);
  } finally {
    t.cleanup();
  }
}
