import { afterEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { StationCore } from '../core/core';
import { allOps } from '../db/queries/ops';
import { createWarRoom } from '../room/war-room';
import { tempDir } from '../test-support/temp-dir';
import { BatchRefused, precheckPeerBatch } from '../sync/peer-batch';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

describe('withheld payloads between stations', () => {
  it('relays a stub of a withholdable op (a reply) and refuses one of a room or people op', async () => {
    const { dir, cleanup } = tempDir('holdline-withheld-');
    cleanups.push(cleanup);
    const core = await StationCore.open(path.join(dir, 'a'));
    try {
      const room = await createWarRoom(core, {
        warRoom: 'Storm week',
        username: 'lead',
        displayName: 'Lea',
        password: 'correct horse',
      });
      const text = 'Dear customer';
      await core.commit([
        {
          type: 'message.draft',
          v: 1,
          actor: room.adminId,
          subject: 'msg-1',
          payload: {
            messageId: 'msg-1',
            kind: 'reply',
            mentionId: 'twitter:1',
            language: 'en',
            channel: 'twitter',
            topics: [],
            text,
            contentHash: createHash('sha256').update(text).digest('hex'),
            submit: false,
          },
        },
      ]);
      const ops = (await allOps(core.db)).map(({ payloadJson: _, ...o }) => o);
      const stub = (type: string) =>
        ops.map((o) => (o.type === type ? { ...o, payload: null } : o));
      expect(precheckPeerBatch(stub('message.draft'))).toHaveLength(ops.length);
      expect(() => precheckPeerBatch(stub('operator.create'))).toThrow(BatchRefused);
      expect(() => precheckPeerBatch(stub('operator.create'))).toThrow(/has no payload/);
    } finally {
      await core.close();
    }
  });
});
