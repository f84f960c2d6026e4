import type { StationCore } from '../core/core';
import { knownAlertIds, lastMentionSeq, mentionsForAlerts } from '../db/queries/alerts';
import { SYSTEM_ACTOR } from '../ops/op';
import type { Applied } from '../ops/apply';
import { createAlertDetector, type AlertDetector } from '../../../shared/alerts/detector';
import type { Alert } from '../../../shared/alerts/alert-types';

const KICK_EVERY_MS = 250;

const HASHTAG = /#([\p{L}\p{N}_]{2,50})/u;

/** A mention's topic for alerts: its first hashtag, folded to lower case (or none). */
export function topicOf(text: string | null): string | null {
  return (text && HASHTAG.exec(text)?.[1]?.toLowerCase()) || null;
}

/** The payload of an alert.raised op for a detector's alert. */
function payloadOf(a: Alert) {
  return {
    id: a.id,
    rule: a.rule,
    key: a.key,
    brand: a.brand,
    topic: a.topic,
    windowStart: a.windowStart,
    windowEnd: a.windowEnd,
    count: a.count,
    baselinePerHour: a.baselinePerHour,
    ratio: a.ratio,
    negativeShare: a.negativeShare,
    suggestedSeverity: a.suggestedSeverity,
    evidence: a.rule === 'volume-spike' ? a.pValue : a.z,
    sampleRefs: a.sampleRefs.slice(0, 50),
  };
}

/**
 * Feeds every mention this station receives — ingested here or from a peer — to the alert
 * detector (per brand, and per brand and topic, the topic being its first hashtag), in event
 * order per batch, and records what fires as `alert.raised` ops (unless the
 * room already has that alert). The detector's state is memory only: after a restart it warms up
 * on new traffic again. `at` is capped at the time it is seen, so one mention from the far future
 * cannot push the detector's clock ahead.
 */
export function startAlertWatcher(
  core: StationCore,
  now: () => number = Date.now,
): { stop(): void; idle(): Promise<void> } {
  const detector: AlertDetector = createAlertDetector();
  let seen = -1;
  let work: Promise<void> = Promise.resolve();
  const step = async () => {
    if (seen < 0) {
      seen = await lastMentionSeq(core.read); // history is not replayed: live traffic only
      return;
    }
    for (;;) {
      const rows = await mentionsForAlerts(core.read, seen);
      if (rows.length === 0) return;
      seen = (rows.at(-1) as { seq: number }).seq;
      const limit = now() + 60_000;
      rows.sort((a, b) => a.at - b.at);
      const fired: Alert[] = [];
      for (const r of rows)
        fired.push(
          ...detector.add({
            at: Math.min(r.at, limit),
            brand: r.brand,
            topic: topicOf(r.text),
            negative: r.negative === 1,
            ref: r.id,
          }),
        );
      if (fired.length === 0) continue;
      const known = await knownAlertIds(
        core.read,
        fired.map((a) => a.id),
      );
      const drafts = fired
        .filter((a) => !known.has(a.id))
        .map((a) => ({
          type: 'alert.raised',
          v: 1,
          actor: SYSTEM_ACTOR,
          subject: a.id,
          payload: payloadOf(a),
        }));
      // A closed room is read-only: alerts are not raised into it.
      if (drafts.length > 0 && !core.closedRoom) await core.commit(drafts);
    }
  };
  // One look at the new mentions per KICK_EVERY_MS at most: a live feed applies a batch every
  // few milliseconds on every station, and alerts are judged over minutes.
  let queued = false;
  let stopped = false;
  const kick = () => {
    if (queued) return;
    queued = true;
    work = work
      .then(() => new Promise((resolve) => setTimeout(resolve, KICK_EVERY_MS).unref()))
      .then(() => {
        queued = false;
        return stopped ? undefined : step();
      })
      .catch((err: unknown) => console.error('[alerts] watcher:', err));
  };
  const onApplied = (a: Applied) => {
    if (a.newMentions > 0) kick();
  };
  core.on('applied', onApplied);
  // Where live traffic starts: at once, before anything arrives.
  work = work.then(step).catch((err: unknown) => console.error('[alerts] watcher:', err));
  return {
    stop: () => {
      stopped = true;
      core.off('applied', onApplied);
    },
    idle: () => work,
  };
}
