import type { StationCore } from '../core/core';
import { CatchingUpError } from '../core/core';
import { scrubFiles, scrubOwed } from './scrub';
import { confirmErasures } from './erasure-request';
import { sweepIfDue } from './retention-service';

// How often a station looks whether a retention sweep is due.
const SWEEP_CHECK_MS = 10 * 60_000;
// A scrub starts this long after the erasure that needs it, and at least SCRUB_GAP_MS after the last.
const SCRUB_DELAY_MS = 500;
const SCRUB_GAP_MS = 30_000;

/**
 * Erasure and retention on a running station: after any batch that erased or withheld data, the
 * files are scrubbed (scrub.ts); retention sweeps are recorded when due — at start, every ten
 * minutes, and right after the rules change. Logs counts only, never a person's data.
 */
export function startPrivacy(
  core: StationCore,
  log: (line: string) => void = (l) => console.error(l),
): void {
  let scrubbing: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let lastEnded = 0;
  let pending = { items: 0, withheld: 0 };
  let failed = false;
  const runScrub = (): Promise<void> => {
    timer = null;
    const counts = pending;
    pending = { items: 0, withheld: 0 };
    scrubbing = scrubFiles(core.db)
      .then(async (ms) => {
        log(
          `[privacy] erased ${counts.items} mention(s), withheld ${counts.withheld} payload(s); files scrubbed in ${ms} ms`,
        );
        await confirmErasures(core).catch((err: unknown) => {
          // A station restored from a backup records nothing until caught up: it confirms later.
          if (!(err instanceof CatchingUpError)) throw err;
        });
      })
      .catch((err: unknown) => {
        log(`[privacy] could not scrub the files (trying again): ${(err as Error).message}`);
        pending.items += counts.items;
        pending.withheld += counts.withheld;
        failed = true;
      })
      .finally(() => {
        scrubbing = null;
        lastEnded = Date.now();
        if (failed || pending.items + pending.withheld > 0) schedule();
        failed = false;
      });
    return scrubbing;
  };
  // Soon after an erasure, but a stream of late arrivals compacts the files at most every
  // SCRUB_GAP_MS (VACUUM rewrites the whole database and holds the station's writes meanwhile).
  const schedule = (): void => {
    if (timer || scrubbing) return;
    const wait = Math.max(SCRUB_DELAY_MS, lastEnded + SCRUB_GAP_MS - Date.now());
    timer = setTimeout(() => void runScrub(), wait);
  };
  let sweeping = false;
  const sweep = (): void => {
    if (sweeping) return;
    sweeping = true;
    sweepIfDue(core)
      .catch((err: unknown) => log(`[privacy] retention sweep failed: ${(err as Error).message}`))
      .finally(() => (sweeping = false));
  };
  core.on('applied', (applied) => {
    if (applied.privacy?.scrub) {
      pending.items += applied.privacy.erasedItems;
      pending.withheld += applied.privacy.withheld;
      schedule();
    } else if (applied.ops.some((o) => o.type === 'erasure.request')) {
      // Nothing of the person here: the scrub still runs, and confirms the erasure after it.
      schedule();
    }
    if (applied.ops.some((o) => o.type === 'retention.set')) setImmediate(sweep);
  });
  const sweeps = setInterval(sweep, SWEEP_CHECK_MS);
  sweeps.unref();
  setImmediate(sweep);
  void scrubOwed(core.read)
    .then((owed) => {
      if (owed) schedule();
    })
    .catch(() => undefined);
  core.onClose(async () => {
    clearInterval(sweeps);
    await scrubbing;
    // Erased bytes are not left behind by a stop: a scrub still waiting runs now.
    if (timer) {
      clearTimeout(timer);
      await runScrub();
    }
  });
}
