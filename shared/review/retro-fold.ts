import type { z } from 'zod';
import {
  RETRO_MOVES,
  RetroActionV1,
  RetroAnnotateV1,
  RetroOpenV1,
  RetroPinV1,
  RetroSectionV1,
  RetroStatusV1,
  type Retrospective,
} from './retrospective';

/** A retrospective op as the fold reads it, with what its actor's role allowed at its HLC. */
export type RetroOp = {
  id: string;
  type: string;
  v: number;
  hlc: string;
  actor: string;
  payload: unknown;
  /** The actor could write reviews (review.write) at the op's HLC. */
  mayWrite: boolean;
  /** The actor could move a review's status (review.manage) at the op's HLC. */
  mayManage: boolean;
};

/** What an op did: applied, or refused with why (shown in the review's history). */
export type RetroVerdict = { opId: string; effect: 'applied' | 'refused'; reason: string | null };

const isoOf = (hlc: string) => new Date(Number(hlc.slice(0, 15))).toISOString();

const SCHEMAS: Record<string, z.ZodType> = {
  'retro.open': RetroOpenV1,
  'retro.section': RetroSectionV1,
  'retro.action': RetroActionV1,
  'retro.status': RetroStatusV1,
  'retro.annotate': RetroAnnotateV1,
  'retro.pin': RetroPinV1,
};

/** Puts `item` in place of the one with the same key, or at the end. */
function upsert<T>(list: T[], item: T, same: (t: T) => boolean): void {
  const i = list.findIndex(same);
  if (i === -1) list.push(item);
  else list[i] = item;
}

/**
 * Folds one review's ops, in HLC order, into its retrospective (null until an op opens it) and a
 * verdict per op. Later writes win per section, action item, annotation and pin, so two reviewers
 * editing different parts both keep their work. A closed retrospective refuses every change but
 * reopening; only leads and admins move the status, and only along RETRO_MOVES.
 */
export function foldRetrospective(
  reviewId: string,
  ops: readonly RetroOp[],
): { retro: Retrospective | null; verdicts: RetroVerdict[] } {
  const sorted = [...ops].sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0));
  const verdicts: RetroVerdict[] = [];
  let retro: Retrospective | null = null;
  const refuse = (op: RetroOp, reason: string) =>
    verdicts.push({ opId: op.id, effect: 'refused', reason });

  for (const op of sorted) {
    const schema = SCHEMAS[op.type];
    const parsed = op.v === 1 && schema ? schema.safeParse(op.payload) : null;
    if (!parsed?.success) {
      refuse(op, 'not a retrospective change this version reads');
      continue;
    }
    const p = parsed.data as Record<string, unknown>;
    const at = isoOf(op.hlc);
    const byline = { by: op.actor, at };
    if (op.type === 'retro.status') {
      const status = (p as z.infer<typeof RetroStatusV1>).status;
      if (!retro) refuse(op, 'no such review');
      else if (!op.mayManage) refuse(op, 'only a lead or an admin moves a retrospective along');
      else if (!RETRO_MOVES[retro.status].includes(status))
        refuse(op, `a ${retro.status} retrospective cannot move to ${status}`);
      else {
        retro.status = status;
        retro.history.push({ status, ...byline });
        retro.updatedAt = at;
        verdicts.push({ opId: op.id, effect: 'applied', reason: null });
      }
      continue;
    }
    if (!op.mayWrite) {
      refuse(op, 'this role cannot write reviews');
      continue;
    }
    if (op.type === 'retro.open') {
      const o = p as z.infer<typeof RetroOpenV1>;
      if (!retro) {
        retro = {
          id: reviewId,
          title: o.title,
          scope: o.scope,
          status: 'draft',
          sections: {},
          actions: [],
          annotations: [],
          pins: [],
          history: [{ status: 'draft', ...byline }],
          openedBy: op.actor,
          openedAt: at,
          updatedAt: at,
        };
        verdicts.push({ opId: op.id, effect: 'applied', reason: null });
        continue;
      }
    }
    if (!retro) {
      refuse(op, 'no such review');
      continue;
    }
    if (retro.status === 'closed') {
      refuse(op, 'the retrospective is closed');
      continue;
    }
    switch (op.type) {
      case 'retro.open': {
        const o = p as z.infer<typeof RetroOpenV1>;
        retro.title = o.title;
        retro.scope = o.scope;
        break;
      }
      case 'retro.section': {
        const s = p as z.infer<typeof RetroSectionV1>;
        retro.sections[s.section] = { text: s.text, ...byline };
        break;
      }
      case 'retro.action': {
        const a = p as z.infer<typeof RetroActionV1>;
        if (a.removed) retro.actions = retro.actions.filter((x) => x.id !== a.actionId);
        else
          upsert(
            retro.actions,
            { id: a.actionId, text: a.text, owner: a.owner, due: a.due, done: a.done, ...byline },
            (x) => x.id === a.actionId,
          );
        break;
      }
      case 'retro.annotate': {
        const a = p as z.infer<typeof RetroAnnotateV1>;
        if (a.text === '')
          retro.annotations = retro.annotations.filter((x) => x.id !== a.annotationId);
        else
          upsert(
            retro.annotations,
            { id: a.annotationId, eventId: a.eventId, text: a.text, ...byline },
            (x) => x.id === a.annotationId,
          );
        break;
      }
      case 'retro.pin': {
        const a = p as z.infer<typeof RetroPinV1>;
        if (!a.pinned) retro.pins = retro.pins.filter((x) => x.mentionId !== a.mentionId);
        else
          upsert(
            retro.pins,
            { mentionId: a.mentionId, note: a.note, ...byline },
            (x) => x.mentionId === a.mentionId,
          );
        break;
      }
    }
    retro.updatedAt = at;
    verdicts.push({ opId: op.id, effect: 'applied', reason: null });
  }
  return { retro, verdicts };
}
