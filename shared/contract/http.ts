import { z } from 'zod';
import { PasswordSchema, UsernameSchema } from '../domain/people';
import { LoginSchema, SetupSchema } from './room';

/**
 * The station's small HTTP surface (everything else goes over /desk):
 *   GET  /health                → Health
 *   GET  /api/setup             → { initialized: boolean, warRoom: string | null }
 *   POST /api/setup   SetupBody → { ok, token, warRoom, joinCode, recoveryCode } | error
 *        (first start only; the recovery code is shown once and stored nowhere)
 *   POST /api/login   LoginBody → { ok, token } | error (403 with mustChangePassword: true
 *        when an admin's reset asked for a new password first)
 *   POST /api/password ChangePasswordBody → { ok, token } | error   (choose a new password)
 *   POST /api/logout            (Authorization: Bearer token)
 *   POST /api/recover RoomRecover → { ok, operatorId } | error   (this machine only; a recovery
 *        that holdline recover signed with the room's recovery code)
 *   GET  /api/presets           → { ok, presets: PresetInfo[] }
 *   POST /api/import?preset=…&format=…&filename=…  body: the raw file, streamed
 *        (Authorization: Bearer token) → NDJSON lines of ImportProgress, last one ImportSummary
 * Errors are JSON { ok: false, code, message } with a fitting HTTP status.
 */
export const HTTP_ROUTES = {
  health: '/health',
  setup: '/api/setup',
  login: '/api/login',
  logout: '/api/logout',
  presets: '/api/presets',
  import: '/api/import',
} as const;

/** Body of POST /api/setup. */
export const SetupBodySchema = SetupSchema;
/** Body of POST /api/login. */
export const LoginBodySchema = LoginSchema;
/** Body of POST /api/password: the current password and the new one. */
export const ChangePasswordBodySchema = z.object({
  username: UsernameSchema,
  password: z.string().min(1).max(1024),
  newPassword: PasswordSchema,
});

/** GET /health. */
export type Health = {
  ok: boolean;
  stationId: string;
  warRoom: string | null;
  warRoomId: string | null;
  mentions: number;
  ops: number;
  version: string;
  /** This build's op catalogue fingerprint (electron/station/ops/op-catalogue.ts). */
  catalogue?: string;
  /** Stored ops this build cannot interpret (a newer build's: they have no effect here). */
  unreadOps?: number;
};

/** Answer of setup and login. */
export type TokenAnswer =
  { ok: true; token: string } | { ok: false; code: string; message: string };
