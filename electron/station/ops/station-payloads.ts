import { z } from 'zod';

const StationId = z.string().min(1).max(64);

/**
 * station.revoke v1: an admin revokes a member station (a lost laptop). Its ops up to `point`
 * (the last seq of its chain the revoking station held) stay valid; later ones have no effect
 * anywhere, and peers stop syncing with it.
 */
export const StationRevokeV1 = z.object({
  stationId: StationId,
  point: z.number().int().min(0),
  reason: z.string().max(500).optional(),
});
/** The payload of station.revoke. */
export type StationRevoke = z.infer<typeof StationRevokeV1>;

/**
 * station.rotate-key v1: a station replaces its Ed25519 key and TLS certificate. It sits in the
 * station's own chain, signed (as its batch's last op) by the old key; `proof` is the new key's
 * signature over the proof text (rotationProofText), so nobody can name a key they do not hold.
 * From the next seq on, the station's ops verify with the new key.
 */
export const StationRotateKeyV1 = z.object({
  stationId: StationId,
  publicKey: z.string().min(1).max(1000),
  tlsCert: z.string().min(1).max(4000),
  proof: z.string().min(1).max(200),
});
/** The payload of station.rotate-key. */
export type StationRotateKey = z.infer<typeof StationRotateKeyV1>;

/**
 * operator.revoke v1: an admin revokes an account (someone who left): it is disabled for good,
 * its sessions end on every desk as the op arrives, and its past work stays attributed to it.
 */
export const OperatorRevokeV1 = z.object({
  operatorId: z.string().min(1).max(64),
  reason: z.string().max(500).optional(),
});

/** What the new key signs in a rotation: the station and the key it replaces, so a proof is never replayed. */
export function rotationProofText(p: {
  stationId: string;
  publicKey: string;
  tlsCert: string;
}): string {
  return `holdline-rotate-key\n${p.stationId}\n${p.publicKey}\n${p.tlsCert}`;
}

/** Payload schemas of the station and revocation ops. */
export const STATION_PAYLOADS: Record<string, Record<number, z.ZodType>> = {
  'station.revoke': { 1: StationRevokeV1 },
  'station.rotate-key': { 1: StationRotateKeyV1 },
  'operator.revoke': { 1: OperatorRevokeV1 },
};

/** Op types of this file. */
export const STATION_OPS = ['station.revoke', 'station.rotate-key', 'operator.revoke'] as const;
