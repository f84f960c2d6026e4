import type { Sql } from '../connection';

/** Records an alert.raised op: the earliest op (by HLC) is the alert; later ones count. */
export async function putAlert(
  tx: Sql,
  op: {
    id: string;
    hlc: string;
    payload: {
      id: string;
      rule: string;
      key: string;
      windowStart: number;
      windowEnd: number;
      suggestedSeverity: string;
    };
  },
): Promise<void> {
  const a = op.payload;
  await tx.run(
    `INSERT INTO alerts (id, rule, key, window_start, window_end, severity, body, first_op, first_hlc)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET
       raised = raised + 1,
       rule = CASE WHEN excluded.first_hlc < first_hlc THEN excluded.rule ELSE rule END,
       key = CASE WHEN excluded.first_hlc < first_hlc THEN excluded.key ELSE key END,
       window_start = CASE WHEN excluded.first_hlc < first_hlc THEN excluded.window_start ELSE window_start END,
       window_end = CASE WHEN excluded.first_hlc < first_hlc THEN excluded.window_end ELSE window_end END,
       severity = CASE WHEN excluded.first_hlc < first_hlc THEN excluded.severity ELSE severity END,
       body = CASE WHEN excluded.first_hlc < first_hlc THEN excluded.body ELSE body END,
       first_op = CASE WHEN excluded.first_hlc < first_hlc THEN excluded.first_op ELSE first_op END,
       first_hlc = min(first_hlc, excluded.first_hlc)`,
    [
      a.id,
      a.rule,
      a.key,
      a.windowStart,
      a.windowEnd,
      a.suggestedSeverity,
      JSON.stringify(a),
      op.id,
      op.hlc,
    ],
  );
}

/** An alert as stored. */
export type AlertRow = { id: string; body: string; first_hlc: string; raised: number };

/** Alerts, newest window first. */
export async function listAlerts(sql: Sql, limit = 200): Promise<AlertRow[]> {
  return sql.all<AlertRow>(
    'SELECT id, body, first_hlc, raised FROM alerts ORDER BY window_end DESC, id LIMIT ?',
    [limit],
  );
}

/** One alert. */
export async function alertById(sql: Sql, id: string): Promise<AlertRow | undefined> {
  return sql.get<AlertRow>('SELECT id, body, first_hlc, raised FROM alerts WHERE id = ?', [id]);
}

/** Which of these alert ids are already known here. */
export async function knownAlertIds(sql: Sql, ids: readonly string[]): Promise<Set<string>> {
  const rows = await sql.all<{ id: string }>(
    'SELECT id FROM alerts WHERE id IN (SELECT value FROM json_each(?))',
    [JSON.stringify(ids)],
  );
  return new Set(rows.map((r) => r.id));
}

/**
 * Mentions inserted here after local row `afterSeq`, for the alert detector; the text only where
 * it has a hashtag (the topic), so the read stays small.
 */
export async function mentionsForAlerts(
  sql: Sql,
  afterSeq: number,
  limit = 50_000,
): Promise<
  {
    seq: number;
    id: string;
    at: number;
    brand: string | null;
    negative: number;
    text: string | null;
  }[]
> {
  return sql.all(
    `SELECT seq, id, occurred_ms AS at, brand, sentiment_label = 'negative' AS negative,
       CASE WHEN instr(text, '#') > 0 THEN text END AS text
     FROM mentions WHERE seq > ? ORDER BY seq LIMIT ?`,
    [afterSeq, limit],
  );
}

/** The newest local mention row. */
export async function lastMentionSeq(sql: Sql): Promise<number> {
  return (await sql.get<{ s: number | null }>('SELECT max(seq) AS s FROM mentions'))?.s ?? 0;
}

/** Runs started from each alert (by the alertId in their run.start). */
export async function runsByAlert(sql: Sql): Promise<Map<string, string[]>> {
  const rows = await sql.all<{ alert: string; run: string }>(
    `SELECT payload->>'$.alertId' AS alert, subject AS run FROM ops
     WHERE type = 'run.start' AND payload->>'$.alertId' IS NOT NULL`,
  );
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.alert, [...(out.get(r.alert) ?? []), r.run]);
  return out;
}
