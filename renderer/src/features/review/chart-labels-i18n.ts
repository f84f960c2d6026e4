import type { TFunction } from 'i18next';
import type { ChartLabels } from '../../../../shared/review/charts/chart-labels';
import { formatDuration } from './review-format';

/** The charts' words in the UI language. */
export function chartLabels(t: TFunction, lang: string): ChartLabels {
  return {
    mentions: t('review.chart.mentions'),
    otherKey: t('review.chart.other'),
    incident: t('review.chart.incident'),
    meanScore: t('review.chart.meanScore'),
    negativeShare: t('review.chart.negativeShare'),
    answered: t('review.chart.answered'),
    withinTarget: t('review.chart.withinTarget'),
    beyondTarget: t('review.chart.beyondTarget'),
    waiting: t('review.chart.waiting'),
    oldestWaiting: t('review.chart.oldestWaiting'),
    needed: t('review.chart.needed'),
    present: t('review.chart.present'),
    duration: (s) => formatDuration(s, lang),
    upTo: (bound) => t('review.chart.upTo', { bound }),
    longer: (bound) => t('review.chart.longer', { bound }),
    keyName: (key) => t(`channel.${key}`, { defaultValue: key }),
  };
}
