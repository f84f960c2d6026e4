import { useTranslation } from 'react-i18next';
import type { WaveView } from '../../../../shared/contract/waves';

/** The wave's mentions, each with a box to leave it out; text is shown as text, never markup. */
export function WaveMembers(props: {
  members: WaveView['members'];
  selected: ReadonlySet<string>;
  onToggle: (mentionId: string, on: boolean) => void;
}) {
  const { t, i18n } = useTranslation();
  const percent = new Intl.NumberFormat(i18n.language, { style: 'percent' });
  return (
    <ul className="wave-members" aria-label={t('wave.members')}>
      {props.members.map(({ mention, similarity }) => (
        <li key={mention.id} data-testid="wave-member">
          <label className="check">
            <input
              type="checkbox"
              checked={props.selected.has(mention.id)}
              onChange={(e) => props.onToggle(mention.id, e.target.checked)}
            />
            <strong>{mention.author.name ?? mention.author.handle}</strong>{' '}
            <span className="muted">{percent.format(similarity)}</span>
          </label>
          <p className="wave-text">{mention.text}</p>
        </li>
      ))}
    </ul>
  );
}
