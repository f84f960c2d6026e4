import { assign, createActor, setup, type Snapshot } from 'xstate';
import type { Role } from '../domain/people';
import {
  DEFAULT_STAFFING_THRESHOLDS,
  formatSeconds as fmt,
  pressureOf,
  type StaffingPressure,
  type StaffingTier,
  type StaffingMeasurements,
  type StaffingReason,
  type StaffingThresholds,
} from './staffing-thresholds';

/** The room's staffing levels (stand-down is the cool-down after elevated or surge). */
export const STAFFING_LEVELS = ['normal', 'elevated', 'surge', 'standDown'] as const;
/** A staffing level. */
export type StaffingLevel = (typeof STAFFING_LEVELS)[number];

/** Who set a level by hand, with the role they held then. */
export type StaffingActor = { id: string; role: Role };

/** Every event the staffing machine takes; `at` is when it was measured or decided (ms). */
export type StaffingEvent =
  | { type: 'staffing.sample'; at: number; measurements: StaffingMeasurements }
  | { type: 'staffing.set'; at: number; actor: StaffingActor; level: StaffingLevel; reason: string }
  | { type: 'staffing.auto'; at: number; actor: StaffingActor }
  | {
      type: 'staffing.configure';
      at: number;
      actor: StaffingActor;
      thresholds: StaffingThresholds;
    };

/** How a staffing machine starts. */
export type StaffingInput = {
  startedAt: number;
  thresholds?: StaffingThresholds;
  /** The usual arrival rate, if known; otherwise the first sample's, then learned. */
  baselinePerMinute?: number;
};

/** One change of level: the station writes it as an op and acts on `banner` and `notifyReserves`. */
export type StaffingTransition = {
  from: StaffingLevel;
  to: StaffingLevel;
  at: number;
  /** The lead who set it, or null when the measurements moved it. */
  by: StaffingActor | null;
  why: StaffingReason[];
  /** One line for the log and the wall: "Elevated: oldest waiting 14 min ≥ 10 min (for 2 min)". */
  summary: string;
  banner: boolean;
  notifyReserves: boolean;
};

/** When the current unbroken run of samples above a tier's entry / below its exit began (ms). */
type Runs = Record<'above' | 'below', Record<StaffingTier, number | null>>;

/** The machine's context: the level, since when and why, and the clocks behind it (all data). */
export type StaffingContext = {
  thresholds: StaffingThresholds;
  level: StaffingLevel;
  since: number;
  why: StaffingReason[];
  summary: string;
  mode: 'auto' | 'manual';
  /** Held durations count from here at the earliest: the start, or the last `staffing.auto`. */
  autoSince: number;
  baselinePerMinute: number | null;
  lastSampleAt: number | null;
  runs: Runs;
  /** The changes the last event made (zero or one): one op each. */
  transitions: StaffingTransition[];
};

type Of<T extends StaffingEvent['type']> = Extract<StaffingEvent, { type: T }>;

const LEADS = new Set<Role>(['admin', 'lead']);
const LABEL = { normal: 'Normal', elevated: 'Elevated', surge: 'Surge', standDown: 'Stand-down' };
const RANK = { normal: 0, standDown: 0, elevated: 1, surge: 2 };
const texts = (why: StaffingReason[]) => why.map((w) => w.text).join('; ');

function transition(
  ctx: StaffingContext,
  to: StaffingLevel,
  at: number,
  why: StaffingReason[],
  text: string,
  by: StaffingActor | null = null,
): StaffingTransition {
  const t = ctx.thresholds;
  const banner = to !== 'normal' && t[to].banner;
  // Reserves are called in on the way up only: stepping down from surge to elevated calls no one.
  const notifyReserves =
    (to === 'elevated' || to === 'surge') && RANK[to] > RANK[ctx.level] && t[to].notifyReserves;
  const summary = `${LABEL[to]}: ${text}`;
  return { from: ctx.level, to, at, by, why, summary, banner, notifyReserves };
}

function enter(ctx: StaffingContext, c: StaffingTransition): StaffingContext {
  return { ...ctx, level: c.to, since: c.at, why: c.why, summary: c.summary, transitions: [c] };
}

/**
 * The automatic rules, one step per sample; a duration counts from when its unbroken run of
 * samples began, or from the last return to automatic control if that is later.
 * Up: ANY measure at or above a tier's `enter` thresholds for its `enterAfterSeconds` → that
 * tier (from normal or stand-down; elevated → surge).
 * Down ("calm" = EVERY measure below elevated's `exit` thresholds): elevated → stand-down after
 * `elevated.exitAfterSeconds` of calm. Surge, once below surge's `exit` thresholds for
 * `surge.exitAfterSeconds`: → elevated while the room is not calm, else → stand-down after
 * `elevated.exitAfterSeconds` of calm. Stand-down → normal after `standDown.quietSeconds` of
 * calm counted from entering stand-down.
 */
function decide(ctx: StaffingContext, at: number, p: StaffingPressure): StaffingTransition | null {
  const t = ctx.thresholds;
  const r = ctx.runs;
  const held = (start: number | null, from = ctx.autoSince) =>
    start === null ? -1 : (at - Math.max(start, from)) / 1000;
  const up = (to: StaffingTier) =>
    transition(ctx, to, at, p[to].met, `${texts(p[to].met)} (for ${fmt(held(r.above[to]))})`);
  const down = (to: StaffingLevel, tier: StaffingTier, seconds: number, words: string) =>
    transition(ctx, to, at, p[tier].below, `${words} ${fmt(seconds)} (${texts(p[tier].below)})`);
  const rise: StaffingTier | null =
    held(r.above.surge) >= t.surge.enterAfterSeconds
      ? 'surge'
      : held(r.above.elevated) >= t.elevated.enterAfterSeconds
        ? 'elevated'
        : null;
  const calm = held(r.below.elevated);
  const standDown = () =>
    down('standDown', 'elevated', calm, 'below the elevated exit thresholds for');
  switch (ctx.level) {
    case 'normal':
      return rise ? up(rise) : null;
    case 'standDown': {
      if (rise) return up(rise);
      const quiet = held(r.below.elevated, Math.max(ctx.autoSince, ctx.since));
      if (quiet < t.standDown.quietSeconds) return null;
      return down('normal', 'elevated', quiet, 'quiet in stand-down for');
    }
    case 'elevated':
      if (rise === 'surge') return up('surge');
      return calm >= t.elevated.exitAfterSeconds ? standDown() : null;
    case 'surge': {
      const eased = held(r.below.surge);
      if (eased < t.surge.exitAfterSeconds) return null;
      // Already quiet: wait out the calm and stand down, rather than pass through elevated.
      if (!p.elevated.holds) return calm >= t.elevated.exitAfterSeconds ? standDown() : null;
      return down('elevated', 'surge', eased, 'below the surge exit thresholds for');
    }
  }
}

/** A sample's effect: the clocks and the usual rate move on, and maybe the level changes. */
function observe(
  ctx: StaffingContext,
  e: Of<'staffing.sample'>,
): { next: StaffingContext; change: StaffingTransition | null } {
  const t = ctx.thresholds;
  const m = e.measurements;
  // After a gap nothing counts as held: one sample cannot show what happened while no one measured.
  const fresh = ctx.lastSampleAt === null || e.at - ctx.lastSampleAt > t.maxSampleGapSeconds * 1000;
  const baseline = Math.max(ctx.baselinePerMinute ?? m.arrivalsPerMinute, t.baseline.minPerMinute);
  const p = pressureOf(m, baseline, t);
  const run = (prev: number | null, on: boolean) =>
    on ? (fresh || prev === null ? e.at : prev) : null;
  const tiers = (f: (k: StaffingTier) => number | null) => ({
    elevated: f('elevated'),
    surge: f('surge'),
  });
  const runs: Runs = {
    above: tiers((k) => run(ctx.runs.above[k], p[k].met.length > 0)),
    below: tiers((k) => run(ctx.runs.below[k], !p[k].holds)),
  };
  let usual = baseline;
  // The usual rate learns only at normal, from samples below the elevated entry multiple, so a
  // rise is never averaged into the baseline it is measured against; a lead holding normal by
  // hand says the traffic is ordinary, so then it learns from every sample (a new normal).
  const ordinary = p.elevated.met.every((w) => w.measure !== 'arrivalsMultiple');
  if (ctx.level === 'normal' && (ordinary || ctx.mode === 'manual')) {
    const ms = Math.min(e.at - (ctx.lastSampleAt ?? e.at), t.maxSampleGapSeconds * 1000);
    const weight = 1 - 2 ** (-ms / 60_000 / t.baseline.halfLifeMinutes);
    usual = Math.max(baseline + weight * (m.arrivalsPerMinute - baseline), t.baseline.minPerMinute);
  }
  const next = { ...ctx, runs, baselinePerMinute: usual, lastSampleAt: e.at, transitions: [] };
  const change = ctx.mode === 'auto' ? decide(next, e.at, p) : null;
  return { next: change ? enter(next, change) : next, change };
}

function forceLevel(ctx: StaffingContext, e: Of<'staffing.set'>): StaffingContext {
  const text = `set by ${e.actor.id}: ${e.reason}`;
  const why: StaffingReason[] = [{ kind: 'manual', by: e.actor.id, note: e.reason, text }];
  const next: StaffingContext = { ...ctx, mode: 'manual', transitions: [] };
  if (e.level === ctx.level) return { ...next, why, summary: `${LABEL[e.level]}: ${text}` };
  return enter(next, transition(next, e.level, e.at, why, text, e.actor));
}

/** One guarded transition per level, each to that level's state. */
const toEachLevel = <G extends string, A extends string>(guard: G, actions: A) =>
  STAFFING_LEVELS.map((to) => ({
    guard: { type: guard, params: { to } },
    target: `.${to}`,
    actions,
  }));

/**
 * The staffing level machine. Fed `staffing.sample` events (timers are data: held durations
 * come from the samples' `at`, so a replay or a restored snapshot gives the same levels) and a
 * lead's `staffing.set` (holds a level until `staffing.auto`). Rules: see `decide`.
 */
export const staffingMachine = setup({
  types: {
    context: {} as StaffingContext,
    events: {} as StaffingEvent,
    input: {} as StaffingInput,
  },
  guards: {
    staleSample: ({ context, event }) =>
      context.lastSampleAt !== null && (event as Of<'staffing.sample'>).at <= context.lastSampleAt,
    sampleMovesTo: ({ context, event }, p: { to: StaffingLevel }) =>
      observe(context, event as Of<'staffing.sample'>).change?.to === p.to,
    notByLead: ({ event }) => !('actor' in event && LEADS.has(event.actor.role)),
    setsLevel: ({ context, event }, p: { to: StaffingLevel }) =>
      context.level !== p.to && (event as Of<'staffing.set'>).level === p.to,
  },
  actions: {
    clearTransitions: assign({ transitions: () => [] }),
    recordSample: assign(
      ({ context, event }) => observe(context, event as Of<'staffing.sample'>).next,
    ),
    forceLevel: assign(({ context, event }) => forceLevel(context, event as Of<'staffing.set'>)),
    configure: assign(({ event }) => ({
      thresholds: (event as Of<'staffing.configure'>).thresholds,
      transitions: [],
    })),
    resumeAuto: assign(({ context, event }) =>
      context.mode === 'auto'
        ? { transitions: [] }
        : { mode: 'auto' as const, autoSince: event.at, transitions: [] },
    ),
  },
}).createMachine({
  id: 'staffing',
  context: ({ input }) => ({
    thresholds: input.thresholds ?? DEFAULT_STAFFING_THRESHOLDS,
    level: 'normal',
    since: input.startedAt,
    why: [],
    summary: LABEL.normal,
    mode: 'auto',
    autoSince: input.startedAt,
    baselinePerMinute: input.baselinePerMinute ?? null,
    lastSampleAt: null,
    runs: { above: { elevated: null, surge: null }, below: { elevated: null, surge: null } },
    transitions: [],
  }),
  initial: 'normal',
  on: {
    'staffing.sample': [
      { guard: 'staleSample', actions: 'clearTransitions' },
      ...toEachLevel('sampleMovesTo', 'recordSample'),
      { actions: 'recordSample' },
    ],
    'staffing.set': [
      { guard: 'notByLead', actions: 'clearTransitions' },
      ...toEachLevel('setsLevel', 'forceLevel'),
      { actions: 'forceLevel' },
    ],
    'staffing.auto': [
      { guard: 'notByLead', actions: 'clearTransitions' },
      { actions: 'resumeAuto' },
    ],
    // New thresholds apply from the next sample; runs already held keep their start.
    'staffing.configure': [
      { guard: 'notByLead', actions: 'clearTransitions' },
      { actions: 'configure' },
    ],
  },
  states: { normal: {}, elevated: {}, surge: {}, standDown: {} },
});

/** Where a replay ends: the machine's context, every change on the way, a snapshot to persist. */
export type StaffingReplay = {
  context: StaffingContext;
  transitions: StaffingTransition[];
  persisted: Snapshot<unknown>;
};

/** Feeds events in order to a new staffing machine, or to one restored from a persisted snapshot. */
export function replayStaffing(
  events: readonly StaffingEvent[],
  start: { input: StaffingInput } | { snapshot: Snapshot<unknown> },
): StaffingReplay {
  const actor = (
    'snapshot' in start
      ? // A restored actor takes its context from the snapshot; the input type just asks for one.
        createActor(staffingMachine, { snapshot: start.snapshot, input: { startedAt: 0 } })
      : createActor(staffingMachine, { input: start.input })
  ).start();
  const transitions: StaffingTransition[] = [];
  for (const e of events) {
    actor.send(e);
    transitions.push(...actor.getSnapshot().context.transitions);
  }
  const { context } = actor.getSnapshot();
  const persisted = actor.getPersistedSnapshot();
  actor.stop();
  return { context, transitions, persisted };
}
