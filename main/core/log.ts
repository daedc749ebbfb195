/**
 * A small structured logger. Every line goes through `redact`, so a token, key or password that
 * reaches a log call by mistake is masked before it is written anywhere.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export type LogSink = (line: string) => void;

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export function createLogger(sink: LogSink, minimum: LogLevel = 'info'): Logger {
  const write = (level: LogLevel, message: string, fields?: LogFields) => {
    if (LEVELS[level] < LEVELS[minimum]) return;
    const entry = { time: new Date().toISOString(), level, message: redactText(message), ...redactFields(fields ?? {}) };
    sink(JSON.stringify(entry));
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}

/** Writes to stderr: stdout belongs to command output (the CLI's `--json` contract). */
export function stderrLogger(minimum: LogLevel = 'info'): Logger {
  return createLogger((line) => process.stderr.write(`${line}\n`), minimum);
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

const SECRET_KEY = /(token|secret|password|passphrase|assertion|private.?key|authorization|cookie|code_verifier|^code$)/i;

const SECRET_PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g, '[redacted private key]'],
  [/\beyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]*/g, '[redacted jwt]'],
  [/\b(Bearer|Basic)\s+[\w.~+/=-]{8,}/gi, '$1 [redacted]'],
  [/\b(access_token|refresh_token|id_token|client_assertion|client_secret|code|code_verifier|password)=[^&\s"]+/gi, '$1=[redacted]'],
];

export function redactText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of SECRET_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

function redactFields(fields: LogFields, depth = 0): LogFields {
  const out: LogFields = {};
  for (const [key, value] of Object.entries(fields)) out[key] = SECRET_KEY.test(key) ? '[redacted]' : redactValue(value, depth);
  return out;
}

function redactValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value instanceof Error) {
    // Only name, message and code: library errors often carry request headers or bodies.
    const code = (value as { code?: unknown }).code;
    return { name: value.name, message: redactText(value.message), ...(typeof code === 'string' ? { code } : {}) };
  }
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => redactValue(v, depth + 1));
  return redactFields(value as LogFields, depth + 1);
}
