import type { WardenBridge } from '../../shared/ipc/bridge.ts';

declare global {
  interface Window {
    readonly warden: WardenBridge;
  }
}
