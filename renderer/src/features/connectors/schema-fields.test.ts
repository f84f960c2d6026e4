import { describe, expect, it } from 'vitest';
import { fieldsOf, initialValues, settingsOf } from './schema-fields';

// What z.toJSONSchema gives for the webhook kind's settings (io: 'input').
const SCHEMA = {
  type: 'object',
  properties: {
    preset: { type: 'string', default: 'generic-jsonl', description: 'Import preset' },
    token: { type: 'string', minLength: 16 },
    perMinute: { type: 'integer', minimum: 1, maximum: 600000, default: 600 },
    mode: { type: 'string', enum: ['move', 'keep'], default: 'move' },
    on: { type: 'boolean', default: true },
    brand: { type: 'string' },
    big: { type: 'integer', minimum: -9007199254740991, maximum: 9007199254740991 },
  },
  required: ['token'],
};

describe('connector settings form', () => {
  const fields = fieldsOf(SCHEMA, ['token']);

  it('reads each setting of a kind from its JSON Schema', () => {
    expect(fields.map((f) => [f.name, f.kind, f.required])).toEqual([
      ['preset', 'text', false],
      ['token', 'secret', true],
      ['perMinute', 'number', false],
      ['mode', 'choice', false],
      ['on', 'boolean', false],
      ['brand', 'text', false],
      ['big', 'number', false],
    ]);
    expect(fields[2]).toMatchObject({ min: 1, max: 600000, integer: true, defaultValue: '600' });
    expect(fields[3]?.options).toEqual(['move', 'keep']);
    expect(fields[0]?.hint).toBe('Import preset');
    expect(fields[6]).toMatchObject({ min: null, max: null });
  });

  it('starts from the connector, else the defaults, never showing a secret', () => {
    expect(
      initialValues(fields, { perMinute: 60, token: 'never-sent-anyway', brand: 'Sky' }),
    ).toEqual({
      preset: 'generic-jsonl',
      token: '',
      perMinute: '60',
      mode: 'move',
      on: true,
      brand: 'Sky',
      big: '',
    });
  });

  it('sends numbers as numbers, empty fields as no value, and leaves an untouched secret out', () => {
    const values = { ...initialValues(fields), perMinute: '120', brand: '  ', on: false };
    expect(settingsOf(fields, values)).toEqual({
      preset: 'generic-jsonl',
      perMinute: 120,
      mode: 'move',
      on: false,
      brand: '',
      big: '',
    });
    expect(settingsOf(fields, { ...values, token: 'a-new-token-value!' }).token).toBe(
      'a-new-token-value!',
    );
  });
});
