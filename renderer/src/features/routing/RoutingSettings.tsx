import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseRoutingRules } from '../../../../shared/routing/parse-routing-rules';
import { SlaTargetsSchema, type SlaTargets } from '../../../../shared/routing/sla';
import { formatProblem } from '../../../../shared/yaml/parse-with-schema';
import { ErrorNote, TextField } from '../../components/Field';
import { call, type DeskSocket } from '../../desk/client';

/** The room's routing rules as YAML (problems by line), for admins. */
export function RoutingRulesEditor({ socket }: { socket: DeskSocket }) {
  const { t } = useTranslation();
  const [yaml, setYaml] = useState('');
  const [source, setSource] = useState<'default' | 'room' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);

  useEffect(() => {
    void call(socket, 'routing.get', {}).then((r) => {
      if (!r.ok) return setError(r.message);
      setYaml(r.yaml);
      setSource(r.source);
    });
  }, [socket]);

  async function save() {
    const parsed = parseRoutingRules(yaml, 'routing.yaml');
    if (!parsed.ok) return setError(parsed.problems.map(formatProblem).join('\n'));
    const r = await call(socket, 'routing.set', { yaml });
    if (!r.ok) return setError(r.message);
    setError(null);
    setSource(r.source);
    setNote(t('routing.rulesSaved'));
  }

  return (
    <section>
      <h3>{t('routing.rules')}</h3>
      <p className="muted">
        {source === 'room' ? t('routing.rulesRoom') : t('routing.rulesDefault')}
      </p>
      <textarea
        aria-label={t('routing.rules')}
        className="code"
        rows={18}
        spellCheck={false}
        value={yaml}
        onChange={(e) => {
          setYaml(e.target.value);
          setNote(null);
        }}
      />
      <ErrorNote error={error} />
      {note && <p role="status">{note}</p>}
      <button type="button" className="primary" onClick={() => void save()}>
        {t('routing.saveRules')}
      </button>
    </section>
  );
}

/** The room's first-response targets: minutes per priority band, channel factors, warning share. */
export function SlaTargetsForm({ socket }: { socket: DeskSocket }) {
  const { t } = useTranslation();
  const [targets, setTargets] = useState<SlaTargets | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);

  useEffect(() => {
    void call(socket, 'sla.get', {}).then((r) =>
      r.ok ? setTargets(r.targets) : setError(r.message),
    );
  }, [socket]);

  if (!targets) return <ErrorNote error={error} />;
  const setBand = (i: number, minutes: number) =>
    setTargets({
      ...targets,
      bands: targets.bands.map((b, j) => (j === i ? { ...b, minutes } : b)),
    });

  async function save() {
    const parsed = SlaTargetsSchema.safeParse(targets);
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? 'invalid');
    const r = await call(socket, 'sla.set', { targets: parsed.data });
    if (!r.ok) return setError(r.message);
    setError(null);
    setTargets(r.targets);
    setNote(t('routing.slaSaved'));
  }

  return (
    <section className="sla-targets">
      <h3>{t('routing.slaTargets')}</h3>
      {[...targets.bands]
        .map((b, i) => ({ b, i }))
        .sort((x, y) => y.b.minPriority - x.b.minPriority)
        .map(({ b, i }) => (
          <TextField
            key={b.name}
            label={t('routing.bandMinutes', { name: b.name, min: b.minPriority })}
            type="number"
            min={0.01}
            step="any"
            value={String(b.minutes)}
            onValue={(v) => setBand(i, Number(v))}
          />
        ))}
      <TextField
        label={t('routing.emailFactor')}
        type="number"
        min={0.1}
        step="any"
        value={String(targets.channelFactors.email ?? 1)}
        onValue={(v) =>
          setTargets({
            ...targets,
            channelFactors: { ...targets.channelFactors, email: Number(v) },
          })
        }
      />
      <TextField
        label={t('routing.warnAt')}
        type="number"
        min={1}
        max={99}
        value={String(Math.round(targets.warnAtShare * 100))}
        onValue={(v) => setTargets({ ...targets, warnAtShare: Number(v) / 100 })}
      />
      <ErrorNote error={error} />
      {note && <p role="status">{note}</p>}
      <button type="button" className="primary" onClick={() => void save()}>
        {t('routing.saveSla')}
      </button>
    </section>
  );
}
