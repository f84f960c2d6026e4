import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffingStatus } from '../../../../shared/contract/staffing';
import { formatSeconds } from '../../../../shared/staffing/staffing-thresholds';

/** The room's big screen: queue, oldest waiting, share within target, level, needed vs present. */
export function WallScreen(props: { status: StaffingStatus | null; onClose: () => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    void d?.requestFullscreen?.().catch(() => undefined);
    return () => {
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
      d?.close();
    };
  }, []);
  const s = props.status;
  const m = s?.measurements ?? null;
  const share = s?.lastHour.withinTarget;
  return (
    <dialog
      ref={ref}
      className={`wall ${s?.level ?? 'normal'}`}
      aria-label={t('staffing.wall.title')}
      data-testid="wall-screen"
      onCancel={(e) => {
        e.preventDefault();
        props.onClose();
      }}
      onClick={props.onClose}
    >
      <div className="wall-level">{t(`staffing.level.${s?.level ?? 'normal'}`)}</div>
      <div className="wall-tiles">
        <Tile label={t('staffing.wall.queue')} value={m ? String(m.queueDepth) : '—'} />
        <Tile
          label={t('staffing.wall.oldest')}
          value={m ? formatSeconds(m.oldestWaitingSeconds) : '—'}
        />
        <Tile
          label={t('staffing.wall.within', {
            minutes: Math.round((s?.lastHour.targetSeconds ?? 900) / 60),
          })}
          value={share === null || share === undefined ? '—' : `${Math.round(share * 100)} %`}
        />
        <Tile label={t('staffing.wall.staff')} value={`${s?.present ?? 0} / ${s?.needed ?? '—'}`} />
      </div>
      {s && s.level !== 'normal' && <p className="wall-why">{s.why}</p>}
    </dialog>
  );
}

function Tile(props: { label: string; value: string }) {
  return (
    <div className="wall-tile">
      <div className="wall-value">{props.value}</div>
      <div className="wall-label">{props.label}</div>
    </div>
  );
}
