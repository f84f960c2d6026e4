import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoomInfo } from '../../../../shared/contract/room';
import {
  DEPARTMENTS,
  ROLES,
  type Department,
  type Operator,
  type Role,
} from '../../../../shared/domain/people';
import { APPROVAL_AREAS, type ApprovalArea } from '../../../../shared/messaging/policy';
import { Dialog } from '../../components/Dialog';
import { ErrorNote, NewPasswordField, SelectField } from '../../components/Field';
import { call, type DeskSocket } from '../../desk/client';
import { ResetPasswordForm } from './ResetPasswordForm';
import { RecoveryCodeRenewal } from './RecoveryCodeRenewal';

// Roles that review messages, and so hold approval areas (DECISIONS.md 11).
const REVIEWS: readonly Role[] = ['admin', 'lead', 'approver'];

/** People in the room; an admin creates accounts here. */
export function PeopleDialog(props: { socket: DeskSocket; room: RoomInfo; onClose: () => void }) {
  const { t } = useTranslation();
  const [people, setPeople] = useState<Operator[]>([]);
  const [f, setF] = useState({
    username: '',
    displayName: '',
    password: '',
    role: 'operator' as Role,
    department: '' as Department | '',
    areas: [] as ApprovalArea[],
  });
  const [error, setError] = useState<string | null>(null);
  const [resetting, setResetting] = useState<Operator | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { socket } = props;
  const isAdmin = props.room.me.role === 'admin';

  useEffect(() => {
    void call(socket, 'operator.list', {}).then((r) => r.ok && setPeople(r.operators));
    const onChange = (list: Operator[]) => setPeople(list);
    socket.on('operator.changed', onChange);
    return () => {
      socket.off('operator.changed', onChange);
    };
  }, [socket]);

  async function updateAreas(operatorId: string, areas: ApprovalArea[]) {
    // Shown at once; the station's answer (and operator.changed on every desk) confirms it.
    setPeople((list) => list.map((p) => (p.id === operatorId ? { ...p, areas } : p)));
    const r = await call(socket, 'operator.update', { operatorId, areas });
    setError(r.ok ? null : r.message);
    if (!r.ok) void call(socket, 'operator.list', {}).then((l) => l.ok && setPeople(l.operators));
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const r = await call(socket, 'operator.create', {
      username: f.username,
      displayName: f.displayName || f.username,
      password: f.password,
      role: f.role,
      departments: f.department ? [f.department] : [],
      areas: REVIEWS.includes(f.role) ? f.areas : [],
    });
    if (r.ok) {
      setError(null);
      setF({ ...f, username: '', displayName: '', password: '', areas: [] });
    } else setError(r.message);
  }

  return (
    <Dialog title={t('people.title')} onClose={props.onClose} wide>
      <table className="people">
        <thead>
          <tr>
            <th>{t('people.name')}</th>
            <th>{t('auth.username')}</th>
            <th>{t('people.role')}</th>
            <th>{t('people.departments')}</th>
            <th>{t('people.areas')}</th>
            {isAdmin && <th>{t('auth.password')}</th>}
          </tr>
        </thead>
        <tbody>
          {people.map((p) => (
            <tr key={p.id}>
              <td>{p.displayName}</td>
              <td>{p.username}</td>
              <td>{t(`role.${p.role}`)}</td>
              <td>{p.departments.map((d) => t(`department.${d}`)).join(', ')}</td>
              <td>
                {isAdmin && REVIEWS.includes(p.role) ? (
                  <AreaChoice
                    label={p.displayName}
                    areas={p.areas as ApprovalArea[]}
                    onChange={(areas) => void updateAreas(p.id, areas)}
                  />
                ) : (
                  p.areas.map((a) => t(`area.${a}`, { defaultValue: a })).join(', ')
                )}
              </td>
              {isAdmin && (
                <td>
                  <button
                    type="button"
                    aria-label={t('people.resetTitle', { name: p.displayName })}
                    onClick={() => {
                      setNotice(null);
                      setResetting(p);
                    }}
                  >
                    {t('people.reset')}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {notice && (
        <p role="status" className="muted">
          {notice}
        </p>
      )}
      {isAdmin && resetting && (
        <ResetPasswordForm
          key={resetting.id}
          socket={socket}
          operator={resetting}
          onDone={(text) => {
            setResetting(null);
            setNotice(text);
          }}
          onCancel={() => setResetting(null)}
        />
      )}
      {isAdmin && <RecoveryCodeRenewal socket={socket} />}
      {isAdmin && (
        <form className="form-grid" onSubmit={submit} aria-label={t('people.create')}>
          <h3 className="full">{t('people.create')}</h3>
          <label>
            {t('auth.username')}
            <input
              required
              value={f.username}
              onChange={(e) => setF({ ...f, username: e.target.value })}
            />
          </label>
          <label>
            {t('people.name')}
            <input
              value={f.displayName}
              onChange={(e) => setF({ ...f, displayName: e.target.value })}
            />
          </label>
          <NewPasswordField
            label={t('auth.password')}
            value={f.password}
            onValue={(password) => setF({ ...f, password })}
          />
          <SelectField
            label={t('people.role')}
            value={f.role}
            options={ROLES}
            labelOf={(r) => t(`role.${r}`)}
            onValue={(role) => setF({ ...f, role })}
          />
          <label>
            {t('people.departments')}
            <select
              value={f.department}
              onChange={(e) => setF({ ...f, department: e.target.value as Department | '' })}
            >
              <option value="">—</option>
              {DEPARTMENTS.map((d) => (
                <option key={d} value={d}>
                  {t(`department.${d}`)}
                </option>
              ))}
            </select>
          </label>
          {REVIEWS.includes(f.role) && (
            <fieldset className="full areas">
              <legend>{t('people.areas')}</legend>
              <AreaChoice areas={f.areas} onChange={(areas) => setF({ ...f, areas })} />
            </fieldset>
          )}
          <ErrorNote error={error} className="full" />
          <button type="submit" className="primary full">
            {t('people.createButton')}
          </button>
        </form>
      )}
    </Dialog>
  );
}

/** Checkboxes for approval areas; `label` names whose areas they are (for screen readers). */
function AreaChoice(props: {
  areas: readonly ApprovalArea[];
  onChange: (areas: ApprovalArea[]) => void;
  label?: string;
}) {
  const { t } = useTranslation();
  return (
    <span className="area-choice">
      {APPROVAL_AREAS.map((a) => (
        <label key={a}>
          <input
            type="checkbox"
            aria-label={props.label ? `${props.label}: ${t(`area.${a}`)}` : undefined}
            checked={props.areas.includes(a)}
            onChange={(e) =>
              props.onChange(
                e.target.checked ? [...props.areas, a] : props.areas.filter((x) => x !== a),
              )
            }
          />
          {t(`area.${a}`)}
        </label>
      ))}
    </span>
  );
}
