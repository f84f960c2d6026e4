import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageView } from '../../../../shared/contract/messages';
import type { WaveSendResult } from '../../../../shared/contract/waves';
import type { Mention } from '../../../../shared/domain/mention';
import type { SendRoute } from '../../../../shared/messaging/message-state';
import {
  personalise,
  recipientOf,
  unfilledForWave,
  waveTextProblem,
} from '../../../../shared/messaging/wave';
import { ErrorNote } from '../../components/Field';
import { call, type DeskSocket } from '../../desk/client';
import { ComposerContext, type ReplyContext } from '../messages/ComposerContext';
import {
  RequiredApprovals,
  SendRoutes,
  VariableInputs,
  topicsOf,
} from '../messages/ComposerControls';
import { FindingList } from '../messages/FindingList';
import { MessageStatus } from '../messages/MessageStatus';
import { TemplatePicker } from '../messages/TemplatePicker';
import { applyReplacement, fillVariables } from '../messages/text-marks';
import { useMessageCheck } from '../messages/use-message-check';
import { useTemplates } from '../messages/use-templates';

/**
 * One answer for a wave: written once with {{author}} (and {{case}}) left in, approved once,
 * then sent to every chosen mention with each author's own name and case number.
 */
export function WaveComposer(props: {
  socket: DeskSocket;
  mention: Mention;
  /** The mentions chosen to receive it. */
  recipients: Mention[];
  /** The wave answer already started on this mention, if any. */
  message: MessageView | null;
  onSent: (result: WaveSendResult) => void;
}) {
  const { t, i18n } = useTranslation();
  const { socket, mention, message } = props;
  const templates = useTemplates(socket);
  const [saved, setSaved] = useState<MessageView | null>(message);
  const view = saved && message && message.id === saved.id ? message : saved;
  const [text, setText] = useState(view?.text ?? '');
  const [context, setContext] = useState<ReplyContext>({
    language: view?.language ?? (mention.language === 'und' ? i18n.language : mention.language),
    channel: view?.channel ?? mention.channel,
    topics: view?.topics.join(', ') ?? '',
  });
  const [via, setVia] = useState<SendRoute[]>(['clipboard']);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const topics = topicsOf(context.topics);
  const check = useMessageCheck(socket, { kind: 'reply', text, ...context, topics });
  const findings = check && check.text === text ? check.findings : [];
  const blocking = findings.some((f) => f.severity === 'block');
  const problem = text.trim() ? waveTextProblem(text) : null;
  const holes = unfilledForWave(text);
  const dirty =
    !view ||
    text !== view.text ||
    context.language !== view.language ||
    context.channel !== view.channel ||
    topics.join(',') !== view.topics.join(',');
  const required = check?.required ?? null;
  const ready =
    text.trim() !== '' && !problem && holes.length === 0 && !blocking && check?.current === true;
  const canSubmit = ready && !busy && (dirty || view?.status === 'draft') && required?.length !== 0;
  const approvedAsIs = !dirty && view?.status === 'approved';
  const needsNone = required !== null && required.length === 0;
  const canSend =
    ready && !busy && via.length > 0 && props.recipients.length > 0 && (approvedAsIs || needsNone);
  const first = props.recipients[0];
  const preview = first ? personalise(text, recipientOf(first)).text : null;

  async function save(submit: boolean): Promise<MessageView | null> {
    setBusy(true);
    const r = await call(socket, 'message.save', {
      ...(view && { messageId: view.id }),
      kind: 'reply',
      mentionId: mention.id,
      ...context,
      topics,
      text,
      submit,
      wave: true,
    });
    setBusy(false);
    if (!r.ok) {
      setError(r.message);
      return null;
    }
    setError(null);
    setSaved(r.message);
    return r.message;
  }

  async function send() {
    const current = dirty || !view ? await save(false) : view;
    if (!current) return;
    if (current.status !== 'approved')
      return setError(t('composer.notApproved', { status: t(`message.status.${current.status}`) }));
    setBusy(true);
    const r = await call(socket, 'wave.send', {
      messageId: current.id,
      contentHash: current.contentHash,
      mentionIds: props.recipients.map((m) => m.id),
      via,
    });
    setBusy(false);
    if (!r.ok) return setError(r.message);
    setError(null);
    setSaved(r.message);
    props.onSent(r);
  }

  return (
    <section className="composer wave-composer" aria-label={t('wave.composer')}>
      {view && <MessageStatus message={view} />}
      <div className="composer-options">
        <TemplatePicker
          templates={templates}
          language={context.language}
          disabled={busy}
          onPick={(tpl) => {
            // {{author}} and {{case}} stay: each mention of the wave gets its own.
            setText(tpl.text);
            setContext({ ...context, language: tpl.language });
          }}
        />
        <ComposerContext value={context} onChange={setContext} />
      </div>
      <label className="composer-label">
        {t('wave.text')}
        <textarea
          data-testid="wave-text"
          rows={5}
          maxLength={10_000}
          value={text}
          disabled={busy}
          onChange={(e) => setText(e.target.value)}
        />
      </label>
      <p className="muted">
        {t('wave.variablesHint', { authorVar: '{{author}}', caseVar: '{{case}}' })}
      </p>
      <VariableInputs
        names={holes}
        onFill={(name, value) => setText(fillVariables(text, { [name]: value }))}
      />
      {problem && <p className="warn">{problem}</p>}
      <FindingList
        findings={findings}
        text={text}
        onReplace={(f) => setText(applyReplacement(text, f))}
      />
      {preview && first && text.trim() && (
        <div className="wave-preview" data-testid="wave-preview">
          <span className="muted">
            {t('wave.previewFor', { author: first.author.name ?? first.author.handle })}
          </span>
          <p>{preview}</p>
        </div>
      )}
      <RequiredApprovals required={required} testId="wave-required" />
      <SendRoutes value={via} onChange={setVia} />
      <div className="actions">
        <button type="button" disabled={!canSubmit} onClick={() => void save(true)}>
          {t('composer.submit')}
        </button>
        <button type="button" className="primary" disabled={!canSend} onClick={() => void send()}>
          {t('wave.send', { count: props.recipients.length })}
        </button>
      </div>
      <ErrorNote error={error} />
    </section>
  );
}
