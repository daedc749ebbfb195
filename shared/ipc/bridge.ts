import type { IpcResult } from './result.ts';

/**
 * The only surface the renderer gets: `window.warden`. Untyped on purpose at this boundary;
 * the renderer's client narrows it from the contract, and main re-checks everything it receives.
 */
export interface WardenBridge {
  invoke(channel: string, input: unknown): Promise<IpcResult<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

/** Names of the two Electron IPC channels the bridge rides on. */
export const INVOKE_CHANNEL = 'warden:invoke';
export const EVENT_CHANNEL = 'warden:event';
