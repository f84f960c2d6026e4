import { describe, expect, it } from 'vitest';
import { PRESENCE_TTL_MS, PresenceBoard } from './presence-board';

const ana = {
  operatorId: 'u-ana',
  operatorName: 'Ana',
  mentionId: 'twitter:1',
  mode: 'viewing' as const,
};

describe('presence board', () => {
  it('relays presence station to station and lets newer news win', () => {
    const a = new PresenceBoard('st-a');
    const b = new PresenceBoard('st-b');
    const c = new PresenceBoard('st-c');
    a.setLocal('sock1', ana);
    b.merge(a.snapshot(1_000));
    c.merge(b.snapshot(1_000)); // C hears of A only through B
    expect(c.entries(1_000)).toEqual([{ ...ana, stationId: 'st-a' }]);

    a.setLocal('sock1', { ...ana, mode: 'writing' });
    const newer = a.snapshot(2_000);
    c.merge(newer);
    c.merge(b.snapshot(1_500)); // B's older news of A does not undo it
    expect(c.entries(2_000)).toEqual([{ ...ana, mode: 'writing', stationId: 'st-a' }]);
  });

  it('forgets a desk that leaves, and a station not heard from for a while', () => {
    const a = new PresenceBoard('st-a');
    const b = new PresenceBoard('st-b');
    let changes = 0;
    b.on('changed', () => (changes += 1));
    a.setLocal('sock1', ana);
    b.merge(a.snapshot(1_000));
    expect(changes).toBe(1);
    expect(b.entries(1_000 + PRESENCE_TTL_MS + 1)).toEqual([]);
    a.setLocal('sock1', null);
    expect(a.entries()).toEqual([]);
  });

  it('knows which stations are up, heard of directly or through another', () => {
    const a = new PresenceBoard('st-a');
    const b = new PresenceBoard('st-b');
    const c = new PresenceBoard('st-c');
    b.merge(a.snapshot(1_000)); // no desk on A: its heartbeat still says it is up
    c.merge(b.snapshot(1_000)); // C has no link with A
    expect(c.liveStations(1_000).sort()).toEqual(['st-a', 'st-b']);
    expect(c.liveStations(1_000 + PRESENCE_TTL_MS)).toEqual([]);
  });
});
