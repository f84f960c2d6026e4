import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { StationCore } from '../core/core';
import { findResourceDir } from '../core/resources';
import { formatProblem } from '../../../shared/yaml/parse-with-schema';
import { checkVoice, type VoiceFinding } from '../../../shared/messaging/voice/check-voice';
import { parseVoiceRules } from '../../../shared/messaging/voice/parse-voice-rules';
import { SentIndex } from '../../../shared/messaging/voice/sent-index';
import type { VoiceRules } from '../../../shared/messaging/voice/voice-schema';
import type { Applied } from '../ops/apply';

/** What a text is checked as. */
export type CheckInput = {
  kind: 'reply' | 'statement';
  text: string;
  language: string;
  channel: string;
  topics: string[];
};

/** The voice rules file a station uses: its own (DATA/voice/rules.yaml) or the bundled example. */
export function voiceRulesFile(dataDir: string): string | null {
  const own = path.join(dataDir, 'voice', 'rules.yaml');
  if (existsSync(own)) return own;
  const dir = findResourceDir('voice', 'HOLDLINE_VOICE_DIR');
  const first =
    dir &&
    readdirSync(dir)
      .filter((f) => f.endsWith('.yaml'))
      .sort()[0];
  return dir && first ? path.join(dir, first) : null;
}

type Loaded = { file: string; mtimeMs: number; rules: VoiceRules | null; problems: string[] };

/**
 * A station's voice checks: the rules file (re-read when it changes, so a brand's edit applies
 * without a restart; a broken file is reported in every check rather than silently ignored) and
 * the index of replies this room has sent, kept up to date as sends commit here or arrive.
 */
export class VoiceService {
  private loaded: Loaded | null = null;
  private sent: SentIndex | null = null;
  private readonly counted = new Set<string>();
  private readonly onApplied = (a: Applied) => {
    if (this.sent && a.messagesChanged.length > 0) void this.addSent(a.messagesChanged);
  };

  constructor(private readonly core: StationCore) {
    core.on('applied', this.onApplied);
  }

  /** Stops following the log. */
  close(): void {
    this.core.off('applied', this.onApplied);
  }

  private rules(): Loaded | null {
    const file = voiceRulesFile(this.core.dataDir);
    if (!file) return null;
    const mtimeMs = statSync(file).mtimeMs;
    if (this.loaded?.file === file && this.loaded.mtimeMs === mtimeMs) return this.loaded;
    const parsed = parseVoiceRules(readFileSync(file, 'utf8'), file);
    this.loaded = parsed.ok
      ? { file, mtimeMs, rules: parsed.rules, problems: [] }
      : { file, mtimeMs, rules: null, problems: parsed.problems.map(formatProblem) };
    return this.loaded;
  }

  private async addSent(ids?: readonly string[]): Promise<void> {
    const rows = await this.core.read.all<{ id: string; text: string }>(
      `SELECT id, text FROM messages WHERE kind = 'reply' AND status = 'sent'
         ${ids ? 'AND id IN (SELECT value FROM json_each(?))' : ''}`,
      ids ? [JSON.stringify(ids)] : [],
    );
    for (const r of rows)
      if (!this.counted.has(r.id)) {
        this.counted.add(r.id);
        this.sent?.add(r.text);
      }
  }

  /** Checks a text against the rules, and a reply against the replies already sent. */
  async check(input: CheckInput): Promise<VoiceFinding[]> {
    const loaded = this.rules();
    if (!loaded) return [];
    if (!loaded.rules)
      return [
        {
          rule: 'banned',
          severity: 'warn',
          message: `The voice rules file has problems, so nothing was checked: ${loaded.problems.slice(0, 3).join('; ')}`,
        },
      ];
    if (input.kind === 'reply' && !this.sent) {
      this.sent = new SentIndex();
      await this.addSent();
    }
    return checkVoice(
      input.text,
      { language: input.language, channel: input.channel, topics: input.topics },
      loaded.rules,
      input.kind === 'reply' ? (this.sent ?? undefined) : undefined,
    );
  }
}

const SERVICES = new WeakMap<StationCore, VoiceService>();

/** The station's voice service (one per core, made on first use). */
export function voiceOf(core: StationCore): VoiceService {
  let s = SERVICES.get(core);
  if (!s) {
    s = new VoiceService(core);
    SERVICES.set(core, s);
  }
  return s;
}
