import { ErasureRequestSchema, ErasureTargetSchema } from '../../../shared/contract/privacy';
import { RetentionRulesSchema } from '../../../shared/privacy/retention';
import {
  ErasureRefused,
  listErasures,
  previewErasure,
  requestErasure,
} from '../privacy/erasure-request';
import { readRetention, setRetention } from '../privacy/retention-service';
import { DeskError, NoInput, handler, type DeskHandlerMap } from './handler';

type PrivacyCommandName =
  'erasure.preview' | 'erasure.request' | 'erasure.list' | 'retention.get' | 'retention.set';

async function refusing<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof ErasureRefused) throw new DeskError(err.code, err.message);
    throw err;
  }
}

/** /desk handlers for erasure requests and retention rules (admins; leads may read the record). */
export const privacyHandlers: DeskHandlerMap<PrivacyCommandName> = {
  'erasure.preview': handler({
    input: ErasureTargetSchema,
    permission: 'privacy.erase',
    run: async ({ core }, input) => refusing(() => previewErasure(core, input)),
  }),
  'erasure.request': handler({
    input: ErasureRequestSchema,
    permission: 'privacy.erase',
    run: async ({ core, operator }, input) =>
      refusing(async () => {
        const id = await requestErasure(core, operator.id, input);
        const erasure = (await listErasures(core)).find((e) => e.id === id);
        if (!erasure) throw new DeskError('internal', 'the erasure was not recorded');
        return { erasure };
      }),
  }),
  'erasure.list': handler({
    input: NoInput,
    permission: 'privacy.read',
    run: async ({ core }) => ({ erasures: await listErasures(core) }),
  }),
  'retention.get': handler({
    input: NoInput,
    permission: 'privacy.read',
    run: async ({ core }) => readRetention(core),
  }),
  'retention.set': handler({
    input: RetentionRulesSchema,
    permission: 'privacy.manage',
    run: async ({ core, operator }, input) => {
      await setRetention(core, operator.id, input);
      return readRetention(core);
    },
  }),
};
