import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MentionRoutingView } from '../../../../shared/contract/routing';
import type { RoomInfo } from '../../../../shared/contract/room';
import type { Mention } from '../../../../shared/domain/mention';
import { DEPARTMENTS, type Department } from '../../../../shared/domain/people';
import { can } from '../../../../shared/domain/permissions';
import { ErrorNote, SelectField, TextField } from '../../components/Field';
import { formatTime } from '../../components/format';
import { call, type DeskSocket } from '../../desk/client';

/** How the mention was routed (department, skills, tags, why) and, for leads, a re-route form. */
export function MentionRouting(props: { socket: DeskSocket; room: RoomInfo; mention: Mention }) {
  const { t, i18n } = useTranslation();
  const { socket, mention: m } = props;
  const [view, setView] = useState<MentionRoutingView | null>(null);
  const [open, setOpen] = useState(false);
  const [department, setDepartment] = useState<Department>('customer-care');
  const [priority, setPriority] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void call(socket, 'mention.routing', { mentionId: m.id }).then(
      (r) => live && r.ok && setView(r.routing),
    );
    return () => {
      live = false;
    };
  }, [socket, m]);

  async function reroute() {
    const p = priority.trim() === '' ? undefined : Number(priority);
    const r = await call(socket, 'mention.route', {
      mentionId: m.id,
      department,
      reason,
      ...(p !== undefined && { priority: p }),
    });
    if (!r.ok) return setError(r.message);
    setError(null);
    setOpen(false);
    setReason('');
    // The station pushes the changed row to every desk (mention.changed): the pane follows.
  }

  const v = view?.mentionId === m.id ? view : null;
  const dept = (d: string | null) => (d ? t(`department.${d}`, { defaultValue: d }) : '—');
  // The last matching rule is the one that decided the department (department rules end routing).
  const last = v?.atIngest?.why.at(-1);
  const cut = last?.indexOf(': ') ?? -1;
  const rule = last && { name: last.slice(0, cut), what: last.slice(cut + 2) };
  return (
    <section className="mention-routing" data-testid="mention-routing">
      <h3>{t('routing.title')}</h3>
      <p data-testid="routing-summary">
        {v?.reroute
          ? t('routing.reroutedBy', {
              department: dept(v.department),
              name: v.reroute.byName,
              reason: v.reroute.reason,
              at: formatTime(v.reroute.at, i18n.language),
            })
          : rule
            ? t('routing.routedBy', { department: dept(m.department), ...rule })
            : t('routing.routedTo', { department: dept(m.department) })}
      </p>
      {v?.breach && (
        <p className="sla-breached-note" role="status">
          {t('routing.breachRaised', { priority: v.priority })}
        </p>
      )}
      {v?.atIngest && (
        <dl className="facts">
          {v.atIngest.skills.length > 0 && (
            <>
              <dt>{t('routing.skills')}</dt>
              <dd>{v.atIngest.skills.join(', ')}</dd>
            </>
          )}
          {v.atIngest.tags.length > 0 && (
            <>
              <dt>{t('routing.tags')}</dt>
              <dd>{v.atIngest.tags.join(', ')}</dd>
            </>
          )}
          <dt>{t('routing.why')}</dt>
          <dd>
            <ul className="routing-why">
              {v.atIngest.why.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          </dd>
        </dl>
      )}
      {can(props.room.me.role, 'mention.route') &&
        (open ? (
          <form
            className="reroute"
            onSubmit={(e) => {
              e.preventDefault();
              void reroute();
            }}
          >
            <SelectField
              label={t('routing.department')}
              value={department}
              options={DEPARTMENTS}
              labelOf={(d) => t(`department.${d}`)}
              onValue={setDepartment}
            />
            <TextField
              label={t('routing.priority')}
              type="number"
              min={0}
              max={100}
              value={priority}
              onValue={setPriority}
            />
            <TextField label={t('routing.reason')} required value={reason} onValue={setReason} />
            <ErrorNote error={error} />
            <button type="submit" className="primary">
              {t('routing.reroute')}
            </button>
            <button type="button" className="ghost" onClick={() => setOpen(false)}>
              {t('routing.cancel')}
            </button>
          </form>
        ) : (
          <button type="button" onClick={() => setOpen(true)}>
            {t('routing.reroute')}
          </button>
        ))}
    </section>
  );
}
