import { describe, expect, it } from 'vitest';
import { hasLazyPayload, withLazyPayload } from './lazy-payload';

describe('lazy payload', () => {
  it('reads as the parsed JSON, in spreads and when serialised, as a plain payload would', () => {
    const json =
      '{"items":[{"mention":{"text":"<b>late</b> again"}}],"source":{"connector":"csv"}}';
    const op = withLazyPayload({ id: 'x', payload: null as unknown }, json);
    expect(hasLazyPayload(op)).toBe(true);
    expect({ ...op }).toEqual({ id: 'x', payload: JSON.parse(json) });
    expect(JSON.stringify(op)).toBe(`{"id":"x","payload":${json}}`);
    expect(op.payload).toBe(op.payload);
  });

  it('parses UTF-8 bytes as it parses text', () => {
    const json = '{"text":"uçuş iptal 😡"}';
    const op = withLazyPayload({ payload: null as unknown }, Buffer.from(json, 'utf8'));
    expect(op.payload).toEqual({ text: 'uçuş iptal 😡' });
  });

  it('takes a new value when set, and plain objects are not lazy', () => {
    const op = withLazyPayload({ payload: null as unknown }, '{"a":1}');
    op.payload = { b: 2 };
    expect(op.payload).toEqual({ b: 2 });
    expect(hasLazyPayload({ payload: 1 })).toBe(false);
  });
});
