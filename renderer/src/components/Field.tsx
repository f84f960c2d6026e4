import type { InputHTMLAttributes } from 'react';

/** A labelled text input; `onValue` gets the new text. */
export function TextField({
  label,
  onValue,
  className,
  ...input
}: { label: string; onValue: (value: string) => void; className?: string } & Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'onChange'
>) {
  return (
    <label className={className}>
      {label}
      <input {...input} onChange={(e) => onValue(e.target.value)} />
    </label>
  );
}

/** A labelled new-password input (at least 8 characters, as the station requires). */
export function NewPasswordField(props: {
  label: string;
  value: string;
  onValue: (value: string) => void;
}) {
  return (
    <TextField
      label={props.label}
      value={props.value}
      onValue={props.onValue}
      required
      type="password"
      minLength={8}
      autoComplete="new-password"
    />
  );
}

/** An error said out loud to screen readers, or nothing. */
export function ErrorNote({ error, className }: { error: string | null; className?: string }) {
  if (!error) return null;
  return (
    <p role="alert" className={className ? `error ${className}` : 'error'}>
      {error}
    </p>
  );
}

/** A labelled choice among `options`, each shown as `labelOf(option)`; `onValue` gets the pick. */
export function SelectField<T extends string>(props: {
  label: string;
  value: T;
  options: readonly T[];
  labelOf: (option: T) => string;
  onValue: (value: T) => void;
  disabled?: boolean;
  className?: string;
}) {
  return (
    <label className={props.className}>
      {props.label}
      <select
        value={props.value}
        disabled={props.disabled}
        onChange={(e) => props.onValue(e.target.value as T)}
      >
        {props.options.map((o) => (
          <option key={o} value={o}>
            {props.labelOf(o)}
          </option>
        ))}
      </select>
    </label>
  );
}
