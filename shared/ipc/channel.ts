import type { z } from 'zod';

/** One request/response channel: its input is parsed in main, its output is parsed before it leaves main. */
export interface ChannelSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
}

export type Contract = Readonly<Record<string, ChannelSpec>>;

export function channel<I extends z.ZodType, O extends z.ZodType>(input: I, output: O): ChannelSpec<I, O> {
  return { input, output };
}

export type ChannelName<C extends Contract> = keyof C & string;
/** What a caller passes (before parsing). */
export type ChannelInput<C extends Contract, K extends ChannelName<C>> = z.input<C[K]['input']>;
/** What a handler receives (after parsing). */
export type ParsedInput<C extends Contract, K extends ChannelName<C>> = z.output<C[K]['input']>;
/** What a caller receives. */
export type ChannelOutput<C extends Contract, K extends ChannelName<C>> = z.output<C[K]['output']>;

/** Main → renderer pushes: each event has one payload schema. */
export type EventContract = Readonly<Record<string, z.ZodType>>;
export type EventName<E extends EventContract> = keyof E & string;
export type EventPayload<E extends EventContract, K extends EventName<E>> = z.output<E[K]>;
