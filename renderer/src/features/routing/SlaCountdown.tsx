import { useTranslation } from 'react-i18next';
import type { Mention } from '../../../../shared/domain/mention';
import { slaCountdown } from '../../../../shared/routing/sla';
import { useNow } from '../../components/use-now';

/** The SLA clock of a mention at `now`, or null when it has none. */
export function countdownOf(m: Mention, now: number) {
  if (!m.sla) return null;
  const stoppedAt = m.status === 'open' || !m.statusAt ? null : Date.parse(m.statusAt);
  // A breach the station recorded means the due time has passed, whatever this desk's clock or
  // its next tick says.
  const at = m.sla.breachedAt ? Math.max(now, m.sla.due) : now;
  return slaCountdown(
    { due: m.sla.due, warnAt: m.sla.warnAt, stoppedAt, ignored: m.status === 'ignored' },
    Date.parse(m.recordedAt),
    at,
  );
}

/** "12 min left" (amber once warned), "breached 3 min ago" (red), "met in 7 min": a mention's SLA. */
export function SlaCountdown({ m }: { m: Mention }) {
  const { t } = useTranslation();
  const now = useNow(15_000);
  const c = countdownOf(m, now);
  if (!c) return null;
  const text =
    c.state === 'running' || c.state === 'warned'
      ? t('routing.slaLeft', { n: c.minutesLeft })
      : c.state === 'breached'
        ? t(c.stopped ? 'routing.slaLate' : 'routing.slaBreached', { n: c.minutesOver })
        : c.state === 'met'
          ? t('routing.slaMet', { n: c.minutesTaken })
          : t('routing.slaStopped');
  return (
    <span
      className={`chip sla sla-${c.state}`}
      data-testid="sla-countdown"
      data-state={c.state}
      title={t('routing.slaDue', { at: new Date(m.sla?.due ?? 0).toLocaleTimeString() })}
    >
      {text}
    </span>
  );
}
