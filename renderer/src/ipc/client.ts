import type { IpcError } from '../../../shared/errors.ts';
import type { ChannelInput, ChannelName, ChannelOutput, EventName, EventPayload } from '../../../shared/ipc/channel.ts';
import type { WardenContract } from '../../../shared/ipc/contract.ts';
import type { WardenEvents } from '../../../shared/ipc/events.ts';
import type { IpcResult } from '../../../shared/ipc/result.ts';

/** A failed call, with the code main gave it. */
export class IpcCallError extends Error {
  readonly code: IpcError['code'];
  constructor(error: IpcError) {
    super(error.message);
    this.name = 'IpcCallError';
    this.code = error.code;
  }
}

type Channel = ChannelName<WardenContract>;

/** Calls main. Input and output types come from the contract, so a renamed field fails to compile here. */
export async function invoke<K extends Channel>(channel: K, input: ChannelInput<WardenContract, K>): Promise<ChannelOutput<WardenContract, K>> {
  const result = (await window.warden.invoke(channel, input)) as IpcResult<ChannelOutput<WardenContract, K>>;
  if (!result.ok) throw new IpcCallError(result.error);
  return result.value;
}

/** Listens to a main → renderer event; returns the unsubscribe function. */
export function on<K extends EventName<WardenEvents>>(event: K, listener: (payload: EventPayload<WardenEvents, K>) => void): () => void {
  return window.warden.on(event, (payload) => listener(payload as EventPayload<WardenEvents, K>));
}
