import fc from 'fast-check';
import { DnsTxt } from 'bonjour-service/dist/lib/dns-txt';
import { describe, expect, it } from 'vitest';
import { instanceName, pickAddress, roomTag, stationOfTxt, stationTxt } from './discovery-records';

const ROOM = 'war-room-7f3a9c';
const TAG = roomTag(ROOM);

/** A TXT record as it comes out of bonjour-service after a trip over the wire. */
const overTheWire = (txt: Record<string, string>) => {
  const codec = new DnsTxt();
  return codec.decodeAll(codec.encode(txt));
};

describe('TXT record', () => {
  it('tags the room with 16 hex of its hash, never the room id itself', () => {
    expect(TAG).toMatch(/^[0-9a-f]{16}$/);
    expect(roomTag('another room')).not.toBe(TAG);
    expect(JSON.stringify(stationTxt('st-1', ROOM))).not.toContain(ROOM);
  });

  it('reads back the station id after bonjour-service encodes and decodes it', () => {
    const ids = fc.stringMatching(/^[\x21-\x7e]{1,200}$/);
    fc.assert(
      fc.property(ids, (id) => stationOfTxt(overTheWire(stationTxt(id, ROOM)), TAG) === id),
    );
    // base64 padding holds '=', the key/value separator
    expect(stationOfTxt(overTheWire(stationTxt('q+/w==', ROOM)), TAG)).toBe('q+/w==');
  });

  it('ignores stations of another room, other versions and foreign records', () => {
    const good = stationTxt('st-1', ROOM);
    expect(stationOfTxt(good, TAG)).toBe('st-1');
    expect(stationOfTxt(good, roomTag('another room'))).toBeUndefined();
    for (const bad of [
      undefined,
      null,
      'v=1',
      [],
      {},
      { ...good, v: '2' },
      { ...good, room: ROOM },
      { ...good, station: '' },
      { ...good, station: 'has space' },
      { ...good, station: 42 },
      { v: '1', room: TAG },
    ]) {
      expect(stationOfTxt(bad, TAG)).toBeUndefined();
    }
    expect(stationOfTxt({ ...good, extra: 'later version field' }, TAG)).toBe('st-1');
  });

  it('never throws, whatever arrives', () => {
    fc.assert(fc.property(fc.anything(), (txt) => stationOfTxt(txt, TAG) === undefined));
  });
});

describe('instance name', () => {
  it('is a DNS label of at most 63 bytes, for any station id', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (id) => {
        const name = instanceName(id);
        return /^[A-Za-z0-9-]+$/.test(name) && Buffer.byteLength(name) <= 63;
      }),
    );
  });

  it('stays distinct where ids differ only in case or in characters DNS cannot hold', () => {
    const ids = ['st-ab/cd+ef', 'st-ab+cd/ef', 'st-AB/CD+EF', 'x'.repeat(80), 'x'.repeat(79) + 'y'];
    const names = ids.map((id) => instanceName(id).toLowerCase());
    expect(new Set(names).size).toBe(ids.length);
    expect(instanceName('st-0123abcd')).toMatch(/^holdline-st-0123abcd-[0-9a-f]{16}$/);
  });
});

describe('address of a peer', () => {
  it('takes the address the packet came from when the station lists it', () => {
    expect(pickAddress(['172.17.0.1', '10.0.0.5'], '10.0.0.5')).toBe('10.0.0.5');
  });

  it('else the first listed IPv4 address that is not link-local', () => {
    expect(pickAddress(['fe80::1', '169.254.3.4', '10.0.0.5'], '10.0.0.9')).toBe('10.0.0.5');
    expect(pickAddress(['169.254.3.4'], undefined)).toBe('169.254.3.4');
  });

  it('else the packet source, and nothing when there is no IPv4 address at all', () => {
    expect(pickAddress([], '10.0.0.9')).toBe('10.0.0.9');
    expect(pickAddress(undefined, '10.0.0.9')).toBe('10.0.0.9');
    expect(pickAddress(['fe80::1'], 'fe80::2')).toBeUndefined();
    expect(pickAddress(['not an address'], undefined)).toBeUndefined();
  });
});
