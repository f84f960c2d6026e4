import { useEffect, useState } from 'react';

/** The current time, moving on every `everyMs` (for "overdue" markers that must appear on time). */
export function useNow(everyMs = 15_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}
