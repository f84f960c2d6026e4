import { z } from 'zod';
import { ALERT_RULES } from '../../../shared/alerts/alert-types';
import { SeveritySchema } from '../../../shared/playbooks/severity';

/**
 * alert.raised v1: a station's detector saw a spike or a sentiment shift. Stations may raise the
 * same alert (same id: rule, key, window start); every op is kept and the alert shows once, as
 * its earliest op has it (DECISIONS.md 3).
 */
export const AlertRaisedV1 = z.object({
  id: z.string().min(1).max(300),
  rule: z.enum(ALERT_RULES),
  key: z.string().min(1).max(250),
  brand: z.string().max(120).nullable(),
  topic: z.string().max(120).nullable(),
  windowStart: z.number().int(),
  windowEnd: z.number().int(),
  count: z.number().int().nonnegative(),
  baselinePerHour: z.number().nonnegative(),
  ratio: z.number().nonnegative(),
  negativeShare: z.number().min(0).max(1),
  suggestedSeverity: SeveritySchema,
  /** p-value (volume spikes) or z (sentiment shifts): why it fired. */
  evidence: z.number(),
  sampleRefs: z.array(z.string().min(1).max(64)).max(50),
});
