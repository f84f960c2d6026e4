import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OnShiftView } from '../../../../shared/contract/roster';
import { call, type DeskSocket } from '../../desk/client';

/** Who is checked in, by department (from the roster; kept current by `roster.changed`). */
export function OnShift(props: { socket: DeskSocket }) {
  const { t } = useTranslation();
  const [onShift, setOnShift] = useState<OnShiftView[] | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      void call(props.socket, 'roster.list', {}).then((r) => {
        if (live) setOnShift(r.ok ? r.onShift : null);
      });
    load();
    props.socket.on('roster.changed', load);
    return () => {
      live = false;
      props.socket.off('roster.changed', load);
    };
  }, [props.socket]);
  if (!onShift) return null;
  const byDepartment = new Map<string, string[]>();
  for (const p of onShift) {
    const key = p.department ?? '';
    byDepartment.set(key, [...(byDepartment.get(key) ?? []), p.displayName]);
  }
  return (
    <section data-testid="staffing-on-shift">
      <h3>{t('staffing.onShift', { count: onShift.length })}</h3>
      {[...byDepartment.entries()].map(([dept, names]) => (
        <p key={dept}>
          <strong>
            {dept ? t(`department.${dept}`, { defaultValue: dept }) : t('staffing.noDepartment')}
          </strong>{' '}
          · {names.join(', ')}
        </p>
      ))}
    </section>
  );
}
