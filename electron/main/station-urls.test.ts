import { describe, expect, it } from 'vitest';
import { stationOf } from './station-urls';

describe('stationOf', () => {
  const rooms = ['http://127.0.0.1:4120/', 'http://127.0.0.1:39001/'];
  let open = [...rooms];
  const urls = () => open;

  it("names the room's station a frame belongs to, by exact origin", () => {
    expect(stationOf(urls, 'http://127.0.0.1:39001/#/queue')).toBe(rooms[1]);
    expect(stationOf(urls, 'http://127.0.0.1:4120/')).toBe(rooms[0]);
    expect(stationOf(rooms[0] as string, 'http://127.0.0.1:4120/x')).toBe(rooms[0]);
  });

  it('refuses other ports, hosts, schemes and junk', () => {
    for (const url of [
      'http://127.0.0.1:39002/',
      'http://localhost:4120/',
      'https://127.0.0.1:4120/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      '',
      null,
      undefined,
    ])
      expect(stationOf(urls, url)).toBeNull();
  });

  it('follows the desk as rooms come and go', () => {
    open = [rooms[0] as string];
    expect(stationOf(urls, 'http://127.0.0.1:39001/')).toBeNull();
  });
});
