import { z } from 'zod';
import { MAX_REVIEW_DAYS } from '../../../../shared/contract/reviews';

/** What a review can be exported as (the HTTP route's `format=`; the CLI's `--format`). */
export const EXPORT_FORMATS = ['html', 'pdf', 'md', 'csv', 'actions-csv', 'ledger'] as const;
/** One export format. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** File name endings and media types of each format. */
export const FORMAT_FILES: Record<ExportFormat, { ext: string; type: string }> = {
  html: { ext: 'html', type: 'text/html; charset=utf-8' },
  pdf: { ext: 'pdf', type: 'application/pdf' },
  md: { ext: 'md', type: 'text/markdown; charset=utf-8' },
  csv: { ext: 'csv', type: 'text/csv; charset=utf-8' },
  'actions-csv': { ext: 'csv', type: 'text/csv; charset=utf-8' },
  ledger: { ext: 'jsonl', type: 'application/x-ndjson; charset=utf-8' },
};

const When = z.iso.datetime({ offset: true });

/** Whether Intl knows a time zone name. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Which review to export: a saved review (its retrospective and its scope), a playbook run (its
 * span and its newest review), or a window; the same limits as review.get on /desk.
 */
export const ExportTargetSchema = z
  .object({
    reviewId: z.string().min(1).max(64).optional(),
    runId: z.string().min(1).max(64).optional(),
    from: When.optional(),
    to: When.optional(),
  })
  .refine(
    (r) =>
      [r.reviewId, r.runId, r.from ?? r.to].filter((x) => x !== undefined).length === 1 &&
      (r.from === undefined) === (r.to === undefined),
    { message: 'say which review, which run, or from when to when (one of them)' },
  )
  .refine((r) => !r.from || !r.to || Date.parse(r.to) > Date.parse(r.from), {
    message: 'the review must end after it starts',
    path: ['to'],
  })
  .refine(
    (r) =>
      !r.from || !r.to || Date.parse(r.to) - Date.parse(r.from) <= MAX_REVIEW_DAYS * 86_400_000,
    { message: `a review covers at most ${MAX_REVIEW_DAYS} days`, path: ['to'] },
  );
/** A parsed export target. */
export type ExportTarget = z.infer<typeof ExportTargetSchema>;

/** How the report reads: redacted or not, its time zone, its first-response target. */
export const ExportOptionsSchema = z.object({
  redact: z.boolean().default(false),
  timeZone: z
    .string()
    .max(64)
    .refine(isTimeZone, 'not a time zone Intl knows (e.g. Europe/Warsaw, UTC)')
    .optional(),
  targetMinutes: z.number().int().min(1).max(10_080).default(15),
});
/** Parsed export options. */
export type ExportOptions = z.infer<typeof ExportOptionsSchema>;

/** Zod's first issue as one line ("to: the review must end after it starts"). */
export function issueLine(error: z.ZodError): string {
  return error.issues
    .map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}
