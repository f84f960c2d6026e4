import { useTranslation } from 'react-i18next';
import type { VoiceFinding } from '../../../../shared/messaging/voice/voice-finding';
import { excerptOf } from './text-marks';

/** Voice findings for a text: blocking ones first, each with the words it is about and a fix. */
export function FindingList(props: {
  findings: readonly VoiceFinding[];
  /** The text the findings were computed on (their spans point into it). */
  text: string;
  /** Offered when the finding suggests a replacement and the text can still be edited. */
  onReplace?: (f: VoiceFinding) => void;
}) {
  const { t } = useTranslation();
  if (props.findings.length === 0) return null;
  const ordered = [...props.findings].sort(
    (a, b) => Number(a.severity !== 'block') - Number(b.severity !== 'block'),
  );
  return (
    <ul className="findings" data-testid="voice-findings" aria-label={t('voice.title')}>
      {ordered.map((f, i) => {
        const span =
          f.start !== undefined && f.end !== undefined && f.end <= props.text.length
            ? excerptOf(props.text, f.start, f.end)
            : null;
        return (
          <li
            key={`${f.rule}-${f.start ?? i}-${i}`}
            className={`finding ${f.severity}`}
            data-testid="voice-finding"
            data-severity={f.severity}
          >
            <span>
              <strong>{t(`voice.severity.${f.severity}`)}</strong> {f.message}
            </span>
            {span && (
              <q className="excerpt">
                {span.before}
                <mark className={`mark-${f.severity}`}>{span.match}</mark>
                {span.after}
              </q>
            )}
            {f.replacement !== undefined && span && props.onReplace && (
              <button type="button" onClick={() => props.onReplace?.(f)}>
                {t('voice.replace', { text: f.replacement })}
              </button>
            )}
            {f.examples && f.examples.length > 0 && (
              <details>
                <summary>{t('voice.examples', { count: f.examples.length })}</summary>
                <ul>
                  {f.examples.map((e, j) => (
                    <li key={j}>{e}</li>
                  ))}
                </ul>
              </details>
            )}
          </li>
        );
      })}
    </ul>
  );
}
