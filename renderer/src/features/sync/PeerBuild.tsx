import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../../shared/contract/sync';
import type { PeerApp } from '../../../../shared/contract/peer-about';
import { formatNumber } from '../../components/format';

/** A peer's build in the peers table: its app version, and "newer" when it reads ops this desk does not. */
export function PeerBuild(props: { app: PeerApp | null | undefined }) {
  const { t } = useTranslation();
  if (!props.app) return <span className="muted">{t('sync.versionUnknown')}</span>;
  return (
    <span title={`ops ${props.app.catalogue}`}>
      {props.app.app}
      {props.app.newerOps.length > 0 && <strong className="warn"> · {t('sync.newer')}</strong>}
    </span>
  );
}

/**
 * What the peers panel warns about versions: ops stored here that need a newer Holdline (kept
 * and passed on, no effect here), and peers on a newer version.
 */
export function BuildWarnings(props: { status: SyncStatus | null }) {
  const { t, i18n } = useTranslation();
  const unread = props.status?.own?.unread.total ?? 0;
  const newer = (props.status?.peers ?? []).filter((p) => (p.app?.newerOps.length ?? 0) > 0);
  if (unread === 0 && newer.length === 0) return null;
  return (
    <div className="warn" role="status" data-testid="build-warnings">
      {unread > 0 && (
        <p>
          {t('sync.unreadOps', { count: unread, formatted: formatNumber(unread, i18n.language) })}
        </p>
      )}
      {newer.map((p) => (
        <p key={p.stationId ?? p.address ?? ''}>
          {t('sync.peerNewer', {
            station: p.stationId ?? p.address ?? '?',
            version: p.app?.app ?? '?',
          })}
        </p>
      ))}
    </div>
  );
}
