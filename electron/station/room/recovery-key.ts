import type { OpDraft } from '../ops/op';
import { RECOVERY_SUBJECT } from '../ops/recovery-payloads';
import { newRecoveryCode, recoveryKeyOf } from './recovery-code';

/** The op that puts a recovery code's public key in force (the code itself is never stored). */
export function recoveryKeyDraft(actor: string, publicKeyPem: string): OpDraft {
  return {
    type: 'room.recovery-key',
    v: 1,
    actor,
    subject: RECOVERY_SUBJECT,
    payload: { publicKey: publicKeyPem },
  };
}

/** A fresh recovery code for a room and the op that stores its public key. */
export function newRoomRecovery(roomId: string, actor: string): { code: string; draft: OpDraft } {
  const code = newRecoveryCode();
  const key = recoveryKeyOf(code, roomId);
  return { code, draft: recoveryKeyDraft(actor, key.publicKeyPem) };
}
