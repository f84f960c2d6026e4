import { describe, expect, it } from 'vitest';
import type { Mention } from '../../../../shared/domain/mention';
import { KEEP_PAGES, PAGE_SIZE, PageCache } from './page-cache';

const mention = (id: string, status: Mention['status'] = 'open') => ({ id, status }) as Mention;
const page = (p: number) =>
  Array.from({ length: PAGE_SIZE }, (_, i) => mention(`m${p * PAGE_SIZE + i}`));

describe('PageCache', () => {
  it('asks only for the pages a viewport needs, once', () => {
    const c = new PageCache();
    c.total = 10_000;
    expect(c.missing(0, 50)).toEqual([0]);
    expect(c.missing(150, 450)).toEqual([0, 1, 2]);
    c.markLoading(1);
    c.put(0, page(0), 10_000);
    expect(c.missing(150, 450)).toEqual([2]);
    expect(c.rowAt(199)?.id).toBe('m199');
    expect(c.rowAt(200)).toBeUndefined();
  });

  it('drops pages far from the viewport so memory stays flat', () => {
    const c = new PageCache();
    for (let p = 0; p <= KEEP_PAGES + 5; p++) c.put(p, page(p), 1_000_000);
    expect(c.heldPages()[0]).toBeGreaterThan(0);
    expect(c.heldPages().length).toBeLessThanOrEqual(KEEP_PAGES + 1);
  });

  it('updates a changed row in place and finds rows by id', () => {
    const c = new PageCache();
    c.put(3, page(3), 5_000);
    expect(c.update([mention('m650', 'answered')])).toBe(true);
    expect(c.rowAt(650)?.status).toBe('answered');
    expect(c.indexOf('m650')).toBe(650);
    expect(c.update([mention('elsewhere')])).toBe(false);
  });

  it('never asks past the end', () => {
    const c = new PageCache();
    c.total = 250;
    expect(c.missing(0, 10_000)).toEqual([0, 1]);
    c.total = 0;
    expect(c.missing(0, 100)).toEqual([0]);
  });
});
