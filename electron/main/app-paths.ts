import path from 'node:path';
import { app } from 'electron';

/** A file the app ships under resources/ (the repo in development, the asar when packaged). */
export function resourcePath(...parts: string[]): string {
  return path.join(app.getAppPath(), 'resources', ...parts);
}
