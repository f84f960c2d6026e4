import type { RoomMode } from '../../../shared/domain/room-mode';
import type { ImportProgress, ImportSummary, PresetInfo } from '../../../shared/contract/imports';
import type { DrillStatus } from '../../../shared/contract/drills';
import { stationBase } from './session';

/** An answer of the station's HTTP API. */
export type ApiAnswer<T> = ({ ok: true } & T) | { ok: false; code: string; message: string };

async function api<T>(
  path: string,
  init: RequestInit = {},
  token?: string | null,
): Promise<ApiAnswer<T>> {
  try {
    const res = await fetch(stationBase() + path, {
      ...init,
      headers: {
        ...(init.body && typeof init.body === 'string' && { 'content-type': 'application/json' }),
        ...(token && { authorization: `Bearer ${token}` }),
        ...init.headers,
      },
    });
    return (await res.json()) as ApiAnswer<T>;
  } catch {
    return { ok: false, code: 'offline', message: 'The station does not answer. Is it running?' };
  }
}

/** Has this station a war room yet? */
export const getSetupState = () =>
  api<{ initialized: boolean; warRoom: string | null }>('/api/setup');

/** First start: create the war room and its admin. */
export const postSetup = (body: {
  warRoom: string;
  username: string;
  displayName: string;
  password: string;
  mode?: RoomMode;
}) =>
  api<{ token: string; recoveryCode?: string }>('/api/setup', {
    method: 'POST',
    body: JSON.stringify(body),
  });

/** Log in (refused with mustChangePassword after an admin's reset that asked for a new one). */
export const postLogin = (body: { username: string; password: string }) =>
  api<{ token: string }>('/api/login', { method: 'POST', body: JSON.stringify(body) });

/** Choose a new password (after an admin's reset): answers a session. */
export const postChangePassword = (body: {
  username: string;
  password: string;
  newPassword: string;
}) => api<{ token: string }>('/api/password', { method: 'POST', body: JSON.stringify(body) });

/** Log out. */
export const postLogout = (token: string) => api<object>('/api/logout', { method: 'POST' }, token);

/** Import presets. */
export const getPresets = (token: string) =>
  api<{ presets: PresetInfo[] }>('/api/presets', {}, token);

/** Uploads a file and reports progress from the station's NDJSON stream; resolves with the summary. */
export async function uploadImport(
  token: string,
  file: File,
  params: { preset?: string; format?: string },
  onProgress: (p: ImportProgress) => void,
): Promise<ImportSummary> {
  const q = new URLSearchParams({ filename: file.name });
  if (params.preset) q.set('preset', params.preset);
  if (params.format) q.set('format', params.format);
  const res = await fetch(`${stationBase()}/api/import?${q}`, {
    method: 'POST',
    body: file,
    headers: { authorization: `Bearer ${token}` },
  });
  if (!res.ok || !res.body) {
    const body = (await res.json().catch(() => ({}))) as { message?: string };
    throw new Error(body.message ?? `the station refused the import (${res.status})`);
  }
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let summary: ImportSummary | null = null;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const msg = JSON.parse(buffer.slice(0, nl)) as ImportProgress & { message?: string };
      buffer = buffer.slice(nl + 1);
      if (msg.phase === 'failed') throw new Error(msg.message ?? 'the import failed');
      // The station does not know the upload size when the browser streams: use the file's.
      onProgress({ ...msg, bytesTotal: msg.bytesTotal ?? file.size });
      if (msg.phase === 'done') summary = msg as ImportSummary;
    }
  }
  if (!summary) throw new Error('the station ended the import without a summary');
  return summary;
}

/** Uploads a file to replay into this drill room at `speed`; answers once the replay runs. */
export function startDrillUpload(
  token: string,
  file: File,
  params: { preset?: string; speed: number },
): Promise<ApiAnswer<{ drill: DrillStatus; firstBadRows: string[] }>> {
  const q = new URLSearchParams({ filename: file.name, speed: String(params.speed) });
  if (params.preset) q.set('preset', params.preset);
  return api(`/api/drill?${q}`, { method: 'POST', body: file }, token);
}
