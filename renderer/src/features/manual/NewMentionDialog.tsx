import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CHANNELS, type Channel, type Mention } from '../../../../shared/domain/mention';
import { DEPARTMENTS, type Department } from '../../../../shared/domain/people';
import { Dialog } from '../../components/Dialog';
import { ErrorNote, SelectField } from '../../components/Field';
import { call, type DeskSocket } from '../../desk/client';

const FIRST = ['phone', 'email', 'fax', 'in-person', 'sms'] as const;

/** Log a mention that came by phone, email, fax or in person; every channel is first-class. */
export function NewMentionDialog(props: {
  socket: DeskSocket;
  onClose: () => void;
  onCreated: (m: Mention) => void;
}) {
  const { t } = useTranslation();
  const [f, setF] = useState({
    channel: 'phone' as Channel,
    handle: '',
    name: '',
    email: '',
    phone: '',
    text: '',
    when: '',
    brand: '',
    department: '' as Department | '',
  });
  const [error, setError] = useState<string | null>(null);
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) =>
    setF({ ...f, [k]: e.target.value });
  const channels = [...FIRST, ...CHANNELS.filter((c) => !(FIRST as readonly string[]).includes(c))];

  async function submit(e: FormEvent) {
    e.preventDefault();
    const author = {
      handle: f.handle || f.email || f.phone || f.name,
      ...(f.name && { name: f.name }),
      ...(f.email && { email: f.email }),
      ...(f.phone && { phone: f.phone }),
    };
    const r = await call(props.socket, 'mention.create', {
      channel: f.channel,
      author,
      text: f.text,
      ...(f.when && { occurredAt: new Date(f.when).toISOString() }),
      ...(f.brand && { brand: f.brand }),
      ...(f.department && { department: f.department }),
    });
    if (r.ok) props.onCreated(r.mention);
    else setError(r.message);
  }

  return (
    <Dialog title={t('manual.title')} onClose={props.onClose} wide>
      <form className="form-grid" onSubmit={submit}>
        <SelectField
          label={t('manual.channel')}
          value={f.channel}
          options={channels}
          labelOf={(c) => t(`channel.${c}`)}
          onValue={(channel) => setF({ ...f, channel })}
        />
        <label>
          {t('manual.when')}
          <input type="datetime-local" value={f.when} onChange={set('when')} />
        </label>
        <label>
          {t('manual.handle')}
          <input value={f.handle} onChange={set('handle')} />
        </label>
        <label>
          {t('manual.name')}
          <input value={f.name} onChange={set('name')} />
        </label>
        <label>
          {t('detail.email')}
          <input type="email" value={f.email} onChange={set('email')} />
        </label>
        <label>
          {t('detail.phone')}
          <input type="tel" value={f.phone} onChange={set('phone')} />
        </label>
        <label>
          {t('detail.brand')}
          <input value={f.brand} onChange={set('brand')} />
        </label>
        <label>
          {t('manual.department')}
          <select value={f.department} onChange={set('department')}>
            <option value="">—</option>
            {DEPARTMENTS.map((d) => (
              <option key={d} value={d}>
                {t(`department.${d}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="full">
          {t('manual.text')}
          <textarea required rows={5} value={f.text} onChange={set('text')} />
        </label>
        <ErrorNote error={error} className="full" />
        <button
          type="submit"
          className="primary full"
          disabled={!f.text.trim() || !(f.handle || f.email || f.phone || f.name)}
        >
          {t('manual.save')}
        </button>
      </form>
    </Dialog>
  );
}
