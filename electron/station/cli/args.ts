import { readFileSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A usage mistake: printed with a hint to run --help, exit code 2. */
export class UsageError extends Error {}

/** Parses a command's flags strictly, turning node's errors into usage errors. */
export function parse<T extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  options: T,
  positionals = false,
) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: positionals, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/** A required flag's value. */
export function required(value: string | undefined, flag: string): string {
  if (value === undefined || value === '') throw new UsageError(`${flag} is required`);
  return value;
}

/** Reads a password from a file (first line, without its line ending). */
export function readPasswordFile(file: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(
      `cannot read the password file ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
  const password = text.split(/\r?\n/)[0] ?? '';
  if (!password) throw new UsageError(`the password file ${file} is empty`);
  return password;
}

/** Parses --port. */
export function portOf(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new UsageError(`--port must be 0-65535, not ${value}`);
  return n;
}
