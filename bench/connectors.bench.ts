/**
 * Connectors on a real station (startStation on 127.0.0.1, mDNS discovery off), each figure
 * against a baseline measured in the same run:
 *  - webhook, one mention a request from concurrent senders: requests/s and p50/p99 latency,
 *    against a bare node:http server that reads the body, JSON.parses it and answers 202;
 *  - webhook, batches: mentions/s until all are in the table, against the same mentions (mapped
 *    by the same preset beforehand) committed through ingestFromConnector in-process, no HTTP;
 *  - RSS and IMAP: see connector-polled.ts.
 * The senders run in a worker thread (http-load.ts), the station in this process's main thread.
 *
 * Scale with (defaults sized for a 2-core machine, the whole run well under 3 minutes):
 *   HOLDLINE_BENCH_CONNECTORS_REQUESTS    webhook requests of one mention each (3,000)
 *   HOLDLINE_BENCH_CONNECTORS_SENDERS     concurrent webhook senders (8)
 *   HOLDLINE_BENCH_CONNECTORS_BATCHES     webhook batch requests (40)
 *   HOLDLINE_BENCH_CONNECTORS_BATCH_SIZE  mentions in each batch (500; at most 5,000)
 *   HOLDLINE_BENCH_CONNECTORS_ENTRIES     entries in the generated RSS feed (2,000)
 *   HOLDLINE_BENCH_CONNECTORS_POLLS       polls answered 304 that are timed (50)
 *   HOLDLINE_BENCH_CONNECTORS_MESSAGES    messages in the IMAP mailbox (1,000; needs dovecot)
 */
import { ingestFromConnector } from '../electron/station/connectors/connector-ingest';
import { loadPreset } from '../electron/station/connectors/preset';
import { mentionsOf } from '../electron/station/connectors/webhook/webhook-request';
import type { MentionInput } from '../shared/domain/mention';
import { imapFigures, rssFigures } from './connector-polled';
import { Cleanups, benchStation, knob } from './connector-stations';
import { percentile, postAll, startBareServer, type LoadResult } from './http-load';
import { report, type Figure } from './report';

const REQUESTS = knob('REQUESTS', 3_000);
const SENDERS = knob('SENDERS', 8);
const BATCHES = knob('BATCHES', 40);
const BATCH_SIZE = knob('BATCH_SIZE', 500);
const WARMUP = 200;

const TOKEN = 'bench-webhook-token-00000001';
const AUTH = { authorization: `Bearer ${TOKEN}` };
// The limiter at its highest: the figure is the station's own rate, not the configured cap.
const WEBHOOK_YAML = `connectors:
  - id: bench
    kind: webhook
    token: ${TOKEN}
    perMinute: 600000
    burst: 100000
    maxBodyKb: 16384
`;

const TEXTS = [
  'My flight was cancelled and nobody at the gate can tell me when the next one leaves',
  'Two hours on the tarmac with no water and no word from the crew. Not good enough.',
  'Lost my bag on the connection in Denver, the tracker says it is still in Houston',
  'Thanks to the crew on the 7am flight, they were wonderful with my kids',
  'Rebooked three times today and still no seat. What is going on with your system?',
  'The app keeps crashing when I try to check in and the gate closes in 40 minutes',
  'Is the lounge in terminal B open today? The website says closed',
  'Refund requested six weeks ago, still nothing. Case 48213, please look at it',
];
const STARTED = Date.now() - 3_600_000;

/** One mention in the generic JSON preset's shape, as a listening tool posts it. */
function recordOf(prefix: string, i: number) {
  return {
    id: `${prefix}-${i}`,
    channel: 'twitter',
    author: `@flyer${i % 997}`,
    text: `${TEXTS[i % TEXTS.length] ?? ''} (${prefix}-${i})`,
    created_at: new Date(STARTED + i * 100).toISOString(),
  };
}

/** `n` records from `prefix`-0, in batches of `size`. */
function batchesOf(prefix: string, n: number, size: number) {
  return Array.from({ length: n }, (_, b) =>
    Array.from({ length: size }, (_, i) => recordOf(prefix, b * size + i)),
  );
}

/** Requests of one mention each, as JSON bodies. */
const singleBodies = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => JSON.stringify(recordOf(prefix, i)));

function sayAnswers(what: string, r: LoadResult): void {
  const answers = Object.entries(r.statuses)
    .map(([status, n]) => `${n.toLocaleString('en-US')} × ${status}`)
    .join(', ');
  console.log(`${what}: ${answers} in ${(r.elapsedMs / 1000).toFixed(2)} s`);
}

/** Webhook figures: one mention a request, then batches. */
async function webhookFigures(cleanups: Cleanups): Promise<Figure[]> {
  const bare = await startBareServer();
  const closeBare = cleanups.add(() => bare.close());
  await postAll(bare.url, AUTH, singleBodies('warm', WARMUP), SENDERS);
  const bareRun = await postAll(bare.url, AUTH, singleBodies('one', REQUESTS), SENDERS);
  sayAnswers('bare node:http, one mention a request', bareRun);
  await closeBare();

  const one = await benchStation(cleanups, 'webhook-one', WEBHOOK_YAML);
  const url = new URL('/ingest/bench', one.station.url).toString();
  await postAll(url, AUTH, singleBodies('warm', WARMUP), SENDERS);
  const before = await one.mentions();
  const oneRun = await postAll(url, AUTH, singleBodies('one', REQUESTS), SENDERS);
  const added = (await one.mentions()) - before;
  sayAnswers('station webhook, one mention a request', oneRun);
  if (added !== REQUESTS) console.log(`WARNING: ${added} of ${REQUESTS} mentions in the table`);
  await one.close();

  // Batches: the webhook on one station, the in-process path on another, both fresh.
  const hooked = await benchStation(cleanups, 'webhook-batch', WEBHOOK_YAML);
  const hookUrl = new URL('/ingest/bench', hooked.station.url).toString();
  await postAll(hookUrl, AUTH, [JSON.stringify(batchesOf('warm', 1, BATCH_SIZE)[0])], 1);
  const batchBefore = await hooked.mentions();
  const bodies = batchesOf('batch', BATCHES, BATCH_SIZE).map((b) => JSON.stringify(b));
  const batchRun = await postAll(hookUrl, AUTH, bodies, SENDERS);
  const batchAdded = (await hooked.mentions()) - batchBefore;
  sayAnswers(`station webhook, ${BATCH_SIZE} mentions a request`, batchRun);
  if (batchAdded !== BATCHES * BATCH_SIZE)
    console.log(`WARNING: ${batchAdded} of ${BATCHES * BATCH_SIZE} mentions in the table`);
  await hooked.close();

  const direct = await benchStation(cleanups, 'ingest-direct');
  const preset = await loadPreset('generic-jsonl');
  const inputsOf = (records: unknown[]) => {
    const mapped = mentionsOf(preset, records);
    if ('errors' in mapped) throw new Error(`preset refused a record: ${mapped.errors[0]?.error}`);
    return mapped.inputs;
  };
  const source = { connector: 'webhook', connectorId: 'bench' } as const;
  await ingestFromConnector(
    direct.station.core,
    inputsOf(batchesOf('warm', 1, BATCH_SIZE)[0] ?? []),
    source,
  );
  const prepared: MentionInput[][] = batchesOf('batch', BATCHES, BATCH_SIZE).map(inputsOf);
  const directBefore = await direct.mentions();
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: SENDERS }, async () => {
      while (next < prepared.length)
        await ingestFromConnector(direct.station.core, prepared[next++] ?? [], source);
    }),
  );
  const directMs = performance.now() - t0;
  const directAdded = (await direct.mentions()) - directBefore;
  console.log(
    `in-process ingestFromConnector: ${directAdded.toLocaleString('en-US')} mentions in ${(directMs / 1000).toFixed(2)} s`,
  );
  await direct.close();

  const oneLat = [...oneRun.latencies].sort((a, b) => a - b);
  const bareLat = [...bareRun.latencies].sort((a, b) => a - b);
  const bareName = 'bare node:http server (read, JSON.parse, 202)';
  return [
    {
      name: 'connectors.webhook.one.rate',
      value: ((oneRun.statuses['200'] ?? 0) / oneRun.elapsedMs) * 1000,
      unit: 'req/s',
      baseline: ((bareRun.statuses['202'] ?? 0) / bareRun.elapsedMs) * 1000,
      baselineName: bareName,
      better: 'higher',
    },
    {
      name: 'connectors.webhook.one.p50',
      value: percentile(oneLat, 50),
      unit: 'ms',
      baseline: percentile(bareLat, 50),
      baselineName: bareName,
      better: 'lower',
    },
    {
      name: 'connectors.webhook.one.p99',
      value: percentile(oneLat, 99),
      unit: 'ms',
      baseline: percentile(bareLat, 99),
      baselineName: bareName,
      better: 'lower',
    },
    {
      name: 'connectors.webhook.batch.rate',
      value: (batchAdded / batchRun.elapsedMs) * 1000,
      unit: 'mentions/s',
      baseline: (directAdded / directMs) * 1000,
      baselineName: 'ingestFromConnector in-process, no HTTP',
      better: 'higher',
    },
  ];
}

/**
 * Connectors: webhook, RSS and IMAP ingest on a real station over 127.0.0.1, against the
 * transport or the library alone (see the header for what each baseline is).
 */
export async function run(): Promise<void> {
  console.log(
    `webhook: ${REQUESTS.toLocaleString('en-US')} requests of one mention and ${BATCHES} of ${BATCH_SIZE}, ${SENDERS} senders`,
  );
  const cleanups = new Cleanups();
  try {
    const figures = [
      ...(await webhookFigures(cleanups)),
      ...(await rssFigures(cleanups)),
      ...(await imapFigures(cleanups)),
    ];
    report(figures);
  } finally {
    await cleanups.run();
  }
}
