import { useTranslation } from 'react-i18next';
import type { RunSummary } from '../../../../shared/contract/runs';

/** Shown on every screen while a run is open: the most severe one, and how to reach the board. */
export function SeverityBanner(props: { runs: RunSummary[]; onOpen: (runId: string) => void }) {
  const { t } = useTranslation();
  const open = props.runs.filter((r) => r.closedAt === null);
  const top = [...open].sort((a, b) => a.severity.localeCompare(b.severity))[0];
  if (!top) return null;
  return (
    <div
      className={`banner sev ${top.severity.toLowerCase()}`}
      role="status"
      data-testid="severity-banner"
    >
      <strong>{top.severity}</strong> · {top.playbookName} · {t('runs.phase', { phase: top.state })}
      {open.length > 1 && (
        <span className="muted"> · {t('runs.moreOpen', { count: open.length - 1 })}</span>
      )}
      <button type="button" className="ghost" onClick={() => props.onOpen(top.id)}>
        {t('runs.openBoard')}
      </button>
    </div>
  );
}
