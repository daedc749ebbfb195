import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';

/**
 * Reads a file as UTF-8 chunks, whatever it was written in: UTF-8 with or without BOM, or UTF-16
 * (Windows PowerShell's Out-File default), which is transcoded. The SHA-256 of the file's own bytes
 * is computed on the way, so the batch can name exactly which file it came from.
 */
export interface SourceStream {
  chunks: AsyncIterable<Buffer>;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be';
  /** Bytes of the file read so far (for progress). */
  bytesRead(): number;
  /** The file's SHA-256, once `chunks` is exhausted. */
  sha256(): string;
}

export async function openSourceStream(file: string): Promise<SourceStream> {
  const head = await readHead(file, 4);
  let encoding: SourceStream['encoding'] = 'utf-8';
  let skip = 0;
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) skip = 3;
  else if (head[0] === 0xff && head[1] === 0xfe) {
    encoding = 'utf-16le';
    skip = 2;
  } else if (head[0] === 0xfe && head[1] === 0xff) {
    encoding = 'utf-16be';
    skip = 2;
  } else if (head.length >= 2 && head[0] !== 0 && head[1] === 0) encoding = 'utf-16le'; // no BOM, but "{\0" / "[\0"
  const hash: Hash = createHash('sha256');
  let bytes = 0;
  let digest: string | null = null;
  const raw = createReadStream(file, { highWaterMark: 1 << 20 });
  async function* generate(): AsyncGenerator<Buffer> {
    const decoder = encoding === 'utf-8' ? null : new TextDecoder(encoding, { fatal: true });
    let first = true;
    for await (const piece of raw as AsyncIterable<Buffer>) {
      hash.update(piece);
      bytes += piece.length;
      let chunk = piece;
      if (first) {
        chunk = chunk.subarray(skip);
        first = false;
      }
      if (decoder) yield Buffer.from(decoder.decode(chunk, { stream: true }), 'utf8');
      else yield chunk;
    }
    if (decoder) {
      const tail = decoder.decode();
      if (tail) yield Buffer.from(tail, 'utf8');
    }
    digest = hash.digest('hex');
  }
  return {
    chunks: generate(),
    encoding,
    bytesRead: () => bytes,
    sha256: () => {
      if (digest === null) throw new Error('the file has not been read to its end');
      return digest;
    },
  };
}

async function readHead(file: string, n: number): Promise<Buffer> {
  const stream = createReadStream(file, { start: 0, end: n - 1 });
  const parts: Buffer[] = [];
  for await (const part of stream as AsyncIterable<Buffer>) parts.push(part);
  return Buffer.concat(parts);
}

/** For tests and callers that already hold text. */
export function bufferSource(buffer: Buffer): AsyncIterable<Buffer> {
  return Readable.from([buffer]);
}
