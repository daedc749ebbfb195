import { homedir } from 'node:os';
import path from 'node:path';
import { parseFaultSpec, type FaultRates } from './server/faultSpec.ts';
import { SCENARIO_NAMES, type ScenarioName, type Tenant } from './tenant/model.ts';
import type { EmulatorLogLevel } from './log.ts';

export interface EmulatorOptions {
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  /** Only 127.0.0.1: the emulator never listens beyond the loopback interface. */
  host?: '127.0.0.1';
  seed?: string;
  users?: number;
  days?: number;
  /** Scenario names, or 'all' | 'none' | 'a,b,c'. Default all. */
  scenarios?: readonly ScenarioName[] | string;
  /** Exclusive end of the history, a whole UTC hour. Default: the current hour. Pin it for byte-identical runs across hours. */
  end?: Date;
  /** Access token lifetime (s). Default 3600. */
  tokenLifetimeSeconds?: number;
  /** Refresh tokens expire after this much inactivity (s). Default 90 days. */
  refreshTokenInactiveSeconds?: number;
  /** `--faults` spec or rates. */
  faults?: string | FaultRates;
  /** Holds the CA, the server and app certificates and labels.jsonl. Default ~/.cache/warden-emulator. */
  dataDir?: string;
  /** Seconds before an audit record caused through the emulator is searchable. Default 30. */
  ingestionDelaySeconds?: number;
  logLevel?: EmulatorLogLevel;
  /**
   * Generate the Management Activity history on a worker thread (the CLI does). Off by default: in-process users
   * (tests, the app's demo tenant) serve small tenants, and a bundled app has no worker file to start.
   */
  generatorThread?: boolean;
  /** A tenant built by the caller (tests, the app's demo); otherwise generated from seed/users/days/scenarios/end. */
  tenant?: Tenant;
}

export interface ResolvedOptions {
  port: number;
  host: '127.0.0.1';
  seed: string;
  users: number;
  days: number;
  scenarios: ScenarioName[];
  end: Date;
  tokenLifetimeSeconds: number;
  refreshTokenInactiveSeconds: number;
  faults: FaultRates;
  dataDir: string;
  ingestionDelaySeconds: number;
  logLevel: EmulatorLogLevel;
  generatorThread: boolean;
}

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const cache = env['XDG_CACHE_HOME'] ?? path.join(homedir(), '.cache');
  return path.join(cache, 'warden-emulator');
}

function integer(name: string, value: number | undefined, fallback: number, min: number, max: number): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < min || v > max)
    throw new RangeError(`Emulator option ${name} must be an integer from ${min} to ${max} (got ${String(value)}).`);
  return v;
}

/** Fills in defaults and checks every option, naming the bad one. */
export function resolveOptions(options: EmulatorOptions, parseScenarioList: (spec: string) => ScenarioName[]): ResolvedOptions {
  if (options.host !== undefined && options.host !== '127.0.0.1') throw new RangeError(`Emulator option host must be 127.0.0.1 (got ${String(options.host)}).`);
  const now = Date.now();
  const end = options.end ?? new Date(now - (now % 3_600_000));
  if (!(end instanceof Date) || Number.isNaN(end.getTime()) || end.getTime() % 3_600_000 !== 0)
    throw new RangeError('Emulator option end must be a Date on a whole UTC hour.');
  const scenarios = typeof options.scenarios === 'string' ? parseScenarioList(options.scenarios) : [...(options.scenarios ?? SCENARIO_NAMES)];
  return {
    port: integer('port', options.port, 0, 0, 65535),
    host: '127.0.0.1',
    seed: options.seed ?? 'warden',
    users: integer('users', options.users, 200, 1, 100_000),
    days: integer('days', options.days, 30, 1, 180),
    scenarios,
    end,
    tokenLifetimeSeconds: integer('tokenLifetimeSeconds', options.tokenLifetimeSeconds, 3600, 1, 86_400),
    refreshTokenInactiveSeconds: integer('refreshTokenInactiveSeconds', options.refreshTokenInactiveSeconds, 90 * 86_400, 1, 365 * 86_400),
    faults: typeof options.faults === 'string' ? parseFaultSpec(options.faults) : { ...options.faults },
    dataDir: path.resolve(options.dataDir ?? defaultDataDir()),
    ingestionDelaySeconds: integer('ingestionDelaySeconds', options.ingestionDelaySeconds, 30, 0, 86_400),
    logLevel: options.logLevel ?? 'info',
    generatorThread: options.generatorThread ?? false,
  };
}
