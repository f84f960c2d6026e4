import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageView } from '../../../../shared/contract/messages';
import type { RoomInfo } from '../../../../shared/contract/room';
import { can } from '../../../../shared/domain/permissions';
import { ErrorNote } from '../../components/Field';
import { formatTime } from '../../components/format';
import { call, type DeskSocket } from '../../desk/client';
import { MessageStatus } from './MessageStatus';
import { StatementForm } from './StatementForm';
import { useMessageDetail, useMessageList, versionsOf } from './use-messages';

/** The statement library by scenario and language: versions, approvals, retire, new statements. */
export function StatementLibrary(props: { socket: DeskSocket; room: RoomInfo }) {
  const { t } = useTranslation();
  const { socket, room } = props;
  const list = useMessageList(socket, { scope: 'library' }, (m) => m.library !== null);
  const [form, setForm] = useState<{ editing: MessageView | null } | null>(null);
  const canDraft = can(room.me.role, 'message.draft');
  const groups = new Map<string, MessageView[]>();
  for (const m of [...(list ?? [])].sort((a, b) => b.versionBy.at.localeCompare(a.versionBy.at))) {
    const key = `${m.library?.scenario ?? ''} · ${m.library?.language ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), m]);
  }
  return (
    <div className="library-tab" data-testid="statement-library">
      {canDraft && !form && (
        <button type="button" onClick={() => setForm({ editing: null })}>
          {t('library.new')}
        </button>
      )}
      {form && (
        <StatementForm socket={socket} editing={form.editing} onDone={() => setForm(null)} />
      )}
      {list && list.length === 0 && <p className="muted">{t('library.none')}</p>}
      {[...groups.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, statements]) => (
          <section key={key} className="scenario">
            <h3>{key}</h3>
            {statements.map((m) => (
              <Statement
                key={m.id}
                socket={socket}
                room={room}
                message={m}
                onEdit={() => setForm({ editing: m })}
              />
            ))}
          </section>
        ))}
    </div>
  );
}

/** One statement: its words, status and approvals, its versions on demand, and Retire. */
function Statement(props: {
  socket: DeskSocket;
  room: RoomInfo;
  message: MessageView;
  onEdit: () => void;
}) {
  const { t } = useTranslation();
  const m = props.message;
  const [open, setOpen] = useState(false);
  const [retiring, setRetiring] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const canRetire = can(props.room.me.role, 'message.approve') && !m.retired;
  const canEdit =
    can(props.room.me.role, 'message.draft') && m.status !== 'retired' && m.status !== 'sent';

  async function retire() {
    const r = await call(props.socket, 'message.retire', {
      messageId: m.id,
      ...(reason.trim() && { reason: reason.trim() }),
    });
    if (!r.ok) return setError(r.message);
    setError(null);
    setRetiring(false);
  }

  return (
    <article className={`statement msg-${m.status}`} data-testid="statement">
      <p className="message-text">{m.text}</p>
      <MessageStatus message={m} />
      <details onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>{t('library.versions', { count: m.version })}</summary>
        {open && <Versions socket={props.socket} message={m} />}
      </details>
      <div className="actions">
        {canEdit && (
          <button type="button" onClick={props.onEdit}>
            {t('library.edit')}
          </button>
        )}
        {canRetire && !retiring && (
          <button type="button" onClick={() => setRetiring(true)}>
            {t('library.retire')}
          </button>
        )}
        {retiring && (
          <>
            <label>
              {t('library.reason')}
              <input value={reason} onChange={(e) => setReason(e.target.value)} />
            </label>
            <button type="button" className="primary" onClick={() => void retire()}>
              {t('library.confirmRetire')}
            </button>
            <button type="button" className="ghost" onClick={() => setRetiring(false)}>
              {t('library.cancel')}
            </button>
          </>
        )}
      </div>
      <ErrorNote error={error} />
    </article>
  );
}

/** A statement's versions, oldest first, each with who wrote it and the reviews it had. */
function Versions(props: { socket: DeskSocket; message: MessageView }) {
  const { t, i18n } = useTranslation();
  const m = props.message;
  const { detail, error } = useMessageDetail(props.socket, m.id, `${m.version}:${m.status}`);
  if (error) return <p className="error">{error}</p>;
  if (!detail) return <p className="muted">{t('composer.loading')}</p>;
  const versions = versionsOf(detail.history);
  const reviews = detail.history.filter((h) => h.type === 'message.review');
  return (
    <ol className="versions">
      {versions.map((v, i) => {
        const next = versions[i + 1];
        // Reviews belong to the version whose hash they name.
        const its = reviews.filter(
          (r) => r.contentHash === v.contentHash && (!next || r.at < next.at),
        );
        return (
          <li key={v.opId}>
            <span className="muted">
              {t('message.op.draft', { version: i + 1 })} · {v.name} ·{' '}
              {formatTime(v.at, i18n.language)}
            </span>
            <p className="message-text">{v.text}</p>
            {its.map((r) => (
              <p key={r.opId} className={`effect-${r.effect}`}>
                {r.name} · {t(`message.decision.${r.decision ?? 'approve'}`)} ·{' '}
                {t(`area.${r.area ?? ''}`, { defaultValue: r.area ?? '' })} ·{' '}
                {formatTime(r.at, i18n.language)}
                {r.effect !== 'applied' && ` · ${t(`effect.${r.effect}`)}: ${r.reason ?? ''}`}
                {r.comment && <q className="comment">{r.comment}</q>}
              </p>
            ))}
          </li>
        );
      })}
    </ol>
  );
}
