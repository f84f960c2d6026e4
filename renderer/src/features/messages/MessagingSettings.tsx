import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { stringify } from 'yaml';
import type { WebhookView } from '../../../../shared/contract/messages';
import { ApprovalPolicySchema } from '../../../../shared/messaging/policy';
import { formatProblem, parseYamlWithSchema } from '../../../../shared/yaml/parse-with-schema';
import { ErrorNote, TextField } from '../../components/Field';
import { call, type DeskSocket } from '../../desk/client';

/**
 * The room's approval policy, edited as YAML (problems name their line), and this station's
 * outbound webhook: for admins.
 */
export function MessagingSettings(props: { socket: DeskSocket }) {
  const { t } = useTranslation();
  const { socket } = props;
  const [policy, setPolicy] = useState('');
  const [source, setSource] = useState<'default' | 'room' | null>(null);
  const [policyNote, setPolicyNote] = useState<string | null>(null);
  const [policyError, setPolicyError] = useState<string | null>(null);
  const [hook, setHook] = useState<WebhookView | null>(null);
  const [url, setUrl] = useState('');
  const [secret, setSecret] = useState('');
  const [hookError, setHookError] = useState<string | null>(null);

  useEffect(() => {
    void call(socket, 'policy.get', {}).then((r) => {
      if (!r.ok) return setPolicyError(r.message);
      setPolicy(stringify(r.policy));
      setSource(r.source);
    });
    void call(socket, 'webhook.get', {}).then((r) => {
      if (!r.ok) return setHookError(r.message);
      setHook(r.webhook);
      setUrl(r.webhook.url ?? '');
    });
  }, [socket]);

  async function savePolicy() {
    const parsed = parseYamlWithSchema(policy, 'policy.yaml', ApprovalPolicySchema, 64 * 1024);
    if (!parsed.ok) return setPolicyError(parsed.problems.map(formatProblem).join('\n'));
    const r = await call(socket, 'policy.set', { policy: parsed.value });
    if (!r.ok) return setPolicyError(r.message);
    setPolicyError(null);
    setSource(r.source);
    setPolicyNote(t('settings.policySaved'));
  }

  async function saveHook() {
    const r = await call(socket, 'webhook.set', { url: url.trim(), secret: secret || null });
    if (!r.ok) return setHookError(r.message);
    setHookError(null);
    setHook(r.webhook);
    setSecret('');
  }

  return (
    <div className="messaging-settings">
      <section>
        <h3>{t('settings.policy')}</h3>
        <p className="muted">
          {source === 'default' ? t('settings.policyDefault') : t('settings.policyRoom')}
        </p>
        <textarea
          aria-label={t('settings.policy')}
          className="code"
          rows={16}
          spellCheck={false}
          value={policy}
          onChange={(e) => {
            setPolicy(e.target.value);
            setPolicyNote(null);
          }}
        />
        <ErrorNote error={policyError} />
        {policyNote && <p role="status">{policyNote}</p>}
        <button type="button" className="primary" onClick={() => void savePolicy()}>
          {t('settings.savePolicy')}
        </button>
      </section>
      <section>
        <h3>{t('settings.webhook')}</h3>
        <p className="muted">
          {hook?.url
            ? t(hook.signed ? 'settings.webhookSigned' : 'settings.webhookOn', { url: hook.url })
            : t('settings.webhookOff')}
        </p>
        <TextField
          label={t('settings.webhookUrl')}
          type="url"
          placeholder="https://"
          value={url}
          onValue={setUrl}
        />
        <TextField
          label={t('settings.webhookSecret')}
          type="password"
          autoComplete="new-password"
          value={secret}
          onValue={setSecret}
        />
        <ErrorNote error={hookError} />
        <button type="button" onClick={() => void saveHook()}>
          {t('settings.saveWebhook')}
        </button>
      </section>
    </div>
  );
}
