import { z } from 'zod';

/** Progress of a running import, streamed as NDJSON over HTTP (DECISIONS.md 15). */
export type ImportProgress = {
  phase: 'reading' | 'indexing' | 'done' | 'failed';
  bytesRead: number;
  bytesTotal: number | null;
  rows: number;
  imported: number;
  duplicates: number;
  errors: number;
};

/** A row that could not be imported: where and why. */
export type ImportRowError = { line: number; reason: string };

/** Final summary of an import. */
export type ImportSummary = ImportProgress & { phase: 'done'; rowErrors: ImportRowError[] };

/** Query string of POST /api/import. */
export const ImportRequestSchema = z.object({
  preset: z.string().max(64).optional(),
  format: z.enum(['csv', 'jsonl']).optional(),
  filename: z.string().max(256).optional(),
});

/** A named import preset as the UI lists it. */
export type PresetInfo = { name: string; title: string; format: 'csv' | 'jsonl' };
