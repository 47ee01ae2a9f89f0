import type { z } from 'zod';
import type { Ack, ClientToServerEvents, Reply } from '../../shared/events';
import { AppError, parse, toAppError } from '../errors';
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
 * Wraps a socket request handler, built once per server: parses the payload with its shared
 * schema, runs the handler with `this` (the socket) and its actor, and answers the
 * acknowledgement with `{ data }` or `{ error }`. A missing ack, a malformed payload or a thrown
 * error never escapes to crash the process. One function serves every connection, so an idle
 * socket carries no per-event closures.
 */
export function sharedHandler<S extends z.ZodType, R>(log: Logger, schema: S, fn: Fn<S, R>): RequestListener<z.input<S>, R> {
  return function (this: TypedSocket, payload: unknown, ack?: unknown): Promise<void> {
    return run(this, log, schema, fn, payload, ack);
  };
}

/**
 * A built request listener, carrying (as types only) the payload its schema accepts and the
 * result its acknowledgement carries, so a module's table can be checked against the contract.
 */
export type RequestListener<P, R> = ((this: TypedSocket, payload: unknown, ack?: unknown) => Promise<void>) & {
  readonly __accepts?: (payload: P) => void;
  readonly __answers?: R;
};

export type ClientEvent = keyof ClientToServerEvents;
type PayloadOf<E extends ClientEvent> = Parameters<ClientToServerEvents[E]>[0];
/** The acknowledgement's data of a request event; events without an acknowledgement answer nothing the client reads. */
type ResultOf<E extends ClientEvent> = Parameters<ClientToServerEvents[E]> extends [unknown, Ack<infer R>] ? R : unknown;

/**
 * What a handler module may bind, checked against the shared contract by the compiler: each key
 * is a client event whose listener's schema accepts every payload the contract allows and whose
 * reply is the contract's result type, or `disconnect`; any other key is an error.
 */
export type CheckedListeners<T> = {
  [E in keyof T]: E extends 'disconnect' ? (this: TypedSocket, reason: string) => void : E extends ClientEvent ? RequestListener<PayloadOf<E>, ResultOf<E>> : never;
};

type Listener = (this: TypedSocket, ...args: never[]) => unknown;

const unknownEvent = (event: unknown) =>
  new AppError('not_found', 'Unknown event', { details: [{ path: ['event'], code: 'unknown_event', message: String(event).slice(0, 100) }] });

/**
 * A handler module: builds, once per server, the listeners of the events it owns (`disconnect`
 * included) and optionally does per-socket work when a socket connects.
 */
export interface SocketModule<C, K extends string = string> {
  listeners(ctx: C): { [E in K]: unknown };
  connected?(socket: TypedSocket, ctx: C): void;
}

export const socketModule = <C, T extends Record<string, unknown>>(
  listeners: (ctx: C) => T & CheckedListeners<T>,
  connected?: (socket: TypedSocket, ctx: C) => void,
): SocketModule<C, Extract<keyof T, string>> => ({ listeners, connected });

/** The client events a module binds (its `disconnect` clean-up aside). */
export type EventsOf<M> = M extends SocketModule<never, infer K> ? Exclude<K, 'disconnect'> : never;

/**
 * Merges the modules' listeners into one table per server and returns what binds a new socket:
 * a single `onAny` listener that dispatches by event name (`this` is the socket) and a single
 * `disconnect` listener. A socket thus carries two listeners rather than one per event — the
 * event table of an idle board client was a sizeable share of its heap. Unknown events are
 * answered with a `not_found` / `unknown_event` error when they carry an acknowledgement (else
 * ignored); an event bound by two modules is a programming error caught at boot. A throwing
 * clean-up is reported to `onError` and the others still run.
 */
export function socketDispatcher<C>(ctx: C, modules: SocketModule<C>[], onError: (err: unknown) => void = () => {}): (socket: TypedSocket) => void {
  const table = new Map<string, Listener>();
  const onDisconnect: Listener[] = [];
  for (const m of modules) {
    for (const [event, fn] of Object.entries(m.listeners(ctx)) as [string, Listener][]) {
      if (event === 'disconnect') onDisconnect.push(fn);
      else if (table.has(event)) throw new Error(`socket event "${event}" is bound by two modules`);
      else table.set(event, fn);
    }
  }
  const connected = modules.flatMap((m) => (m.connected ? [m.connected] : []));
  function dispatch(this: TypedSocket, event: unknown, ...args: unknown[]): void {
    const fn = typeof event === 'string' ? table.get(event) : undefined;
    if (fn) return void (fn as (this: TypedSocket, ...a: unknown[]) => unknown).apply(this, args);
    // an unknown event that asks for an answer gets one, rather than a client waiting for its timeout
    const ack = args.at(-1);
    if (typeof ack === 'function') (ack as (r: Reply<never>) => void)({ error: unknownEvent(event).toBody() });
  }
  // each module's clean-up runs even if another's throws, and a throw never reaches Socket.io
  function disconnected(this: TypedSocket, ...args: unknown[]): void {
    for (const fn of onDisconnect) {
      try {
        (fn as (this: TypedSocket, ...a: unknown[]) => unknown).apply(this, args);
      } catch (err) {
        onError(err);
      }
    }
  }
  return (socket) => {
    socket.onAny(dispatch);
    socket.on('disconnect', disconnected);
    for (const fn of connected) fn(socket, ctx);
  };
}
