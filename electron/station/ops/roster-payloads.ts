import { z } from 'zod';
import { DepartmentSchema } from '../../../shared/domain/people';
import {
  CHECK_OUT_REASONS,
  CapacitySchema,
  DEFAULT_CAPACITY,
  SkillsSchema,
} from '../../../shared/domain/roster';

const Id = z.string().min(1).max(64);

/** shift.check-in v1: an operator starts (or changes) their shift at a desk (subject: operator id). */
export const ShiftCheckInV1 = z.object({
  department: DepartmentSchema,
  skills: SkillsSchema,
  capacity: CapacitySchema.default(DEFAULT_CAPACITY),
  deskStation: Id,
});

/** shift.check-out v1: an operator leaves their shift (subject: operator id). */
export const ShiftCheckOutV1 = z.object({ reason: z.enum(CHECK_OUT_REASONS) });

/** shift.plan v1: a lead plans (or re-plans) a shift for an operator (subject: shift id). */
export const ShiftPlanV1 = z
  .object({
    shiftId: Id,
    operatorId: Id,
    department: DepartmentSchema,
    start: z.iso.datetime(),
    end: z.iso.datetime(),
    note: z.string().max(500).optional(),
  })
  .refine((p) => Date.parse(p.end) > Date.parse(p.start), 'a shift ends after it starts');

/** shift.cancel v1: a lead cancels a planned shift (subject: shift id). */
export const ShiftCancelV1 = z.object({ shiftId: Id });

/** Payload schemas of the roster ops, by type and version. */
export const ROSTER_PAYLOADS: Record<string, Record<number, z.ZodType>> = {
  'shift.check-in': { 1: ShiftCheckInV1 },
  'shift.check-out': { 1: ShiftCheckOutV1 },
  'shift.plan': { 1: ShiftPlanV1 },
  'shift.cancel': { 1: ShiftCancelV1 },
};
