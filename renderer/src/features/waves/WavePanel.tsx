import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageView } from '../../../../shared/contract/messages';
import type { RoomInfo } from '../../../../shared/contract/room';
import type { WaveSendResult } from '../../../../shared/contract/waves';
import type { Mention } from '../../../../shared/domain/mention';
import type { DeskSocket } from '../../desk/client';
import { copyText } from '../messages/clipboard';
import { useWave } from './use-wave';
import { WaveComposer } from './WaveComposer';
import { WaveMembers } from './WaveMembers';

/**
 * Near-duplicates of the selected mention still waiting ("12 people ask the same"), and the way
 * to answer them together: one approved text, personalised per author, sent to the ones chosen.
 */
export function WavePanel(props: {
  socket: DeskSocket;
  room: RoomInfo;
  mention: Mention;
  /** The wave answer started on this mention, if any. */
  message: MessageView | null;
}) {
  const { t } = useTranslation();
  const { socket, mention } = props;
  const { wave, reload } = useWave(socket, mention.id, mention.status);
  const [open, setOpen] = useState(props.message !== null && props.message.status !== 'sent');
  const [left, setLeft] = useState<ReadonlySet<string>>(new Set());
  const [result, setResult] = useState<{
    sent: number;
    skipped: string[];
    copied?: boolean;
  } | null>(null);
  if (props.room.me.role === 'observer' || !wave) return null;
  const members = wave.members;
  if (members.length < 2 && !open && !result) return null;
  const recipients = members.filter((m) => !left.has(m.mention.id)).map((m) => m.mention);

  async function onSent(r: WaveSendResult) {
    const copied = r.message.sends.some((s) => s.via.includes('clipboard'))
      ? await copyText(
          r.sent
            .map((s) => {
              const m = members.find((x) => x.mention.id === s.mentionId)?.mention;
              return `${m?.author.handle ?? s.mentionId}\n${s.text}`;
            })
            .join('\n\n'),
        )
      : undefined;
    setResult({
      sent: r.sent.length,
      skipped: r.skipped.map((s) => s.reason),
      ...(copied !== undefined && { copied }),
    });
    reload();
  }

  return (
    <section className="wave" data-testid="wave" aria-label={t('wave.title')}>
      <div className="row-line">
        <strong>{t('wave.count', { count: members.length })}</strong>
        {wave.heldByOthers > 0 && (
          <span className="muted">{t('wave.heldByOthers', { count: wave.heldByOthers })}</span>
        )}
        {!open && members.length >= 2 && (
          <button type="button" onClick={() => setOpen(true)}>
            {t('wave.answer')}
          </button>
        )}
      </div>
      {result && (
        <p role="status" data-testid="wave-result">
          {t('wave.sent', { count: result.sent })}
          {result.skipped.length > 0 && ` ${t('wave.skipped', { count: result.skipped.length })}`}
          {result.copied !== undefined &&
            ` ${t(result.copied ? 'wave.copied' : 'composer.copyFailed')}`}
        </p>
      )}
      {open && (
        <>
          <WaveMembers
            members={members}
            selected={new Set(recipients.map((m) => m.id))}
            onToggle={(id, on) => {
              const next = new Set(left);
              if (on) next.delete(id);
              else next.add(id);
              setLeft(next);
            }}
          />
          <WaveComposer
            socket={socket}
            mention={mention}
            recipients={recipients}
            message={props.message}
            onSent={(r) => void onSent(r)}
          />
        </>
      )}
    </section>
  );
}
