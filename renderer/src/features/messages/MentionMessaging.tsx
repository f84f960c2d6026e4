import { useTranslation } from 'react-i18next';
import type { RoomInfo } from '../../../../shared/contract/room';
import type { Mention } from '../../../../shared/domain/mention';
import type { DeskSocket } from '../../desk/client';
import { Composer } from './Composer';
import { MessageHistory } from './MessageHistory';
import { useMessageList } from './use-messages';
import { WavePanel } from '../waves/WavePanel';

/** The selected mention's replies: the composer, then every message on it with its history. */
export function MentionMessaging(props: { socket: DeskSocket; room: RoomInfo; mention: Mention }) {
  const { t } = useTranslation();
  const { socket, mention } = props;
  const messages = useMessageList(
    socket,
    { scope: 'mention', mentionId: mention.id },
    (m) => m.mentionId === mention.id,
  );
  if (!messages) return <p className="muted">{t('composer.loading')}</p>;
  // Carry on with the newest reply that is not retired (a sent one shows who sent it); a wave
  // answer started here has its own panel.
  const wave = messages.find((m) => m.wave && m.status !== 'retired') ?? null;
  const initial =
    [...messages]
      .filter((m) => m.status !== 'retired' && !m.wave)
      .sort((a, b) => b.versionBy.at.localeCompare(a.versionBy.at))[0] ?? null;
  return (
    <>
      <WavePanel
        key={mention.id}
        socket={socket}
        room={props.room}
        mention={mention}
        message={wave}
      />
      <Composer
        socket={socket}
        room={props.room}
        mention={mention}
        messages={messages}
        initial={initial}
      />
      <MessageHistory socket={socket} messages={messages} />
    </>
  );
}
