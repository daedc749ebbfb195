// The preload runs sandboxed with context isolation: it can reach only `electron`'s renderer modules.
// It exposes exactly one frozen object, `window.warden`, and no Node or Electron object.
import { contextBridge, ipcRenderer } from 'electron';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../shared/ipc/bridge.ts';
import { createBridge } from './bridge.ts';

contextBridge.exposeInMainWorld(
  'warden',
  createBridge({
    invoke: (channel, input) => ipcRenderer.invoke(INVOKE_CHANNEL, channel, input),
    subscribe: (deliver) => {
      ipcRenderer.on(EVENT_CHANNEL, (_event, message: { event: string; payload: unknown }) => deliver(message.event, message.payload));
    },
  }),
);
