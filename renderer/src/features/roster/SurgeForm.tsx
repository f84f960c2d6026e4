import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SurgeCredentialView } from '../../../../shared/contract/roster';
import { DEPARTMENTS, type Department } from '../../../../shared/domain/people';
import { ErrorNote, SelectField } from '../../components/Field';
import { call, type DeskSocket } from '../../desk/client';
import { copyText } from '../messages/clipboard';
import { SkillChips } from './SkillChips';

/** Prints only the credentials table (theme.css hides the rest while this class is on). */
function printCredentials() {
  document.body.classList.add('printing-credentials');
  window.print();
  document.body.classList.remove('printing-credentials');
}

/** Admins: surge accounts for a list of names, and their credentials shown once. */
export function SurgeForm(props: { socket: DeskSocket }) {
  const { t, i18n } = useTranslation();
  const [names, setNames] = useState('');
  const [department, setDepartment] = useState<Department>('customer-care');
  const [skills, setSkills] = useState<string[]>([]);
  const [hours, setHours] = useState(12);
  const [error, setError] = useState<string | null>(null);
  const [made, setMade] = useState<SurgeCredentialView[] | null>(null);
  const [copied, setCopied] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const people = names
      .split('\n')
      .map((n) => n.trim())
      .filter(Boolean)
      .map((displayName) => ({ displayName }));
    setBusy(true);
    const r = await call(props.socket, 'roster.createSurge', { people, department, skills, hours });
    setBusy(false);
    if (!r.ok) return setError(r.message);
    setError(null);
    setNames('');
    setCopied(false);
    setMade(r.accounts);
  }

  const when = (iso: string) =>
    new Date(iso).toLocaleString(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  const asText = (list: SurgeCredentialView[]) =>
    list
      .map((a) => `${a.displayName}\t${a.username}\t${a.password}\t${when(a.expiresAt)}`)
      .join('\n');

  return (
    <section className="surge" aria-label={t('roster.surgeTitle')}>
      <h3>{t('roster.surgeTitle')}</h3>
      {made ? (
        <div className="surge-credentials">
          <p className="muted">{t('roster.surgeOnce')}</p>
          <table>
            <thead>
              <tr>
                <th>{t('people.name')}</th>
                <th>{t('auth.username')}</th>
                <th>{t('roster.password')}</th>
                <th>{t('roster.expires')}</th>
              </tr>
            </thead>
            <tbody>
              {made.map((a) => (
                <tr key={a.operatorId}>
                  <td>{a.displayName}</td>
                  <td data-testid="surge-username">
                    <code>{a.username}</code>
                  </td>
                  <td data-testid="surge-password">
                    <code>{a.password}</code>
                  </td>
                  <td>{when(a.expiresAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="roster-actions">
            <button type="button" onClick={() => void copyText(asText(made)).then(setCopied)}>
              {copied ? t('roster.copied') : t('roster.copy')}
            </button>
            <button type="button" onClick={printCredentials}>
              {t('roster.print')}
            </button>
            <button type="button" className="ghost" onClick={() => setMade(null)}>
              {t('roster.surgeDone')}
            </button>
          </div>
        </div>
      ) : (
        <form className="form-grid" onSubmit={(e) => void submit(e)}>
          <label>
            {t('roster.surgeNames')}
            <textarea rows={4} value={names} required onChange={(e) => setNames(e.target.value)} />
          </label>
          <SelectField
            label={t('roster.department')}
            value={department}
            options={DEPARTMENTS}
            labelOf={(d) => t(`department.${d}`)}
            onValue={setDepartment}
          />
          <label>
            {t('roster.skills')}
            <SkillChips skills={skills} onChange={setSkills} />
          </label>
          <label>
            {t('roster.hours')}
            <input
              type="number"
              min={1}
              max={72}
              value={hours}
              onChange={(e) => setHours(Math.max(1, Math.min(72, Number(e.target.value) || 1)))}
            />
          </label>
          <ErrorNote error={error} />
          <button type="submit" className="primary" disabled={busy}>
            {t('roster.surgeCreate')}
          </button>
        </form>
      )}
    </section>
  );
}
