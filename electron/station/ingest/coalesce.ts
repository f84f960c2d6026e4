/**
 * Runs `source` ahead of its consumer and hands over, at each step, everything that is ready (up
 * to `maxWeight`, always at least one item). While the consumer is busy — committing a batch —
 * the source keeps producing, up to `maxReady` items ahead. Stopping the consumer early stops
 * the source.
 */
export async function* coalesce<T>(
  source: AsyncIterable<T>,
  opts: { maxReady: number; maxWeight: number; weight: (item: T) => number },
): AsyncGenerator<T[]> {
  const ready: T[] = [];
  let producing = true;
  let failure: { error: unknown } | null = null;
  let stopped = false;
  const waiters = new Set<() => void>();
  const changed = () => new Promise<void>((resolve) => waiters.add(resolve));
  const signal = () => {
    for (const wake of waiters) wake();
    waiters.clear();
  };

  const producer = (async () => {
    try {
      for await (const item of source) {
        ready.push(item);
        signal();
        while (!stopped && ready.length >= opts.maxReady) await changed();
        if (stopped) break; // leaving the loop returns the source (a worker is stopped)
      }
    } catch (error) {
      failure = { error };
    } finally {
      producing = false;
      signal();
    }
  })();

  try {
    for (;;) {
      if (ready.length === 0) {
        if (failure) throw (failure as { error: unknown }).error;
        if (!producing) return;
        await changed();
        continue;
      }
      const group: T[] = [ready.shift() as T];
      let weight = opts.weight(group[0] as T);
      while (ready.length > 0 && weight + opts.weight(ready[0] as T) <= opts.maxWeight) {
        const next = ready.shift() as T;
        weight += opts.weight(next);
        group.push(next);
      }
      signal();
      yield group;
    }
  } finally {
    stopped = true;
    signal();
    await producer;
  }
}
