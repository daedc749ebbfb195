import type { z } from 'zod';
import { WardenError, type ErrorCode } from '../../../shared/errors.ts';
import type { ChannelName, Contract, ParsedInput } from '../../../shared/ipc/channel.ts';
import type { IpcResult } from '../../../shared/ipc/result.ts';
import { describeZodError } from '../zodMessages.ts';
import type { Logger } from '../log.ts';

/** What a handler may return: the output schema's input type, so the output parse can fill defaults. */
type HandlerOutput<C extends Contract, K extends ChannelName<C>> = z.input<C[K]['output']>;

export type Handlers<C extends Contract> = {
  [K in ChannelName<C>]: (input: ParsedInput<C, K>) => Promise<HandlerOutput<C, K>> | HandlerOutput<C, K>;
};

/** One incoming call, whatever the transport (Electron IPC or the test bridge). Everything in it is untrusted. */
export interface IncomingCall {
  channel: unknown;
  input: unknown;
  /** URL of the frame that sent the call, or null when the transport cannot tell. */
  senderUrl: string | null;
}

export interface DispatchOptions {
  /** Origins (scheme://host[:port]) whose frames may call; anything else is refused. */
  allowedOrigins: readonly string[];
  log: Logger;
}

export type Dispatch = (call: IncomingCall) => Promise<IpcResult<unknown>>;

/**
 * The single place where IPC calls are checked and routed. Electron's `ipcMain.handle` and the
 * end-to-end tests' `exposeBinding` both feed this function, so validation has one code path.
 * It never throws: every failure becomes `{ ok: false, error }`.
 */
export function createDispatch<C extends Contract>(contract: C, handlers: Handlers<C>, options: DispatchOptions): Dispatch {
  const allowed = new Set(options.allowedOrigins);
  return async function dispatch(call: IncomingCall): Promise<IpcResult<unknown>> {
    try {
      const origin = originOf(call.senderUrl);
      if (origin === null || !allowed.has(origin)) {
        options.log.warn('ipc call refused: foreign origin', { origin: origin ?? 'unknown' });
        return fail('forbidden-origin', `Calls are accepted only from Warden's own pages, not from ${origin ?? 'an unknown origin'}.`);
      }
      const name = call.channel;
      if (typeof name !== 'string' || !Object.hasOwn(contract, name)) {
        return fail('unknown-channel', `There is no channel named ${quote(name)}.`);
      }
      const spec = contract[name]!;
      const parsed = spec.input.safeParse(call.input);
      if (!parsed.success) {
        return fail('invalid-input', `${name}: ${describeZodError(parsed.error)}`);
      }
      const handler = handlers[name as ChannelName<C>] as (input: unknown) => unknown;
      const raw = await handler(parsed.data);
      // The output is parsed too: it strips anything not in the contract, so nothing leaks by accident.
      const output = spec.output.safeParse(raw);
      if (!output.success) {
        options.log.error('ipc handler returned a value outside its contract', { channel: name, problem: describeZodError(output.error) });
        return fail('internal', `${name} produced an answer Warden could not check; see the log.`);
      }
      return { ok: true, value: output.data };
    } catch (error) {
      if (error instanceof WardenError) return fail(error.code, error.message);
      options.log.error('ipc handler failed', { channel: quote(call.channel), error });
      return fail('internal', `${typeof call.channel === 'string' ? call.channel : 'The call'} failed unexpectedly; see the log.`);
    }
  };
}

function fail(code: ErrorCode, message: string): IpcResult<never> {
  return { ok: false, error: { code, message } };
}

/** `scheme://host[:port]`, also for custom schemes such as app:// (whose WHATWG `origin` is "null"). */
export function originOf(url: string | null): string | null {
  if (typeof url !== 'string') return null;
  try {
    const parsed = new URL(url);
    if (!parsed.host) return null;
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return null;
  }
}

function quote(value: unknown): string {
  if (typeof value !== 'string') return `(a ${value === null ? 'null' : typeof value}, not a name)`;
  const shown = value.length > 60 ? `${value.slice(0, 60)}…` : value;
  return JSON.stringify(shown);
}
