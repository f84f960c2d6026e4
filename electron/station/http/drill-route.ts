import { isRehearsal } from '../../../shared/domain/room-mode';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DrillRequestSchema } from '../../../shared/contract/drills';
import { can } from '../../../shared/domain/permissions';
import type { StationCore } from '../core/core';
import { readingOf } from '../connectors/preset';
import { InputFormatError } from '../connectors/read-mentions';
import { DrillFileError, readDrillFile } from '../drill/drill-file';
import { startDrill } from '../drill/drill-registry';
import { DRILL_ROOM_ONLY } from '../drill/drill-replay';
import { getRoom } from '../db/queries/people';
import { CommandError } from '../mentions/commands';
import { requireOperator } from './api-routes';
import { sendError, sendJson } from './respond';

/**
 * POST /api/drill: the file is the request body (read whole, then sorted by time), replayed into
 * this drill room at ?speed=; answers with the drill's status once it runs. Desks follow it with
 * drill.progress.
 */
export async function drillRoute(
  core: StationCore,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const operator = await requireOperator(core, req, res);
  if (!operator) return;
  if (!can(operator.role, 'mention.import'))
    return sendError(res, 'forbidden', `a ${operator.role} may not start a drill`);
  const url = new URL(req.url ?? '/', 'http://station');
  const parsed = DrillRequestSchema.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success)
    return sendError(
      res,
      'invalid',
      `bad drill parameters: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  const { preset: presetName, format: asked, filename, speed } = parsed.data;
  // Refused before the file is read: a live room never takes a drill's mentions.
  if (!isRehearsal((await getRoom(core.read))?.mode))
    return sendError(res, 'forbidden', DRILL_ROOM_ONLY);
  const reading = await readingOf({ preset: presetName, format: asked, filename });
  if ('error' in reading) return sendError(res, 'invalid', reading.error);
  const { preset, format } = reading;
  try {
    const file = await readDrillFile(req, { format, ...(preset && { preset }) });
    const drill = await startDrill(core, file, {
      file: filename ?? 'upload',
      speed,
      actor: operator.id,
      format,
    });
    sendJson(res, 200, { ok: true, drill: drill.status(), firstBadRows: file.firstBadRows });
  } catch (err) {
    if (err instanceof CommandError) return sendError(res, err.code, err.message);
    if (err instanceof InputFormatError || err instanceof DrillFileError)
      return sendError(res, 'invalid', err.message);
    throw err;
  }
}
