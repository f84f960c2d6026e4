import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { sha256Hex } from './op-id';

/** A station's Ed25519 identity. */
export type StationKey = {
  stationId: string;
  publicKeyPem: string;
  privateKey: KeyObject;
};

/** A station id is derived from its public key, so it cannot be claimed by another key. */
export function stationIdOf(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ format: 'der', type: 'spki' });
  return 'st-' + sha256Hex(der.toString('hex')).slice(0, 20);
}

/** Makes a new station identity. */
export function generateStationKey(): { key: StationKey; privateKeyPem: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const publicKeyPem = publicKey.export({ format: 'pem', type: 'spki' }).toString();
  const privateKeyPem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  return { key: { stationId: stationIdOf(publicKeyPem), publicKeyPem, privateKey }, privateKeyPem };
}

// The line a rotated key file starts with: the station keeps the id its first key gave it.
const STATION_ID_LINE = /^holdline-station-id: (st-[0-9a-f]+)\n/;

/**
 * Rebuilds a station identity from its stored PEM private key. A key made by a rotation is
 * stored after a `holdline-station-id:` line (stationKeyFileText): the station id comes from the
 * station's first key and stays when the key changes.
 */
export function loadStationKey(privateKeyPem: string): StationKey {
  const privateKey = createPrivateKey(privateKeyPem);
  const publicKeyPem = createPublicKey(privateKey)
    .export({ format: 'pem', type: 'spki' })
    .toString();
  const stationId = STATION_ID_LINE.exec(privateKeyPem)?.[1] ?? stationIdOf(publicKeyPem);
  return { stationId, publicKeyPem, privateKey };
}

/** A rotated key's file text: the station's id line, then the PEM private key. */
export function stationKeyFileText(stationId: string, privateKeyPem: string): string {
  return `holdline-station-id: ${stationId}\n${privateKeyPem}`;
}

/** Ed25519 signature over an op id, base64. */
export function signOpId(key: StationKey, opId: string): string {
  return sign(null, Buffer.from(opId, 'hex'), key.privateKey).toString('base64');
}

// Parsed keys by PEM: a room has a handful of stations, and parsing the PEM on every verify cost
// ~40 % of it (~80 µs of ~200 µs).
const publicKeys = new Map<string, KeyObject>();
const KEYS_KEPT = 1_000;

function publicKeyOf(pem: string): KeyObject {
  let key = publicKeys.get(pem);
  if (!key) {
    key = createPublicKey(pem);
    if (publicKeys.size >= KEYS_KEPT) publicKeys.clear();
    publicKeys.set(pem, key);
  }
  return key;
}

/** Checks an Ed25519 signature over an op id against a station's public key. */
export function verifyOpSig(publicKeyPem: string, opId: string, sig: string): boolean {
  try {
    return verify(
      null,
      Buffer.from(opId, 'hex'),
      publicKeyOf(publicKeyPem),
      Buffer.from(sig, 'base64'),
    );
  } catch {
    return false;
  }
}
