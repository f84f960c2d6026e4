/** A duration in the UI language, in the unit that reads best (45 s, 12 min, 2.5 h, 3 d). */
export function formatDuration(seconds: number | null, lang: string): string {
  if (seconds === null || !Number.isFinite(seconds)) return '—';
  const [value, unit] =
    seconds < 60
      ? [seconds, 'second']
      : seconds < 3600
        ? [seconds / 60, 'minute']
        : seconds < 86_400
          ? [seconds / 3600, 'hour']
          : [seconds / 86_400, 'day'];
  return new Intl.NumberFormat(lang, {
    style: 'unit',
    unit,
    unitDisplay: 'short',
    maximumFractionDigits: unit === 'second' || unit === 'minute' ? 0 : 1,
  }).format(value);
}

/** A share (0–1) as a percentage in the UI language; a dash for none. */
export function formatShare(share: number | null, lang: string): string {
  if (share === null || !Number.isFinite(share)) return '—';
  return new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

/** A date and time (epoch ms) in the UI language, with seconds when asked. */
export function formatMoment(ms: number, lang: string, seconds = false): string {
  return new Intl.DateTimeFormat(lang, {
    dateStyle: 'short',
    timeStyle: seconds ? 'medium' : 'short',
  }).format(ms);
}

/** Epoch ms as the value of a datetime-local input (local time, minutes). */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local input's value as epoch ms (NaN when empty or malformed). */
export const fromLocalInput = (value: string): number => (value ? new Date(value).getTime() : NaN);
