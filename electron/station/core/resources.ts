import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * A folder of bundled resources (resources/<name>: playbooks, presets, voice rules, templates),
 * found from the source tree, from the built bundle or from the working folder; an environment
 * variable, when set, points elsewhere (tests, an admin's own copy). Null when none exists.
 */
export function findResourceDir(name: string, envVar?: string): string | null {
  const candidates = [
    envVar ? process.env[envVar] : undefined,
    path.resolve(__dirname, '../../../resources', name),
    path.resolve(__dirname, '../../resources', name),
    path.resolve(process.cwd(), 'resources', name),
  ];
  return candidates.find((d): d is string => Boolean(d) && existsSync(d as string)) ?? null;
}
