/**
 * Erlang C staffing: the M/M/n queue with an unlimited waiting room (A. K. Erlang, "Solution of
 * some problems in the theory of probabilities of significance in automatic telephone
 * exchanges", 1917). With arrival rate λ, average handle time AHT and n agents:
 *
 *   offered load       A = λ · AHT                                    (Erlangs)
 *   Erlang B           B(0) = 1,  B(k) = A·B(k−1) / (k + A·B(k−1))     (no factorials, no overflow)
 *   P(wait), Erlang C  C = n·B(n) / (n − A·(1 − B(n)))                (n > A; otherwise C = 1)
 *   service level      SL(t) = 1 − C · e^(−(n − A)·t / AHT)            (answered within t)
 *   speed of answer    ASA = C · AHT / (n − A)
 *   occupancy          A / n
 *
 * Sources: V. B. Iversen, "Teletraffic Engineering and Network Planning" (DTU / ITU-D handbook),
 * the chapters on Erlang's loss system (the B recursion) and Erlang's delay system (C from B);
 * N. Gans, G. Koole, A. Mandelbaum, "Telephone Call Centers: Tutorial, Review, and Research
 * Prospects", M&SOM 5(2), 2003 (SL, ASA and staffing). The recursion keeps every B in [0, 1],
 * so loads of thousands of Erlangs stay finite where A^n/n! would overflow a double.
 *
 * Concurrency (chat, social DMs: one operator keeps c conversations open) uses the usual
 * workforce-management approximation: each conversation costs the operator AHT / c, so the
 * operator is one server with an effective handle time of AHT / c. It is an approximation: real
 * handle time grows with c (a measured claim-to-answer time already includes that), and treating
 * the operator as c independent slots, M/M/(n·c) with the full AHT, would promise shorter waits.
 */

const SECONDS_PER_HOUR = 3600;
// A head-count is rounded up after a division: 21 / (1 − 0.3) is 30.000000000000004 in binary,
// which must stay 30. The slack is far below any real difference in a ratio of head-counts.
const CEIL_SLACK = 1e-12;

/** A queue to evaluate: agents (servers), offered load in Erlangs, average handle time. */
export type Queue = { agents: number; load: number; ahtSeconds: number };

/** What to staff for one interval (arrivals in that interval; times in seconds). */
export type StaffingRequest = {
  arrivalsPerInterval: number;
  intervalSeconds: number;
  ahtSeconds: number;
  /** Share to answer within targetSeconds, in (0, 1): 0.8 for "80 % in 20 s". */
  targetShare: number;
  targetSeconds: number;
  /** Highest allowed A / n, in (0, 1]; default 1 (no cap). */
  maxOccupancy?: number;
  /** Share of paid time not on the queue (breaks, training, absence), in [0, 1); default 0. */
  shrinkage?: number;
  /** Conversations one operator handles at once, ≥ 1; default 1. */
  concurrency?: number;
};

/** The smallest head-count meeting a request, with what it achieves. */
export type Staffing = {
  /** Workload in operator-Erlangs (after concurrency). */
  load: number;
  /** Agents on the queue (before shrinkage). */
  agents: number;
  /** Agents to roster: agents / (1 − shrinkage), rounded up. */
  staff: number;
  serviceLevel: number;
  asa: number;
  occupancy: number;
  waitProbability: number;
};

function fail(name: string, value: unknown, expected: string): never {
  throw new RangeError(`${name} must be ${expected}, got ${String(value)}`);
}

function atLeastZero(name: string, v: number): void {
  if (!(Number.isFinite(v) && v >= 0)) fail(name, v, 'a finite number ≥ 0');
}

function aboveZero(name: string, v: number): void {
  if (!(Number.isFinite(v) && v > 0)) fail(name, v, 'a finite number > 0');
}

function wholeCount(name: string, v: number): void {
  if (!(Number.isSafeInteger(v) && v >= 0)) fail(name, v, 'a whole number ≥ 0');
}

function ceilTolerant(x: number): number {
  return Math.ceil(x - x * CEIL_SLACK);
}

/** B(to) from B(from) by the Erlang B recursion. */
function stepB(b: number, from: number, to: number, load: number): number {
  for (let k = from + 1; k <= to; k++) b = (load * b) / (k + load * b);
  return b;
}

function cFromB(agents: number, load: number, b: number): number {
  if (load === 0) return 0;
  if (agents <= load) return 1;
  return (agents * b) / (agents - load * (1 - b));
}

function slFromC(q: Queue, targetSeconds: number, c: number): number {
  if (q.load === 0) return 1;
  if (q.agents <= q.load) return 0;
  return 1 - c * Math.exp((-(q.agents - q.load) * targetSeconds) / q.ahtSeconds);
}

function asaFromC(q: Queue, c: number): number {
  if (q.load === 0) return 0;
  if (q.agents <= q.load) return Infinity;
  return (c * q.ahtSeconds) / (q.agents - q.load);
}

function checkQueue(q: Queue): void {
  wholeCount('agents', q.agents);
  atLeastZero('load', q.load);
  aboveZero('ahtSeconds', q.ahtSeconds);
}

/** Offered load in Erlangs from arrivals per hour and the average handle time in seconds. */
export function offeredLoad(arrivalsPerHour: number, ahtSeconds: number): number {
  atLeastZero('arrivalsPerHour', arrivalsPerHour);
  atLeastZero('ahtSeconds', ahtSeconds);
  return (arrivalsPerHour * ahtSeconds) / SECONDS_PER_HOUR;
}

/** Erlang B: probability that all agents are busy when arrivals that find them so are lost. */
export function erlangB(agents: number, load: number): number {
  wholeCount('agents', agents);
  atLeastZero('load', load);
  return stepB(1, 0, agents, load);
}

/** Erlang C: probability that an arrival has to wait; 1 when agents ≤ load (the queue grows). */
export function erlangC(agents: number, load: number): number {
  wholeCount('agents', agents);
  atLeastZero('load', load);
  if (load === 0 || agents <= load) return cFromB(agents, load, 0);
  return cFromB(agents, load, stepB(1, 0, agents, load));
}

/** Share answered within targetSeconds: 1 with no load, 0 when agents ≤ load. */
export function serviceLevel(q: Queue & { targetSeconds: number }): number {
  checkQueue(q);
  atLeastZero('targetSeconds', q.targetSeconds);
  return slFromC(q, q.targetSeconds, erlangC(q.agents, q.load));
}

/** Average speed of answer: mean wait in seconds over all arrivals; Infinity if agents ≤ load. */
export function averageSpeedOfAnswer(q: Queue): number {
  checkQueue(q);
  return asaFromC(q, erlangC(q.agents, q.load));
}

/** Share of agent time spent handling: load / agents, capped at 1 (an unstable queue). */
export function occupancy(agents: number, load: number): number {
  wholeCount('agents', agents);
  atLeastZero('load', load);
  if (load === 0) return 0;
  return agents <= load ? 1 : load / agents;
}

/** The smallest agents meeting the service target and occupancy cap, and the staff to roster. */
export function requiredAgents(req: StaffingRequest): Staffing {
  const { maxOccupancy = 1, shrinkage = 0, concurrency = 1 } = req;
  atLeastZero('arrivalsPerInterval', req.arrivalsPerInterval);
  aboveZero('intervalSeconds', req.intervalSeconds);
  aboveZero('ahtSeconds', req.ahtSeconds);
  atLeastZero('targetSeconds', req.targetSeconds);
  if (!(req.targetShare > 0 && req.targetShare < 1))
    fail('targetShare', req.targetShare, 'in (0, 1)');
  if (!(maxOccupancy > 0 && maxOccupancy <= 1)) fail('maxOccupancy', maxOccupancy, 'in (0, 1]');
  if (!(shrinkage >= 0 && shrinkage < 1)) fail('shrinkage', shrinkage, 'in [0, 1)');
  if (!(Number.isFinite(concurrency) && concurrency >= 1)) fail('concurrency', concurrency, '≥ 1');

  const ahtSeconds = req.ahtSeconds / concurrency;
  const load = (req.arrivalsPerInterval * ahtSeconds) / req.intervalSeconds;
  if (load === 0) {
    return { load, agents: 0, staff: 0, serviceLevel: 1, asa: 0, occupancy: 0, waitProbability: 0 };
  }
  // Start at the first stable head-count that also respects the occupancy cap, then step up one
  // agent at a time carrying B(n) forward: O(n) in all, where recomputing each candidate from
  // B(0) would cost O(n) per step. Square-root staffing keeps the steps few (≈ √A).
  let agents = Math.max(Math.floor(load) + 1, ceilTolerant(load / maxOccupancy));
  let b = stepB(1, 0, agents, load);
  for (;;) {
    const q = { agents, load, ahtSeconds };
    const c = cFromB(agents, load, b);
    const sl = slFromC(q, req.targetSeconds, c);
    if (sl >= req.targetShare) {
      return {
        load,
        agents,
        staff: ceilTolerant(agents / (1 - shrinkage)),
        serviceLevel: sl,
        asa: asaFromC(q, c),
        occupancy: load / agents,
        waitProbability: c,
      };
    }
    agents += 1;
    b = stepB(b, agents - 1, agents, load);
  }
}
