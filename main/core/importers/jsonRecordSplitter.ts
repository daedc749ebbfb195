/**
 * Splits a stream of UTF-8 JSON text into records without parsing them, keeping each record's
 * exact bytes and the line it starts on. Handles what log exports actually contain:
 * - NDJSON (one object per line): each line is a record, so a garbled line costs one record;
 * - a JSON array of records (Log Analytics, Graph exports), pretty-printed or not;
 * - Graph pages {"@odata.context": ..., "value": [ ... ]}: the records are the `value` items;
 * - several of those one after another (PowerShell `Out-File -Append` of ConvertTo-Json output).
 * Written here rather than with stream-json because the store keeps each record byte for byte,
 * which an object-assembling parser cannot give back, and because it is a plain byte scan
 * (memchr-fast inside strings) that costs little next to JSON.parse. Each slice is validated by
 * JSON.parse in the caller.
 */
export interface RecordSlice {
  bytes: Buffer;
  line: number;
}

export class JsonSyntaxError extends Error {
  readonly line: number;
  constructor(message: string, line: number) {
    super(message);
    this.name = 'JsonSyntaxError';
    this.line = line;
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

type Mode = 'top' | 'ndjson';

export class JsonRecordSplitter {
  /** Largest record accepted; anything bigger is surely not a log record, and would hold memory. */
  static readonly MAX_RECORD_BYTES = 64 * 1024 * 1024;
  private mode: Mode = 'top';
  private line = 1;
  private pending: Buffer[] = []; // bytes of the record being collected, from earlier chunks
  private pendingLength = 0;
  private recordStartLine = 0;
  private collecting = false;
  // Structural state (top mode).
  private depth = 0;
  /** Depth at which records are the elements: 1 inside a top-level array, 2 inside a page's value array. */
  private recordDepth = 0;
  private inString = false;
  private escaped = false;
  private topKind: 'array' | 'object' | null = null;
  private pageCandidate = false;
  private lastKey = '';
  private keyStart = -1;
  private keyBytes: Buffer[] = [];
  private expectKeyColon = false;
  private firstRecordSeen = false;
  private lineText: Buffer[] = []; // ndjson partial line

  /** Feeds one chunk; returns the records completed in it. */
  push(chunk: Buffer): RecordSlice[] {
    const out: RecordSlice[] = [];
    if (this.mode === 'ndjson') this.pushLines(chunk, 0, out);
    else this.scan(chunk, out);
    return out;
  }

  /** Call at the end of input: anything left open is a truncated file. */
  end(): RecordSlice[] {
    const out: RecordSlice[] = [];
    if (this.mode === 'ndjson') {
      const rest = Buffer.concat(this.lineText);
      this.lineText = [];
      const trimmed = trimBuffer(rest);
      if (trimmed.length > 0) out.push({ bytes: trimmed, line: this.line });
      return out;
    }
    if (this.inString || this.depth > 0) {
      const where = this.collecting ? `inside the record that starts at line ${this.recordStartLine}` : 'inside a JSON value';
      throw new JsonSyntaxError(`the file ends ${where} (truncated?)`, this.line);
    }
    return out;
  }

  private pushLines(chunk: Buffer, from: number, out: RecordSlice[]): void {
    let start = from;
    for (;;) {
      const nl = chunk.indexOf(NEWLINE, start);
      if (nl < 0) {
        if (start < chunk.length) this.lineText.push(chunk.subarray(start));
        this.checkLineSize();
        return;
      }
      let lineBytes = chunk.subarray(start, nl);
      if (this.lineText.length > 0) {
        lineBytes = Buffer.concat([...this.lineText, lineBytes]);
        this.lineText = [];
      }
      const trimmed = trimBuffer(lineBytes);
      if (trimmed.length > 0) out.push({ bytes: trimmed, line: this.line });
      this.line++;
      start = nl + 1;
    }
  }

  private checkLineSize(): void {
    let n = 0;
    for (const b of this.lineText) n += b.length;
    if (n > JsonRecordSplitter.MAX_RECORD_BYTES) throw new JsonSyntaxError(`a line is longer than ${JsonRecordSplitter.MAX_RECORD_BYTES} bytes`, this.line);
  }

  private scan(chunk: Buffer, out: RecordSlice[]): void {
    let recordStart = this.collecting ? 0 : -1;
    const n = chunk.length;
    let i = 0;
    while (i < n) {
      if (this.inString) {
        // Jump to the next quote; a quote preceded by an odd run of backslashes is escaped.
        let q = i;
        for (;;) {
          q = chunk.indexOf(QUOTE, q);
          if (q < 0) break;
          let backslashes = 0;
          let k = q - 1;
          while (k >= i && chunk[k] === BACKSLASH) {
            backslashes++;
            k--;
          }
          if (k < i && this.escaped) backslashes++; // a backslash that ended the previous chunk
          if (backslashes % 2 === 0) break;
          q++;
        }
        if (q < 0) {
          this.escaped = endsWithOddBackslashes(chunk, i, this.escaped);
          if (this.keyStart >= 0) this.keyBytes.push(chunk.subarray(this.keyStart));
          this.keyStart = this.keyStart >= 0 ? 0 : -1;
          i = n;
          break;
        }
        this.escaped = false;
        this.inString = false;
        if (this.keyStart >= 0) {
          const part = chunk.subarray(this.keyStart, q);
          const key = this.keyBytes.length > 0 ? Buffer.concat([...this.keyBytes, part]) : part;
          this.lastKey = key.length <= 32 ? key.toString('utf8') : '';
          this.keyBytes = [];
          this.keyStart = -1;
          this.expectKeyColon = true;
        }
        i = q + 1;
        continue;
      }
      const c = chunk[i]!;
      if (c === NEWLINE) {
        this.line++;
        i++;
        continue;
      }
      if (isSpace(c)) {
        i++;
        continue;
      }
      if (this.depth === 0) {
        // Between top-level values.
        if (c === OPEN_ARRAY) {
          this.topKind = 'array';
          this.recordDepth = 1;
          this.depth = 1;
          i++;
          continue;
        }
        if (c === OPEN_OBJECT) {
          // A record on its own, or a Graph page; collect it until we know.
          this.topKind = 'object';
          this.recordDepth = 0;
          this.pageCandidate = true;
          this.startRecord(i, out);
          recordStart = i;
          this.depth = 1;
          i++;
          continue;
        }
        if (c === COMMA) {
          i++;
          continue;
        }
        throw new JsonSyntaxError(`unexpected ${describe(c)} between records`, this.line);
      }
      // Inside a top-level value.
      if (c === QUOTE) {
        if (this.depth === this.recordDepth && !this.collecting) throw new JsonSyntaxError('expected a record (a JSON object) but found a string', this.line);
        this.inString = true;
        this.escaped = false;
        // A key at depth 1 of a top-level object: remember it to recognize Graph's "value".
        if (this.topKind === 'object' && this.depth === 1 && this.pageCandidate && !this.expectKeyColon) this.keyStart = i + 1;
        i++;
        continue;
      }
      if (c === COLON) {
        this.expectKeyColon = false;
        i++;
        continue;
      }
      this.expectKeyColon = false;
      if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
        if (this.depth === this.recordDepth && this.recordDepth > 0) {
          if (c !== OPEN_OBJECT) throw new JsonSyntaxError('expected a record (a JSON object) but found an array', this.line);
          this.startRecord(i, out);
          recordStart = i;
        } else if (c === OPEN_ARRAY && this.topKind === 'object' && this.depth === 1 && this.pageCandidate && this.lastKey === 'value') {
          // {"value": [ ... ]}: a Graph page. Its records are the array's items.
          this.pending = [];
          this.pendingLength = 0;
          this.collecting = false;
          recordStart = -1;
          this.recordDepth = 2;
          this.pageCandidate = false;
        }
        this.depth++;
        i++;
        continue;
      }
      if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
        this.depth--;
        if (this.depth < 0) throw new JsonSyntaxError(`unbalanced ${describe(c)}`, this.line);
        const closesRecord = this.collecting && this.depth === this.recordDepth && c === CLOSE_OBJECT;
        if (closesRecord) {
          const slice = chunk.subarray(recordStart, i + 1);
          out.push(this.finishRecord(slice));
          recordStart = -1;
          if (this.recordDepth === 0) {
            // A top-level object: a record of its own (NDJSON or concatenated objects).
            this.topKind = null;
            this.pageCandidate = false;
            if (!this.firstRecordSeen) {
              this.firstRecordSeen = true;
              if (this.looksLikeNdjson(out[out.length - 1]!, chunk, i + 1)) {
                this.mode = 'ndjson';
                this.pushLines(chunk, skipToLineEnd(chunk, i + 1), out);
                return;
              }
            }
          }
        }
        if (this.depth === 0) this.topKind = null;
        i++;
        continue;
      }
      if (c !== COMMA && this.depth === this.recordDepth && !this.collecting) {
        throw new JsonSyntaxError(`expected a record (a JSON object) but found ${describe(c)}`, this.line);
      }
      i++;
    }
    if (this.collecting && recordStart >= 0) {
      const rest = chunk.subarray(recordStart);
      this.pending.push(rest);
      this.pendingLength += rest.length;
      if (this.pendingLength > JsonRecordSplitter.MAX_RECORD_BYTES) {
        throw new JsonSyntaxError(`the record that starts at line ${this.recordStartLine} is larger than ${JsonRecordSplitter.MAX_RECORD_BYTES} bytes`, this.line);
      }
    }
  }

  private startRecord(_index: number, _out: RecordSlice[]): void {
    this.collecting = true;
    this.pending = [];
    this.pendingLength = 0;
    this.recordStartLine = this.line;
  }

  private finishRecord(lastPart: Buffer): RecordSlice {
    const bytes = this.pending.length > 0 ? Buffer.concat([...this.pending, lastPart]) : Buffer.from(lastPart);
    this.pending = [];
    this.pendingLength = 0;
    this.collecting = false;
    return { bytes, line: this.recordStartLine };
  }

  /** One object that opened and closed on its first line, followed by a line break: NDJSON. */
  private looksLikeNdjson(first: RecordSlice, chunk: Buffer, after: number): boolean {
    if (first.bytes.indexOf(NEWLINE) >= 0) return false;
    for (let k = after; k < chunk.length; k++) {
      const c = chunk[k]!;
      if (c === NEWLINE) return true;
      if (!isSpace(c)) return false;
    }
    return true;
  }
}

function skipToLineEnd(chunk: Buffer, from: number): number {
  const nl = chunk.indexOf(NEWLINE, from);
  return nl < 0 ? chunk.length : nl; // pushLines counts the newline itself
}

function countTrailingBackslashes(chunk: Buffer, from: number): number {
  let k = chunk.length - 1;
  let count = 0;
  while (k >= from && chunk[k] === BACKSLASH) {
    count++;
    k--;
  }
  return count;
}

/** Whether the chunk ends in the middle of an escape (an odd number of trailing backslashes). */
function endsWithOddBackslashes(chunk: Buffer, from: number, escapedBefore: boolean): boolean {
  const count = countTrailingBackslashes(chunk, from);
  const whole = count === chunk.length - from;
  return (count + (whole && escapedBefore ? 1 : 0)) % 2 === 1;
}

function trimBuffer(b: Buffer): Buffer {
  let s = 0;
  let e = b.length;
  while (s < e && isSpace(b[s]!)) s++;
  while (e > s && isSpace(b[e - 1]!)) e--;
  return s === 0 && e === b.length ? b : b.subarray(s, e);
}

function describe(c: number): string {
  return c >= 0x20 && c < 0x7f ? `'${String.fromCharCode(c)}'` : `byte 0x${c.toString(16)}`;
}
