import { useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageTemplate, MessageView } from '../../../../shared/contract/messages';
import type { RoomInfo } from '../../../../shared/contract/room';
import type { Mention } from '../../../../shared/domain/mention';
import type { SendRoute } from '../../../../shared/messaging/message-state';
import type { VoiceFinding } from '../../../../shared/messaging/voice/voice-finding';
import { ErrorNote } from '../../components/Field';
import { call, type DeskSocket } from '../../desk/client';
import { copyText } from './clipboard';
import { ComposerContext, type ReplyContext } from './ComposerContext';
import { RequiredApprovals, SendRoutes, VariableInputs, topicsOf } from './ComposerControls';
import { ComposerField } from './ComposerField';
import { FindingList } from './FindingList';
import { MessageStatus } from './MessageStatus';
import { TemplatePicker } from './TemplatePicker';
import {
  applyReplacement,
  caseNumber,
  fillVariables,
  marksOf,
  unfilledVariables,
} from './text-marks';
import { useMessageCheck } from './use-message-check';
import { useTemplates } from './use-templates';

/**
 * The reply composer of the selected mention: a template or approved statement to start from,
 * its variables filled, voice checks and the approvals it needs as one types, then save, submit
 * for approval, or send (copied to the clipboard, or posted to the room's webhook).
 */
export function Composer(props: {
  socket: DeskSocket;
  room: RoomInfo;
  mention: Mention;
  /** This mention's messages as the station last listed them. */
  messages: MessageView[];
  /** The message to carry on with (the newest one not retired), or null for a new reply. */
  initial: MessageView | null;
}) {
  const { t, i18n } = useTranslation();
  const { socket, mention, initial } = props;
  const templates = useTemplates(socket);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [messageId, setMessageId] = useState<string | null>(initial?.id ?? null);
  // The station's latest answer about this message, until the list is fetched again.
  const [answered, setAnswered] = useState<{ view: MessageView; list: MessageView[] } | null>(null);
  const [text, setText] = useState(initial?.text ?? '');
  const [context, setContext] = useState<ReplyContext>({
    language: initial?.language ?? (mention.language === 'und' ? i18n.language : mention.language),
    channel: initial?.channel ?? mention.channel,
    topics: initial?.topics.join(', ') ?? '',
  });
  const { language, channel } = context;
  const [templateId, setTemplateId] = useState<string | null>(initial?.templateId ?? null);
  const [via, setVia] = useState<SendRoute[]>(['clipboard']);
  const [undo, setUndo] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const listed = props.messages.find((m) => m.id === messageId) ?? null;
  const view =
    answered && answered.view.id === messageId && (answered.list === props.messages || !listed)
      ? answered.view
      : listed;
  const topicList = topicsOf(context.topics);
  const dirty =
    !view ||
    text !== view.text ||
    language !== view.language ||
    channel !== view.channel ||
    topicList.join(',') !== view.topics.join(',');
  const check = useMessageCheck(socket, {
    kind: 'reply',
    text,
    language,
    channel,
    topics: topicList,
  });
  const current = check && check.text === text ? check : null;
  const findings: VoiceFinding[] = current?.findings ?? [];
  const blocking = findings.filter((f) => f.severity === 'block');
  const holes = unfilledVariables(text);
  const required = check?.required ?? (view && !dirty ? view.required : null);
  const status = view?.status ?? null;
  const canWork = props.room.me.role !== 'observer';
  const closed = status === 'sent' || status === 'retired';
  const hasText = text.trim().length > 0;
  // Nothing goes for approval or out before the checks have seen exactly these words.
  const ready =
    canWork &&
    !closed &&
    hasText &&
    holes.length === 0 &&
    blocking.length === 0 &&
    check?.current === true;
  const fresh = dirty || status === 'draft';
  const canSave = canWork && !closed && hasText && dirty && !busy;
  const canSubmit = ready && !busy && fresh && (required === null || required.length > 0);
  const canSend =
    ready &&
    !busy &&
    via.length > 0 &&
    ((!dirty && status === 'approved') || (required !== null && required.length === 0 && fresh));

  async function save(submit: boolean): Promise<MessageView | null> {
    setBusy(true);
    const r = await call(socket, 'message.save', {
      ...(messageId && { messageId }),
      kind: 'reply',
      mentionId: mention.id,
      language,
      channel,
      topics: topicList,
      text,
      ...(templateId && { templateId }),
      submit,
    });
    setBusy(false);
    // Nothing typed is lost on a refusal: the text stays, the station's reason is shown.
    if (!r.ok) {
      setError(r.message);
      return null;
    }
    setError(null);
    setMessageId(r.message.id);
    setAnswered({ view: r.message, list: props.messages });
    if (r.message.text !== text) setText(r.message.text); // the station trims
    return r.message;
  }

  async function send() {
    setNotice(null);
    const saved = dirty || !view ? await save(false) : view;
    if (!saved) return;
    if (saved.status !== 'approved')
      return setError(t('composer.notApproved', { status: t(`message.status.${saved.status}`) }));
    setBusy(true);
    const r = await call(socket, 'message.send', {
      messageId: saved.id,
      contentHash: saved.contentHash,
      via,
    });
    setBusy(false);
    if (!r.ok) return setError(r.message);
    setError(null);
    setAnswered({ view: r.message, list: props.messages });
    // The send op records the publication; the clipboard is how the words leave this desk.
    if (via.includes('clipboard'))
      setNotice(t((await copyText(saved.text)) ? 'composer.copied' : 'composer.copyFailed'));
  }

  function pick(tpl: MessageTemplate) {
    const filled = fillVariables(tpl.text, {
      author: mention.author.name ?? mention.author.handle,
      case: caseNumber(mention.id),
    });
    setUndo(hasText && text !== filled ? text : null);
    setText(filled);
    setTemplateId(tpl.id);
    setContext({ ...context, language: tpl.language });
    // Straight to the first blank, so typing fills it.
    requestAnimationFrame(() => {
      const el = textarea.current;
      if (!el) return;
      el.focus();
      const hole = /\{\{\s*[a-z][a-z0-9_]*\s*\}\}/i.exec(filled);
      if (hole) el.setSelectionRange(hole.index, hole.index + hole[0].length);
    });
  }

  function replace(f: VoiceFinding) {
    if (current) setText(applyReplacement(current.text, f));
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    const mod = e.ctrlKey || e.metaKey;
    if (mod && e.key === 'Enter') {
      e.preventDefault();
      if (canSend) void send();
      else if (canSubmit) void save(true);
    } else if (mod && e.key.toLowerCase() === 's') {
      e.preventDefault();
      if (canSave) void save(false);
    }
  }

  const writing = (mode: 'writing' | 'viewing') =>
    void call(socket, 'presence.set', { mentionId: mention.id, mode });

  if (!canWork) return null;
  return (
    <section className="composer" data-testid="composer" aria-label={t('composer.title')}>
      <h3>{t('composer.title')}</h3>
      {view && <MessageStatus message={view} />}
      {closed ? (
        <div className="row-line">
          <button
            type="button"
            onClick={() => {
              setMessageId(null);
              setText('');
              setTemplateId(null);
              setNotice(null);
            }}
          >
            {t('composer.newReply')}
          </button>
          {notice && (
            <span role="status" className="muted" data-testid="composer-notice">
              {notice}
            </span>
          )}
        </div>
      ) : (
        <>
          <div className="composer-options">
            <TemplatePicker
              templates={templates}
              language={language}
              disabled={busy}
              onPick={pick}
            />
            <ComposerContext value={context} onChange={setContext} />
          </div>
          {undo !== null && (
            <button
              type="button"
              className="link"
              onClick={() => {
                setText(undo);
                setUndo(null);
              }}
            >
              {t('composer.undoTemplate')}
            </button>
          )}
          <ComposerField
            label={t('composer.text')}
            value={text}
            marks={marksOf(text, findings)}
            disabled={busy}
            onValue={setText}
            onKeyDown={onKeyDown}
            onFocus={() => writing('writing')}
            onBlur={() => writing('viewing')}
            ref={textarea}
          />
          <VariableInputs
            names={holes}
            onFill={(name, value) => setText(fillVariables(text, { [name]: value }))}
          />
          <FindingList findings={findings} text={text} onReplace={replace} />
          {check && !check.voiceChecked && hasText && (
            <p className="muted">{t('composer.noVoiceCheck')}</p>
          )}
          <RequiredApprovals
            required={required}
            requiredBy={check?.requiredBy}
            testId="required-approvals"
          />
          <SendRoutes value={via} onChange={setVia} />
          <div className="actions">
            <button type="button" disabled={!canSave} onClick={() => void save(false)}>
              {t('composer.save')} <kbd>Ctrl+S</kbd>
            </button>
            <button type="button" disabled={!canSubmit} onClick={() => void save(true)}>
              {t('composer.submit')}
            </button>
            <button
              type="button"
              className="primary"
              disabled={!canSend}
              onClick={() => void send()}
            >
              {t('composer.send')} <kbd>Ctrl+Enter</kbd>
            </button>
          </div>
          {holes.length > 0 && (
            <p className="warn">{t('composer.fillFirst', { names: holes.join(', ') })}</p>
          )}
        </>
      )}
      <ErrorNote error={error} />
    </section>
  );
}
