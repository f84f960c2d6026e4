import { z } from 'zod';
import { StaffingForecastSchema } from '../staffing/staffing-plan';
import { STAFFING_LEVELS, type StaffingLevel } from '../staffing/staffing-machine';
import type { StaffingMeasurements, StaffingThresholds } from '../staffing/staffing-thresholds';
import {
  RESERVE_OUTCOMES,
  ReservesSchema,
  type Reserve,
  type ReserveOutcome,
} from '../staffing/reserves';
import type { Ack } from './common';

const EventId = z.string().trim().min(1).max(64);
const Word = z.string().trim().min(1).max(100);
const When = z.iso.datetime({ offset: true });

/** A scheduled event as a lead saves it: when, about what, and its forecast (the plan's input). */
export const SaveEventSchema = z
  .object({
    /** Left out for a new event; an existing event's id edits it. */
    eventId: EventId.optional(),
    name: z.string().trim().min(1, 'give the event a name').max(120),
    start: When,
    end: When,
    brands: z.array(Word).max(20).default([]),
    topics: z.array(Word).max(20).default([]),
    forecast: StaffingForecastSchema,
  })
  .strict()
  .refine((e) => Date.parse(e.end) > Date.parse(e.start), {
    message: 'the event must end after it starts',
    path: ['end'],
  });
/** An event to save, as a desk sends it. */
export type SaveEventInput = z.input<typeof SaveEventSchema>;

/** A saved event as desks see it (the forecast with its defaults applied). */
export type EventView = {
  id: string;
  name: string;
  start: string;
  end: string;
  brands: string[];
  topics: string[];
  forecast: z.output<typeof StaffingForecastSchema>;
  savedBy: string;
  savedAt: string;
  cancelled: boolean;
};

/** One interval of an event's plan. */
export type PlanInterval = {
  start: string;
  arrivals: number;
  staff: number;
  agents: number;
  serviceLevel: number;
  asa: number;
  occupancy: number;
};

/** An event's staffing plan, computed when read. */
export type PlanView = {
  intervals: PlanInterval[];
  peak: { start: string; staff: number; agents: number };
  staffHours: number;
};

/** One change of the staffing level, as every desk and the review see it. */
export type StaffingChangeView = {
  opId: string;
  at: string;
  from: StaffingLevel;
  to: StaffingLevel;
  why: string;
  by: string | null;
  banner: boolean;
  notifyReserves: boolean;
};

/** A call-in of the reserves under way: the level change that asked for it, and each call. */
export type ReserveCallView = {
  changeOp: string;
  to: StaffingLevel;
  at: string;
  why: string;
  calls: { reserveId: string; outcome: ReserveOutcome; by: string; at: string }[];
};

/** The room's staffing level now, with what was measured and the recent changes. */
export type StaffingStatus = {
  level: StaffingLevel;
  /** When the level was entered; null before anything was measured or set. */
  since: string | null;
  why: string;
  mode: 'auto' | 'manual';
  measurements: StaffingMeasurements | null;
  measuredAt: string | null;
  needed: number | null;
  present: number;
  /** Answers in the last hour, and the share of them given within the target. */
  lastHour: { answered: number; withinTarget: number | null; targetSeconds: number };
  activeEvent: { id: string; name: string } | null;
  changes: StaffingChangeView[];
  /** The thresholds in force: the room's own (staffing.configure) or the defaults. */
  thresholds: StaffingThresholds;
  thresholdsSource: 'default' | 'room';
  /** The room's on-call reserves, and the call-in under way (null when none). */
  reserves: Reserve[];
  reserveCall: ReserveCallView | null;
};

/** staffing.answerReserve: what calling a reserve came to. */
export const AnswerReserveSchema = z
  .object({
    changeOp: z.string().length(64),
    reserveId: z.string().min(1).max(40),
    outcome: z.enum(RESERVE_OUTCOMES),
  })
  .strict();

/** staffing.set: a lead holds the room at a level, with why. */
export const SetStaffingSchema = z
  .object({
    level: z.enum(STAFFING_LEVELS),
    reason: z.string().trim().min(1, 'say why the level changes').max(500),
  })
  .strict();

/** Commands of the staffing domain. */
export type StaffingCommands = {
  'staffing.saveEvent': (input: SaveEventInput, ack: Ack<{ event: EventView }>) => void;
  'staffing.cancelEvent': (input: { eventId: string }, ack: Ack<{ event: EventView }>) => void;
  'staffing.events': (input: Record<string, never>, ack: Ack<{ events: EventView[] }>) => void;
  'staffing.plan': (input: { eventId: string }, ack: Ack<{ plan: PlanView }>) => void;
  'staffing.status': (input: Record<string, never>, ack: Ack<{ status: StaffingStatus }>) => void;
  'staffing.set': (
    input: z.input<typeof SetStaffingSchema>,
    ack: Ack<{ status: StaffingStatus }>,
  ) => void;
  'staffing.auto': (input: Record<string, never>, ack: Ack<{ status: StaffingStatus }>) => void;
  /** The room's own thresholds (checked by the station; a mistake names its path). */
  'staffing.setReserves': (
    input: { reserves: z.input<typeof ReservesSchema> },
    ack: Ack<{ status: StaffingStatus }>,
  ) => void;
  'staffing.answerReserve': (
    input: z.input<typeof AnswerReserveSchema>,
    ack: Ack<{ status: StaffingStatus }>,
  ) => void;
  'staffing.configure': (
    input: { thresholds: unknown },
    ack: Ack<{ status: StaffingStatus }>,
  ) => void;
};

/** Events of the staffing domain. */
export type StaffingEvents = {
  /** The level or the measurements changed (here or at a peer). */
  'staffing.changed': (status: StaffingStatus) => void;
  /** Events were saved or cancelled. */
  'event.changed': () => void;
};
