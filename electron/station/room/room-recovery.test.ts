import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { login } from '../auth/sessions';
import { StationCore } from '../core/core';
import { effectOf } from '../db/queries/effects';
import { allOps, countOps } from '../db/queries/ops';
import { operatorByUsername } from '../db/queries/people';
import { RECOVERY_ACTOR } from '../ops/recovery-payloads';
import { holdline } from '../test-support/station-process';
import { tempDir } from '../test-support/temp-dir';
import { testCores } from '../test-support/test-cores';
import { newRecoveryCode, normalizeRecoveryCode } from './recovery-code';
import {
  RecoveryRefused,
  prepareRecovery,
  recordRecovery,
  renewRecoveryCode,
} from './room-recovery';
import { recoveryKeyDraft } from './recovery-key';
import { recoveryKeyOf } from './recovery-code';
import { createOperator, createWarRoom } from './war-room';

const { cleanups } = testCores();

async function room() {
  const t = tempDir();
  const core = await StationCore.open(t.dir);
  let open = true;
  const close = async () => {
    if (open) await core.close();
    open = false;
  };
  cleanups.push(t.cleanup, close);
  const made = await createWarRoom(core, {
    warRoom: 'Recall',
    username: 'lead',
    displayName: 'Lead',
    password: 'lead-password',
  });
  return { core, close, dir: t.dir, ...made };
}

/** Every file under a folder, as bytes. */
function filesUnder(dir: string): Buffer[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? filesUnder(file) : [readFileSync(file)];
  });
}

describe('room recovery', () => {
  it('makes a new admin with the right code, once; the used code is refused after', async () => {
    const { core, recoveryCode } = await room();
    const prepared = await prepareRecovery(core.read, {
      code: recoveryCode.toLowerCase(),
      username: 'rescuer',
      password: 'rescue-password',
    });
    await recordRecovery(core, prepared.payload);
    const rescuer = await operatorByUsername(core.read, 'rescuer');
    expect(rescuer).toMatchObject({ role: 'admin', disabled: 0 });
    expect(await login(core.db, 'rescuer', 'rescue-password')).not.toBeNull();
    // The recovered admin may manage accounts (its role holds in every reducer).
    await createOperator(core, rescuer?.id as string, {
      username: 'ana',
      displayName: 'Ana',
      password: 'ana-password',
      role: 'operator',
      departments: [],
    });
    expect(await operatorByUsername(core.read, 'ana')).toBeDefined();

    await expect(
      prepareRecovery(core.read, { code: recoveryCode, username: 'x2', password: 'x2-password' }),
    ).rejects.toThrow(/already used/);
    // A replay of the same signed recovery, past the CLI's check, has no effect (DECISIONS 2).
    const applied = await core.commit([
      {
        type: 'room.recover',
        v: 1,
        actor: RECOVERY_ACTOR,
        subject: 'u-replayed',
        payload: { ...prepared.payload, operatorId: 'u-replayed', username: 'replayed' },
      },
    ]);
    expect(await effectOf(core.read, (applied.ops[0] as { id: string }).id)).toMatchObject({
      effect: 'refused',
      reason: expect.stringMatching(/already used/) as unknown,
    });
    expect(await operatorByUsername(core.read, 'replayed')).toBeUndefined();

    // The fresh code works (once), and keeps an existing account's name.
    const again = await prepareRecovery(core.read, {
      code: prepared.nextCode,
      username: 'lead',
      password: 'new-lead-password',
    });
    await recordRecovery(core, again.payload);
    expect(await login(core.db, 'lead', 'lead-password')).toBeNull();
    expect(await login(core.db, 'lead', 'new-lead-password')).not.toBeNull();
  });

  it('refuses a wrong code before writing anything', async () => {
    const { core } = await room();
    const before = await countOps(core.read);
    const wrong = newRecoveryCode();
    await expect(
      prepareRecovery(core.read, { code: wrong, username: 'x', password: 'x-password' }),
    ).rejects.toThrow(RecoveryRefused);
    await expect(
      prepareRecovery(core.read, { code: wrong, username: 'x', password: 'x-password' }),
    ).rejects.toThrow(/wrong recovery code/);
    expect(await countOps(core.read)).toBe(before);
  });

  it('refuses, on every station, a recovery signed by a key that is not the room’s', async () => {
    const { core, recoveryCode, adminId } = await room();
    const prepared = await prepareRecovery(core.read, {
      code: recoveryCode,
      username: 'rescuer',
      password: 'rescue-password',
    });
    const forged = { ...prepared.payload, username: 'mallory', operatorId: 'u-mallory' };
    await expect(recordRecovery(core, forged)).rejects.toThrow(/signature/);
    const applied = await core.commit([
      { type: 'room.recover', v: 1, actor: RECOVERY_ACTOR, subject: 'u-mallory', payload: forged },
    ]);
    expect(await effectOf(core.read, (applied.ops[0] as { id: string }).id)).toMatchObject({
      effect: 'refused',
    });
    expect(await operatorByUsername(core.read, 'mallory')).toBeUndefined();
    // A rightly signed recovery filed under another account is refused and spends no code.
    const misfiled = await core.commit([
      {
        type: 'room.recover',
        v: 1,
        actor: RECOVERY_ACTOR,
        subject: adminId,
        payload: prepared.payload,
      },
    ]);
    expect(await effectOf(core.read, misfiled.ops[0]?.id as string)).toMatchObject({
      effect: 'refused',
      reason: 'the recovery names another account than its subject',
    });
    await recordRecovery(core, prepared.payload);
    expect(await operatorByUsername(core.read, 'rescuer')).toMatchObject({ role: 'admin' });
  });

  it('lets an admin replace the code: the old one is refused as replaced; a non-admin cannot', async () => {
    const { core, recoveryCode, adminId, warRoomId } = await room();
    const anaId = await createOperator(core, adminId, {
      username: 'ana',
      displayName: 'Ana',
      password: 'ana-password',
      role: 'operator',
      departments: [],
    });
    // A key set by an operator has no effect: the room's code stays the one in force.
    const stranger = newRecoveryCode();
    const byAna = await core.commit([
      recoveryKeyDraft(anaId, recoveryKeyOf(stranger, warRoomId).publicKeyPem),
    ]);
    expect(await effectOf(core.read, byAna.ops[0]?.id as string)).toMatchObject({
      effect: 'refused',
      reason: 'only an admin sets the recovery code',
    });
    await expect(
      prepareRecovery(core.read, { code: stranger, username: 'ana', password: 'ana-password2' }),
    ).rejects.toThrow(/wrong recovery code/);

    const renewed = await renewRecoveryCode(core, adminId);
    await expect(
      prepareRecovery(core.read, { code: recoveryCode, username: 'x', password: 'x-password' }),
    ).rejects.toThrow(/replaced by a newer one/);
    const prepared = await prepareRecovery(core.read, {
      code: renewed,
      username: 'rescuer',
      password: 'rescue-password',
    });
    await recordRecovery(core, prepared.payload);
    expect(await operatorByUsername(core.read, 'rescuer')).toMatchObject({ role: 'admin' });
  });

  it('stores no recovery code in plain text anywhere in the data folder', async () => {
    const { core, close, dir, recoveryCode } = await room();
    const prepared = await prepareRecovery(core.read, {
      code: recoveryCode,
      username: 'rescuer',
      password: 'rescue-password',
    });
    await recordRecovery(core, prepared.payload);
    expect((await allOps(core.read)).length).toBeGreaterThan(4);
    await close();
    const bytes = filesUnder(dir);
    expect(bytes.length).toBeGreaterThan(2);
    for (const code of [recoveryCode, prepared.nextCode])
      for (const form of [code, normalizeRecoveryCode(code), code.slice(4, 18)])
        for (const b of bytes) expect(b.includes(form)).toBe(false);
  });
});

describe('holdline init and holdline recover on a stopped station', () => {
  it('prints the code once at init; recover refuses a wrong code, then makes the admin', () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const data = path.join(t.dir, 'room');
    const pw = path.join(t.dir, 'pw');
    writeFileSync(pw, 'a-long-password\n');
    const init = holdline(
      'init',
      '--data',
      data,
      '--war-room',
      'Storm',
      '--admin',
      'lead',
      '--password-file',
      pw,
    );
    expect(init.code, init.stderr).toBe(0);
    const { recoveryCode } = JSON.parse(init.stdout) as { recoveryCode: string };
    expect(recoveryCode).toMatch(/^HLR-(?:[A-Z2-9]{4}-){5}[A-Z2-9]{4}$/);
    const recover = (code: string) =>
      holdline('recover', '--data', data, '--code', code, '--admin', 'lead', '--password-file', pw);

    const wrong = recover(newRecoveryCode());
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/wrong recovery code for this war room; nothing was changed/);
    const malformed = recover('HLR-1234');
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(/not a recovery code/);

    const done = recover(recoveryCode);
    expect(done.code, done.stderr).toBe(0);
    expect(JSON.parse(done.stdout)).toMatchObject({ warRoom: 'Storm', admin: 'lead' });
    expect(recover(recoveryCode).stderr).toMatch(/already used/);
  });
});
