import type { Sql } from '../connection';
import type { MessageState } from '../../../../shared/messaging/message-state';

/** A message row as stored (JSON columns as text). */
export type MessageRow = {
  id: string;
  kind: string;
  mention_id: string | null;
  library_scenario: string | null;
  library_language: string | null;
  created_by: string;
  created_hlc: string;
  version: number;
  version_by: string;
  version_hlc: string;
  text: string;
  content_hash: string;
  language: string;
  channel: string;
  topics: string;
  severity: string | null;
  run_id: string | null;
  template_id: string | null;
  required: string;
  required_by: string;
  reviews: string;
  approved_areas: string;
  approved_hlc: string | null;
  status: string;
  sends: string;
  retired_by: string | null;
  retired_hlc: string | null;
  wave: number;
};

/** The columns of messages, in table order (the digest and writes use them). */
export const MESSAGE_COLUMNS = [
  'id',
  'kind',
  'mention_id',
  'library_scenario',
  'library_language',
  'created_by',
  'created_hlc',
  'version',
  'version_by',
  'version_hlc',
  'text',
  'content_hash',
  'language',
  'channel',
  'topics',
  'severity',
  'run_id',
  'template_id',
  'required',
  'required_by',
  'reviews',
  'approved_areas',
  'approved_hlc',
  'status',
  'sends',
  'retired_by',
  'retired_hlc',
  'wave',
] as const;

/** Writes a message's folded state (or removes it when no draft of it stands). */
export async function writeMessage(tx: Sql, id: string, s: MessageState | null): Promise<void> {
  if (s === null) {
    await tx.run('DELETE FROM messages WHERE id = ?', [id]);
    return;
  }
  const row: MessageRow = {
    id,
    kind: s.kind,
    mention_id: s.mentionId,
    library_scenario: s.library?.scenario ?? null,
    library_language: s.library?.language ?? null,
    created_by: s.createdBy,
    created_hlc: s.createdHlc,
    version: s.version,
    version_by: s.versionBy,
    version_hlc: s.versionHlc,
    text: s.text,
    content_hash: s.contentHash,
    language: s.language,
    channel: s.channel,
    topics: JSON.stringify(s.topics),
    severity: s.severity,
    run_id: s.runId,
    template_id: s.templateId,
    required: JSON.stringify(s.required),
    required_by: JSON.stringify(s.requiredBy),
    reviews: JSON.stringify(s.reviews),
    approved_areas: JSON.stringify(s.approvedAreas),
    approved_hlc: s.approvedHlc,
    status: s.status,
    sends: JSON.stringify(s.sends),
    retired_by: s.retired?.by ?? null,
    retired_hlc: s.retired?.hlc ?? null,
    wave: s.wave ? 1 : 0,
  };
  await tx.run(
    `INSERT OR REPLACE INTO messages (${MESSAGE_COLUMNS.join(', ')})
     VALUES (${MESSAGE_COLUMNS.map(() => '?').join(', ')})`,
    MESSAGE_COLUMNS.map((c) => row[c]),
  );
}

/** Ids of every message (to re-judge them all when the policy changes). */
export async function allMessageIds(sql: Sql): Promise<string[]> {
  return (await sql.all<{ id: string }>('SELECT id FROM messages')).map((r) => r.id);
}
