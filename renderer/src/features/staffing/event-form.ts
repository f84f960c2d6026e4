import type { EventView, SaveEventInput } from '../../../../shared/contract/staffing';
import { fromLocalInput, intervalStarts, toLocalInput, typicalCurve } from './typical-curve';

/** The planner's form, as the inputs hold it (times as `datetime-local`, shares in %). */
export type EventForm = {
  eventId: string | null;
  name: string;
  start: string;
  end: string;
  brands: string;
  topics: string;
  targetPercent: number;
  withinMinutes: number;
  ahtSeconds: number;
  concurrency: number;
  shrinkagePercent: number;
  curve: number[];
};

/** A new event: tonight 20:00 for three hours, 90 % within 15 minutes, a typical curve. */
export function newEventForm(now = new Date()): EventForm {
  const start = new Date(now);
  start.setHours(20, 0, 0, 0);
  const end = new Date(start.getTime() + 3 * 3_600_000);
  return {
    eventId: null,
    name: '',
    start: toLocalInput(start.toISOString()),
    end: toLocalInput(end.toISOString()),
    brands: '',
    topics: '',
    targetPercent: 90,
    withinMinutes: 15,
    ahtSeconds: 240,
    concurrency: 1,
    shrinkagePercent: 20,
    curve: typicalCurve(6),
  };
}

/** A saved event in the form. */
export function formOf(e: EventView): EventForm {
  const f = e.forecast;
  return {
    eventId: e.id,
    name: e.name,
    start: toLocalInput(e.start),
    end: toLocalInput(e.end),
    brands: e.brands.join(', '),
    topics: e.topics.join(', '),
    targetPercent: Math.round(f.target.share * 1000) / 10,
    withinMinutes: Math.round((f.target.withinSeconds / 60) * 10) / 10,
    ahtSeconds: f.ahtSeconds,
    concurrency: typeof f.concurrency === 'number' ? f.concurrency : 1,
    shrinkagePercent: Math.round(f.shrinkage * 1000) / 10,
    curve: f.intervals.map((iv) => iv.mentions),
  };
}

/** The interval starts the form's times give. */
export const startsOf = (form: EventForm) =>
  intervalStarts(fromLocalInput(form.start), fromLocalInput(form.end));

/** The curve fitted to a new number of intervals: kept where it was, typical where it is new. */
export function fitCurve(curve: number[], n: number): number[] {
  const typical = typicalCurve(n);
  return Array.from({ length: n }, (_, i) => curve[i] ?? typical[i] ?? 0);
}

const words = (s: string) =>
  s
    .split(',')
    .map((w) => w.trim())
    .filter(Boolean);

/** What the station is sent (it validates; its message is shown as is). */
export function inputOf(form: EventForm): SaveEventInput {
  const starts = startsOf(form);
  return {
    ...(form.eventId && { eventId: form.eventId }),
    name: form.name,
    start: fromLocalInput(form.start),
    end: fromLocalInput(form.end),
    brands: words(form.brands),
    topics: words(form.topics),
    forecast: {
      intervals: starts.map((start, i) => ({ start, mentions: form.curve[i] ?? 0 })),
      ahtSeconds: form.ahtSeconds,
      concurrency: form.concurrency,
      target: { share: form.targetPercent / 100, withinSeconds: form.withinMinutes * 60 },
      shrinkage: form.shrinkagePercent / 100,
    },
  };
}
