import { randomBytes } from 'node:crypto';
import { hashPassword } from '../auth/password';
import type { StationCore } from '../core/core';
import { getRoom, operatorByUsername } from '../db/queries/people';
import type { OpDraft } from '../ops/op';
import { operatorIdOf } from '../room/war-room';
import type { Department } from '../../../shared/domain/people';

/** One surge account as its admin sees it, once: the password is never stored in clear. */
export type SurgeCredential = {
  operatorId: string;
  displayName: string;
  username: string;
  password: string;
  expiresAt: string;
};

// Crockford-style base32 without look-alikes (no i, l, o, u): easy to read off a printed sheet.
const ALPHABET = 'abcdefghjkmnpqrstvwxyz0123456789';

function randomChars(n: number): string {
  return [...randomBytes(n)].map((b) => ALPHABET[b % ALPHABET.length]).join('');
}

/** A password from 80 random bits, in four groups of five letters and digits. */
export function newSurgePassword(): string {
  return [randomChars(5), randomChars(5), randomChars(5), randomChars(5)].join('-');
}

/** A readable login from a display name ("Ana Kowalska" → "ana.kowalska-7kq"), ASCII only. */
export function surgeUsername(displayName: string): string {
  const base = displayName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ł/gi, 'l')
    .replace(/ı/g, 'i')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.+|\.+$/g, '')
    .slice(0, 24)
    .replace(/\.+$/, '');
  // The suffix keeps two stations making "Ana" at once from making one account.
  return `${base.length >= 2 ? base : 'surge'}-${randomChars(3)}`;
}

/**
 * Creates operator accounts for surge staff, all in one batch: role operator, one home
 * department, usual skills, and an expiry after which they cannot log in and are checked out.
 */
export async function createSurgeAccounts(
  core: StationCore,
  actor: string,
  input: {
    people: { displayName: string }[];
    department: Department;
    skills: string[];
    hours: number;
  },
  now: number = Date.now(),
): Promise<SurgeCredential[]> {
  const room = await getRoom(core.db);
  if (!room) throw new Error('no war room yet');
  const expiresAt = new Date(now + input.hours * 3_600_000).toISOString();
  const taken = new Set<string>();
  const made: SurgeCredential[] = [];
  const drafts: OpDraft[] = [];
  for (const person of input.people) {
    let username = surgeUsername(person.displayName);
    while (taken.has(username) || (await operatorByUsername(core.db, username)))
      username = surgeUsername(person.displayName);
    taken.add(username);
    const password = newSurgePassword();
    const operatorId = operatorIdOf(room.id, username);
    drafts.push({
      type: 'operator.create',
      v: 1,
      actor,
      subject: operatorId,
      payload: {
        operatorId,
        username,
        displayName: person.displayName,
        role: 'operator',
        departments: [input.department],
        passwordHash: await hashPassword(password),
        expiresAt,
        ...(input.skills.length > 0 && { skills: input.skills }),
      },
    });
    made.push({ operatorId, displayName: person.displayName, username, password, expiresAt });
  }
  await core.commit(drafts);
  return made;
}
