import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

// scrypt cost: N=2^15, r=8, p=1 (OWASP's minimum is N=2^17 with r=8 for interactive logins on
// servers; 2^15 keeps a login under ~100 ms on a venue laptop while staying memory-hard).
const N = 2 ** 15;
const R = 8;
const P = 1;
const KEYLEN = 32;
const MAXMEM = 64 * 1024 * 1024;

// One derivation at a time: each takes 32 MB (128·N·r bytes), so a room logging in at once
// (the start of a shift, a desk reconnecting with three tabs) would otherwise add 32 MB per login
// to the station's memory, and glibc keeps what each worker thread freed.
let previous: Promise<unknown> = Promise.resolve();

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  const next = previous.then(
    () =>
      new Promise<Buffer>((resolve, reject) =>
        scrypt(
          password.normalize('NFKC'),
          salt,
          KEYLEN,
          { N: n, r, p, maxmem: MAXMEM },
          (err, key) => (err ? reject(err) : resolve(key)),
        ),
      ),
  );
  previous = next.catch(() => undefined);
  return next;
}

/** Hashes a password as `scrypt$N$r$p$salt$hash` (base64). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, N, R, P);
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** Checks a password against a stored hash in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await derive(password, Buffer.from(salt, 'base64'), Number(n), Number(r), Number(p));
  return key.length === expected.length && timingSafeEqual(key, expected);
}
