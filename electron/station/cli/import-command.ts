import { createReadStream, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import type { ImportProgress, ImportSummary } from '../../../shared/contract/imports';
import { StationCore } from '../core/core';
import { getRoom, listOperators, operatorByUsername } from '../db/queries/people';
import { detectFormat, loadPreset } from '../connectors/preset';
import { importMentions } from '../ingest/import-job';
import { UsageError, parse, readPasswordFile, required } from './args';
import { progressPrinter } from './progress';

type Flags = { preset?: string; format?: string; user?: string };

function formatOf(file: string, flags: Flags, presetFormat?: 'csv' | 'jsonl'): 'csv' | 'jsonl' {
  const f = presetFormat ?? flags.format ?? detectFormat(file);
  if (f !== 'csv' && f !== 'jsonl') throw new UsageError('say --preset NAME or --format csv|jsonl');
  return f;
}

async function importLocal(file: string, dataDir: string, flags: Flags): Promise<ImportSummary> {
  const core = await StationCore.open(dataDir);
  try {
    if (!(await getRoom(core.db)))
      throw new UsageError(`no war room in ${dataDir}: run holdline init first`);
    let actor: string;
    if (flags.user) {
      const row = await operatorByUsername(core.db, flags.user);
      if (!row) throw new UsageError(`no account "${flags.user}" in this war room`);
      actor = row.id;
    } else {
      const admin = (await listOperators(core.db)).find((o) => o.role === 'admin' && !o.disabled);
      if (!admin) throw new UsageError('this war room has no active admin; give --user');
      actor = admin.id;
    }
    const preset = flags.preset ? await loadPreset(flags.preset) : undefined;
    const format = formatOf(file, flags, preset?.format);
    return await importMentions(core, createReadStream(file), {
      format,
      ...(preset && { preset }),
      actor,
      connector: format,
      bytesTotal: statSync(file).size,
      onProgress: progressPrinter(),
    });
  } finally {
    await core.close();
  }
}

async function importRemote(
  file: string,
  station: string,
  flags: Flags,
  password: string,
): Promise<ImportSummary> {
  const base = station.endsWith('/') ? station : station + '/';
  const login = await fetch(new URL('api/login', base), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: flags.user, password }),
  });
  const auth = (await login.json()) as { ok: boolean; token?: string; message?: string };
  if (!auth.ok || !auth.token)
    throw new Error(`login to ${station} failed: ${auth.message ?? login.status}`);
  const params = new URLSearchParams({ filename: file.split('/').pop() ?? file });
  if (flags.preset) params.set('preset', flags.preset);
  if (flags.format) params.set('format', flags.format);
  const res = await fetch(new URL(`api/import?${params}`, base), {
    method: 'POST',
    headers: {
      authorization: `Bearer ${auth.token}`,
      'content-length': String(statSync(file).size),
    },
    body: Readable.toWeb(createReadStream(file)) as ReadableStream,
    duplex: 'half',
  } as RequestInit);
  if (!res.ok || !res.body) throw new Error(`import refused: ${await res.text()}`);
  const show = progressPrinter();
  let buffer = '';
  let summary: ImportSummary | null = null;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += Buffer.from(chunk).toString('utf8');
    let nl;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const msg = JSON.parse(buffer.slice(0, nl)) as ImportProgress & { message?: string };
      buffer = buffer.slice(nl + 1);
      if (msg.phase === 'failed') throw new Error(`import failed on the station: ${msg.message}`);
      show(msg);
      if (msg.phase === 'done') summary = msg as ImportSummary;
    }
  }
  if (!summary) throw new Error('the station ended the import without a summary');
  return summary;
}

/** holdline import: into a stopped station's folder, or through a running station. */
export async function importCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      preset: { type: 'string' },
      format: { type: 'string' },
      data: { type: 'string' },
      station: { type: 'string' },
      user: { type: 'string' },
      'password-file': { type: 'string' },
    },
    true,
  );
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new UsageError('give exactly one FILE to import');
  try {
    statSync(file);
  } catch {
    throw new UsageError(`cannot read ${file}`);
  }
  const flags: Flags = {
    ...(values.preset !== undefined && { preset: values.preset }),
    ...(values.format !== undefined && { format: values.format }),
    ...(values.user !== undefined && { user: values.user }),
  };
  if (values.data && values.station) throw new UsageError('give --data or --station, not both');
  let summary: ImportSummary;
  if (values.station) {
    required(values.user, '--user');
    summary = await importRemote(
      file,
      values.station,
      flags,
      readPasswordFile(required(values['password-file'], '--password-file')),
    );
  } else {
    summary = await importLocal(file, required(values.data, '--data (or --station)'), flags);
  }
  process.stdout.write(JSON.stringify(summary) + '\n');
  return 0;
}
