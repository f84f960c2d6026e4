import { describe, expect, it } from 'vitest';
import { testCores } from '../test-support/test-cores';
import { getMeta, setMeta } from '../db/queries/meta';
import { knownStateDigest, schemaColumns } from '../db/known-state';
import type { Sql } from '../db/connection';
import { OP_KEYS } from './op-catalogue';
import { applyNewlyKnownOps } from './newly-known';

const cores = testCores();

const digestOf = async (sql: Sql) =>
  knownStateDigest(sql, { columns: await schemaColumns(sql), opKeys: OP_KEYS });

describe('after an upgrade', () => {
  it('applies the stored ops the build before could not read, once, to the same state', async () => {
    const { core } = await cores.openRoom();
    // First start of this build on the folder: the catalogue is recorded, nothing applied again.
    expect(await applyNewlyKnownOps(core)).toBe(0);
    expect(JSON.parse((await getMeta(core.db, 'op-catalogue')) as string)).toEqual(OP_KEYS);
    const derived = await digestOf(core.db);

    // As a build without room.recovery-key left it: the genesis' recovery-key op stored, no effect.
    const keyOps = await core.db.all<{ id: string; payload: string }>(
      "SELECT id, payload FROM ops WHERE type = 'room.recovery-key'",
    );
    expect(keyOps).toHaveLength(1);
    await core.db.run('DELETE FROM op_effects WHERE op_id = ?', [keyOps[0]?.id ?? '']);
    await setMeta(
      core.db,
      'op-catalogue',
      JSON.stringify(OP_KEYS.filter((k) => k !== 'room.recovery-key@1')),
    );
    expect(await digestOf(core.db)).not.toBe(derived);

    expect(await applyNewlyKnownOps(core)).toBe(1);
    expect(await digestOf(core.db)).toBe(derived);
    // The op went back with the very same bytes.
    expect(
      await core.db.all("SELECT id, payload FROM ops WHERE type = 'room.recovery-key'"),
    ).toEqual(keyOps);
    expect(await applyNewlyKnownOps(core)).toBe(0);
  });
});

describe('a newer version’s room ops', () => {
  it('are stored without effect, not failing the batch they came in', async () => {
    const { core, adminId } = await cores.openRoom();
    const before = await digestOf(core.db);
    // Shapes this build's v1 schemas would throw on.
    await core.commit([
      { type: 'station.admit', v: 2, actor: adminId, subject: 's-new', payload: { keys: [1] } },
      { type: 'room.join-code', v: 2, actor: adminId, subject: 'join-codes', payload: {} },
      { type: 'room.recovery-key', v: 2, actor: adminId, subject: 'room-recovery', payload: {} },
    ]);
    expect(
      await core.db.all("SELECT type, v FROM ops WHERE v = 2 AND type <> 'room.create'"),
    ).toHaveLength(3);
    expect(await digestOf(core.db)).toBe(before);
  });
});
