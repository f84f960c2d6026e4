import { z } from 'zod';
import { DepartmentSchema } from '../domain/people';

/**
 * On-call reserves: people who are not at a desk but come in when the room rises into a level
 * that calls them (staffing thresholds' `notifyReserves`). The room keeps their list; when the
 * level rises, every desk shows it as a call list and the station posts it to the room's webhook
 * (a paging or SMS service), and leads mark who is coming.
 */
export const ReserveSchema = z
  .object({
    /** Stable within the list: what call outcomes refer to. */
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lowercase letters, digits and dashes (e.g. "ana-k")'),
    name: z.string().trim().min(1).max(120),
    phone: z.string().trim().max(40).optional(),
    email: z.email().max(320).optional(),
    department: DepartmentSchema.optional(),
    note: z.string().trim().max(500).optional(),
  })
  .strict();
/** One reserve. */
export type Reserve = z.infer<typeof ReserveSchema>;

/** The room's reserves list (ids unique). */
export const ReservesSchema = z
  .array(ReserveSchema)
  .max(200)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((r, i) => {
      if (seen.has(r.id))
        ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `"${r.id}" is listed twice` });
      seen.add(r.id);
    });
  });

/** What a call to a reserve came to. */
export const RESERVE_OUTCOMES = ['coming', 'no-answer', 'declined'] as const;
/** One outcome. */
export type ReserveOutcome = (typeof RESERVE_OUTCOMES)[number];
