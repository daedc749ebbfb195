import type { IpcError } from '../errors.ts';

/** What every IPC call resolves to: never a rejected promise, never a raw exception. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };
