import type { TFunction } from 'i18next';
import type { TimelineEvent } from '../../../../shared/analytics/timeline';
import { refusedWhat } from '../../../../shared/analytics/refused-what';

/** One fact of an event, labelled, ready to show as text. */
export type EventFact = { label: string; value: string };

/** The facts of an event's detail worth reading, in the UI language (empty and false left out). */
export function eventFacts(
  e: TimelineEvent,
  t: TFunction,
  names: (id: string) => string,
): EventFact[] {
  const out: EventFact[] = [];
  // A refused event's sentence says it all: what it was (op, area, decision, step) and why.
  if (e.kind === 'refused') return out;
  for (const [key, raw] of Object.entries(e.detail)) {
    if (raw === null || raw === false || raw === '') continue;
    const label = t(`review.detail.${key}`, { defaultValue: key });
    if (key === 'byHand') out.push({ label, value: t('review.detail.yes') });
    else if (key === 'operator') out.push({ label, value: names(String(raw)) });
    else if (key === 'channel')
      out.push({ label, value: t(`channel.${raw}`, { defaultValue: String(raw) }) });
    else if (key === 'department')
      out.push({ label, value: t(`department.${raw}`, { defaultValue: String(raw) }) });
    else out.push({ label, value: String(raw) });
  }
  return out;
}

/** What an event says in one line: its kind's sentence. */
export const eventSentence = (e: TimelineEvent, t: TFunction): string =>
  e.kind === 'refused' ? refusedSentence(e.detail, t) : t(`review.kind.${e.kind}`);

/** "Refused: approval of a message for Legal — the reviewer does not approve for legal". */
function refusedSentence(d: TimelineEvent['detail'], t: TFunction): string {
  const text = (k: string) => (typeof d[k] === 'string' ? (d[k] as string) : '');
  const area = text('area');
  const what = t(`review.refused.what.${refusedWhat(d)}`, {
    step: text('step'),
    area: area && t(`area.${area}`, { defaultValue: area }),
    type: text('op'),
  });
  // The reason is the station's own words (English), as its fold recorded it.
  const reason = text('reason');
  return reason
    ? t('review.refused.sentence', { what, reason })
    : t('review.refused.bare', { what });
}

/** Who did it, by name (the station itself for its own measurements and timers). */
export const actorName = (actor: string, t: TFunction, names: (id: string) => string) =>
  actor === 'system' || actor === '' ? t('review.timeline.system') : names(actor);
