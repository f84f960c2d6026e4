/** The Chromium for the browser tests: env var, /usr/bin/chromium, else Playwright's own. */
export function findChromium(options?: {
  env?: NodeJS.ProcessEnv;
  candidates?: string[];
  playwrightPath?: () => string | null;
}): { path: string; source: string } | { path: null; problem: string };

/** Where to get a Chromium, printed when none is found. */
export const HOW_TO_GET_CHROMIUM: string;
