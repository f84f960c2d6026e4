import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { startStation, type RunningStation } from '../station';
import { operatorByUsername } from '../db/queries/people';
import { ledgerLines } from '../ledger/ledger-lines';
import { verifyLedger } from '../ledger/verify-ledger';
import { CUSTOMER_TERMS, exportFixture, type ExportFixture } from '../review/export/export-fixture';
import { tempDir } from '../test-support/temp-dir';
import { loginToken, postJson } from '../test-support/station-client';

let station: RunningStation;
let cleanup: () => void;
let token: string;
let made: ExportFixture;

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  station = await startStation({ dataDir: t.dir, port: 0, discovery: false, rendererDir: null });
  await postJson(station.url, '/api/setup', {
    warRoom: 'Storm week',
    username: 'lead',
    displayName: 'Lead',
    password: 'lead-password',
  });
  const lead = await operatorByUsername(station.core.db, 'lead');
  made = await exportFixture(station.core, lead!.id);
  // An operator (not a lead): reading the queue is all an export needs.
  token = await loginToken(station.url, 'ana', 'ana-password');
});

afterAll(async () => {
  await station.close();
  cleanup();
});

const get = (query: string, auth: string | null = token) =>
  fetch(new URL(`/api/reviews/export?${query}`, station.url), {
    headers: auth ? { authorization: `Bearer ${auth}` } : {},
  });

describe('GET /api/reviews/export', () => {
  it('downloads a review as an attachment in each format', async () => {
    const html = await get(`format=html&reviewId=${made.reviewId}`);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html.headers.get('content-disposition')).toMatch(
      /^attachment; filename="holdline-review-lost-bags-at-lhr-\d{4}-\d{2}-\d{2}\.html"; filename\*=UTF-8''holdline-review-lost-bags-at-lhr-/,
    );
    expect(await html.text()).toContain('<h1>Lost bags at LHR</h1>');

    const red = await get(`format=html&redact=1&runId=${made.runId}`);
    expect(red.headers.get('content-disposition')).toMatch(
      /filename="holdline-review-review-[\d-]+-redacted\.html"/,
    );
    const redText = await red.text();
    for (const term of Object.values(CUSTOMER_TERMS).flat()) expect(redText).not.toContain(term);

    const csv = await get(`format=csv&from=${made.from}&to=${made.to}`);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(parse(Buffer.from(await csv.arrayBuffer()), { bom: true, columns: true })).toHaveLength(
      3,
    );
    const actions = await get(`format=actions-csv&reviewId=${made.reviewId}`);
    expect(actions.headers.get('content-disposition')).toMatch(/-actions\.csv"/);
    expect(parse(await actions.text(), { bom: true, columns: true })).toHaveLength(2);

    const md = await get(`format=md&reviewId=${made.reviewId}&tz=America/Los_Angeles`);
    expect(await md.text()).toContain('\\(America/Los\\_Angeles\\)');

    const ledger = await get(`format=ledger&redact=1&reviewId=${made.reviewId}`);
    expect(ledger.headers.get('content-disposition')).toMatch(/-redacted-ledger\.jsonl"/);
    const report = await verifyLedger(ledgerLines([Buffer.from(await ledger.arrayBuffer())]));
    expect(report.ok).toBe(true);

    const pdf = await get(`format=pdf&reviewId=${made.reviewId}`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');
  }, 120_000);

  it('answers a clear 4xx for no session, bad parameters, and an unknown review or run', async () => {
    const cases: [string, string | null, number, RegExp][] = [
      [`format=html&reviewId=${made.reviewId}`, null, 401, /log in first/],
      [`format=html&reviewId=${made.reviewId}`, 'not-a-token', 401, /log in first/],
      [
        `format=docx&reviewId=x`,
        token,
        400,
        /format: Invalid option: expected one of "html"\|"pdf"/,
      ],
      [`format=html`, token, 400, /say which review, which run, or from when to when/],
      [`format=html&reviewId=a&runId=b`, token, 400, /say which review/],
      [`format=html&from=yesterday&to=today`, token, 400, /from: /],
      [
        `format=html&from=2015-02-23T00:00:00Z&to=2015-02-22T00:00:00Z`,
        token,
        400,
        /must end after it starts/,
      ],
      [
        `format=html&from=2015-01-01T00:00:00Z&to=2015-03-01T00:00:00Z`,
        token,
        400,
        /at most 31 days/,
      ],
      [`format=html&reviewId=x&redact=yes`, token, 400, /redact/],
      [`format=html&reviewId=x&tz=Mars/Olympus`, token, 400, /timeZone: not a time zone/],
      [`format=html&reviewId=x&page=2`, token, 400, /Unrecognized key: "page"/],
      [`format=html&reviewId=nope`, token, 404, /no review nope at this station/],
      [`format=csv&runId=nope`, token, 404, /no run nope at this station/],
    ];
    for (const [query, auth, status, message] of cases) {
      const res = await get(query, auth);
      const body = (await res.json()) as { ok: boolean; message: string };
      expect([res.status, body.ok, body.message], query).toEqual([
        status,
        false,
        expect.stringMatching(message),
      ]);
    }
  });
});
