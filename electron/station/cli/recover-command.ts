import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { dataPaths, lockHolder } from '../core/data-dir';
import { StationCore } from '../core/core';
import { openReadDb } from '../db/connection';
import { getRoom } from '../db/queries/people';
import { isRecoveryCodeShape } from '../room/recovery-code';
import {
  RecoveryRefused,
  prepareRecovery,
  recordRecovery,
  type PreparedRecovery,
} from '../room/room-recovery';
import { PasswordSchema, UsernameSchema } from '../../../shared/domain/people';
import { UsageError, parse, readPasswordFile, required } from './args';

const RecoverInput = z.object({
  code: z.string().refine(isRecoveryCodeShape, 'not a recovery code (HLR- and six groups of four)'),
  username: UsernameSchema,
  password: PasswordSchema,
  displayName: z.string().trim().min(1).max(120).optional(),
});
type RecoverInput = z.infer<typeof RecoverInput>;

/** The station's answer to POST /api/recover. */
const RecoverAnswer = z.union([
  z.object({ ok: z.literal(true), operatorId: z.string() }),
  z.object({ ok: z.literal(false), message: z.string() }),
]);

/** Through the station running on this folder: sign here, let the station record it. */
async function recoverRunning(dataDir: string, input: RecoverInput): Promise<PreparedRecovery> {
  const url = readFileSync(dataPaths(dataDir).url, 'utf8').trim();
  const db = await openReadDb(dataPaths(dataDir).db);
  let prepared: PreparedRecovery;
  try {
    prepared = await prepareRecovery(db, input);
  } finally {
    await db.close();
  }
  const res = await fetch(new URL('api/recover', url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(prepared.payload),
  });
  const answer = RecoverAnswer.parse(await res.json());
  if (!answer.ok) throw new RecoveryRefused(`the station refused the recovery: ${answer.message}`);
  return prepared;
}

/** Into a stopped station's folder. */
async function recoverStopped(dataDir: string, input: RecoverInput): Promise<PreparedRecovery> {
  const core = await StationCore.open(dataDir);
  try {
    const prepared = await prepareRecovery(core.read, input);
    await recordRecovery(core, prepared.payload);
    return prepared;
  } finally {
    await core.close();
  }
}

/**
 * holdline recover: with the room's recovery code, makes an account an admin again (creating it
 * if needed) on any member station, stopped or running, and prints the fresh code that replaces
 * the used one.
 */
export async function recoverCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, {
    data: { type: 'string' },
    code: { type: 'string' },
    admin: { type: 'string' },
    'password-file': { type: 'string' },
    'display-name': { type: 'string' },
  });
  const dataDir = required(values.data, '--data');
  const parsed = RecoverInput.safeParse({
    code: required(values.code, '--code'),
    username: required(values.admin, '--admin'),
    password: readPasswordFile(required(values['password-file'], '--password-file')),
    displayName: values['display-name'],
  });
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new UsageError(`${i?.path.join('.')}: ${i?.message}`);
  }
  if (!existsSync(dataPaths(dataDir).db))
    throw new UsageError(`no station data in ${dataDir} (holdline init or join first)`);
  const running = lockHolder(dataDir) !== null && existsSync(dataPaths(dataDir).url);
  const prepared = running
    ? await recoverRunning(dataDir, parsed.data)
    : await recoverStopped(dataDir, parsed.data);
  const db = await openReadDb(dataPaths(dataDir).db);
  const room = await getRoom(db);
  await db.close();
  process.stdout.write(
    JSON.stringify({
      warRoom: room?.name ?? null,
      warRoomId: room?.id ?? null,
      operatorId: prepared.payload.operatorId,
      admin: prepared.payload.username,
      // The used code is spent: this one replaces it, shown this once.
      recoveryCode: prepared.nextCode,
    }) + '\n',
  );
  return 0;
}
