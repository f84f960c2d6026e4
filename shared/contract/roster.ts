import { z } from 'zod';
import { DepartmentSchema, type Department } from '../domain/people';
import { CapacitySchema, DEFAULT_CAPACITY, SkillsSchema } from '../domain/roster';
import type { Ack } from './common';

const Id = z.string().min(1).max(64);

/** roster.checkIn: start (or change) one's own shift at this desk. */
export const CheckInSchema = z
  .object({
    department: DepartmentSchema,
    skills: SkillsSchema.default([]),
    capacity: CapacitySchema.default(DEFAULT_CAPACITY),
  })
  .strict();

/** roster.checkOut: oneself (no operatorId), or another operator (leads and admins). */
export const CheckOutSchema = z.object({ operatorId: Id.optional() }).strict();

/** roster.list: who is on shift, and shifts planned in [from, to) (default: the next 24 h). */
export const ListRosterSchema = z
  .object({ from: z.iso.datetime().optional(), to: z.iso.datetime().optional() })
  .strict()
  .default({});

/** roster.planShift: a new shift, or a change to one (shiftId). */
export const PlanShiftSchema = z
  .object({
    shiftId: Id.optional(),
    operatorId: Id,
    department: DepartmentSchema,
    start: z.iso.datetime(),
    end: z.iso.datetime(),
    note: z.string().trim().max(500).optional(),
  })
  .strict()
  .refine((p) => Date.parse(p.end) > Date.parse(p.start), {
    message: 'a shift ends after it starts',
    path: ['end'],
  })
  .refine((p) => Date.parse(p.end) - Date.parse(p.start) <= 24 * 3_600_000, {
    message: 'a shift lasts at most 24 hours',
    path: ['end'],
  });

/** roster.cancelShift. */
export const CancelShiftSchema = z.object({ shiftId: Id }).strict();

/** Longest surge account life, in hours. */
export const SURGE_MAX_HOURS = 72;

/** roster.createSurge: accounts for surge staff, one per name, expiring after `hours`. */
export const CreateSurgeSchema = z
  .object({
    people: z
      .array(z.object({ displayName: z.string().trim().min(1).max(120) }).strict())
      .min(1, 'name at least one person')
      .max(50, 'at most 50 accounts at once'),
    department: DepartmentSchema,
    skills: SkillsSchema.default([]),
    hours: z.number().int().min(1).max(SURGE_MAX_HOURS),
  })
  .strict();

/** An operator on shift, as desks see them. */
export type OnShiftView = {
  operatorId: string;
  displayName: string;
  department: Department | null;
  skills: string[];
  capacity: number;
  /** ISO time of their check-in. */
  since: string | null;
  /** Open mentions they hold. */
  load: number;
};

/** A planned shift. */
export type ShiftView = {
  id: string;
  operatorId: string;
  displayName: string;
  department: Department;
  start: string;
  end: string;
  note: string | null;
};

/** The room's roster: who is on shift, and planned shifts. */
export type RosterView = { onShift: OnShiftView[]; shifts: ShiftView[] };

/** A surge account's credentials, answered once. */
export type SurgeCredentialView = {
  operatorId: string;
  displayName: string;
  username: string;
  password: string;
  expiresAt: string;
};

/** Commands of the roster domain. */
export type RosterCommands = {
  'roster.checkIn': (input: z.input<typeof CheckInSchema>, ack: Ack<RosterView>) => void;
  'roster.checkOut': (
    input: z.input<typeof CheckOutSchema>,
    ack: Ack<RosterView & { released: number }>,
  ) => void;
  'roster.list': (input: z.input<typeof ListRosterSchema>, ack: Ack<RosterView>) => void;
  'roster.planShift': (
    input: z.input<typeof PlanShiftSchema>,
    ack: Ack<RosterView & { shiftId: string }>,
  ) => void;
  'roster.cancelShift': (input: z.input<typeof CancelShiftSchema>, ack: Ack<RosterView>) => void;
  'roster.createSurge': (
    input: z.input<typeof CreateSurgeSchema>,
    ack: Ack<{ accounts: SurgeCredentialView[] }>,
  ) => void;
};

/** Events of the roster domain. */
export type RosterEvents = {
  /** Somebody checked in or out, or a shift was planned or cancelled: ask roster.list again. */
  'roster.changed': () => void;
};
