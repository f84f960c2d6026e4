import { stationBase } from '../../desk/session';

/** The formats the station exports a review in. */
export const EXPORT_FORMATS = ['html', 'md', 'csv', 'actions-csv', 'pdf', 'ledger'] as const;
/** One format. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const EXTENSION: Record<ExportFormat, string> = {
  html: 'html',
  md: 'md',
  csv: 'csv',
  'actions-csv': 'csv',
  pdf: 'pdf',
  ledger: 'jsonl',
};

/** Which review: a saved retrospective, a run's, or a window's. */
export type ExportSubject = { reviewId: string } | { runId: string } | { from: string; to: string };

/** The file name a Content-Disposition header gives, if any. */
export function fileNameOf(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star?.[1]) return decodeURIComponent(star[1]);
  return /filename="?([^";]+)"?/i.exec(header)?.[1] ?? null;
}

/**
 * Fetches an export with the desk's session (the station wants it in the Authorization header, so
 * a plain link cannot carry it) and hands it to `save`; answers with the station's reason on a
 * refusal.
 */
export async function fetchExport(
  token: string,
  subject: ExportSubject,
  format: ExportFormat,
  redact: boolean,
  /** The response target the figures are measured against (minutes). */
  targetMinutes: number,
): Promise<{ ok: true; blob: Blob; name: string } | { ok: false; message: string }> {
  const q = new URLSearchParams({
    format,
    redact: redact ? '1' : '0',
    ...subject,
    targetMinutes: String(targetMinutes),
    // Times in the report as this desk shows them.
    tz: Intl.DateTimeFormat().resolvedOptions().timeZone,
  });
  try {
    const res = await fetch(`${stationBase()}/api/reviews/export?${q}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!res.ok) {
      const body = (await res.json().catch(() => null)) as { message?: string } | null;
      return {
        ok: false,
        message: body?.message ?? `the station could not export (${res.status})`,
      };
    }
    const id =
      'reviewId' in subject ? subject.reviewId : 'runId' in subject ? subject.runId : 'window';
    return {
      ok: true,
      blob: await res.blob(),
      name:
        fileNameOf(res.headers.get('content-disposition')) ??
        `review-${id}${format === 'actions-csv' ? '-actions' : ''}.${EXTENSION[format]}`,
    };
  } catch {
    return { ok: false, message: 'The station does not answer. Is it running?' };
  }
}
