import type { StationCore } from '../core/core';
import { countMentions, mentionsByIds } from '../db/queries/mention-reads';
import { messageViews } from '../messages/message-views';
import { listOperators, toOperator } from '../db/queries/people';
import type { Applied } from '../ops/apply';
import { runSummaries } from '../playbooks/run-views';
import type { DeskNamespace } from './desk-server';
import { roomClosedView } from '../rooms/room-closure';
import { MENTION_STATE_OPS } from '../../../shared/domain/mention-state';

const CLAIM_OPS = new Set<string>(MENTION_STATE_OPS);
// New mentions during an import arrive in thousands a second: tell desks at most this often.
const ADDED_EVERY_MS = 250;

/** Pushes what changed to every desk: rows in place, and a throttled "new mentions" hint. */
export class DeskBroadcaster {
  private added = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly onApplied = (a: Applied) => void this.push(a);

  constructor(
    private readonly core: StationCore,
    private readonly desk: DeskNamespace,
  ) {
    core.on('applied', this.onApplied);
  }

  private async push(a: Applied): Promise<void> {
    try {
      if (a.mentionsChanged.length > 0) {
        const rows = await mentionsByIds(this.core.read, a.mentionsChanged);
        this.desk.emit(
          'mention.changed',
          rows.map((mention) => ({ id: mention.id, mention })),
        );
      }
      if (a.alertsRaised) this.desk.emit('alert.changed');
      if (a.messagesChanged.length > 0)
        this.desk.emit('message.changed', await messageViews(this.core.read, a.messagesChanged));
      if (a.runsChanged.length > 0)
        this.desk.emit('run.changed', await runSummaries(this.core.read, a.runsChanged));
      // A claim taken, given or let go changes someone's load, which the roster shows.
      if (a.rosterChanged || a.ops.some((o) => CLAIM_OPS.has(o.type)))
        this.desk.emit('roster.changed');
      if (a.ops.some((o) => o.type === 'room.close' || o.type === 'room.reopen'))
        this.desk.emit('room.changed', { closed: await roomClosedView(this.core.read) });
      if (a.operatorsChanged) {
        this.desk.emit('operator.changed', (await listOperators(this.core.read)).map(toOperator));
      }
      for (const reviewId of a.reviewsChanged ?? []) this.desk.emit('review.changed', { reviewId });
      if (a.contactsChanged?.length)
        this.desk.emit('contact.changed', { identifiers: a.contactsChanged });
      // Erased mentions are gone, not changed: desks refetch what they show (no row is sent).
      if (a.ingested > 0 || (a.privacy?.mentionsRemoved.length ?? 0) > 0) {
        this.added += a.ingested;
        this.timer ??= setTimeout(() => void this.flushAdded(), ADDED_EVERY_MS);
      }
    } catch (err) {
      console.error('[desk] could not push a change:', err);
    }
  }

  private async flushAdded(): Promise<void> {
    this.timer = null;
    const count = this.added;
    this.added = 0;
    this.desk.emit('mention.added', { count, total: await countMentions(this.core.read) });
  }

  /** Stops listening. */
  close(): void {
    this.core.off('applied', this.onApplied);
    if (this.timer) clearTimeout(this.timer);
  }
}
