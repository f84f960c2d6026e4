import { DataDirBusyError } from './core/data-dir';
import { STATION_VERSION } from './http/api-routes';
import { listPresets } from './connectors/preset';
import { UsageError } from './cli/args';
import { HELP } from './cli/help';
import { importCommand } from './cli/import-command';
import { initCommand } from './cli/init-command';
import { joinCommand } from './cli/join-command';
import { ledgerCommand } from './cli/ledger-command';
import { playbookCommand } from './cli/playbook-command';
import { reportCommand } from './cli/report-command';
import { stationCommand } from './cli/station-command';
import { statsCommand } from './cli/stats-command';
import { verifyCommand } from './cli/verify-command';
import { backupCommand } from './cli/backup-command';
import { restoreCommand } from './cli/restore-command';
import { recoverCommand } from './cli/recover-command';
import { rotateKeyCommand } from './cli/rotate-key-command';
import { eraseCommand } from './cli/erase-command';

const COMMANDS: Record<string, (argv: string[]) => Promise<number>> = {
  init: initCommand,
  join: joinCommand,
  station: stationCommand,
  import: importCommand,
  playbook: playbookCommand,
  stats: statsCommand,
  verify: verifyCommand,
  ledger: ledgerCommand,
  report: reportCommand,
  backup: backupCommand,
  restore: restoreCommand,
  recover: recoverCommand,
  'rotate-key': rotateKeyCommand,
  erase: eraseCommand,
  presets: async () => {
    for (const p of await listPresets())
      process.stdout.write(`${p.name.padEnd(20)} ${p.format.padEnd(6)} ${p.title}\n`);
    return 0;
  },
};

/** The `holdline` command: returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(HELP);
    return name ? 0 : 2;
  }
  if (name === '--version') {
    process.stdout.write(`${STATION_VERSION}\n`);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`holdline: unknown command "${name}" (see holdline --help)\n`);
    return 2;
  }
  try {
    return await command(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`holdline ${name}: ${err.message} (see holdline --help)\n`);
      return 2;
    }
    if (err instanceof DataDirBusyError) {
      process.stderr.write(`holdline ${name}: ${err.message}\n`);
      return 1;
    }
    process.stderr.write(`holdline ${name}: ${(err as Error).message}\n`);
    return 1;
  }
}
