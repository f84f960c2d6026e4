/** Where the Electron binary is, or why there is none (never starts Electron's download). */
export function findElectronBinary(options?: {
  root?: string;
  env?: NodeJS.ProcessEnv;
}): { installed: true; path: string; version: string } | { installed: false; reason: string };
