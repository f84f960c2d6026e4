import type { PayloadJson } from './op';

/**
 * A `payload` property parsed from its canonical JSON on first read, for ops whose payload this
 * station already holds as JSON and mostly never reads back (large ingest batches). Reading it
 * (a spread, a peer push) parses once; setting it replaces it.
 */
export function withLazyPayload<T extends { payload: unknown }>(target: T, json: PayloadJson): T {
  let value: unknown;
  let parsed = false;
  Object.defineProperty(target, 'payload', {
    enumerable: true,
    configurable: true,
    get() {
      if (!parsed) {
        value = JSON.parse(typeof json === 'string' ? json : json.toString('utf8'));
        parsed = true;
      }
      return value;
    },
    set(v: unknown) {
      value = v;
      parsed = true;
    },
  });
  return target;
}

/** True when `target`'s payload is lazy (reading it would parse it). */
export function hasLazyPayload(target: object): boolean {
  return Object.getOwnPropertyDescriptor(target, 'payload')?.get !== undefined;
}
