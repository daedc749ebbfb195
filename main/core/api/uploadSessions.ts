import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync, statfsSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { WardenError } from '../../../shared/errors.ts';

/** One file arriving from the renderer in chunks, kept in a temporary file under the data folder. */
export interface Upload {
  readonly id: string;
  /** The name the user's file had (shown in messages). */
  readonly fileName: string;
  /** The temporary copy; its base name is the user's, made safe, so the import names the user's file. */
  readonly file: string;
  readonly size: number;
  received: number;
  state: 'receiving' | 'complete';
}

interface Entry {
  upload: Upload;
  dir: string;
  handle: FileHandle | null;
  /** Writes in flight, in order: a chunk is accepted (its range reserved) before its bytes land. */
  writes: Promise<unknown>;
  touchedAt: number;
}

export interface UploadSessionOptions {
  /** At most this many uploads at once (the app sends files one after another). */
  maxOpen?: number;
  /** An upload untouched this long is dropped (the window was closed mid-upload). */
  idleMs?: number;
  now?: () => number;
}

/**
 * A name safe to create in our own folder: the last path segment only, no leading dots, letters,
 * digits and a few punctuation marks; anything else becomes "_". The renderer's file name is
 * untrusted input (it could be "../../.bashrc").
 */
export function safeFileName(name: string): string {
  const last = name.replace(/\\/g, '/').split('/').pop() ?? '';
  const cleaned = last
    .replace(/[^\p{L}\p{N} ._()+-]/gu, '_')
    .replace(/^[.\s]+/, '')
    .slice(0, 200)
    .trim();
  return cleaned === '' ? 'upload' : cleaned;
}

/**
 * Uploads from the renderer into `<root>/<id>/<name>`. Chunks must arrive in order and the file must
 * end where its announced size says; a hostile or confused renderer gets a typed error naming the
 * problem, never a file written out of place or past its size.
 */
export class UploadSessions {
  private readonly root: string;
  private readonly entries = new Map<string, Entry>();
  private readonly maxOpen: number;
  private readonly idleMs: number;
  private readonly now: () => number;

  constructor(root: string, options: UploadSessionOptions = {}) {
    this.root = root;
    this.maxOpen = options.maxOpen ?? 4;
    this.idleMs = options.idleMs ?? 15 * 60_000;
    this.now = options.now ?? Date.now;
  }

  /** Removes temporary files a previous run left behind (it was killed mid-upload). */
  removeLeftovers(): void {
    rmSync(this.root, { recursive: true, force: true });
  }

  async begin(fileName: string, size: number): Promise<Upload> {
    await this.dropIdle();
    if (this.entries.size >= this.maxOpen) {
      throw new WardenError('not-allowed', `${this.maxOpen} imports are already in progress; wait for them to finish.`);
    }
    mkdirSync(this.root, { recursive: true, mode: 0o700 });
    const free = freeBytes(this.root);
    if (free !== null && free < size) {
      throw new WardenError('unavailable', `${fileName} needs ${size} bytes of temporary space and the data folder's disk has ${free} free.`);
    }
    const id = randomUUID();
    const dir = path.join(this.root, id);
    mkdirSync(dir, { mode: 0o700 });
    const file = path.join(dir, safeFileName(fileName));
    const handle = await open(file, 'wx', 0o600);
    const upload: Upload = { id, fileName, file, size, received: 0, state: 'receiving' };
    this.entries.set(id, { upload, dir, handle, writes: Promise.resolve(), touchedAt: this.now() });
    return upload;
  }

  /** Appends the next chunk; `received` then says how many bytes have been accepted so far. */
  async write(id: string, offset: number, bytes: Uint8Array): Promise<Upload> {
    const entry = this.entry(id);
    const { upload } = entry;
    if (upload.state !== 'receiving' || !entry.handle) throw new WardenError('invalid-input', `${upload.fileName} is already complete.`);
    if (offset !== upload.received) {
      throw new WardenError('invalid-input', `${upload.fileName}: the next chunk starts at byte ${upload.received}, not ${offset}.`);
    }
    if (offset + bytes.byteLength > upload.size) {
      throw new WardenError('invalid-input', `${upload.fileName}: more bytes than the ${upload.size} announced.`);
    }
    // Reserve the range before awaiting, so two chunks sent at once cannot both claim it.
    upload.received += bytes.byteLength;
    entry.touchedAt = this.now();
    const handle = entry.handle;
    const write = entry.writes.then(() => handle.write(bytes, 0, bytes.byteLength, offset));
    entry.writes = write.catch(() => {});
    try {
      await write;
    } catch (error) {
      await this.discard(id);
      throw new WardenError('unavailable', `Could not keep ${upload.fileName} for import: ${(error as Error).message}`);
    }
    return upload;
  }

  /** Closes the temporary file once every announced byte has landed. */
  async complete(id: string): Promise<Upload> {
    const entry = this.entry(id);
    const { upload } = entry;
    if (upload.state !== 'receiving') throw new WardenError('invalid-input', `${upload.fileName} is already being imported.`);
    await entry.writes;
    if (upload.received !== upload.size) {
      throw new WardenError('invalid-input', `${upload.fileName}: only ${upload.received} of its ${upload.size} bytes arrived.`);
    }
    upload.state = 'complete';
    await entry.handle?.close();
    entry.handle = null;
    return upload;
  }

  isComplete(id: string): boolean {
    return this.entries.get(id)?.upload.state === 'complete';
  }

  /** Forgets an upload and deletes its temporary file. */
  async discard(id: string): Promise<boolean> {
    const entry = this.entries.get(id);
    if (!entry) return false;
    this.entries.delete(id);
    await entry.writes;
    await entry.handle?.close().catch(() => {});
    rmSync(entry.dir, { recursive: true, force: true });
    return true;
  }

  get open(): number {
    return this.entries.size;
  }

  private entry(id: string): Entry {
    const entry = this.entries.get(id);
    if (!entry) throw new WardenError('not-found', 'No such import in progress (it finished, was cancelled, or was idle too long).');
    return entry;
  }

  private async dropIdle(): Promise<void> {
    const cutoff = this.now() - this.idleMs;
    for (const [id, entry] of this.entries) if (entry.upload.state === 'receiving' && entry.touchedAt < cutoff) await this.discard(id);
  }
}

function freeBytes(dir: string): number | null {
  try {
    const stats = statfsSync(dir);
    return stats.bavail * stats.bsize;
  } catch {
    return null;
  }
}
