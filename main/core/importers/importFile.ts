import { hash as oneShotHash } from 'node:crypto';
import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { WardenError } from '../../../shared/errors.ts';
import { BatchWriter } from '../store/batchWriter.ts';
import { recordLedgerWindow } from '../store/ledger.ts';
import type { EvidenceStore } from '../store/openStore.ts';
import { CsvReadError, nonUtcTimeColumns, readCsvRows, type CsvRow } from './csvRows.ts';
import type { Obj } from './fieldAccess.ts';
import { JsonRecordSplitter, JsonSyntaxError } from './jsonRecordSplitter.ts';
import { searchText } from './searchText.ts';
import { mapAnyRecord, type Container } from './shapes/classifyRecord.ts';
import { RecordRejected } from './shapes/mappedRecord.ts';
import { openSourceStream } from './sourceStream.ts';

export interface ImportProgress {
  file: string;
  bytesRead: number;
  totalBytes: number;
  records: number;
}

export interface ImportOptions {
  /** Import the good records and write the bad ones, with reasons, to `rejectsFile`. */
  skipBad?: boolean;
  /** Where rejected records go with skipBad (default FILE.rejects.jsonl). */
  rejectsFile?: string;
  onProgress?: (progress: ImportProgress) => void;
}

export interface FileImportResult {
  file: string;
  sha256: string;
  bytes: number;
  encoding: string;
  container: Container;
  /** Records read per shape (ual, la-signin, ...). */
  formats: Record<string, number>;
  /** Every record read is inserted, a duplicate of one already stored, or rejected. */
  read: number;
  inserted: number;
  duplicates: number;
  rejected: number;
  rejectsFile: string | null;
  batchId: number;
  batchHash: string;
  minTimeMs: number | null;
  maxTimeMs: number | null;
  notes: { note: string; records: number }[];
}

/** A bad record or file in strict mode: names the file, the line and the reason. Nothing was imported. */
export class ImportError extends WardenError {
  readonly file: string;
  readonly line: number;
  readonly reason: string;
  constructor(file: string, line: number, reason: string) {
    super('invalid-input', `${file}:${line}: ${reason}. Nothing from this file was imported (use --skip-bad to import the good records).`);
    this.file = file;
    this.line = line;
    this.reason = reason;
  }
}

const PROGRESS_EVERY = 20_000;

/**
 * Imports one file in ONE transaction: it lands entirely or not at all (a kill mid-file leaves the
 * store as it was). With skipBad, bad records are written with their reasons to a side file and
 * the rest lands. Memory stays flat: records are streamed, never the whole file.
 */
export async function importFile(store: EvidenceStore, file: string, options: ImportOptions = {}): Promise<FileImportResult> {
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new WardenError('invalid-input', `${file} is not a file.`);
    size = stat.size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new WardenError('not-found', `${file}: no such file.`);
    throw error;
  }
  const name = path.basename(file);
  const source = await openSourceStream(file);
  const iterator = source.chunks[Symbol.asyncIterator]();
  // Peek at the first bytes to tell JSON from CSV.
  const buffered: Buffer[] = [];
  let firstByte: number | null = null;
  while (firstByte === null) {
    const next = await iterator.next();
    if (next.done) break;
    buffered.push(next.value);
    for (const b of next.value) {
      if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) {
        firstByte = b;
        break;
      }
    }
  }
  const container: Container = firstByte === 0x7b || firstByte === 0x5b ? 'json' : 'csv';
  async function* chunks(): AsyncGenerator<Buffer> {
    yield* buffered;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }

  const skipBad = options.skipBad === true;
  const rejectsFile = options.rejectsFile ?? `${file}.rejects.jsonl`;
  let rejectsFd: number | null = null;
  const formats: Record<string, number> = {};
  const notes = new Map<string, number>();
  let read = 0;
  let rejected = 0;

  const writer = new BatchWriter(store, { source: 'import', origin: name, details: { file: path.resolve(file) } });
  const reject = (line: number, reason: string, raw: string | null) => {
    if (!skipBad) throw new ImportError(file, line, reason);
    rejected++;
    rejectsFd ??= openSync(rejectsFile, 'w', 0o600);
    writeSync(rejectsFd, `${JSON.stringify({ file, line, reason, raw })}\n`);
  };
  const take = (parsed: Obj, raw: Buffer, line: number, csvHeader: string | null) => {
    let mapped;
    try {
      mapped = mapAnyRecord(parsed, container, { rawHash: () => oneShotHash('sha256', raw, 'hex') });
    } catch (error) {
      if (error instanceof RecordRejected) {
        reject(line, error.message, raw.toString('utf8'));
        return;
      }
      throw error;
    }
    formats[mapped.format] = (formats[mapped.format] ?? 0) + 1;
    for (const note of mapped.notes) notes.set(note, (notes.get(note) ?? 0) + 1);
    writer.add({ ...mapped, raw, csvHeader, text: searchText(parsed) });
  };
  const progress = () => {
    if (options.onProgress && read % PROGRESS_EVERY === 0) options.onProgress({ file, bytesRead: source.bytesRead(), totalBytes: size, records: read });
  };

  try {
    if (container === 'json') {
      const splitter = new JsonRecordSplitter();
      const handleSlices = (slices: { bytes: Buffer; line: number }[]) => {
        for (const slice of slices) {
          read++;
          let parsed: unknown;
          try {
            parsed = JSON.parse(slice.bytes.toString('utf8'));
          } catch (error) {
            reject(slice.line, `not valid JSON (${(error as Error).message})`, slice.bytes.toString('utf8'));
            continue;
          }
          if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
            reject(slice.line, 'a record must be a JSON object', slice.bytes.toString('utf8'));
            continue;
          }
          take(parsed as Obj, slice.bytes, slice.line, null);
          progress();
        }
      };
      try {
        for await (const chunk of chunks()) handleSlices(splitter.push(chunk));
        handleSlices(splitter.end());
      } catch (error) {
        if (!(error instanceof JsonSyntaxError)) throw error;
        // The rest of the file cannot be split into records reliably.
        read++;
        reject(error.line, `${error.message}; the rest of the file from this line was not read`, null);
      }
    } else {
      let headerRaw = '';
      try {
        for await (const item of readCsvRows(chunks(), {
          skipBad,
          onBadRow: (bad) => {
            read++;
            reject(bad.line, bad.reason, bad.raw);
          },
        })) {
          if ('header' in item) {
            headerRaw = item.headerRaw;
            const localColumns = nonUtcTimeColumns(item.header);
            if (localColumns.length > 0) {
              throw new ImportError(file, 1, `the columns ${localColumns.join(', ')} are not in UTC; export the logs with UTC times`);
            }
            if (item.header.length < 2) throw new ImportError(file, 1, 'not a CSV export with a header row (and not JSON)');
            continue;
          }
          const row = item as CsvRow;
          read++;
          take(row.values, Buffer.from(row.raw, 'utf8'), row.line, headerRaw);
          progress();
        }
      } catch (error) {
        if (!(error instanceof CsvReadError)) throw error;
        read++;
        reject(error.line, `${error.message}; the rest of the file from this line was not read`, null);
      }
    }

    const sha256 = source.sha256();
    const result = writer.commit((batchId) => {
      if (writer.inserted + writer.duplicates > 0 || rejected > 0) {
        // Tracked while adding: reading it back (min/max over the batch's rows) cost a second per million records.
        const stats = writer.timeSpan;
        if (stats.min !== null && stats.max !== null) {
          recordLedgerWindow(store, {
            source: `import:${name}`,
            startMs: stats.min,
            endMs: stats.max + 1,
            expected: read,
            received: writer.inserted + writer.duplicates,
            gap: rejected > 0,
            detail: `${name} sha256 ${sha256}${rejected > 0 ? `, ${rejected} records rejected` : ''}`,
            batchId,
          });
        }
      }
      store.db.prepare(`UPDATE batches SET details = json_set(details, '$.sha256', ?, '$.read', ?, '$.rejected', ?) WHERE id = ?`).run(sha256, read, rejected, batchId);
    });
    options.onProgress?.({ file, bytesRead: size, totalBytes: size, records: read });
    return {
      file,
      sha256,
      bytes: size,
      encoding: source.encoding,
      container,
      formats,
      read,
      inserted: result.inserted,
      duplicates: result.duplicates,
      rejected,
      rejectsFile: rejectsFd === null ? null : rejectsFile,
      batchId: result.batchId,
      batchHash: result.hash,
      minTimeMs: result.minTimeMs,
      maxTimeMs: result.maxTimeMs,
      notes: [...notes].map(([note, records]) => ({ note, records })),
    };
  } catch (error) {
    writer.abort();
    throw error;
  } finally {
    if (rejectsFd !== null) closeSync(rejectsFd);
  }
}
