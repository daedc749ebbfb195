import type { EventContract, EventName, EventPayload } from '../../../shared/ipc/channel.ts';

export type Emit<E extends EventContract> = <K extends EventName<E>>(event: K, payload: EventPayload<E, K>) => void;

/**
 * Main → renderer pushes go through here: each payload is checked against the events contract
 * (and stripped to it) before the transport sends it.
 */
export function createEmitter<E extends EventContract>(events: E, send: (event: string, payload: unknown) => void): Emit<E> {
  return (event, payload) => {
    const schema = events[event];
    if (!schema) throw new Error(`No event named ${event} in the events contract.`);
    send(event, schema.parse(payload));
  };
}
