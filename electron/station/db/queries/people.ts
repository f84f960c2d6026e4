import type { Sql } from '../connection';
import type { Department, Operator, Role } from '../../../../shared/domain/people';
import type { ApprovalArea } from '../../../../shared/messaging/policy';
import type { RoomMode } from '../../../../shared/domain/room-mode';

/** The war room row. */
export type RoomRow = { id: string; name: string; created_hlc: string; mode: RoomMode };

/** The war room, if one was created. */
export async function getRoom(sql: Sql): Promise<RoomRow | undefined> {
  return sql.get<RoomRow>('SELECT * FROM room ORDER BY created_hlc LIMIT 1');
}

/** Writes the room (the genesis with the lowest HLC wins). */
export async function putRoom(
  tx: Sql,
  id: string,
  name: string,
  hlc: string,
  mode: RoomMode = 'live',
): Promise<void> {
  await tx.run(
    `INSERT INTO room (id, name, created_hlc, mode) VALUES (?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, created_hlc = excluded.created_hlc,
       mode = excluded.mode
     WHERE excluded.created_hlc < room.created_hlc`,
    [id, name, hlc, mode],
  );
}

/** Admits a station (first admission by HLC is kept). */
export async function putStation(
  tx: Sql,
  s: {
    id: string;
    publicKey: string;
    name: string;
    hlc: string;
    by: string;
    tlsCert: string | null;
  },
): Promise<void> {
  await tx.run(
    `INSERT INTO stations (id, public_key, name, admitted_hlc, admitted_by, tls_cert)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET public_key = excluded.public_key, name = excluded.name,
       admitted_hlc = excluded.admitted_hlc, admitted_by = excluded.admitted_by,
       tls_cert = excluded.tls_cert
     WHERE excluded.admitted_hlc < stations.admitted_hlc`,
    [s.id, s.publicKey, s.name, s.hlc, s.by, s.tlsCert],
  );
}

/** Member stations and their public keys. */
export async function listStations(
  sql: Sql,
): Promise<{ id: string; public_key: string; name: string; tls_cert: string | null }[]> {
  return sql.all('SELECT id, public_key, name, tls_cert FROM stations ORDER BY id');
}

/** An operator row as stored. */
export type OperatorRow = {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  departments: string;
  areas: string;
  password_hash: string;
  disabled: number;
  created_hlc: string;
  updated_hlc: string;
  expires_at: string | null;
  skills: string;
};

/** The folded state of an account. */
export type OperatorState = {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  departments: Department[];
  areas: ApprovalArea[];
  passwordHash: string;
  disabled: boolean;
  createdHlc: string;
  updatedHlc: string;
  expiresAt: string | null;
  skills: string[];
};

/** Writes an account's folded state. */
export async function putOperator(tx: Sql, o: OperatorState): Promise<void> {
  await tx.run(
    `INSERT INTO operators (id, username, display_name, role, departments, areas, password_hash, disabled, created_hlc, updated_hlc, expires_at, skills)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET username = excluded.username, display_name = excluded.display_name,
       role = excluded.role, departments = excluded.departments, areas = excluded.areas, password_hash = excluded.password_hash,
       disabled = excluded.disabled, created_hlc = excluded.created_hlc, updated_hlc = excluded.updated_hlc,
       expires_at = excluded.expires_at, skills = excluded.skills`,
    [
      o.id,
      o.username,
      o.displayName,
      o.role,
      JSON.stringify(o.departments),
      JSON.stringify(o.areas),
      o.passwordHash,
      o.disabled ? 1 : 0,
      o.createdHlc,
      o.updatedHlc,
      o.expiresAt,
      JSON.stringify(o.skills),
    ],
  );
}

/** Turns a row into what the UI may see (never the hash). */
export function toOperator(r: OperatorRow): Operator {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    departments: JSON.parse(r.departments) as Department[],
    areas: JSON.parse(r.areas) as ApprovalArea[],
    disabled: r.disabled === 1,
    ...(r.expires_at != null && { expiresAt: r.expires_at }),
    ...(r.skills && r.skills !== '[]' && { skills: JSON.parse(r.skills) as string[] }),
  };
}

/** One account by username. */
export async function operatorByUsername(
  sql: Sql,
  username: string,
): Promise<OperatorRow | undefined> {
  return sql.get<OperatorRow>('SELECT * FROM operators WHERE username = ?', [username]);
}

/** One account by id. */
export async function operatorById(sql: Sql, id: string): Promise<OperatorRow | undefined> {
  return sql.get<OperatorRow>('SELECT * FROM operators WHERE id = ?', [id]);
}

/** Every account. */
export async function listOperators(sql: Sql): Promise<OperatorRow[]> {
  return sql.all<OperatorRow>('SELECT * FROM operators ORDER BY display_name, username');
}

/** How many accounts exist. */
export async function countOperators(sql: Sql): Promise<number> {
  return (await sql.get<{ n: number }>('SELECT count(*) AS n FROM operators'))?.n ?? 0;
}

/** Stores a join code's hash. */
export async function putJoinCode(
  tx: Sql,
  codeHash: string,
  expiresAt: string,
  hlc: string,
): Promise<void> {
  await tx.run(
    'INSERT OR IGNORE INTO join_codes (code_hash, expires_at, created_hlc) VALUES (?, ?, ?)',
    [codeHash, expiresAt, hlc],
  );
}

/** Creates a login session (local only). */
export async function putSession(
  sql: Sql,
  tokenHash: string,
  operatorId: string,
  expiresAt: string,
): Promise<void> {
  await sql.run(
    'INSERT INTO sessions (token_hash, operator_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
    [tokenHash, operatorId, new Date().toISOString(), expiresAt],
  );
}

/** The account behind a live session token hash. */
export async function sessionOperator(
  sql: Sql,
  tokenHash: string,
  nowIso: string,
): Promise<OperatorRow | undefined> {
  return sql.get<OperatorRow>(
    `SELECT o.* FROM sessions s JOIN operators o ON o.id = s.operator_id
     WHERE s.token_hash = ? AND s.expires_at > ? AND o.disabled = 0
       AND (o.expires_at IS NULL OR o.expires_at > ?)`,
    [tokenHash, nowIso, nowIso],
  );
}

/** Ends a session. */
export async function deleteSession(sql: Sql, tokenHash: string): Promise<void> {
  await sql.run('DELETE FROM sessions WHERE token_hash = ?', [tokenHash]);
}
