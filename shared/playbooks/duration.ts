import { z } from 'zod';

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const PART = /(\d+)\s*([smhd])/g;

/**
 * A duration as people write it in a playbook: `90s`, `15m`, `2h`, `1d`, or parts together
 * (`1h30m`). Parsed to milliseconds; anything else is refused with an example.
 */
export const DurationSchema = z
  .string()
  .trim()
  .regex(/^(\d+\s*[smhd]\s*)+$/, 'write a duration like 15m, 2h, 1h30m or 1d')
  .transform((text) => {
    let ms = 0;
    for (const [, n, unit] of text.matchAll(PART))
      ms += Number(n) * UNIT_MS[unit as keyof typeof UNIT_MS];
    return ms;
  })
  .refine((ms) => ms > 0, 'a duration must be longer than zero')
  .refine((ms) => ms <= 30 * UNIT_MS.d, 'a duration may be at most 30 days');

/** Writes milliseconds back as a playbook duration (`1h30m`). */
export function formatDuration(ms: number): string {
  let left = Math.round(ms / 1000);
  const parts: string[] = [];
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3_600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    const n = Math.floor(left / size);
    if (n > 0) parts.push(`${n}${unit}`);
    left -= n * size;
  }
  return parts.join('') || '0s';
}
