import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageView } from '../../../../shared/contract/messages';
import { SEVERITIES, type Severity } from '../../../../shared/playbooks/severity';
import { ErrorNote, SelectField } from '../../components/Field';
import { call, type DeskSocket } from '../../desk/client';
import { FindingList } from './FindingList';
import { areaList } from './labels';
import { applyReplacement } from './text-marks';
import { useMessageCheck } from './use-message-check';

const LANGUAGES = ['en', 'tr', 'pl'];

/** Writes a library statement, or a new version of one (`editing`), and asks for approval. */
export function StatementForm(props: {
  socket: DeskSocket;
  editing: MessageView | null;
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const e = props.editing;
  const [scenario, setScenario] = useState(e?.library?.scenario ?? '');
  const [language, setLanguage] = useState(e?.library?.language ?? e?.language ?? 'en');
  const [severity, setSeverity] = useState<Severity | ''>(e?.severity ?? '');
  const [channel, setChannel] = useState(e?.channel ?? 'public');
  const [text, setText] = useState(e?.text ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const check = useMessageCheck(props.socket, {
    kind: 'statement',
    text,
    language,
    channel: channel.trim() || 'public',
    ...(severity && { severity }),
  });
  const current = check && check.text === text ? check : null;
  const blocking = current?.findings.some((f) => f.severity === 'block') ?? false;
  const ready = !busy && text.trim() !== '' && scenario.trim() !== '' && channel.trim() !== '';

  async function save(submit: boolean) {
    setBusy(true);
    const r = await call(props.socket, 'message.save', {
      ...(e && { messageId: e.id }),
      kind: 'statement',
      library: { scenario, language },
      language,
      channel,
      text,
      ...(severity && { severity }),
      submit,
    });
    setBusy(false);
    if (!r.ok) return setError(r.message);
    setError(null);
    props.onDone();
  }

  return (
    <form
      className="statement-form form-grid"
      aria-label={e ? t('library.editTitle') : t('library.newTitle')}
      onSubmit={(ev) => {
        ev.preventDefault();
        void save(true);
      }}
    >
      <h3 className="full">{e ? t('library.editTitle') : t('library.newTitle')}</h3>
      <label>
        {t('library.scenario')}
        <input
          value={scenario}
          onChange={(ev) => setScenario(ev.target.value)}
          disabled={e !== null}
          placeholder="recall"
        />
      </label>
      <SelectField
        label={t('composer.language')}
        value={language}
        options={LANGUAGES}
        labelOf={(l) => t(`language.${l}`)}
        onValue={setLanguage}
        disabled={e !== null}
      />
      <label>
        {t('runs.severity')}
        <select value={severity} onChange={(ev) => setSeverity(ev.target.value as Severity | '')}>
          <option value="">{t('library.noSeverity')}</option>
          {SEVERITIES.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </label>
      <label>
        {t('library.audienceChannel')}
        <input value={channel} onChange={(ev) => setChannel(ev.target.value)} />
      </label>
      <label className="full">
        {t('library.text')}
        <textarea rows={5} value={text} onChange={(ev) => setText(ev.target.value)} />
      </label>
      <div className="full">
        <FindingList
          findings={current?.findings ?? []}
          text={text}
          onReplace={(f) => setText(applyReplacement(text, f))}
        />
        {check?.required && (
          <p className="required">
            {check.required.length === 0
              ? t('composer.noApproval')
              : t('composer.needsApproval', {
                  areas: areaList(check.required, t, i18n.language),
                })}
          </p>
        )}
      </div>
      <div className="actions full">
        <button type="button" disabled={!ready} onClick={() => void save(false)}>
          {t('composer.save')}
        </button>
        <button type="submit" className="primary" disabled={!ready || blocking || !check?.current}>
          {t('composer.submit')}
        </button>
        <button type="button" className="ghost" onClick={props.onDone}>
          {t('library.cancel')}
        </button>
      </div>
      <ErrorNote error={error} className="full" />
    </form>
  );
}
