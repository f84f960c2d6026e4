import { useTranslation } from 'react-i18next';

/** The toolbar's Approvals button, with how many messages wait for this approver. */
export function ApprovalsButton(props: { count: number; onOpen: () => void }) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      onClick={props.onOpen}
      aria-keyshortcuts="p"
      title={t('approvals.open', { count: props.count })}
    >
      {t('approvals.button')}
      {props.count > 0 && (
        <span className="badge" data-testid="approvals-count">
          {props.count}
        </span>
      )}
    </button>
  );
}
