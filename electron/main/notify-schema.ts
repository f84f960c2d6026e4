import { z } from 'zod';
import type { NotifyRequest, NotifyTarget } from './ipc-contract';

const TargetSchema: z.ZodType<NotifyTarget> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('mention'), id: z.string().min(1).max(128) }).strict(),
  z.object({ kind: z.literal('approvals') }).strict(),
  z.object({ kind: z.literal('alerts') }).strict(),
]);

/** A page's notification request, checked in the main process before anything shows. */
export const NotifySchema: z.ZodType<NotifyRequest> = z
  .object({
    kind: z.enum(['assigned', 'approval', 'sla-breach', 'alert']),
    title: z.string().trim().min(1).max(120),
    body: z.string().max(300),
    target: TargetSchema,
  })
  .strict();
