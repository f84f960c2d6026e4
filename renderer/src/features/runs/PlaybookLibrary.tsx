import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlaybookEntry } from '../../../../shared/contract/runs';
import { call, type DeskSocket } from '../../desk/client';

/** The station's playbooks: validation results, YAML export, import, and "start" for leads. */
export function PlaybookLibrary(props: {
  socket: DeskSocket;
  library: PlaybookEntry[];
  canManage: boolean;
  onStart: (playbookId: string) => void;
  onImported: () => void;
}) {
  const { t } = useTranslation();
  const [problems, setProblems] = useState<string | null>(null);

  async function exportYaml(id: string) {
    const r = await call(props.socket, 'playbook.get', { playbookId: id });
    if (!r.ok) return setProblems(r.message);
    const url = URL.createObjectURL(new Blob([r.yaml], { type: 'application/yaml' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${id}.yaml`;
    a.click();
    URL.revokeObjectURL(url);
  }

  async function importYaml(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    const r = await call(props.socket, 'playbook.import', { yaml: await file.text() });
    if (!r.ok) return setProblems(r.message.replaceAll('imported.yaml', file.name));
    setProblems(null);
    props.onImported();
  }

  return (
    <>
      {props.canManage && (
        <label className="file">
          {t('runs.import')}
          <input
            type="file"
            accept=".yaml,.yml,application/yaml,text/yaml"
            onChange={(e) => void importYaml(e)}
          />
        </label>
      )}
      {problems && (
        <pre className="error" role="alert" data-testid="playbook-problems">
          {problems}
        </pre>
      )}
      <ul className="library" data-testid="playbook-library">
        {props.library.map((p) => (
          <li key={`${p.source}-${p.file}`} data-testid="playbook-entry">
            <strong>{p.name ?? p.file}</strong>
            {p.source === 'station' && <span className="chip">{t('runs.imported')}</span>}
            {p.problems.length > 0 ? (
              <pre className="error">{p.problems.join('\n')}</pre>
            ) : (
              <>
                <div className="muted">
                  {p.summary} · {t('runs.shape', { phases: p.phases, steps: p.steps })}
                </div>
                <div className="row">
                  {props.canManage && p.id && (
                    <button type="button" onClick={() => props.onStart(p.id as string)}>
                      {t('runs.start', { name: p.name })}
                    </button>
                  )}
                  {p.id && (
                    <button
                      type="button"
                      className="ghost"
                      onClick={() => void exportYaml(p.id as string)}
                    >
                      {t('runs.export')}
                    </button>
                  )}
                </div>
              </>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
