import { useTranslation } from 'react-i18next';
import type { StaffingStatus } from '../../../../shared/contract/staffing';
import { StaffingThresholdsSchema } from '../../../../shared/staffing/staffing-thresholds';
import { YamlSetting } from '../../components/YamlSetting';
import { call, type DeskSocket } from '../../desk/client';

/**
 * The room's staffing thresholds as YAML: what raises and lowers the level, how long it must
 * hold, and which levels call the reserves in. Leads and admins change them.
 */
export function StaffingThresholds(props: {
  socket: DeskSocket;
  status: StaffingStatus | null;
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  if (!props.status) return <p className="muted">{t('staffing.loading')}</p>;
  return (
    <section className="staffing-thresholds">
      <p className="muted" data-testid="thresholds-source">
        {props.status.thresholdsSource === 'room'
          ? t('staffing.thresholds.room')
          : t('staffing.thresholds.default')}
      </p>
      <YamlSetting
        label={t('staffing.thresholds.title')}
        file="thresholds.yaml"
        value={props.status.thresholds}
        schema={StaffingThresholdsSchema}
        canEdit={props.canEdit}
        saveLabel={t('staffing.thresholds.save')}
        savedNote={t('staffing.thresholds.saved')}
        onSave={async (thresholds) => {
          const r = await call(props.socket, 'staffing.configure', { thresholds });
          return r.ok ? null : r.message;
        }}
      />
    </section>
  );
}
