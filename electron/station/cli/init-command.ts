import { SetupSchema } from '../../../shared/contract/room';
import { StationCore } from '../core/core';
import { createWarRoom } from '../room/war-room';
import { UsageError, parse, readPasswordFile, required } from './args';

/** holdline init: creates a war room without prompts and prints its identity as JSON. */
export async function initCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, {
    data: { type: 'string' },
    'war-room': { type: 'string' },
    admin: { type: 'string' },
    'password-file': { type: 'string' },
    'display-name': { type: 'string' },
    drill: { type: 'boolean' },
    training: { type: 'boolean' },
  });
  const input = SetupSchema.safeParse({
    warRoom: required(values['war-room'], '--war-room'),
    username: required(values.admin, '--admin'),
    displayName: values['display-name'] ?? values.admin,
    password: readPasswordFile(required(values['password-file'], '--password-file')),
    ...(values.drill && { mode: 'drill' }),
    ...(values.training && { mode: 'training' }),
  });
  if (!input.success) {
    const i = input.error.issues[0];
    throw new UsageError(`${i?.path.join('.')}: ${i?.message}`);
  }
  const core = await StationCore.open(required(values.data, '--data'));
  try {
    const room = await createWarRoom(core, input.data);
    process.stdout.write(
      JSON.stringify({
        stationId: room.stationId,
        warRoom: room.warRoom,
        warRoomId: room.warRoomId,
        joinCode: room.joinCode,
        // Shown this once: the customer stores it offline (holdline recover).
        recoveryCode: room.recoveryCode,
        mode: input.data.mode ?? 'live',
      }) + '\n',
    );
    return 0;
  } finally {
    await core.close();
  }
}
