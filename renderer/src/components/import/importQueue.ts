import { useSyncExternalStore } from 'react';
import { MAX_IMPORT_FILE_BYTES } from '../../../../shared/ipc/importLimits.ts';
import type { ImportSummary } from '../../../../shared/ipc/imports.ts';
import { invoke, on } from '../../ipc/client.ts';

export type ImportPhase = 'waiting' | 'uploading' | 'importing' | 'done' | 'failed';

export interface ImportItem {
  key: number;
  fileName: string;
  phase: ImportPhase;
  /** Bytes sent (uploading) or read by the importer (importing), of `total`. */
  done: number;
  total: number;
  records: number;
  summary: ImportSummary | null;
  error: string | null;
}

/**
 * Files being imported from the app, one after another. Kept outside React so an import goes on
 * (and its progress stays visible) when the user switches between the Audit and Sign-ins views.
 */
class ImportQueue {
  private items: ImportItem[] = [];
  private readonly files = new Map<number, File>();
  private readonly listeners = new Set<() => void>();
  private nextKey = 1;
  private running = false;

  readonly subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  readonly snapshot = () => this.items;

  add(files: readonly File[]): void {
    for (const file of files) {
      const key = this.nextKey++;
      this.files.set(key, file);
      this.items = [...this.items, { key, fileName: file.name, phase: 'waiting', done: 0, total: file.size, records: 0, summary: null, error: null }];
    }
    this.changed();
    void this.run();
  }

  /** Forgets the finished ones. */
  clearFinished(): void {
    this.items = this.items.filter((i) => i.phase !== 'done' && i.phase !== 'failed');
    this.changed();
  }

  private update(key: number, patch: Partial<ImportItem>): void {
    this.items = this.items.map((i) => (i.key === key ? { ...i, ...patch } : i));
    this.changed();
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  private async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (let next = this.items.find((i) => i.phase === 'waiting'); next; next = this.items.find((i) => i.phase === 'waiting')) {
        const { key } = next;
        const file = this.files.get(key)!;
        this.files.delete(key);
        try {
          const summary = await uploadAndImport(file, (patch) => this.update(key, patch));
          this.update(key, { phase: 'done', summary, done: file.size, total: file.size, records: summary.read });
        } catch (error) {
          this.update(key, { phase: 'failed', error: error instanceof Error ? error.message : String(error) });
        }
      }
    } finally {
      this.running = false;
    }
  }
}

/**
 * Sends a file's bytes to main in chunks (the sandboxed renderer has no paths to hand over), then
 * asks main to import it. Progress comes back as import.progress events.
 */
async function uploadAndImport(file: File, update: (patch: Partial<ImportItem>) => void): Promise<ImportSummary> {
  if (file.size === 0) throw new Error(`${file.name} is empty: there is nothing to import.`);
  if (file.size > MAX_IMPORT_FILE_BYTES) throw new Error(`${file.name} is larger than Warden imports from the app; use \`warden import\`.`);
  update({ phase: 'uploading', done: 0, total: file.size });
  const { uploadId, chunkBytes } = await invoke('import.begin', { fileName: file.name, size: file.size });
  const stop = on('import.progress', (p) => {
    if (p.uploadId === uploadId) update({ phase: p.phase, done: p.done, total: p.total, records: p.records });
  });
  let finishing = false;
  try {
    for (let offset = 0; offset < file.size; offset += chunkBytes) {
      const bytes = new Uint8Array(await file.slice(offset, offset + chunkBytes).arrayBuffer());
      await invoke('import.chunk', { uploadId, offset, bytes });
    }
    finishing = true;
    update({ phase: 'importing', done: 0, total: file.size });
    return await invoke('import.finish', { uploadId });
  } catch (error) {
    // Main deletes the temporary file itself once finishing started; before that, ask it to.
    if (!finishing) await invoke('import.cancel', { uploadId }).catch(() => undefined);
    throw error;
  } finally {
    stop();
  }
}

export const importQueue = new ImportQueue();

export function useImports(): ImportItem[] {
  return useSyncExternalStore(importQueue.subscribe, importQueue.snapshot);
}
