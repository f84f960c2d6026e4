import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { holdline } from '../test-support/station-process';
import { tempDir } from '../test-support/temp-dir';

let dir: string;
let cleanup: () => void;
const room = () => path.join(dir, 'room');

beforeAll(() => {
  ({ dir, cleanup } = tempDir('holdline-erase-cli-'));
  writeFileSync(path.join(dir, 'pw'), 'a-long-password\n');
  const init = holdline(
    'init',
    '--data',
    room(),
    '--war-room',
    'Storm week',
    '--admin',
    'lead',
    '--password-file',
    path.join(dir, 'pw'),
  );
  expect(init.code, init.stderr).toBe(0);
  const csv = path.join(dir, 'm.csv');
  writeFileSync(
    csv,
    [
      'id,channel,author,text,created_at',
      '1,twitter,@Ana,"SECRETANA where is my bag",2015-02-24T11:35:52-08:00',
      '2,twitter,@bo,"cancelled again",2015-02-24T11:40:00-08:00',
    ].join('\n') + '\n',
  );
  const imp = holdline('import', csv, '--preset', 'generic-csv', '--data', room());
  expect(imp.code, imp.stderr).toBe(0);
});

afterAll(() => cleanup?.());

describe('holdline erase', () => {
  it('counts with --dry-run, refuses what it must, erases and scrubs a stopped station', () => {
    const args = ['erase', '--data', room(), '--user', 'lead', '--channel', 'twitter'];
    const dry = holdline(...args, '--author', '@ana', '--dry-run');
    expect(dry.code, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true, mentions: 1 });
    expect(holdline(...args, '--author', '@ana').code).toBe(2); // no --reference
    expect(holdline(...args, '--author', '@nobody', '--reference', 'DSR-1')).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/no mentions by that author/),
    });
    const done = holdline(...args, '--author', '@ana', '--reference', 'DSR-1');
    expect(done.code, done.stderr).toBe(0);
    expect(JSON.parse(done.stdout)).toMatchObject({
      reference: 'DSR-1',
      requestedBy: 'lead',
      effect: 'applied',
      here: { items: 1 },
      stations: [{ items: 1 }],
    });
    for (const name of readdirSync(room()).filter((n) => n.startsWith('holdline.db')))
      expect(readFileSync(path.join(room(), name)).includes('SECRETANA'), name).toBe(false);
    const verify = holdline('verify', '--data', room());
    expect(verify.code, verify.stdout).toBe(0);
  });
});
