import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { stringify } from 'yaml';
import type { StaffingStatus } from '../../../../shared/contract/staffing';
import { StaffingThresholdsSchema } from '../../../../shared/staffing/staffing-thresholds';
import { formatProblem, parseYamlWithSchema } from '../../../../shared/yaml/parse-with-schema';
import { ErrorNote } from '../../components/Field';
import { call, type DeskSocket } from '../../desk/client';

/**
 * The room's staffing thresholds as YAML: what raises and lowers the level, how long it must
 * hold, and which levels call the reserves in. Leads and admins change them (a mistake names its
 * line or path); everyone else reads them.
 */
export function StaffingThresholds(props: {
  socket: DeskSocket;
  status: StaffingStatus | null;
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  const shown = props.status ? stringify(props.status.thresholds) : '';
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  if (!props.status) return <p className="muted">{t('staffing.loading')}</p>;

  async function save() {
    const parsed = parseYamlWithSchema(
      text ?? shown,
      'thresholds.yaml',
      StaffingThresholdsSchema,
      64 * 1024,
    );
    if (!parsed.ok) return setError(parsed.problems.map(formatProblem).join('\n'));
    const r = await call(props.socket, 'staffing.configure', { thresholds: parsed.value });
    if (!r.ok) return setError(r.message);
    setError(null);
    setText(null);
    setNote(t('staffing.thresholds.saved'));
  }

  return (
    <section className="staffing-thresholds">
      <p className="muted" data-testid="thresholds-source">
        {props.status.thresholdsSource === 'room'
          ? t('staffing.thresholds.room')
          : t('staffing.thresholds.default')}
      </p>
      <textarea
        aria-label={t('staffing.thresholds.title')}
        className="code"
        rows={18}
        spellCheck={false}
        readOnly={!props.canEdit}
        value={text ?? shown}
        onChange={(e) => {
          setText(e.target.value);
          setNote(null);
        }}
      />
      <ErrorNote error={error} />
      {note && <p role="status">{note}</p>}
      {props.canEdit && (
        <button
          type="button"
          className="primary"
          disabled={text === null}
          onClick={() => void save()}
        >
          {t('staffing.thresholds.save')}
        </button>
      )}
    </section>
  );
}
