import type { StationCore } from '../core/core';
import { scrubFiles } from './scrub';
import { sweepIfDue } from './retention-service';

// How often a station looks whether a retention sweep is due.
const SWEEP_CHECK_MS = 10 * 60_000;

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
  let again = false;
  let pending = { items: 0, withheld: 0 };
  const scrub = (): void => {
    if (scrubbing) {
      again = true;
      return;
    }
    const counts = pending;
    pending = { items: 0, withheld: 0 };
    scrubbing = scrubFiles(core.db)
      .then((ms) =>
        log(
          `[privacy] erased ${counts.items} mention(s), withheld ${counts.withheld} payload(s); files scrubbed in ${ms} ms`,
        ),
      )
      .catch((err: unknown) =>
        log(`[privacy] could not scrub the files: ${(err as Error).message}`),
      )
      .finally(() => {
        scrubbing = null;
        if (again) {
          again = false;
          scrub();
        }
      });
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
      scrub();
    }
    if (applied.ops.some((o) => o.type === 'retention.set')) setImmediate(sweep);
  });
  const timer = setInterval(sweep, SWEEP_CHECK_MS);
  timer.unref();
  setImmediate(sweep);
  core.onClose(async () => {
    clearInterval(timer);
    await scrubbing;
  });
}
