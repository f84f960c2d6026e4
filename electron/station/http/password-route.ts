import type { IncomingMessage, ServerResponse } from 'node:http';
import { ChangePasswordBodySchema } from '../../../shared/contract/http';
import { changeOwnPassword } from '../auth/password-change';
import type { StationCore } from '../core/core';
import { readJson, sendError, sendJson } from './respond';

/** POST /api/password: an account chooses a new password (asked after an admin's reset). */
export async function passwordRoute(
  core: StationCore,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const parsed = ChangePasswordBodySchema.safeParse(await readJson(req));
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    return sendError(res, 'invalid', `${i?.path.join('.') || 'password'}: ${i?.message}`);
  }
  const { username, password, newPassword } = parsed.data;
  if (newPassword === password)
    return sendError(res, 'invalid', 'choose a password other than the one the admin set');
  const session = await changeOwnPassword(core, username, password, newPassword);
  if (!session) return sendError(res, 'unauthenticated', 'wrong username or password');
  sendJson(res, 200, { ok: true, token: session.token, operator: session.operator });
}
