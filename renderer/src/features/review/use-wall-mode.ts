import { useCallback, useEffect, useState, type RefObject } from 'react';

/** The wall-screen view of a review: its element fills the screen, text grows for the room. */
export function useWallMode(ref: RefObject<HTMLElement | null>) {
  const [on, setOn] = useState(false);
  useEffect(() => {
    const sync = () =>
      setOn(document.fullscreenElement !== null && document.fullscreenElement === ref.current);
    document.addEventListener('fullscreenchange', sync);
    return () => document.removeEventListener('fullscreenchange', sync);
  }, [ref]);
  const toggle = useCallback(() => {
    const el = ref.current;
    if (!el) return;
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    // Without fullscreen (refused, or a browser without it) the larger view still applies.
    else if (el.requestFullscreen) void el.requestFullscreen().catch(() => setOn((x) => !x));
    else setOn((x) => !x);
  }, [ref]);
  return { on, toggle };
}
