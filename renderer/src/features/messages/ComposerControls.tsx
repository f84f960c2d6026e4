import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SendRoute } from '../../../../shared/messaging/message-state';
import type { ApprovalArea } from '../../../../shared/messaging/policy';
import { areaList } from './labels';

/** An input per template variable still unfilled ({{eta}}): Enter puts the value in the text. */
export function VariableInputs(props: {
  names: string[];
  onFill: (name: string, value: string) => void;
}) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Record<string, string>>({});
  const fill = (name: string) => {
    const value = values[name]?.trim();
    if (value) props.onFill(name, value);
  };
  return props.names.map((name) => (
    <div key={name} className="row-line variable">
      <label>
        {t('composer.fill', { name })}
        <input
          value={values[name] ?? ''}
          onChange={(e) => setValues({ ...values, [name]: e.target.value })}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              fill(name);
            }
          }}
        />
      </label>
      <button type="button" onClick={() => fill(name)} disabled={!values[name]?.trim()}>
        {t('composer.fillButton')}
      </button>
    </div>
  ));
}

/** How a send leaves the desk: copied to the clipboard (the default), posted to the webhook. */
export function SendRoutes(props: { value: SendRoute[]; onChange: (via: SendRoute[]) => void }) {
  const { t } = useTranslation();
  return (
    <fieldset className="send-via">
      <legend>{t('composer.via')}</legend>
      {(['clipboard', 'webhook'] as const).map((route) => (
        <label key={route} className="check">
          <input
            type="checkbox"
            checked={props.value.includes(route)}
            onChange={(e) =>
              props.onChange(
                e.target.checked ? [...props.value, route] : props.value.filter((v) => v !== route),
              )
            }
          />
          {t(`message.via.${route}`)}
        </label>
      ))}
    </fieldset>
  );
}

/** Topic tags as typed ("Recall, kettle"), as the station keeps them. */
export function topicsOf(typed: string): string[] {
  return [
    ...new Set(
      typed
        .split(',')
        .map((x) => x.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
}

/** The approvals a text needs (null: not known yet), with the rules that ask as its tooltip. */
export function RequiredApprovals(props: {
  required: readonly ApprovalArea[] | null;
  requiredBy?: readonly string[] | undefined;
  testId: string;
}) {
  const { t, i18n } = useTranslation();
  const { required } = props;
  return (
    <p className="required" data-testid={props.testId} title={props.requiredBy?.join('\n')}>
      {required === null
        ? t('composer.requiredUnknown')
        : required.length === 0
          ? t('composer.noApproval')
          : t('composer.needsApproval', { areas: areaList(required, t, i18n.language) })}
    </p>
  );
}
