import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_ITEM_CHARS, type ActionItem } from '../../../../shared/review/retrospective';
import { formatTime } from '../../components/format';

/** An action item as it should now stand (no id: a new one). */
export type ActionChange = {
  actionId?: string;
  text: string;
  owner: string | null;
  due: string | null;
  done: boolean;
  removed?: boolean;
};
/** Saves one action item; true when the station took it. */
export type SaveAction = (change: ActionChange) => Promise<boolean>;

const changeOf = (a: ActionItem): ActionChange => ({
  actionId: a.id,
  text: a.text,
  owner: a.owner,
  due: a.due,
  done: a.done,
});

/** The retrospective's action items: what, who, by when, done; add, change, remove. */
export function ActionItems(props: {
  actions: ActionItem[];
  names: (id: string) => string;
  writable: boolean;
  onSave: SaveAction;
}) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState('');
  const [owner, setOwner] = useState('');
  const [due, setDue] = useState('');
  // A tick shows at once; the station's answer settles it (a refusal puts it back).
  const [ticking, setTicking] = useState<Record<string, boolean>>({});
  async function tick(a: ActionItem, done: boolean) {
    setTicking((x) => ({ ...x, [a.id]: done }));
    await props.onSave({ ...changeOf(a), done });
    setTicking(({ [a.id]: _settled, ...rest }) => rest);
  }
  async function add(e: FormEvent) {
    e.preventDefault();
    if (!text.trim()) return;
    const ok = await props.onSave({
      text: text.trim(),
      owner: owner.trim() || null,
      due: due || null,
      done: false,
    });
    if (ok) {
      setText('');
      setOwner('');
      setDue('');
    }
  }
  return (
    <div className="retro-actions" data-testid="action-items">
      <h4>{t('review.actions.title')}</h4>
      {props.actions.length === 0 ? (
        <p className="muted">{t('review.actions.none')}</p>
      ) : (
        <table className="action-table">
          <thead>
            <tr>
              <th scope="col">{t('review.actions.done')}</th>
              <th scope="col">{t('review.actions.text')}</th>
              <th scope="col">{t('review.actions.owner')}</th>
              <th scope="col">{t('review.actions.due')}</th>
              <th scope="col">{t('review.actions.changed')}</th>
              {props.writable && (
                <th scope="col">
                  <span className="sr-only">{t('review.remove')}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {props.actions.map((a) => (
              <tr key={a.id} data-testid="action-item" className={a.done ? 'done' : ''}>
                <td>
                  <input
                    type="checkbox"
                    checked={ticking[a.id] ?? a.done}
                    disabled={!props.writable}
                    aria-label={t('review.actions.markDone', { text: a.text })}
                    onChange={(e) => void tick(a, e.target.checked)}
                  />
                </td>
                <td>{a.text}</td>
                <td>
                  {props.writable ? (
                    <input
                      key={a.at}
                      aria-label={t('review.actions.ownerOf', { text: a.text })}
                      defaultValue={a.owner ?? ''}
                      maxLength={120}
                      onBlur={(e) => {
                        const v = e.target.value.trim() || null;
                        if (v !== a.owner) void props.onSave({ ...changeOf(a), owner: v });
                      }}
                    />
                  ) : (
                    (a.owner ?? '—')
                  )}
                </td>
                <td>
                  {props.writable ? (
                    <input
                      key={a.at}
                      type="date"
                      aria-label={t('review.actions.dueOf', { text: a.text })}
                      defaultValue={a.due ?? ''}
                      onBlur={(e) => {
                        const v = e.target.value || null;
                        if (v !== a.due) void props.onSave({ ...changeOf(a), due: v });
                      }}
                    />
                  ) : (
                    (a.due ?? '—')
                  )}
                </td>
                <td className="muted">
                  {t('review.byline', {
                    name: props.names(a.by),
                    time: formatTime(a.at, i18n.language),
                  })}
                </td>
                {props.writable && (
                  <td>
                    <button
                      type="button"
                      className="ghost"
                      aria-label={t('review.actions.removeOf', { text: a.text })}
                      onClick={() => void props.onSave({ ...changeOf(a), removed: true })}
                    >
                      ×
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {props.writable && (
        <form className="action-add" onSubmit={(e) => void add(e)}>
          <label>
            {t('review.actions.text')}
            <input
              value={text}
              maxLength={MAX_ITEM_CHARS}
              onChange={(e) => setText(e.target.value)}
              required
            />
          </label>
          <label>
            {t('review.actions.owner')}
            <input value={owner} maxLength={120} onChange={(e) => setOwner(e.target.value)} />
          </label>
          <label>
            {t('review.actions.due')}
            <input type="date" value={due} onChange={(e) => setDue(e.target.value)} />
          </label>
          <button type="submit" disabled={!text.trim()}>
            {t('review.actions.add')}
          </button>
        </form>
      )}
    </div>
  );
}
