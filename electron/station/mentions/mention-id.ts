/**
 * A mention's id: its dedupe key (DECISIONS.md 7), readable as `channel:external id`, so the same
 * mention ingested twice, on any station, is one. Tweet ids grow over time, which keeps bulk
 * imports appending to the id index instead of writing random pages.
 */
export function mentionIdOf(channel: string, externalId: string): string {
  return `${channel}:${externalId}`;
}
