import { createHash } from 'node:crypto';
import type { Sql } from './connection';
import { MENTION_CONTENT_COLUMNS } from './queries/mention-writes';
import { MENTION_ROUTING_COLUMNS } from './queries/routing';
import { MESSAGE_COLUMNS } from './queries/messages';

// Replicated materialised tables in a fixed order, each with a fixed column list and row order
// (DECISIONS.md 4). Local-only state — sessions, local_meta, FTS — is left out. mentions.seq is
// a local insertion counter, so it is left out too.
const TABLES: { table: string; columns: string[]; order: string }[] = [
  { table: 'room', columns: ['id', 'name', 'created_hlc', 'mode'], order: 'id' },
  {
    table: 'stations',
    columns: ['id', 'public_key', 'name', 'admitted_hlc', 'admitted_by', 'tls_cert'],
    order: 'id',
  },
  {
    table: 'operators',
    columns: [
      'id',
      'username',
      'display_name',
      'role',
      'departments',
      'password_hash',
      'areas',
      'disabled',
      'created_hlc',
      'updated_hlc',
      'expires_at',
      'skills',
    ],
    order: 'id',
  },
  { table: 'join_codes', columns: ['code_hash', 'expires_at', 'created_hlc'], order: 'code_hash' },
  {
    table: 'mentions',
    columns: [
      'id',
      ...MENTION_CONTENT_COLUMNS,
      'duplicates',
      'status',
      'status_by',
      'status_at',
      'claim_op',
      'claim_operator',
      'claim_at',
      'claim_expires',
      'answers',
      'base_priority',
      ...MENTION_ROUTING_COLUMNS,
    ],
    order: 'id',
  },
  { table: 'op_effects', columns: ['op_id', 'subject', 'effect', 'reason'], order: 'op_id' },
  { table: 'room_closure', columns: ['op_id', 'closed_hlc', 'closed_by', 'reason'], order: 'id' },
  { table: 'room_config', columns: ['key', 'value', 'op_id', 'hlc', 'actor'], order: 'key' },
  {
    table: 'runs',
    columns: [
      'id',
      'playbook_id',
      'playbook_version',
      'engine',
      'state',
      'severity',
      'commander_id',
      'started_at',
      'started_by',
      'closed_at',
      'context',
      'next_due',
    ],
    order: 'id',
  },
  {
    table: 'alerts',
    columns: [
      'id',
      'rule',
      'key',
      'window_start',
      'window_end',
      'severity',
      'body',
      'first_op',
      'first_hlc',
      'raised',
    ],
    order: 'id',
  },
  { table: 'messages', columns: [...MESSAGE_COLUMNS], order: 'id' },
  {
    table: 'events',
    columns: [
      'id',
      'name',
      'start_at',
      'end_at',
      'brands',
      'topics',
      'forecast',
      'saved_by',
      'saved_hlc',
      'cancelled_hlc',
    ],
    order: 'id',
  },
  {
    table: 'staffing_state',
    columns: [
      'id',
      'engine',
      'level',
      'since',
      'mode',
      'summary',
      'measurements',
      'measured_at',
      'snapshot',
      'last_hlc',
      'last_op',
    ],
    order: 'id',
  },
  {
    table: 'staffing_changes',
    columns: [
      'op_id',
      'hlc',
      'at',
      'from_level',
      'to_level',
      'why',
      'by',
      'banner',
      'notify_reserves',
    ],
    order: 'op_id',
  },
  {
    table: 'reserve_calls',
    columns: ['change_op', 'reserve_id', 'outcome', 'by', 'hlc', 'op_id'],
    order: 'change_op, reserve_id',
  },
  {
    table: 'roster',
    columns: [
      'operator_id',
      'checked_in',
      'department',
      'skills',
      'capacity',
      'since',
      'desk_station',
      'updated_hlc',
    ],
    order: 'operator_id',
  },
  {
    table: 'shifts',
    columns: [
      'id',
      'operator_id',
      'department',
      'start',
      'end',
      'note',
      'cancelled',
      'updated_hlc',
    ],
    order: 'id',
  },
  {
    table: 'contact_links',
    columns: [
      'subject',
      'a',
      'b',
      'state',
      'signal',
      'op_id',
      'by',
      'hlc',
      'merge_op',
      'merged_by',
    ],
    order: 'subject',
  },
  {
    table: 'reviews',
    columns: ['id', 'title', 'status', 'run_id', 'opened_by', 'opened_at', 'updated_at', 'doc'],
    order: 'id',
  },
  // Revocation and key rotation (migration 0020).
  {
    table: 'station_revocations',
    columns: ['station_id', 'point_seq', 'op_id', 'hlc', 'revoked_by'],
    order: 'station_id',
  },
  {
    table: 'station_keys',
    columns: ['station_id', 'from_seq', 'public_key', 'tls_cert', 'op_id', 'hlc', 'rotated_by'],
    order: 'station_id, from_seq',
  },
  {
    table: 'operator_revocations',
    columns: ['operator_id', 'op_id', 'hlc', 'revoked_by', 'reason'],
    order: 'operator_id',
  },
  // The record of erasures (migration 0021); what each erased here (erasure_counts) is local.
  {
    table: 'erasures',
    columns: [
      'id',
      'op_id',
      'hlc',
      'actor',
      'reference',
      'cutoff',
      'keys',
      'requested_items',
      'effect',
      'reason',
    ],
    order: 'id',
  },
];

/** SHA-256 over the replicated state: two stations with the same ops have the same digest. */
export async function stateDigest(sql: Sql): Promise<string> {
  const hash = createHash('sha256');
  for (const t of TABLES) {
    hash.update(`\u0001${t.table}\n`);
    await sql.each<Record<string, unknown>>(
      `SELECT ${t.columns.join(', ')} FROM ${t.table} ORDER BY ${t.order}`,
      [],
      (row) => hash.update(JSON.stringify(t.columns.map((c) => row[c] ?? null)) + '\n'),
    );
  }
  return hash.digest('hex');
}

/** The digest's tables, columns and row order (db/known-state.ts reads them too). */
export const DIGEST_TABLES: readonly {
  table: string;
  columns: readonly string[];
  order: string;
}[] = TABLES;
