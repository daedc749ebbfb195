import { parse, type CsvError } from 'csv-parse';
import type { Obj } from './fieldAccess.ts';

/**
 * CSV rows as objects keyed by normalized column names, with each row's exact text and the line it
 * starts on. Column names are normalized the way Log Analytics exports need: " [UTC]" suffixes are
 * dropped (the time parser assumes UTC), and "X_dynamic" / "X_string" twins become "X".
 */
export interface CsvRow {
  values: Obj;
  raw: string;
  line: number;
}

export interface CsvRowError {
  line: number;
  reason: string;
  raw: string | null;
}

export function normalizeColumnName(name: string): string {
  let n = name.trim();
  const bracket = /\s*\[([^\]]*)\]$/.exec(n);
  if (bracket) n = n.slice(0, bracket.index);
  return n.replace(/_(dynamic|string)$/, '');
}

/** Columns whose header says they are not in UTC: their times cannot be trusted as UTC. */
export function nonUtcTimeColumns(header: readonly string[]): string[] {
  return header.filter((h) => {
    const m = /\[([^\]]*)\]\s*$/.exec(h);
    return m !== null && m[1]!.trim().toUpperCase() !== 'UTC';
  });
}

function describeCsvError(error: CsvError): string {
  switch (error.code) {
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
      return `the row has a different number of fields than the header (${error.message.replace(/^Invalid Record Length: /, '')})`;
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted field is never closed (truncated file?)';
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'INVALID_OPENING_QUOTE':
      return `misplaced quote: ${error.message}`;
    default:
      return error.message;
  }
}

export interface CsvReadOptions {
  /** Skip malformed rows (reporting them) instead of stopping at the first. */
  skipBad: boolean;
  onBadRow: (error: CsvRowError) => void;
}

/** Yields the header once (as `header`), then rows. Throws CsvReadError in strict mode. */
export async function* readCsvRows(chunks: AsyncIterable<Buffer>, options: CsvReadOptions): AsyncGenerator<{ header: string[]; headerRaw: string } | CsvRow> {
  const parser = parse({
    bom: true,
    raw: true,
    info: true,
    relax_column_count: false,
    skip_empty_lines: true,
    skip_records_with_error: options.skipBad,
  });
  if (options.skipBad) {
    parser.on('skip', (error: CsvError & { raw?: string }) => {
      options.onBadRow({ line: lineOf(error), reason: describeCsvError(error), raw: typeof error.raw === 'string' ? error.raw : null });
    });
  }
  // Waits for the parser to take more input, or to be gone (an error ends it).
  const ready = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        parser.off('drain', done);
        parser.off('close', done);
        resolve();
      };
      parser.once('drain', done);
      parser.once('close', done);
    });
  const feed = (async () => {
    try {
      for await (const chunk of chunks) {
        if (parser.destroyed) return;
        if (!parser.write(chunk)) await ready();
      }
      if (!parser.destroyed) parser.end();
    } catch (error) {
      parser.destroy(error as Error);
    }
  })();
  let header: string[] | null = null;
  let names: string[] = [];
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; raw: string; info: { lines: number } }>) {
      const raw = item.raw.replace(/\r?\n$/, '');
      const endLine = item.info.lines;
      const line = endLine - countNewlines(raw);
      if (header === null) {
        header = item.record;
        names = header.map(normalizeColumnName);
        yield { header, headerRaw: raw };
        continue;
      }
      const values: Obj = {};
      for (let i = 0; i < names.length; i++) {
        const name = names[i]!;
        const value = item.record[i] ?? '';
        // Of X_dynamic / X_string twins, keep the first that has a value.
        if (values[name] === undefined || values[name] === '') values[name] = value;
      }
      yield { values, raw, line };
    }
  } catch (error) {
    const csvError = error as CsvError;
    throw new CsvReadError(describeCsvError(csvError), lineOf(csvError));
  } finally {
    parser.destroy();
    await feed;
  }
}

export class CsvReadError extends Error {
  readonly line: number;
  constructor(message: string, line: number) {
    super(message);
    this.name = 'CsvReadError';
    this.line = line;
  }
}

function lineOf(error: CsvError): number {
  const lines = (error as unknown as { lines?: number }).lines;
  return typeof lines === 'number' ? lines : 0;
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
