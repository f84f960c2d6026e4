import type { z } from 'zod';
import {
  ContactDismissV1,
  ContactMergeV1,
  ContactUnmergeV1,
  type MergeSignal,
} from './contact-ops';

/** A contact op as the fold reads it, with what its actor's role allowed at its HLC. */
export type LinkOp = {
  id: string;
  type: string;
  v: number;
  hlc: string;
  actor: string;
  payload: unknown;
  /** The actor could merge customers and dismiss suggestions (contact.merge) at the op's HLC. */
  mayMerge: boolean;
  /** The actor could undo anyone's merge (contact.override) at the op's HLC. */
  mayOverride: boolean;
};

/** Where a link between two identifiers stands. */
export type LinkState = {
  a: string;
  b: string;
  /** merged: one customer; dismissed or unmerged: not the same, and not suggested again. */
  state: 'merged' | 'dismissed' | 'unmerged';
  /** Why they were put together (or, dismissed, why it was suggested). */
  signal: MergeSignal;
  /** The op that brought the link to this state, by whom, when (HLC). */
  op: string;
  by: string;
  hlc: string;
  /** The merge in effect (merged only): what an unmerge names. */
  mergeOp: string | null;
  /** Who made that merge. */
  mergedBy: string | null;
};

/** What an op did: applied, or refused with why (shown in the mention's customer history). */
export type LinkVerdict = { opId: string; effect: 'applied' | 'refused'; reason: string | null };

const SCHEMAS: Record<string, z.ZodType> = {
  'contact.merge': ContactMergeV1,
  'contact.unmerge': ContactUnmergeV1,
  'contact.dismiss': ContactDismissV1,
};

/** HLC order, then op id: the order every station folds a link's ops in, whatever their arrival. */
export function byHlc(x: { hlc: string; id: string }, y: { hlc: string; id: string }): number {
  if (x.hlc !== y.hlc) return x.hlc < y.hlc ? -1 : 1;
  return x.id < y.id ? -1 : x.id > y.id ? 1 : 0;
}

/**
 * Folds one link's ops (all naming the same two identifiers) in HLC order into where the link
 * stands and a verdict per op. The latest op in HLC order wins, so a merge and an unmerge made
 * apart resolve the same way everywhere. Anyone who works the queue may merge or dismiss; an
 * unmerge must name a merge in effect, and only that merge's author, a lead or an admin may make
 * it. The same decision made twice (two desks merging one pair while apart) collapses into one.
 */
export function foldLink(ops: readonly LinkOp[]): {
  link: LinkState | null;
  verdicts: LinkVerdict[];
} {
  const verdicts: LinkVerdict[] = [];
  const apply = (op: LinkOp) => verdicts.push({ opId: op.id, effect: 'applied', reason: null });
  const refuse = (op: LinkOp, reason: string) =>
    verdicts.push({ opId: op.id, effect: 'refused', reason });
  let link: LinkState | null = null;
  let pair: { a: string; b: string } | null = null;
  // The merges of the current merged stretch (the first is in effect; later ones are the same
  // decision made again), and those of the stretch an unmerge just ended.
  let mergesInEffect: { id: string; actor: string }[] = [];
  let mergesUndone: string[] = [];

  for (const op of [...ops].sort(byHlc)) {
    const schema = SCHEMAS[op.type];
    const parsed = op.v === 1 && schema ? schema.safeParse(op.payload) : null;
    if (!parsed?.success) {
      refuse(op, 'not a customer link this version reads');
      continue;
    }
    const p = parsed.data as { a: string; b: string };
    pair ??= { a: p.a, b: p.b };
    if (p.a !== pair.a || p.b !== pair.b) {
      refuse(op, 'names another link than the ops it is folded with');
      continue;
    }
    const at = { op: op.id, by: op.actor, hlc: op.hlc };
    if (op.type === 'contact.merge') {
      const m = p as z.infer<typeof ContactMergeV1>;
      if (!op.mayMerge) refuse(op, 'this role cannot merge customers');
      else if (link?.state === 'merged') {
        mergesInEffect.push({ id: op.id, actor: op.actor });
        apply(op);
      } else {
        link = {
          ...pair,
          state: 'merged',
          signal: m.signal,
          ...at,
          mergeOp: op.id,
          mergedBy: op.actor,
        };
        mergesInEffect = [{ id: op.id, actor: op.actor }];
        mergesUndone = [];
        apply(op);
      }
    } else if (op.type === 'contact.dismiss') {
      const d = p as z.infer<typeof ContactDismissV1>;
      if (!op.mayMerge) refuse(op, 'this role cannot dismiss suggested merges');
      else if (link?.state === 'merged') refuse(op, 'they are merged: unmerge them instead');
      else if (link?.state === 'dismissed') apply(op);
      else {
        link = {
          ...pair,
          state: 'dismissed',
          signal: d.signal,
          ...at,
          mergeOp: null,
          mergedBy: null,
        };
        mergesUndone = [];
        apply(op);
      }
    } else {
      const u = p as z.infer<typeof ContactUnmergeV1>;
      const current = link as LinkState | null;
      const named = mergesInEffect.find((x) => x.id === u.mergeOp);
      if (current?.state !== 'merged' || !named) {
        // Two desks undoing the same merge while apart: the second changes nothing, quietly.
        if (current?.state === 'unmerged' && mergesUndone.includes(u.mergeOp)) apply(op);
        else refuse(op, 'that merge is not in effect');
      } else if (!op.mayOverride && !(op.mayMerge && named.actor === op.actor))
        refuse(op, 'only who merged them, a lead or an admin may unmerge');
      else {
        link = { ...current, state: 'unmerged', ...at, mergeOp: null, mergedBy: null };
        mergesUndone = mergesInEffect.map((x) => x.id);
        mergesInEffect = [];
        apply(op);
      }
    }
  }
  return { link, verdicts };
}
