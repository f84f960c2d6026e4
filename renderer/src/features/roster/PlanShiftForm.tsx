import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DEPARTMENTS, type Department, type Operator } from '../../../../shared/domain/people';
import { ErrorNote, SelectField, TextField } from '../../components/Field';
import { call, type DeskSocket } from '../../desk/client';

/** A datetime-local value (this desk's clock) for a time. */
function localInput(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Leads: plan a shift for somebody (department, start and end on this desk's clock, a note). */
export function PlanShiftForm(props: { socket: DeskSocket }) {
  const { t } = useTranslation();
  const [people, setPeople] = useState<Operator[]>([]);
  const [operatorId, setOperatorId] = useState('');
  const [department, setDepartment] = useState<Department>('customer-care');
  const [start, setStart] = useState(() => localInput(new Date(Date.now() + 3_600_000)));
  const [end, setEnd] = useState(() => localInput(new Date(Date.now() + 9 * 3_600_000)));
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void call(props.socket, 'operator.list', {}).then((r) => {
      if (!r.ok) return;
      const working = r.operators.filter((o) => !o.disabled && o.role !== 'observer');
      setPeople(working);
      setOperatorId((id) => id || (working[0]?.id ?? ''));
    });
  }, [props.socket]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const r = await call(props.socket, 'roster.planShift', {
      operatorId,
      department,
      start: new Date(start).toISOString(),
      end: new Date(end).toISOString(),
      ...(note.trim() && { note: note.trim() }),
    });
    setError(r.ok ? null : r.message);
    if (r.ok) setNote('');
  }

  const ids = people.map((p) => p.id);
  return (
    <form className="form-grid plan-shift" onSubmit={(e) => void submit(e)}>
      <SelectField
        label={t('roster.person')}
        value={operatorId}
        options={ids}
        labelOf={(id) => people.find((p) => p.id === id)?.displayName ?? id}
        onValue={setOperatorId}
      />
      <SelectField
        label={t('roster.department')}
        value={department}
        options={DEPARTMENTS}
        labelOf={(d) => t(`department.${d}`)}
        onValue={setDepartment}
      />
      <TextField
        label={t('roster.start')}
        type="datetime-local"
        value={start}
        onValue={setStart}
        required
      />
      <TextField
        label={t('roster.end')}
        type="datetime-local"
        value={end}
        onValue={setEnd}
        required
      />
      <TextField label={t('roster.note')} value={note} onValue={setNote} maxLength={500} />
      <ErrorNote error={error} />
      <button type="submit" disabled={!operatorId}>
        {t('roster.plan')}
      </button>
    </form>
  );
}
