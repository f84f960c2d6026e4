import { describe, expect, it } from 'vitest';
import type { StationCore } from '../core/core';
import { mentionById } from '../db/queries/mention-reads';
import { effectOf } from '../db/queries/effects';
import { actOnMention, claimMention, createManualMention } from '../mentions/commands';
import { SYSTEM_ACTOR } from '../ops/op';
import { createOperator } from '../room/war-room';
import { checkIn } from '../roster/roster-commands';
import { testCores } from '../test-support/test-cores';
import { startAssigner } from './assigner';

const { openRoom } = testCores();

async function person(core: StationCore, adminId: string, username: string): Promise<string> {
  return createOperator(core, adminId, {
    username,
    displayName: username,
    password: `${username}-password`,
    role: 'operator',
    departments: ['customer-care'],
  });
}

async function mention(core: StationCore, actor: string, text: string): Promise<string> {
  const m = await createManualMention(core, actor, {
    channel: 'phone',
    author: { handle: `caller-${text.length}-${Math.random()}` },
    text,
  } as never);
  return m.id;
}

const holder = async (core: StationCore, id: string) =>
  (await mentionById(core.db, id))?.claim?.operatorId ?? null;

// This station alone: it decides.
const alone = { peers: () => [], everyMs: 3_600_000 };

describe('assignment on the deciding station', () => {
  it('pushes each mention to an operator of its department with its skills, within capacity', async () => {
    const { core, adminId } = await openRoom();
    const ana = await person(core, adminId, 'ana');
    const ben = await person(core, adminId, 'ben');
    await checkIn(core, ana, { department: 'customer-care', skills: ['refunds'], capacity: 2 });
    await checkIn(core, ben, { department: 'customer-care', skills: [], capacity: 2 });
    // The default rules send refunds to customer care needing the refunds skill, threats to legal.
    const refunds = [
      await mention(core, adminId, 'Where is my refund? Day 3 of waiting'),
      await mention(core, adminId, 'I want a refund for the cancelled flight'),
      await mention(core, adminId, 'Still no refund, booking ref QX7'),
    ];
    const plain = [
      await mention(core, adminId, 'My bag did not arrive in Denver'),
      await mention(core, adminId, 'Seat 14C is broken, nobody cares'),
    ];
    const legal = await mention(core, adminId, 'My lawyer will hear about this');
    const assigner = startAssigner(core, alone);
    try {
      const given = await assigner.pass();
      expect(given).toHaveLength(4);
      const refundHolders = await Promise.all(refunds.map((id) => holder(core, id)));
      expect(refundHolders.filter((h) => h === ana)).toHaveLength(2);
      expect(refundHolders.filter((h) => h === null)).toHaveLength(1);
      expect(await Promise.all(plain.map((id) => holder(core, id)))).toEqual([ben, ben]);
      expect(await holder(core, legal)).toBeNull(); // nobody from legal is on shift
      // Ana answers one: the refund still waiting is hers on the next pass.
      const mine = refunds.find((_, i) => refundHolders[i] === ana) as string;
      await actOnMention(core, ana, mine, 'mention.answer');
      const waited = refunds.find((_, i) => refundHolders[i] === null) as string;
      expect(await assigner.pass()).toMatchObject([{ mentionId: waited, operatorId: ana }]);
      expect(await holder(core, waited)).toBe(ana);
      // Full again: nothing more to give.
      expect(await assigner.pass()).toEqual([]);
    } finally {
      assigner.stop();
    }
  });

  it('gives nothing while a station with a lower id is connected (it decides)', async () => {
    const { core, adminId } = await openRoom();
    const ana = await person(core, adminId, 'ana');
    await checkIn(core, ana, { department: 'customer-care', skills: [], capacity: 3 });
    const id = await mention(core, adminId, 'My bag did not arrive');
    const assigner = startAssigner(core, { peers: () => ['0'.repeat(8)], everyMs: 3_600_000 });
    try {
      expect(await assigner.pass()).toEqual([]);
      expect(await holder(core, id)).toBeNull();
    } finally {
      assigner.stop();
    }
  });

  it('lets another department take a mention once it waited past the overflow time', async () => {
    const { core, adminId } = await openRoom();
    const mia = await person(core, adminId, 'mia');
    await checkIn(core, mia, { department: 'marketing', skills: [], capacity: 3 });
    const id = await mention(core, adminId, 'My bag did not arrive'); // customer care
    let now = Date.now();
    const assigner = startAssigner(core, { ...alone, now: () => now });
    try {
      expect(await assigner.pass()).toEqual([]);
      now += 901_000; // default rules: customer-care → marketing after 900 s
      expect(await assigner.pass()).toEqual([
        { mentionId: id, operatorId: mia, department: 'marketing', overflow: true },
      ]);
      expect(await holder(core, id)).toBe(mia);
    } finally {
      assigner.stop();
    }
  });

  it('loses to a claim that got there first, as a collision, and is refused for an observer', async () => {
    const { core, adminId } = await openRoom();
    const ana = await person(core, adminId, 'ana');
    const ben = await person(core, adminId, 'ben');
    const obs = await createOperator(core, adminId, {
      username: 'obi',
      displayName: 'Obi',
      password: 'obi-password',
      role: 'observer',
      departments: [],
    });
    const id = await mention(core, adminId, 'My bag did not arrive');
    await claimMention(core, ben, id, null);
    const assign = (operator: string) =>
      core.commit([
        {
          type: 'mention.assign',
          v: 1,
          actor: SYSTEM_ACTOR,
          subject: id,
          payload: { operator, department: 'customer-care', overflow: false, leaseMs: 60_000 },
        },
      ]);
    const late = (await assign(ana)).ops[0]?.id as string;
    expect(await effectOf(core.db, late)).toMatchObject({ effect: 'collision' });
    expect(await holder(core, id)).toBe(ben);
    await actOnMention(core, ben, id, 'mention.release');
    const toObserver = (await assign(obs)).ops[0]?.id as string;
    expect(await effectOf(core.db, toObserver)).toMatchObject({ effect: 'refused' });
    expect(await holder(core, id)).toBeNull();
  });
});
