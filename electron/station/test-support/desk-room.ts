import { afterAll, beforeAll } from 'vitest';
import type { CreateOperatorSchema } from '../../../shared/contract/room';
import type { z } from 'zod';
import { startStation, type RunningStation } from '../station';
import { call, connectDesk, loginToken, postJson, type DeskClient } from './station-client';
import { tempDir } from './temp-dir';

/** An account a desk test needs; its password is `${username}-password`. */
export type TestAccount = Omit<z.input<typeof CreateOperatorSchema>, 'password'>;

/**
 * A station for a /desk test file: started before its tests with a room ("Recall", admin "lead"
 * with password "lead-password") and the given accounts, closed after them with every desk it
 * opened. Call once at the top level of the file.
 */
export function deskRoom(accounts: readonly TestAccount[]): {
  station(): RunningStation;
  desk(username: string): Promise<DeskClient>;
} {
  let station: RunningStation | null = null;
  let cleanup: () => void = () => undefined;
  const sockets: DeskClient[] = [];
  const running = () => {
    if (!station) throw new Error('the test station is not running');
    return station;
  };
  const desk = async (username: string) => {
    const url = running().url;
    const s = await connectDesk(url, await loginToken(url, username, `${username}-password`));
    sockets.push(s);
    return s;
  };
  beforeAll(async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    station = await startStation({ dataDir: t.dir, port: 0, discovery: false, rendererDir: null });
    await postJson(station.url, '/api/setup', {
      warRoom: 'Recall',
      username: 'lead',
      displayName: 'Lea Lead',
      password: 'lead-password',
    });
    const admin = await desk('lead');
    for (const a of accounts) {
      const r = await call(admin, 'operator.create', { ...a, password: `${a.username}-password` });
      if (!r.ok) throw new Error(`could not create ${a.username}: ${r.message}`);
    }
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await station?.close();
    cleanup();
  });
  return { station: running, desk };
}
