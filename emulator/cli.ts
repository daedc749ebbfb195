// `npm run emulator -- [--port N] [--seed S] ...`: starts the emulator, prints exactly one JSON ready line on
// stdout, then logs to stderr until SIGINT/SIGTERM.
import { Command, InvalidArgumentError } from 'commander';
import { startEmulator, type EmulatorOptions } from './index.ts';

function int(name: string) {
  return (value: string): number => {
    if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`${name} must be a whole number.`);
    return Number(value);
  };
}

function hour(value: string): Date {
  const d = new Date(value);
  if (Number.isNaN(d.getTime()) || d.getTime() % 3_600_000 !== 0)
    throw new InvalidArgumentError('must be an ISO date-time on a whole UTC hour, e.g. 2026-01-15T09:00:00Z.');
  return d;
}

const program = new Command()
  .name('emulator')
  .description('Local HTTPS emulator of Entra ID, Microsoft Graph, the Exchange admin API and the Management Activity API.')
  .option('--port <n>', 'TCP port on 127.0.0.1 (0 picks a free one)', int('--port'), 0)
  .option('--seed <s>', 'seed: the same seed and flags give the same tenant and responses', 'warden')
  .option('--users <n>', 'ordinary member users (1..100000)', int('--users'), 200)
  .option('--days <n>', 'days of history (1..180)', int('--days'), 30)
  .option('--scenarios <list>', "attack scenarios: 'all', 'none' or a,b,c", 'all')
  .option('--token-lifetime <seconds>', 'access token lifetime', int('--token-lifetime'), 3600)
  .option('--faults <spec>', 'fault rates per data request, e.g. 429=0.05,503=0.02,reset=0.01,truncate=0.01,slow=0.02')
  .option('--data-dir <dir>', 'where the CA, certificates and labels.jsonl live (default ~/.cache/warden-emulator)')
  .option('--end <iso>', 'exclusive end of the history, a whole UTC hour (default: the current hour)', hour)
  .option('--ingestion-delay <seconds>', 'delay before audit records of changes are searchable', int('--ingestion-delay'), 30)
  .option('--log-level <level>', 'debug | info | warn | error | silent', 'info')
  .showHelpAfterError();

program.parse();
const flags = program.opts<{
  port: number;
  seed: string;
  users: number;
  days: number;
  scenarios: string;
  tokenLifetime: number;
  faults?: string;
  dataDir?: string;
  end?: Date;
  ingestionDelay: number;
  logLevel: string;
}>();

if (!['debug', 'info', 'warn', 'error', 'silent'].includes(flags.logLevel))
  program.error(`error: --log-level must be one of debug, info, warn, error, silent (got "${flags.logLevel}")`);

const options: EmulatorOptions = {
  port: flags.port,
  seed: flags.seed,
  users: flags.users,
  days: flags.days,
  scenarios: flags.scenarios,
  tokenLifetimeSeconds: flags.tokenLifetime,
  faults: flags.faults,
  dataDir: flags.dataDir,
  end: flags.end,
  ingestionDelaySeconds: flags.ingestionDelay,
  logLevel: flags.logLevel as EmulatorOptions['logLevel'],
  generatorThread: true,
};

try {
  const emulator = await startEmulator(options);
  process.stdout.write(`${JSON.stringify(emulator.info)}\n`);
  const shutdown = (signal: string) => {
    process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level: 'info', source: 'emulator', message: `received ${signal}, stopping` })}\n`);
    void emulator.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
} catch (error) {
  process.stderr.write(`emulator: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
}
