/**
 * Wraps a scheduler's pass so passes never overlap: one asked for while another runs waits for
 * it, then runs itself (so it looks again at what changed meanwhile).
 */
export function oneAtATime<T>(run: () => Promise<T>): () => Promise<T> {
  let current: Promise<T> | null = null;
  return async () => {
    while (current) await current;
    current = run();
    try {
      return await current;
    } finally {
      current = null;
    }
  };
}
