import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { REFUSED_WHATS } from '../../../../shared/analytics/refused-what';
import type { TimelineEvent } from '../../../../shared/analytics/timeline';
import en from '../../i18n/en.json';
import pl from '../../i18n/pl.json';
import tr from '../../i18n/tr.json';
import { eventFacts, eventSentence } from './event-words';

async function translator(lng: string) {
  const i18n = i18next.createInstance();
  await i18n.init({
    resources: { en: { translation: en }, tr: { translation: tr }, pl: { translation: pl } },
    lng,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
  });
  return i18n.t;
}

const refused = (detail: TimelineEvent['detail']): TimelineEvent => ({
  opId: 'r',
  kind: 'refused',
  at: 0,
  recordedAt: 0,
  actor: 'u-pat',
  detail,
  evidence: { kind: 'message', id: 'msg-1' },
  firstStatement: false,
});
const APPROVAL = refused({
  op: 'message.review',
  decision: 'approve',
  area: 'legal',
  reason: 'the reviewer does not approve for legal',
});

describe('event words', () => {
  it('say what was refused and why, in each language, with nothing repeated as facts', async () => {
    const en = await translator('en');
    expect(eventSentence(APPROVAL, en)).toBe(
      'Refused: approval of a message for Legal — the reviewer does not approve for legal',
    );
    expect(eventFacts(APPROVAL, en, (id) => id)).toEqual([]);
    expect(eventSentence(APPROVAL, await translator('pl'))).toBe(
      'Odrzucono: zatwierdzenie wiadomości (obszar: Dział prawny) — the reviewer does not approve for legal',
    );
    expect(
      eventSentence(
        refused({ op: 'run.approve', step: 'holding-statement', reason: null }),
        await translator('tr'),
      ),
    ).toBe('Reddedildi: holding-statement geçidinin onayı');
    expect(eventSentence(refused({ op: 'badge.award', reason: 'unknown' }), en)).toBe(
      'Refused: badge.award — unknown',
    );
  });

  it('have a phrase for every kind of refused op', async () => {
    const en = await translator('en');
    for (const what of REFUSED_WHATS)
      expect(en(`review.refused.what.${what}`, { step: 's', area: 'a', type: 't' })).not.toMatch(
        /^review\./,
      );
  });
});
