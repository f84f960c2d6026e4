import {
  createPrivateKey,
  createPublicKey,
  hkdfSync,
  randomBytes,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { canonicalJson } from '../ops/op-id';

// 32 symbols without look-alikes: 256 is a multiple of 32, so `byte % 32` is uniform.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const GROUPS = 6;
// 24 symbols of 5 bits = 120 bits: the public key replicates to every station, so the code must
// resist an offline search on its own. At 120 bits it does without a slow hash (unlike a chosen
// password), so HKDF derives the key: no scrypt cost on every room created.
const SYMBOLS = GROUPS * 4;
// PKCS#8 DER of an Ed25519 private key is this fixed prefix and the 32-byte seed (RFC 8410).
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** A recovery key pair, derived from a recovery code and the room it belongs to. */
export type RecoveryKey = { publicKeyPem: string; privateKey: KeyObject };

/** A new recovery code: HLR- and six groups of four, read aloud or written down offline. */
export function newRecoveryCode(): string {
  const chars = [...randomBytes(SYMBOLS)].map((b) => ALPHABET[b % ALPHABET.length]);
  const groups = Array.from({ length: GROUPS }, (_, i) => chars.slice(i * 4, i * 4 + 4).join(''));
  return `HLR-${groups.join('-')}`;
}

/** The code as typed, reduced to its symbols (case, spaces, dashes and the HLR- prefix dropped). */
export function normalizeRecoveryCode(code: string): string {
  const bare = code.toUpperCase().replace(/[\s-]/g, '');
  return bare.startsWith('HLR') ? bare.slice(3) : bare;
}

/** True when the code has the shape of a recovery code (not whether it is the room's). */
export function isRecoveryCodeShape(code: string): boolean {
  const bare = normalizeRecoveryCode(code);
  return bare.length === SYMBOLS && [...bare].every((c) => ALPHABET.includes(c));
}

/** Derives the Ed25519 key pair of a recovery code (HKDF-SHA256 of the code, salted by the room id). */
export function recoveryKeyOf(code: string, roomId: string): RecoveryKey {
  const seed = Buffer.from(
    hkdfSync('sha256', normalizeRecoveryCode(code), roomId, 'holdline-recovery-key', 32),
  );
  const privateKey = createPrivateKey({
    key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const publicKeyPem = createPublicKey(privateKey)
    .export({ format: 'pem', type: 'spki' })
    .toString();
  return { publicKeyPem, privateKey };
}

/** Ed25519 signature (base64) over the canonical JSON of what a recovery authorises. */
export function signRecovery(key: RecoveryKey, signed: object): string {
  return sign(null, Buffer.from(canonicalJson(signed)), key.privateKey).toString('base64');
}

/** Checks a recovery signature against a recovery public key. */
export function verifyRecovery(publicKeyPem: string, signed: object, signature: string): boolean {
  try {
    return verify(
      null,
      Buffer.from(canonicalJson(signed)),
      createPublicKey(publicKeyPem),
      Buffer.from(signature, 'base64'),
    );
  } catch {
    return false;
  }
}
