import type { Mention } from '../../../../shared/domain/mention';

/** Rows per page fetched from the station. */
export const PAGE_SIZE = 200;
/** Pages kept around the viewport; farther ones are dropped so memory stays flat at 100,000+ rows. */
export const KEEP_PAGES = 12;

/**
 * The part of the queue this desk holds: a few pages of rows keyed by page number, never the
 * whole replica (DECISIONS.md 15). Pure, so it is tested without a browser.
 */
export class PageCache {
  private readonly pages = new Map<number, Mention[]>();
  private readonly loading = new Set<number>();
  total = 0;
  capped = false;

  /** The row at an index, if its page is here. */
  rowAt(index: number): Mention | undefined {
    return this.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
  }

  /** Pages needed to show rows first..last that are neither here nor on their way. */
  missing(first: number, last: number): number[] {
    const out: number[] = [];
    const top = Math.max(0, Math.floor(first / PAGE_SIZE));
    const bottom = Math.floor(Math.min(Math.max(last, 0), Math.max(this.total - 1, 0)) / PAGE_SIZE);
    for (let p = top; p <= bottom; p++) if (!this.pages.has(p) && !this.loading.has(p)) out.push(p);
    return out;
  }

  /** Marks a page as requested. */
  markLoading(page: number): void {
    this.loading.add(page);
  }

  /** Stores a fetched page and the total it came with; drops pages far from it. */
  put(page: number, rows: Mention[], total: number, capped = false): void {
    this.loading.delete(page);
    this.pages.set(page, rows);
    this.total = total;
    this.capped = capped;
    for (const p of [...this.pages.keys()])
      if (Math.abs(p - page) > KEEP_PAGES) this.pages.delete(p);
  }

  /** Replaces rows that changed (claims, statuses) wherever they are held; true if any was. */
  update(rows: readonly Mention[]): boolean {
    const byId = new Map(rows.map((r) => [r.id, r]));
    let changed = false;
    for (const [p, list] of this.pages) {
      if (!list.some((r) => byId.has(r.id))) continue;
      this.pages.set(
        p,
        list.map((r) => byId.get(r.id) ?? r),
      );
      changed = true;
    }
    return changed;
  }

  /** Index of a row held here, or -1. */
  indexOf(id: string): number {
    for (const [p, list] of this.pages) {
      const i = list.findIndex((r) => r.id === id);
      if (i >= 0) return p * PAGE_SIZE + i;
    }
    return -1;
  }

  /** The pages held now (to refetch them after new mentions arrive). */
  heldPages(): number[] {
    return [...this.pages.keys()].sort((a, b) => a - b);
  }

  /** Forgets everything (the query changed). */
  clear(): void {
    this.pages.clear();
    this.loading.clear();
    this.total = 0;
    this.capped = false;
  }
}
