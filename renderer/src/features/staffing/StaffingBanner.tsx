import { useTranslation } from 'react-i18next';
import type { StaffingStatus } from '../../../../shared/contract/staffing';
import { isRaised } from './use-staffing';

/** On every desk while the room is elevated or in surge: the level and why. */
export function StaffingBanner(props: { status: StaffingStatus | null; onOpen: () => void }) {
  const { t } = useTranslation();
  const s = props.status;
  if (!s || !isRaised(s)) return null;
  return (
    <div className={`banner staffing ${s.level}`} role="alert" data-testid="staffing-banner">
      <strong>{t(`staffing.level.${s.level}`)}</strong>
      <span>{s.why}</span>
      {s.reserveCall && s.reserves.length > 0 && (
        <span data-testid="banner-reserves">
          {t('staffing.reserveCall.banner', {
            coming: s.reserveCall.calls.filter((c) => c.outcome === 'coming').length,
            total: s.reserves.length,
          })}
        </span>
      )}
      <button type="button" className="ghost" onClick={props.onOpen}>
        {t('staffing.open')}
      </button>
    </div>
  );
}
