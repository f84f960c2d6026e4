// What a station puts in its DNS-SD records (RFC 6763) and how a browser reads them back.
// Pure: no sockets here, so every rule below has a plain unit test.
import { isIPv4 } from 'node:net';
import { z } from 'zod';
import { sha256Hex } from '../ops/op-id';

/** The DNS-SD service type stations advertise (`_holdline._tcp`). */
export const SERVICE_TYPE = 'holdline';

/** A station's TXT record on the wire; unknown keys are allowed (later versions may add some). */
export const StationTxt = z.object({
  v: z.literal('1'),
  // Printable ASCII (ids are hex or base64), short enough for a 255-byte TXT string.
  station: z.string().regex(/^[\x21-\x7e]{1,200}$/),
  room: z.string().regex(/^[0-9a-f]{16}$/),
});
/** A station's TXT record, parsed. */
export type StationTxt = z.infer<typeof StationTxt>;

/** The tag advertised for a war room: it tells rooms apart without naming the room id. */
export function roomTag(roomId: string): string {
  return sha256Hex(roomId).slice(0, 16);
}

/** The TXT record this station advertises. */
export function stationTxt(stationId: string, roomId: string): StationTxt {
  return { v: '1', station: stationId, room: roomTag(roomId) };
}

/** The station id in a TXT record of the given room tag; undefined for anything else. */
export function stationOfTxt(txt: unknown, room: string): string | undefined {
  const parsed = StationTxt.safeParse(txt);
  return parsed.success && parsed.data.room === room ? parsed.data.station : undefined;
}

/** The DNS-SD instance name of a station: at most 63 bytes of letters, digits and '-'. */
export function instanceName(stationId: string): string {
  // The hash keeps names distinct where the readable part cannot: mDNS compares names without
  // case, and long or non-DNS ids (base64) are cut and rewritten.
  const readable = stationId.replace(/[^A-Za-z0-9-]/g, '-').slice(0, 37);
  return `holdline-${readable}-${sha256Hex(stationId).slice(0, 16)}`;
}

const isLinkLocal = (address: string) => address.startsWith('169.254.');

/**
 * The IPv4 address to reach an advertised station at. The address its packet came from is
 * reachable by definition, so it wins when the station lists it too; otherwise the first listed
 * non-link-local address, then any listed one, then the packet's source.
 */
export function pickAddress(
  addresses: readonly string[] | undefined,
  source: string | undefined,
): string | undefined {
  const listed = (addresses ?? []).filter((a) => isIPv4(a));
  const from = source !== undefined && isIPv4(source) ? source : undefined;
  if (from !== undefined && listed.includes(from)) return from;
  return listed.find((a) => !isLinkLocal(a)) ?? listed[0] ?? from;
}
