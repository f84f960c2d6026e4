import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DEPARTMENTS, type Department, type Operator } from '../../../../shared/domain/people';
import { DEFAULT_CAPACITY } from '../../../../shared/domain/roster';
import { ErrorNote, SelectField } from '../../components/Field';
import { call, type DeskSocket } from '../../desk/client';
import { SkillChips } from './SkillChips';

/** A compact card to start one's shift: department (home first), skills, capacity. */
export function CheckInCard(props: {
  socket: DeskSocket;
  me: Operator;
  onDone: () => void;
  onNotNow: () => void;
}) {
  const { t } = useTranslation();
  const [department, setDepartment] = useState<Department>(
    props.me.departments[0] ?? 'customer-care',
  );
  const [skills, setSkills] = useState<string[]>(props.me.skills ?? []);
  const [capacity, setCapacity] = useState(DEFAULT_CAPACITY);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Home departments first, then the rest.
  const options = [
    ...props.me.departments,
    ...DEPARTMENTS.filter((d) => !props.me.departments.includes(d)),
  ];

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const r = await call(props.socket, 'roster.checkIn', { department, skills, capacity });
    setBusy(false);
    if (r.ok) props.onDone();
    else setError(r.message);
  }

  return (
    <form
      className="checkin-card"
      aria-label={t('roster.checkInTitle')}
      onSubmit={(e) => void submit(e)}
    >
      <strong>{t('roster.checkInTitle')}</strong>
      <SelectField
        label={t('roster.department')}
        value={department}
        options={options}
        labelOf={(d) => t(`department.${d}`)}
        onValue={setDepartment}
      />
      <label>
        {t('roster.skills')}
        <SkillChips skills={skills} onChange={setSkills} />
      </label>
      <label>
        {t('roster.capacity')}
        <input
          type="number"
          min={1}
          max={20}
          value={capacity}
          onChange={(e) => setCapacity(Math.max(1, Math.min(20, Number(e.target.value) || 1)))}
        />
      </label>
      <ErrorNote error={error} />
      <div className="roster-actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('roster.checkIn')}
        </button>
        <button type="button" className="ghost" onClick={props.onNotNow}>
          {t('roster.notNow')}
        </button>
      </div>
    </form>
  );
}
