import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { format, resolveConfig } from 'prettier';
import { PAYLOADS } from './payloads';
import { CATALOGUE_VERSION, OP_KEYS, isKnownOp, opKey, uninterpretedReason } from './op-catalogue';

// Each op schema's JSON Schema, keyed by type@v, as committed: an op's bytes are signed and kept
// for years, and every station of every build must read a `type@v` the same way. Changing the
// schema of a version already shipped would make two builds disagree about the same op.
const FILE = path.join(__dirname, 'op-schemas.json');
const RECORD = process.env.HOLDLINE_RECORD_OP_SCHEMAS === '1';

const jsonSchemaOf = (schema: z.ZodType) =>
  JSON.parse(JSON.stringify(z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' })));

describe('op catalogue', () => {
  it('pins every op schema by type and version: a change needs a new version', async () => {
    const committed = (existsSync(FILE) ? JSON.parse(readFileSync(FILE, 'utf8')) : {}) as Record<
      string,
      unknown
    >;
    const now: Record<string, unknown> = {};
    for (const [type, versions] of Object.entries(PAYLOADS))
      for (const [v, schema] of Object.entries(versions))
        now[opKey(type, Number(v))] = jsonSchemaOf(schema);

    const changed = Object.keys(now).filter(
      (k) => k in committed && JSON.stringify(committed[k]) !== JSON.stringify(now[k]),
    );
    expect(
      changed,
      `the schema of ${changed.join(', ')} changed, but ops of that version are already stored and ` +
        `signed in rooms, and older stations read them with the old schema. Keep that version's ` +
        `schema as it was and add the change as a new version (e.g. ${changed[0] ?? 'op@1'} → v+1 ` +
        `in PAYLOADS, recorded with \`v\` = the new version), then record it with ` +
        `HOLDLINE_RECORD_OP_SCHEMAS=1 npx vitest run electron/station/ops/op-catalogue.test.ts`,
    ).toEqual([]);

    const removed = Object.keys(committed).filter((k) => !(k in now));
    expect(
      removed,
      `${removed.join(', ')} left the catalogue: stations of this build could no longer read ` +
        `stored ops of it. Keep old versions readable (a reducer may map them to the new shape).`,
    ).toEqual([]);

    const added = Object.keys(now).filter((k) => !(k in committed));
    if (RECORD && added.length > 0) {
      const next = { ...committed };
      for (const k of added) next[k] = now[k];
      const sorted = Object.fromEntries(
        Object.keys(next)
          .sort()
          .map((k) => [k, next[k]]),
      );
      // Written as prettier writes it, so the recorded file passes npm run lint as it is.
      const options = { ...(await resolveConfig(FILE)), filepath: FILE };
      writeFileSync(FILE, await format(JSON.stringify(sorted, null, 2), options));
    } else
      expect(
        added,
        `new op versions ${added.join(', ')}: record their schemas with ` +
          `HOLDLINE_RECORD_OP_SCHEMAS=1 npx vitest run electron/station/ops/op-catalogue.test.ts`,
      ).toEqual([]);
  });

  it('lists each type@v once, sorted, with a fingerprint of 12 hex digits', () => {
    expect(new Set(OP_KEYS).size).toBe(OP_KEYS.length);
    expect([...OP_KEYS].sort()).toEqual(OP_KEYS);
    expect(CATALOGUE_VERSION).toMatch(/^[0-9a-f]{12}$/);
    expect(isKnownOp('mention.claim', 1)).toBe(true);
    expect(isKnownOp('mention.claim', 2)).toBe(false);
  });

  it('says why an op is not interpreted: newer type, newer version, bad payload', () => {
    expect(uninterpretedReason({ type: 'mention.sparkle', v: 1, payload: {} })).toBe(
      'needs a newer version of Holdline (op mention.sparkle v1)',
    );
    expect(uninterpretedReason({ type: 'mention.claim', v: 7, payload: {} })).toBe(
      'needs a newer version of Holdline (op mention.claim v7)',
    );
    expect(
      uninterpretedReason({
        type: 'mention.claim',
        v: 1,
        payload: { basis: null, leaseMs: 60_000 },
      }),
    ).toBeNull();
    expect(uninterpretedReason({ type: 'mention.claim', v: 1, payload: { basis: 3 } })).toMatch(
      /payload does not match op mention\.claim v1/,
    );
    // A withheld payload (erased, a redacted stub) is not a reason to refuse.
    expect(uninterpretedReason({ type: 'mention.claim', v: 1, payload: null })).toBeNull();
    // mention.ingest starts at v2: a v1 is one this build does not read, not a newer one.
    expect(uninterpretedReason({ type: 'mention.ingest', v: 1, payload: {} })).toMatch(
      /does not read op mention\.ingest v1/,
    );
  });
});
