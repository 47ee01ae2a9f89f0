import type { z } from 'zod';
import type { Reply } from '../../shared/events';
import { parse, toAppError } from '../errors';
import type { Logger } from '../logger';
import type { Actor } from '../policies';
import type { TypedSocket } from './types';

type Fn<S extends z.ZodType, R> = (input: z.infer<S>, actor: Actor, socket: TypedSocket) => Promise<R> | R;

async function run<S extends z.ZodType, R>(socket: TypedSocket, log: Logger, schema: S, fn: Fn<S, R>, payload: unknown, ack: unknown) {
  const reply = (r: Reply<R>) => {
    if (typeof ack === 'function') (ack as (r: Reply<R>) => void)(r);
  };
  try {
    const input = parse(schema, payload, 'payload');
    reply({ data: await fn(input, socket.data.actor, socket) });
  } catch (err) {
    const appError = toAppError(err);
    if (appError.code === 'internal') log.error({ err }, 'socket handler failed');
    reply({ error: appError.toBody() });
  }
}

/**
 * Wraps a socket request handler: parses the payload with its shared schema, runs the handler,
 * and answers the acknowledgement with `{ data }` or `{ error }`. A missing ack, a malformed
 * payload or a thrown error never escapes to crash the process.
 */
export function handle<S extends z.ZodType, R>(socket: TypedSocket, log: Logger, schema: S, fn: Fn<S, R>) {
  return (payload: unknown, ack?: unknown): Promise<void> => run(socket, log, schema, fn, payload, ack);
}

/**
 * The same, built once per server instead of once per socket: Socket.io calls listeners with
 * `this` bound to the socket, so one function serves every connection and an idle socket
 * carries no per-event closures (what keeps a board client's heap small).
 */
export function sharedHandler<S extends z.ZodType, R>(log: Logger, schema: S, fn: Fn<S, R>) {
  return function (this: TypedSocket, payload: unknown, ack?: unknown): Promise<void> {
    return run(this, log, schema, fn, payload, ack);
  };
}

/** Builds a module's handlers once per server context and binds them to each new socket. */
export function socketModule<C extends object>(build: (ctx: C) => Record<string, (this: TypedSocket, ...args: never[]) => unknown>) {
  const cache = new WeakMap<C, Record<string, (this: TypedSocket, ...args: never[]) => unknown>>();
  return (socket: TypedSocket, ctx: C): void => {
    let handlers = cache.get(ctx);
    if (!handlers) cache.set(ctx, (handlers = build(ctx)));
    const on = socket.on.bind(socket) as unknown as (event: string, fn: (...args: never[]) => unknown) => void;
    for (const [event, fn] of Object.entries(handlers)) on(event, fn);
  };
}
