import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { generate } from 'selfsigned';
import { dataPaths } from './data-dir';

/** A station's TLS certificate for station-to-station links (its fingerprint is pinned in its admission op). */
export type TlsIdentity = { cert: string; key: string; fingerprint: string };

/** SHA-256 fingerprint of a PEM certificate, lowercase hex without separators. */
export function certFingerprint(pem: string): string {
  return new X509Certificate(pem).fingerprint256.replaceAll(':', '').toLowerCase();
}

/**
 * Loads the station's certificate, or makes one on first start: self-signed, EC P-256, valid for
 * ten years (made with `selfsigned`, on Node's own WebCrypto: Node cannot write X.509 itself).
 */
export async function loadOrCreateTlsIdentity(
  dataDir: string,
  stationId: string,
): Promise<TlsIdentity> {
  const paths = dataPaths(dataDir);
  if (existsSync(paths.tlsCert) && existsSync(paths.tlsKey)) {
    const cert = readFileSync(paths.tlsCert, 'utf8');
    return { cert, key: readFileSync(paths.tlsKey, 'utf8'), fingerprint: certFingerprint(cert) };
  }
  const made = await newTlsIdentity(stationId);
  writeFileSync(paths.tlsKey, made.key, { mode: 0o600 });
  writeFileSync(paths.tlsCert, made.cert);
  return made;
}

/** A new certificate and key for a station (first start, or a key rotation); not stored. */
export async function newTlsIdentity(stationId: string): Promise<TlsIdentity> {
  const notBeforeDate = new Date(Date.now() - 86_400_000);
  const notAfterDate = new Date(notBeforeDate.getTime() + 10 * 365 * 86_400_000);
  const made = await generate([{ name: 'commonName', value: `holdline ${stationId}` }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
  });
  return { cert: made.cert, key: made.private, fingerprint: certFingerprint(made.cert) };
}
