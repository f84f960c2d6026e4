import { segmentsOf, type Mark } from './text-marks';

/**
 * A text with highlighted spans. Text nodes only: drafts and mentions are untrusted and may hold
 * HTML or script, which must stay inert words on the screen.
 */
export function MarkedText(props: { text: string; marks: readonly Mark[] }) {
  return (
    <>
      {segmentsOf(props.text, props.marks).map((s, i) =>
        s.kind ? (
          <mark key={i} className={`mark-${s.kind}`}>
            {s.text}
          </mark>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </>
  );
}
