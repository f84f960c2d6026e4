import { createHash, randomBytes } from 'node:crypto';
import type { Db, Sql } from '../db/connection';
import {
  deleteSession,
  operatorByUsername,
  putSession,
  sessionOperator,
  toOperator,
  type OperatorRow,
} from '../db/queries/people';
import type { Operator } from '../../../shared/domain/people';
import { verifyPassword } from './password';
import { operatorOfSession, passwordMustChange } from '../db/queries/sessions';

const SESSION_HOURS = 24;

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Starts a session for an account; only the token's hash is stored. */
export async function openSession(db: Db, operatorId: string): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const expires = new Date(Date.now() + SESSION_HOURS * 3600_000).toISOString();
  // Through the transaction queue: a bare write here would land inside a running import's transaction.
  await db.transaction((tx) => putSession(tx, tokenHash(token), operatorId, expires));
  return token;
}

/**
 * Checks a username and password against an active account; null when either is wrong, or the
 * account is disabled or expired (never says which).
 */
export async function checkCredentials(
  db: Db,
  username: string,
  password: string,
  now: number = Date.now(),
): Promise<OperatorRow | null> {
  const row = await operatorByUsername(db, username.trim().toLowerCase());
  // An expired (surge) account is refused like a disabled one.
  if (!row || row.disabled || (row.expires_at !== null && Date.parse(row.expires_at) <= now)) {
    // Spend the same time as a real check so timing does not reveal which usernames exist.
    await verifyPassword(
      password,
      'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
    );
    return null;
  }
  return (await verifyPassword(password, row.password_hash)) ? row : null;
}

/**
 * Checks a username and password; returns a session token, or null (never says which part was
 * wrong). An account whose password an admin reset with "must change" gets no session either: it
 * chooses a new password first (POST /api/login says so; password-change.ts).
 */
export async function login(
  db: Db,
  username: string,
  password: string,
  now: number = Date.now(),
): Promise<{ token: string; operator: Operator } | null> {
  const row = await checkCredentials(db, username, password, now);
  if (!row || (await passwordMustChange(db, row.id))) return null;
  return { token: await openSession(db, row.id), operator: toOperator(row) };
}

/** The account a session token belongs to, if the session is live. */
export async function resolveSession(
  sql: Sql,
  token: string,
  now: number = Date.now(),
): Promise<Operator | null> {
  if (!token || token.length > 200) return null;
  const row = await sessionOperator(sql, tokenHash(token), new Date(now).toISOString());
  return row ? toOperator(row) : null;
}

/**
 * The active account behind a session that has not been ended (by logout or a password reset),
 * for a desk already connected: the session's own 24-hour expiry only bars new connections, as
 * before, while a disabled or expired account is refused at once.
 */
export async function sessionHolder(
  sql: Sql,
  token: string,
  now: number = Date.now(),
): Promise<Operator | null> {
  if (!token || token.length > 200) return null;
  const row = await operatorOfSession(sql, tokenHash(token));
  if (!row || row.disabled || (row.expires_at !== null && Date.parse(row.expires_at) <= now))
    return null;
  return toOperator(row);
}

/** Ends a session. */
export async function closeSession(db: Db, token: string): Promise<void> {
  await db.transaction((tx) => deleteSession(tx, tokenHash(token)));
}
