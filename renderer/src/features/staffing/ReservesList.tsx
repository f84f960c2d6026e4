import { useTranslation } from 'react-i18next';
import type { StaffingStatus } from '../../../../shared/contract/staffing';
import { ReservesSchema } from '../../../../shared/staffing/reserves';
import { YamlSetting } from '../../components/YamlSetting';
import { call, type DeskSocket } from '../../desk/client';

/** The room's on-call reserves, as a YAML list: who is called in when the level rises. */
export function ReservesList(props: {
  socket: DeskSocket;
  status: StaffingStatus | null;
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  if (!props.status) return <p className="muted">{t('staffing.loading')}</p>;
  return (
    <section className="staffing-reserves">
      <p className="muted">{t('staffing.reserveList.intro')}</p>
      <YamlSetting
        label={t('staffing.reserveList.title')}
        file="reserves.yaml"
        value={props.status.reserves}
        schema={ReservesSchema}
        canEdit={props.canEdit}
        saveLabel={t('staffing.reserveList.save')}
        savedNote={t('staffing.reserveList.saved')}
        onSave={async (reserves) => {
          const r = await call(props.socket, 'staffing.setReserves', { reserves });
          return r.ok ? null : r.message;
        }}
      />
    </section>
  );
}
