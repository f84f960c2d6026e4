import { isRehearsal } from '../../../../shared/domain/room-mode';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MentionQuerySchema, type MentionQuery } from '../../../../shared/contract/mentions';
import type { RoomInfo } from '../../../../shared/contract/room';
import type { Mention } from '../../../../shared/domain/mention';
import { call, type DeskSocket } from '../../desk/client';
import { formatNumber } from '../../components/format';
import { LanguagePicker } from '../../app/LanguagePicker';
import { actionFor, type QueueAction } from '../help/keymap';
import { ACTION_EVENT, OPEN_EVENT } from '../desktop/desktop-bridge';
import { DesktopBridge } from '../desktop/DesktopBridge';
import type { NotifyTarget } from '../../../../shared/desk/desktop-bridge';
import { HelpOverlay } from '../help/HelpOverlay';
import { ImportDialog } from '../import/ImportDialog';
import { DrillBar } from '../drills/DrillBar';
import { NewMentionDialog } from '../manual/NewMentionDialog';
import { PeopleDialog } from '../people/PeopleDialog';
import { MentionDetail, type MentionActionName } from '../mention/MentionDetail';
import { ApprovalsButton } from '../messages/ApprovalsButton';
import { ApprovalsDialog } from '../messages/ApprovalsDialog';
import { COMPOSER_ID } from '../messages/ComposerField';
import { useApprovals } from '../messages/use-approvals';
import { Filters, SEARCH_ID } from './Filters';
import { MentionList } from './MentionList';
import { useQueue } from './use-queue';
import { usePresence } from '../presence/use-presence';
import { SyncIndicator } from '../sync/SyncIndicator';
import { RunsDialog } from '../runs/RunsDialog';
import { ReviewScreen } from '../review/ReviewEntry';
import { StaffingHeader } from '../staffing/StaffingHeader';
import { SeverityBanner } from '../runs/SeverityBanner';
import { useRuns } from '../runs/use-runs';
import { syncSummary, useSyncStatus } from '../sync/use-sync-status';
import { RosterBar } from '../roster/RosterBar';
import { RoutingHeader } from '../routing/RoutingHeader';
import { ConnectorsButton } from '../connectors/ConnectorsButton';
import { SettingsDialog } from '../settings/SettingsDialog';
import { RoomSwitcher } from '../rooms/RoomSwitcher';
import { ClosedBanner } from '../rooms/ClosedBanner';
import { useRoomClosed } from '../rooms/use-room-closed';

type Dialog = 'import' | 'new' | 'people' | 'help' | 'approvals' | 'settings' | null;

/** Home: filters | the live virtualised queue | the selected mention. */
export function QueuePage(props: {
  socket: DeskSocket;
  room: RoomInfo;
  token: string;
  onLogout: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { socket, room } = props;
  const [query, setQuery] = useState<MentionQuery>(() => MentionQuerySchema.parse({}));
  const sync = useSyncStatus(socket);
  const runs = useRuns(socket);
  const approvals = useApprovals(socket, (fresh) => ({
    title: t('approvals.notifyTitle', { count: fresh.length }),
    body: fresh[0]?.text.slice(0, 160) ?? '',
  }));
  const [runsOpen, setRunsOpen] = useState<{ runId: string | null } | null>(null);
  const [reviewOpen, setReviewOpen] = useState<{ runId: string | null } | null>(null);
  const { cache, version, ensure, added } = useQueue(socket, query);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [opened, setOpened] = useState<Mention | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const closed = useRoomClosed(socket, room);
  const [online, setOnline] = useState(socket.connected);

  const selectedIndex = selectedId ? cache.indexOf(selectedId) : -1;
  // An author-history mention opened from the detail pane, kept current from the cache when held.
  const openedNow = opened ? (cache.rowAt(cache.indexOf(opened.id)) ?? opened) : null;
  const selected = openedNow ?? (selectedIndex >= 0 ? cache.rowAt(selectedIndex) : undefined);
  const presence = usePresence(socket, selected?.id ?? null);

  useEffect(() => {
    const up = () => setOnline(true);
    const down = () => setOnline(false);
    socket.on('connect', up);
    socket.on('disconnect', down);
    return () => {
      socket.off('connect', up);
      socket.off('disconnect', down);
    };
  }, [socket]);

  const select = useCallback(
    (index: number) => {
      const m = cache.rowAt(index);
      if (!m) return;
      setOpened(null);
      setNotice(null);
      setSelectedId(m.id);
    },
    [cache],
  );

  const act = useCallback(
    async (action: MentionActionName) => {
      const m = selected;
      if (!m) return;
      setNotice(null);
      if (action === 'mention.claim') {
        const r = await call(socket, 'mention.claim', { mentionId: m.id, basis: null });
        if (!r.ok) setNotice(r.message);
        else if (!r.won)
          setNotice(t('detail.collision', { name: r.mention.claim?.operatorName ?? '?' }));
        if (r.ok) cache.update([r.mention]);
      } else {
        const r = await call(socket, action, { mentionId: m.id });
        if (r.ok) cache.update([r.mention]);
        else setNotice(r.message);
      }
      if (opened) {
        const r = await call(socket, 'mention.get', { mentionId: m.id });
        if (r.ok) setOpened(r.mention);
      }
    },
    [selected, socket, cache, opened, t],
  );

  useEffect(() => {
    const run = (a: QueueAction) => {
      const at = selectedIndex < 0 ? -1 : selectedIndex;
      switch (a) {
        case 'next':
          return select(Math.min(cache.total - 1, at + 1));
        case 'previous':
          return select(Math.max(0, at - 1));
        case 'claim':
          return void act('mention.claim');
        case 'release':
          return void act('mention.release');
        case 'answer':
          return void act('mention.answer');
        case 'close':
          return void act('mention.close');
        case 'ignore':
          return void act('mention.ignore');
        case 'reopen':
          return void act('mention.reopen');
        case 'search':
          return document.getElementById(SEARCH_ID)?.focus();
        case 'help':
          return setDialog(dialog === 'help' ? null : 'help');
        case 'new':
          return setDialog('new');
        case 'compose':
          return document.getElementById(COMPOSER_ID)?.focus();
        case 'approvals':
          return setDialog('approvals');
        case 'escape':
          if (dialog) return setDialog(null);
          return (document.activeElement as HTMLElement | null)?.blur();
      }
    };
    // A dialog, the playbooks or the review covering the queue keeps its keys to itself.
    const covered =
      (dialog !== null && dialog !== 'help') || reviewOpen !== null || runsOpen !== null;
    const onKey = (e: KeyboardEvent) => {
      if (covered) return;
      const a = actionFor(e);
      if (!a) return;
      e.preventDefault();
      run(a);
    };
    // The desktop app's Queue menu sends the same actions as window events (desktop-bridge.ts).
    const onAction = (e: Event) => {
      if (!covered) run((e as CustomEvent<QueueAction>).detail);
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener(ACTION_EVENT, onAction);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener(ACTION_EVENT, onAction);
    };
  }, [act, select, selectedIndex, cache, dialog, reviewOpen, runsOpen]);

  // A clicked desktop notification opens what it was about (desktop-bridge.ts).
  useEffect(() => {
    const onOpen = (e: Event) => {
      const target = (e as CustomEvent<NotifyTarget>).detail;
      if (target.kind === 'approvals') return setDialog('approvals');
      if (target.kind === 'alerts') return setRunsOpen({ runId: null });
      void call(socket, 'mention.get', { mentionId: target.id }).then((r) => {
        if (!r.ok) return setNotice(r.message);
        setDialog(null);
        setReviewOpen(null);
        setOpened(r.mention);
      });
    };
    window.addEventListener(OPEN_EVENT, onOpen);
    return () => window.removeEventListener(OPEN_EVENT, onOpen);
  }, [socket]);

  const canImport = room.me.role === 'admin' || room.me.role === 'lead';
  return (
    <div className="workspace">
      <header className="topbar">
        <div className="topline">
          <RoomSwitcher socket={socket} room={room} />
          {isRehearsal(room.mode) && <DrillBar socket={socket} room={room} token={props.token} />}
          <span className={`chip ${online ? 'online' : 'offline'}`} role="status">
            {online ? t('app.online') : t('app.offline')}
          </span>
          <SyncIndicator
            status={sync}
            socket={socket}
            canManage={canImport}
            isAdmin={room.me.role === 'admin'}
          />
          <span className="total" data-testid="queue-total">
            {t('queue.count', {
              count: cache.total,
              formatted: formatNumber(cache.total, i18n.language) + (cache.capped ? '+' : ''),
            })}
          </span>
          {added > 0 && <span className="muted">{t('queue.arrived', { count: added })}</span>}
          <span className="spacer" />
          <LanguagePicker />
          <span className="me">
            {room.me.displayName} · {t(`role.${room.me.role}`)}
          </span>
          <button type="button" className="ghost" onClick={props.onLogout}>
            {t('auth.logout')}
          </button>
        </div>
        <nav className="tools" aria-label={t('app.tools')}>
          <button type="button" onClick={() => setDialog('new')}>
            {t('manual.open')}
          </button>
          {canImport && (
            <button type="button" onClick={() => setDialog('import')}>
              {t('import.open')}
            </button>
          )}
          <button type="button" onClick={() => setRunsOpen({ runId: null })}>
            {t('runs.open')}
          </button>
          <button type="button" onClick={() => setReviewOpen({ runId: null })}>
            {t('review.open')}
          </button>
          <ApprovalsButton count={approvals.length} onOpen={() => setDialog('approvals')} />
          <StaffingHeader socket={socket} room={room} />
          <RoutingHeader socket={socket} room={room} />
          <ConnectorsButton socket={socket} room={room} />
          <button type="button" onClick={() => setDialog('people')}>
            {t('people.open')}
          </button>
          <button type="button" onClick={() => setDialog('settings')} data-testid="settings-open">
            {t('deskSettings.open')}
          </button>
          <button
            type="button"
            className="ghost"
            onClick={() => setDialog('help')}
            aria-label={t('help.title')}
          >
            ?
          </button>
          <RosterBar socket={socket} room={room} />
        </nav>
      </header>
      <ClosedBanner closed={closed} />
      <DesktopBridge socket={socket} room={room} />
      <SeverityBanner runs={runs} onOpen={(runId) => setRunsOpen({ runId })} />
      <StaffingHeader socket={socket} room={room} banner />
      {runsOpen && (
        <RunsDialog
          socket={socket}
          room={room}
          runs={runs}
          selectedMention={selected ? { id: selected.id, text: selected.text } : null}
          runId={runsOpen.runId}
          onClose={() => setRunsOpen(null)}
          onReview={(runId) => {
            setRunsOpen(null);
            setReviewOpen({ runId });
          }}
        />
      )}
      {reviewOpen && (
        <ReviewScreen
          key={reviewOpen.runId ?? ''}
          socket={socket}
          room={room}
          token={props.token}
          runId={reviewOpen.runId}
          onClose={() => setReviewOpen(null)}
          onOpenMention={(m) => {
            setReviewOpen(null);
            setOpened(m);
          }}
          onOpenRun={(runId) => setRunsOpen({ runId })}
        />
      )}
      {syncSummary(sync).kind === 'offline' && (
        <div className="banner warn" role="alert" data-testid="offline-banner">
          {t('sync.offlineBanner')}
        </div>
      )}
      <main className="panes">
        <Filters
          socket={socket}
          query={query}
          onChange={setQuery}

          refreshKey={version}
        />
        <MentionList
          cache={cache}
          version={version}
          selectedIndex={selectedIndex}
          selectedId={selectedId}
          onSelect={select}
          ensure={ensure}
        />
        <MentionDetail
          socket={socket}
          room={room}
          mention={selected}
          others={presence.filter(
            (p) => p.mentionId === selected?.id && p.operatorId !== room.me.id,
          )}
          version={version}
          notice={notice}
          onAction={(a) => void act(a)}
          onOpen={(m) => setOpened(m)}
        />
      </main>
      {dialog === 'help' && <HelpOverlay onClose={() => setDialog(null)} />}
      {dialog === 'import' && <ImportDialog token={props.token} onClose={() => setDialog(null)} />}
      {dialog === 'new' && (
        <NewMentionDialog
          socket={socket}
          onClose={() => setDialog(null)}
          onCreated={(m) => {
            setDialog(null);
            setOpened(m);
          }}
        />
      )}
      {dialog === 'approvals' && (
        <ApprovalsDialog
          socket={socket}
          room={room}
          approvals={approvals}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'people' && (
        <PeopleDialog socket={socket} room={room} onClose={() => setDialog(null)} />
      )}
      {dialog === 'settings' && (
        <SettingsDialog
          socket={socket}
          room={room}
          closed={closed}
          onClose={() => setDialog(null)}
        />
      )}
    </div>
  );
}
