/**
 * The emulator's own logger: one JSON object per line on stderr (stdout carries only the ready line).
 * The emulator may not import main/core/log.ts (layering), and it never logs tokens, codes, passwords or keys:
 * callers pass only ids, paths and statuses.
 */
export type EmulatorLogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

export interface EmulatorLogger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const RANK: Record<EmulatorLogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export function createEmulatorLogger(
  minimum: EmulatorLogLevel = 'info',
  sink: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): EmulatorLogger {
  const write = (level: Exclude<EmulatorLogLevel, 'silent'>, message: string, fields?: Record<string, unknown>) => {
    if (RANK[level] < RANK[minimum]) return;
    sink(JSON.stringify({ time: new Date().toISOString(), level, source: 'emulator', message, ...fields }));
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}
