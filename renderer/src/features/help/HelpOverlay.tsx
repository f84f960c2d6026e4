import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog';
import { KEYMAP } from './keymap';

/** The ? overlay: every key and what it does. */
export function HelpOverlay(props: { onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog title={t('help.title')} onClose={props.onClose}>
      <table className="keys">
        <tbody>
          {KEYMAP.map((k) => (
            <tr key={k.key}>
              <td>
                <kbd>{k.key === 'Escape' ? 'Esc' : k.key}</kbd>
              </td>
              <td>{t(`help.${k.action}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
