import type { z } from 'zod';
import type { Reply } from '../../shared/events';
import { parse, toAppError } from '../errors';
import type { Logger } from '../logger';
import type { Actor } from '../policies';
import type { TypedSocket } from './types';

/**
 * Wraps a socket request handler: parses the payload with its shared schema, runs the handler,
 * and answers the acknowledgement with `{ data }` or `{ error }`. A missing ack, a malformed
 * payload or a thrown error never escapes to crash the process.
 */
export function handle<S extends z.ZodType, R>(
  socket: TypedSocket,
  log: Logger,
  schema: S,
  fn: (input: z.infer<S>, actor: Actor) => Promise<R> | R,
) {
  return async (payload: unknown, ack?: unknown): Promise<void> => {
    const reply = (r: Reply<R>) => {
      if (typeof ack === 'function') (ack as (r: Reply<R>) => void)(r);
    };
    try {
      const input = parse(schema, payload, 'payload');
      reply({ data: await fn(input, socket.data.actor) });
    } catch (err) {
      const appError = toAppError(err);
      if (appError.code === 'internal') log.error({ err }, 'socket handler failed');
      reply({ error: appError.toBody() });
    }
  };
}
