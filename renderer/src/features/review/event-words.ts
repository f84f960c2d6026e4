import type { TFunction } from 'i18next';
import type { TimelineEvent } from '../../../../shared/analytics/timeline';

/** One fact of an event, labelled, ready to show as text. */
export type EventFact = { label: string; value: string };

/** The facts of an event's detail worth reading, in the UI language (empty and false left out). */
export function eventFacts(
  e: TimelineEvent,
  t: TFunction,
  names: (id: string) => string,
): EventFact[] {
  const out: EventFact[] = [];
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
export const eventSentence = (e: TimelineEvent, t: TFunction) => t(`review.kind.${e.kind}`);

/** Who did it, by name (the station itself for its own measurements and timers). */
export const actorName = (actor: string, t: TFunction, names: (id: string) => string) =>
  actor === 'system' || actor === '' ? t('review.timeline.system') : names(actor);
