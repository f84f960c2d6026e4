import { z } from 'zod';
import { DepartmentSchema } from '../../../shared/domain/people';

/** The actor of a `room.recover` op: the recovery code, not a logged-in operator, authorised it. */
export const RECOVERY_ACTOR = 'recovery';
/** The subject of `room.recovery-key` ops. */
export const RECOVERY_SUBJECT = 'room-recovery';

const PublicKeyPem = z.string().min(1).max(1000);

/**
 * room.recovery-key v1: the public key of the room's recovery code (the code itself is shown once
 * and never stored). Made with the room, or later by an admin to replace a lost code.
 */
export const RecoveryKeyV1 = z.object({ publicKey: PublicKeyPem });

/** What the recovery code signs: the account it makes an admin and the key that replaces it. */
export const RecoverySignedV1 = z.object({
  roomId: z.string().min(1).max(64),
  operatorId: z.string().min(1).max(64),
  username: z.string().min(1).max(64),
  displayName: z.string().min(1).max(120),
  departments: z.array(DepartmentSchema).max(7),
  passwordHash: z.string().min(1).max(400),
  /** The recovery key in force, which signed this. */
  recoveryKey: PublicKeyPem,
  /** The key of the fresh recovery code: the used one never works again. */
  nextRecoveryKey: PublicKeyPem,
});

/**
 * room.recover v1: (re)makes an account an admin — creating it if needed — by the authority of
 * the room's recovery code, for a room whose only admin's desk is lost.
 */
export const RoomRecoverV1 = RecoverySignedV1.extend({
  /** Ed25519 (base64) by the recovery key over the canonical JSON of the other fields. */
  signature: z.string().min(1).max(200),
});
/** The payload of room.recover. */
export type RoomRecover = z.infer<typeof RoomRecoverV1>;

/** Payload schemas of the recovery ops. */
export const RECOVERY_PAYLOADS: Record<string, Record<number, z.ZodType>> = {
  'room.recovery-key': { 1: RecoveryKeyV1 },
  'room.recover': { 1: RoomRecoverV1 },
};
