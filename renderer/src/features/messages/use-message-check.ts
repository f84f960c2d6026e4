import { useEffect, useRef, useState } from 'react';
import {
  requiredApprovals,
  type ApprovalArea,
  type ApprovalPolicy,
} from '../../../../shared/messaging/policy';
import type { VoiceFinding } from '../../../../shared/messaging/voice/voice-finding';
import { call, type DeskSocket, type InputOf } from '../../desk/client';

/** What the composer knows about a text: its voice findings and the approvals it needs. */
export type CheckResult = {
  /** The text the answer is about: highlights apply only while the draft still reads so. */
  text: string;
  findings: VoiceFinding[];
  /** Null when neither the station nor the policy could say. */
  required: ApprovalArea[] | null;
  requiredBy: string[];
  /** False when the station could not run the voice checks (findings then unknown). */
  voiceChecked: boolean;
  /** True while the answer is about exactly what is typed now (text, language, channel, tags). */
  current: boolean;
};

/** Typing pauses this long before the station is asked. */
export const CHECK_DELAY_MS = 250;

/**
 * Checks a draft as it is typed: message.check, debounced, newest answer wins. When the station
 * cannot check (an older station, a lost link) the approvals still come from the room's policy,
 * judged here with the same rules the station uses; the voice findings are then unknown.
 */
export function useMessageCheck(
  socket: DeskSocket,
  input: InputOf<'message.check'> | null,
): CheckResult | null {
  const [result, setResult] = useState<(Omit<CheckResult, 'current'> & { key: string }) | null>(
    null,
  );
  const policy = useRef<ApprovalPolicy | null>(null);
  const seq = useRef(0);
  const key = input ? JSON.stringify(input) : null;

  useEffect(() => {
    let live = true;
    void call(socket, 'policy.get', {}).then((r) => {
      if (live && r.ok) policy.current = r.policy;
    });
    return () => {
      live = false;
    };
  }, [socket]);

  useEffect(() => {
    if (key === null) return;
    const asked = JSON.parse(key) as InputOf<'message.check'>;
    const mine = ++seq.current;
    const timer = setTimeout(() => {
      void call(socket, 'message.check', asked).then((r) => {
        if (mine !== seq.current) return;
        if (r.ok) {
          setResult({
            key,
            text: asked.text,
            findings: Array.isArray(r.findings) ? r.findings : [],
            required: r.required,
            requiredBy: r.requiredBy,
            voiceChecked: true,
          });
          return;
        }
        const p = policy.current;
        const req = p
          ? requiredApprovals(p, {
              kind: asked.kind,
              severity: asked.severity ?? null,
              topics: asked.topics ?? [],
              channel: asked.channel,
            })
          : null;
        setResult({
          key,
          text: asked.text,
          findings: [],
          required: req?.areas ?? null,
          requiredBy: req?.rules ?? [],
          voiceChecked: false,
        });
      });
    }, CHECK_DELAY_MS);
    return () => clearTimeout(timer);
  }, [socket, key]);

  if (key === null || !result) return null;
  const { key: answered, ...rest } = result;
  return { ...rest, current: answered === key };
}
