import { execFile } from 'node:child_process';
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hashPassword } from '../auth/password';
import { effectOf } from '../db/queries/effects';
import { allOps } from '../db/queries/ops';
import { listStations, operatorByUsername } from '../db/queries/people';
import { call, connectDesk, loginToken, postJson } from '../test-support/station-client';
import { eventually } from '../test-support/station-process';
import { testCores } from '../test-support/test-cores';
import type { RunningStation } from '../station';
import { converged, deskAt, roomOfTwo as linkedRoom } from '../test-support/room-of-two';
import { askToJoin } from './join-client';

// Two real stations on 127.0.0.1 (A made the room, B is a member linked to A), as peer-link.test.ts.
const { cleanups, open } = testCores();
const roomOfTwo = () => linkedRoom(cleanups);
const desk = (s: RunningStation, username: string, password: string) =>
  deskAt(cleanups, s, username, password);

const ROOT = path.resolve(__dirname, '../../..');

/** `holdline …` as a child process, without blocking this process (its stations serve the CLI). */
const holdline = (...args: string[]) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = execFile(
      process.execPath,
      [path.join(ROOT, 'bin/holdline.js'), ...args],
      { cwd: ROOT, timeout: 60_000 },
      (_err, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr }),
    );
  });

const loginStatus = async (s: RunningStation, username: string, password: string) =>
  (await postJson(s.url, '/api/login', { username, password })).status;

describe('password reset by an admin', () => {
  it('ends the old password and every session of the account on both stations', async () => {
    const { a, b } = await roomOfTwo();
    const lead = await desk(a, 'lead', 'lead-password');
    const anaOnA = await desk(a, 'ana', 'ana-password');
    const anaOnB = await desk(b, 'ana', 'ana-password');
    const ana = (await operatorByUsername(a.core.read, 'ana'))?.id as string;

    const reset = await call(lead, 'operator.resetPassword', {
      operatorId: ana,
      password: 'ana-new-password',
    });
    expect(reset).toMatchObject({ ok: true, operator: { username: 'ana' } });
    // The password itself never enters the log: only its scrypt hash replicates.
    const ops = JSON.stringify(await allOps(a.core.db));
    expect(ops).not.toContain('ana-new-password');

    await converged(a.core, b.core);
    for (const s of [a, b]) {
      expect(await loginStatus(s, 'ana', 'ana-password')).toBe(401);
      expect(await loginStatus(s, 'ana', 'ana-new-password')).toBe(200);
    }
    // Desks logged in before the reset are logged out on both stations.
    for (const socket of [anaOnA, anaOnB])
      await eventually('the old session to end', async () => socket.disconnected);
    const stale = await connectDesk(b.url, await loginToken(b.url, 'ana', 'ana-new-password'));
    cleanups.push(() => void stale.close());
    expect(await call(stale, 'operator.list', {})).toMatchObject({ ok: true });
  });

  it('is refused to a non-admin, at the desk and in every reducer', async () => {
    const { a, b, room } = await roomOfTwo();
    const anaDesk = await desk(a, 'ana', 'ana-password');
    expect(
      await call(anaDesk, 'operator.resetPassword', {
        operatorId: room.adminId,
        password: 'taken-over-password',
      }),
    ).toMatchObject({ ok: false, code: 'forbidden' });
    // The same op written past the desk's check (a station trusts its operators) has no effect.
    const ana = (await operatorByUsername(a.core.read, 'ana'))?.id as string;
    const applied = await a.core.commit([
      {
        type: 'operator.update',
        v: 1,
        actor: ana,
        subject: room.adminId,
        payload: {
          operatorId: room.adminId,
          passwordHash: await hashPassword('taken-over-password'),
        },
      },
    ]);
    await converged(a.core, b.core);
    for (const s of [a, b]) {
      expect(await effectOf(s.core.read, applied.ops[0]?.id as string)).toMatchObject({
        effect: 'refused',
      });
      expect(await loginStatus(s, 'lead', 'taken-over-password')).toBe(401);
      expect(await loginStatus(s, 'lead', 'lead-password')).toBe(200);
    }
    expect(anaDesk.connected).toBe(true);
  });
});

describe('a reset that asks for a new password', () => {
  it('gives no session until the operator chooses one, on either station', async () => {
    const { a, b } = await roomOfTwo();
    const lead = await desk(a, 'lead', 'lead-password');
    const ana = (await operatorByUsername(a.core.read, 'ana'))?.id as string;
    const reset = await call(lead, 'operator.resetPassword', {
      operatorId: ana,
      password: 'temporary-password',
      mustChange: true,
    });
    expect(reset).toMatchObject({ ok: true });
    await converged(a.core, b.core);
    for (const s of [a, b]) {
      const r = await postJson(s.url, '/api/login', {
        username: 'ana',
        password: 'temporary-password',
      });
      expect(r).toMatchObject({ status: 403, body: { mustChangePassword: true } });
    }
    const change = (password: string, newPassword: string) =>
      postJson(b.url, '/api/password', { username: 'ana', password, newPassword });
    expect((await change('wrong-password', 'ana-chosen-password')).status).toBe(401);
    expect((await change('temporary-password', 'temporary-password')).status).toBe(400);
    const chosen = await change('temporary-password', 'ana-chosen-password');
    expect(chosen.status).toBe(200);
    const socket = await connectDesk(b.url, chosen.body.token as string);
    cleanups.push(() => void socket.close());
    expect(await call(socket, 'operator.list', {})).toMatchObject({ ok: true });
    await converged(a.core, b.core);
    for (const s of [a, b]) {
      expect(await loginStatus(s, 'ana', 'temporary-password')).toBe(401);
      expect(await loginStatus(s, 'ana', 'ana-chosen-password')).toBe(200);
    }
    // One's own account allows a password change only: a self-made role change has no effect.
    const self = await b.core.commit([
      {
        type: 'operator.update',
        v: 1,
        actor: ana,
        subject: ana,
        payload: { operatorId: ana, role: 'admin' },
      },
    ]);
    await converged(a.core, b.core);
    expect(await effectOf(a.core.read, self.ops[0]?.id as string)).toMatchObject({
      effect: 'refused',
    });
    expect(await operatorByUsername(a.core.read, 'ana')).toMatchObject({ role: 'operator' });
  });
});

describe('room recovery through a running member station', () => {
  it('makes an admin every station agrees on, who can admit a new station; the code works once', async () => {
    const { a, b, dirB, room } = await roomOfTwo();
    const pw = path.join(path.dirname(dirB), 'pw');
    writeFileSync(pw, 'rescue-password\n');
    const recover = (code: string, admin: string) =>
      holdline('recover', '--data', dirB, '--code', code, '--admin', admin, '--password-file', pw);

    // A running station records ops of its own (staffing samples…): look for recoveries.
    const recoveries = async () =>
      (await allOps(b.core.db)).filter((o) => o.type === 'room.recover').length;
    const wrong = await recover('HLR-AAAA-BBBB-CCCC-DDDD-EEEE-FFFF', 'rescuer');
    expect(wrong.code, wrong.stderr).toBe(1);
    expect(wrong.stderr).toMatch(/wrong recovery code/);
    expect(await recoveries()).toBe(0);

    const done = await recover(room.recoveryCode, 'rescuer');
    expect(done.code, done.stderr).toBe(0);
    const out = JSON.parse(done.stdout) as { recoveryCode: string; admin: string };
    expect(out).toMatchObject({ admin: 'rescuer', warRoom: 'Storm week' });
    expect(out.recoveryCode).toMatch(/^HLR-/);
    expect(out.recoveryCode).not.toBe(room.recoveryCode);

    await converged(a.core, b.core);
    for (const s of [a, b]) {
      expect(await operatorByUsername(s.core.read, 'rescuer')).toMatchObject({ role: 'admin' });
      expect(await loginStatus(s, 'rescuer', 'rescue-password')).toBe(200);
    }

    const again = await recover(room.recoveryCode, 'mallory');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already used/);
    expect(await recoveries()).toBe(1);
    await converged(a.core, b.core);
    expect(await operatorByUsername(a.core.read, 'mallory')).toBeUndefined();

    // The recovered admin makes a join code on B, and B admits a new station with it.
    const rescuer = await desk(b, 'rescuer', 'rescue-password');
    const made = await call(rescuer, 'sync.makeJoinCode', {});
    expect(made).toMatchObject({ ok: true });
    const newcomer = await open();
    const answer = await askToJoin(
      newcomer,
      `127.0.0.1:${b.port}`,
      made.ok ? (made.code as string) : '',
      'desk 3',
    );
    expect(answer.admittedBy).toBe(b.stationId);
    await converged(a.core, b.core);
    expect((await listStations(a.core.read)).map((s) => s.id)).toContain(newcomer.stationId);
  });
});
