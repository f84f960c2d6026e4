import { useState } from 'react';
import { stringify } from 'yaml';
import type { z } from 'zod';
import { formatProblem, parseYamlWithSchema } from '../../../shared/yaml/parse-with-schema';
import { ErrorNote } from './Field';

/**
 * A room setting edited as YAML: checked here with the station's own schema (a mistake names its
 * line and path), then saved; the station checks again. Read-only for those who may not change it.
 */
export function YamlSetting<S extends z.ZodType>(props: {
  label: string;
  file: string;
  value: z.output<S> | null;
  schema: S;
  canEdit: boolean;
  saveLabel: string;
  savedNote: string;
  /** Saves the checked value; answers the station's refusal, or null. */
  onSave: (value: z.output<S>) => Promise<string | null>;
}) {
  const shown = props.value === null ? '' : stringify(props.value);
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);

  async function save() {
    const parsed = parseYamlWithSchema(text ?? shown, props.file, props.schema, 256 * 1024);
    if (!parsed.ok) return setError(parsed.problems.map(formatProblem).join('\n'));
    const refused = await props.onSave(parsed.value as z.output<S>);
    if (refused) return setError(refused);
    setError(null);
    setText(null);
    setNote(props.savedNote);
  }

  return (
    <>
      <textarea
        aria-label={props.label}
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
          {props.saveLabel}
        </button>
      )}
    </>
  );
}
