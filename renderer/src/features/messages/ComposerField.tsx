import { useRef, type KeyboardEvent, type Ref } from 'react';
import { MarkedText } from './MarkedText';
import type { Mark } from './text-marks';

/** The composer's textarea id, for the key that focuses it. */
export const COMPOSER_ID = 'composer-text';

/**
 * A textarea with its highlights drawn on a backdrop behind it (a textarea cannot hold marks):
 * both share font, padding and wrapping, and the backdrop follows the textarea's scroll.
 */
export function ComposerField({
  ref,
  ...props
}: {
  label: string;
  value: string;
  marks: readonly Mark[];
  disabled: boolean;
  onValue: (text: string) => void;
  onKeyDown: (e: KeyboardEvent<HTMLTextAreaElement>) => void;
  onFocus: () => void;
  onBlur: () => void;
  ref: Ref<HTMLTextAreaElement>;
}) {
  const backdrop = useRef<HTMLSpanElement>(null);
  return (
    <label className="composer-label">
      {props.label}
      <span className="composer-field">
        <span className="composer-backdrop" ref={backdrop} aria-hidden="true">
          <MarkedText text={props.value} marks={props.marks} />
          {/* A trailing line break keeps the last empty line as tall as the textarea's. */}
          {'\n'}
        </span>
        <textarea
          id={COMPOSER_ID}
          ref={ref}
          rows={6}
          maxLength={10_000}
          value={props.value}
          disabled={props.disabled}
          spellCheck
          onChange={(e) => props.onValue(e.target.value)}
          onKeyDown={props.onKeyDown}
          onFocus={props.onFocus}
          onBlur={props.onBlur}
          onScroll={(e) => {
            if (backdrop.current) backdrop.current.scrollTop = e.currentTarget.scrollTop;
          }}
          aria-keyshortcuts="Control+Enter Control+S"
        />
      </span>
    </label>
  );
}
