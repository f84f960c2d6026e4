import { z } from 'zod';
import { StaffingForecastSchema } from '../../../shared/staffing/staffing-plan';
import { RESERVE_OUTCOMES, ReservesSchema } from '../../../shared/staffing/reserves';
import { STAFFING_LEVELS } from '../../../shared/staffing/staffing-machine';
import {
  StaffingMeasurementsSchema,
  StaffingThresholdsSchema,
} from '../../../shared/staffing/staffing-thresholds';

const Word = z.string().trim().min(1).max(100);
const When = z.iso.datetime({ offset: true });

/** event.save v1 (subject: the event id): a scheduled event and its forecast; latest HLC wins. */
export const EventSaveV1 = z
  .object({
    name: z.string().trim().min(1).max(120),
    start: When,
    end: When,
    brands: z.array(Word).max(20),
    topics: z.array(Word).max(20),
    forecast: StaffingForecastSchema,
  })
  .refine((e) => Date.parse(e.end) > Date.parse(e.start), {
    message: 'the event must end after it starts',
    path: ['end'],
  });

/** event.cancel v1: the event will not happen; its saves stay in the log. */
export const EventCancelV1 = z.object({ reason: z.string().trim().max(500).optional() });

/** staffing.sample v1 (subject 'staffing'): what the deciding station measured at `at` (ms). */
export const StaffingSampleV1 = z.object({
  at: z.number().int().nonnegative(),
  measurements: StaffingMeasurementsSchema,
});

/** staffing.set v1: a lead holds the room at a level until staffing.auto. */
export const StaffingSetV1 = z.object({
  level: z.enum(STAFFING_LEVELS),
  reason: z.string().trim().min(1).max(500),
});

/** staffing.auto v1: the measurements decide the level again. */
export const StaffingAutoV1 = z.object({}).strict();

/**
 * staffing.configure v1: the room's own staffing thresholds from now on (a lead or an admin).
 * Folded in HLC order with the samples, so every station changes thresholds at the same point.
 */
export const StaffingConfigureV1 = z.object({ thresholds: StaffingThresholdsSchema });

/** reserves.set v1 (subject 'reserves'): the room's on-call reserves from now on. */
export const ReservesSetV1 = z.object({ reserves: ReservesSchema });

/**
 * reserves.answer v1 (subject 'reserve-calls'): what calling a reserve came to, for the level
 * change that called them in; the latest per reserve and change wins.
 */
export const ReservesAnswerV1 = z.object({
  changeOp: z.string().length(64),
  reserveId: z.string().min(1).max(40),
  outcome: z.enum(RESERVE_OUTCOMES),
});

/** Payload schemas of staffing and event ops, by type and version (merged into PAYLOADS). */
export const STAFFING_PAYLOADS: Record<string, Record<number, z.ZodType>> = {
  'event.save': { 1: EventSaveV1 },
  'event.cancel': { 1: EventCancelV1 },
  'staffing.sample': { 1: StaffingSampleV1 },
  'staffing.set': { 1: StaffingSetV1 },
  'staffing.auto': { 1: StaffingAutoV1 },
  'staffing.configure': { 1: StaffingConfigureV1 },
  'reserves.set': { 1: ReservesSetV1 },
  'reserves.answer': { 1: ReservesAnswerV1 },
};

/** Op types about a scheduled event (their subject is the event id). */
export const EVENT_OPS = ['event.save', 'event.cancel'] as const;
/** Op types the staffing level folds (their subject is STAFFING_SUBJECT). */
export const STAFFING_OPS = [
  'staffing.sample',
  'staffing.set',
  'staffing.auto',
  'staffing.configure',
] as const;
/** Op types about the reserves and calling them in. */
export const RESERVE_OPS = ['reserves.set', 'reserves.answer'] as const;
/** The subject of reserves.set ops. */
export const RESERVES_SUBJECT = 'reserves';
/** The subject of reserves.answer ops. */
export const RESERVE_CALLS_SUBJECT = 'reserve-calls';
/** The subject of every staffing level op. */
export const STAFFING_SUBJECT = 'staffing';
