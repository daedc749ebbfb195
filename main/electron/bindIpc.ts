import type { IpcMain, WebContents } from 'electron';
import type { Contract, EventContract } from '../../shared/ipc/channel.ts';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../shared/ipc/bridge.ts';
import { createDispatch, type DispatchOptions, type Handlers } from '../core/ipc/dispatch.ts';
import { createEmitter, type Emit } from '../core/ipc/emitter.ts';

/**
 * Binds the contract to Electron IPC. All calls ride one Electron channel and go through the shared
 * dispatch, which checks the sender's origin, parses the input and wraps the answer.
 */
export function bindIpc<C extends Contract>(ipcMain: IpcMain, contract: C, handlers: Handlers<C>, options: DispatchOptions): void {
  const dispatch = createDispatch(contract, handlers, options);
  ipcMain.handle(INVOKE_CHANNEL, (event, channel: unknown, input: unknown) => dispatch({ channel, input, senderUrl: event.senderFrame?.url ?? null }));
}

/** Events to one window's renderer; dropped quietly when the window is gone. */
export function bindEvents<E extends EventContract>(events: E, target: () => WebContents | null): Emit<E> {
  return createEmitter(events, (event, payload) => {
    const contents = target();
    if (contents && !contents.isDestroyed()) contents.send(EVENT_CHANNEL, { event, payload });
  });
}
