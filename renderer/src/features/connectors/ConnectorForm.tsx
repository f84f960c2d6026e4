import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectorKindView, ConnectorView } from '../../../../shared/contract/connectors';
import { ErrorNote } from '../../components/Field';
import { call, type DeskSocket } from '../../desk/client';
import {
  fieldsOf,
  initialValues,
  settingsOf,
  type FieldSpec,
  type FormValues,
} from './schema-fields';

/**
 * Adds a connector or changes one: id, kind, name, on/off, and the kind's own settings as a form
 * built from its schema. Secrets are asked for, never shown: left empty, the stored one stays.
 */
export function ConnectorForm(props: {
  socket: DeskSocket;
  kinds: readonly ConnectorKindView[];
  connector: ConnectorView | null;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const c = props.connector;
  const [kind, setKind] = useState(c?.kind ?? props.kinds[0]?.kind ?? '');
  const [id, setId] = useState(c?.id ?? '');
  const [title, setTitle] = useState(c?.title ?? '');
  const [enabled, setEnabled] = useState(c?.enabled ?? true);
  const kindView = props.kinds.find((k) => k.kind === kind);
  const fields = useMemo(
    () => (kindView ? fieldsOf(kindView.schema, kindView.secrets) : []),
    [kindView],
  );
  const [values, setValues] = useState<FormValues>(() => initialValues(fields, c?.settings));
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const r = await call(props.socket, 'connector.save', {
      id,
      kind,
      ...(title.trim() !== '' && { title: title.trim() }),
      enabled,
      create: c === null,
      settings: settingsOf(fields, values),
    });
    if (!r.ok) return setError(r.message);
    setError(null);
    props.onDone();
  }

  return (
    <form
      className="form-grid connector-form"
      onSubmit={submit}
      aria-label={c ? t('connectors.editTitle') : t('connectors.add')}
    >
      <h3 className="full">{c ? t('connectors.editTitle') : t('connectors.add')}</h3>
      <label>
        {t('connectors.kind')}
        <select
          value={kind}
          disabled={c !== null}
          onChange={(e) => {
            const k = props.kinds.find((x) => x.kind === e.target.value);
            setKind(e.target.value);
            if (k) setValues(initialValues(fieldsOf(k.schema, k.secrets)));
          }}
        >
          {props.kinds.map((k) => (
            <option key={k.kind} value={k.kind}>
              {k.title}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('connectors.id')}
        <input
          required
          value={id}
          disabled={c !== null}
          pattern="[a-z0-9][a-z0-9\-]{0,63}"
          title={t('connectors.idHint')}
          onChange={(e) => setId(e.target.value)}
        />
      </label>
      <label>
        {t('connectors.titleField')}
        <input value={title} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <label>
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
        {t('connectors.enabled')}
      </label>
      {fields.map((f) => (
        <SettingField
          key={`${kind}.${f.name}`}
          field={f}
          kind={kind}
          value={values[f.name] ?? ''}
          secret={c?.secrets[f.name] ?? null}
          onValue={(v) => setValues({ ...values, [f.name]: v })}
        />
      ))}
      <ErrorNote error={error} className="full" />
      <span className="full connector-actions">
        <button type="submit" className="primary">
          {t('connectors.save')}
        </button>
        <button type="button" onClick={props.onDone}>
          {t('connectors.cancel')}
        </button>
      </span>
    </form>
  );
}

/** One setting: a text, number, secret, choice or checkbox, labelled by its name and hint. */
function SettingField(props: {
  field: FieldSpec;
  kind: string;
  value: string | boolean;
  secret: { set: boolean; last4: string | null } | null;
  onValue: (v: string | boolean) => void;
}) {
  const { t } = useTranslation();
  const f = props.field;
  const label = t(`connectors.setting.${f.name}`, { defaultValue: f.name });
  const hint = f.hint && <span className="hint">{f.hint}</span>;
  if (f.kind === 'boolean')
    return (
      <label>
        <input
          type="checkbox"
          checked={props.value === true}
          onChange={(e) => props.onValue(e.target.checked)}
        />
        {label}
        {hint}
      </label>
    );
  if (f.kind === 'choice')
    return (
      <label>
        {label}
        <select value={String(props.value)} onChange={(e) => props.onValue(e.target.value)}>
          {!f.required && f.defaultValue === null && <option value="">—</option>}
          {f.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
        {hint}
      </label>
    );
  const isSet = props.secret?.set === true;
  return (
    <label>
      {label}
      <input
        type={f.kind === 'secret' ? 'password' : f.kind === 'number' ? 'number' : 'text'}
        value={String(props.value)}
        required={f.required && !(f.kind === 'secret' && isSet)}
        autoComplete={f.kind === 'secret' ? 'new-password' : 'off'}
        placeholder={
          f.kind !== 'secret' || !isSet
            ? undefined
            : props.secret?.last4
              ? t('connectors.secretSet', { last4: props.secret.last4 })
              : t('connectors.secretKept')
        }
        {...(f.min !== null && { min: f.min })}
        {...(f.max !== null && { max: f.max })}
        {...(f.kind === 'number' && { step: f.integer ? 1 : 'any' })}
        onChange={(e) => props.onValue(e.target.value)}
      />
      {hint}
    </label>
  );
}
