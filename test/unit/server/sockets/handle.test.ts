import { describe, expect, it } from 'vitest';
import { socketDispatcher, type SocketModule } from '../../../../server/sockets/handle';
import type { TypedSocket } from '../../../../server/sockets/types';

/** Modules with made-up event names: the dispatcher's mechanics do not depend on the contract (contract.test.ts checks that). */
const socketModule = <C>(listeners: (ctx: C) => Record<string, unknown>, connected?: (socket: TypedSocket, ctx: C) => void): SocketModule<C> => ({ listeners, connected });

/** Just what the dispatcher touches of a Socket.io socket: it records the listeners bound. */
function recordingSocket(id: string) {
  const any: ((...args: unknown[]) => void)[] = [];
  const on = new Map<string, ((...args: unknown[]) => void)[]>();
  const socket = {
    id,
    onAny: (fn: (...args: unknown[]) => void) => any.push(fn),
    on: (event: string, fn: (...args: unknown[]) => void) => on.set(event, [...(on.get(event) ?? []), fn]),
  };
  return {
    socket: socket as unknown as TypedSocket,
    any,
    on,
    emit: (event: unknown, ...args: unknown[]) => any.forEach((fn) => fn.call(socket, event, ...args)),
    disconnect: (reason: string) => on.get('disconnect')?.forEach((fn) => fn.call(socket, reason)),
  };
}

describe('socketDispatcher', () => {
  it('binds two listeners per socket and routes each event to its module with the socket as this', () => {
    const calls: string[] = [];
    const a = socketModule(() => ({
      'a:one'(this: TypedSocket, payload: unknown) {
        calls.push(`${this.id} a:one ${JSON.stringify(payload)}`);
      },
      disconnect(this: TypedSocket, reason: unknown) {
        calls.push(`${this.id} a gone ${String(reason)}`);
      },
    }));
    const b = socketModule(
      () => ({
        'b:two'(this: TypedSocket) {
          calls.push(`${this.id} b:two`);
        },
        disconnect(this: TypedSocket) {
          calls.push(`${this.id} b gone`);
        },
      }),
      (socket) => calls.push(`${socket.id} connected`),
    );
    const bind = socketDispatcher({}, [a, b]);
    const s1 = recordingSocket('s1');
    const s2 = recordingSocket('s2');
    bind(s1.socket);
    bind(s2.socket);
    expect(s1.any).toHaveLength(1);
    expect([...s1.on.keys()]).toEqual(['disconnect']);
    expect(s1.any[0]).toBe(s2.any[0]); // one function for every socket

    s1.emit('a:one', { x: 1 });
    s2.emit('b:two');
    s1.emit('nobody:listens', 1);
    s1.emit(42);
    s1.disconnect('transport close');
    expect(calls).toEqual(['s1 connected', 's2 connected', 's1 a:one {"x":1}', 's2 b:two', 's1 a gone transport close', 's1 b gone']);
  });

  it('answers an unknown event that carries an acknowledgement with unknown_event, and only then', () => {
    const bind = socketDispatcher({}, [socketModule(() => ({ 'a:one'() {} }))]);
    const s = recordingSocket('s1');
    bind(s.socket);
    const replies: unknown[] = [];
    s.emit('nobody:listens', { x: 1 }, (r: unknown) => replies.push(r));
    s.emit(42, (r: unknown) => replies.push(r));
    s.emit('nobody:listens', { x: 1 }); // no ack: nothing to answer
    s.emit('a:one', (r: unknown) => replies.push(r)); // known: the handler owns the ack
    expect(replies).toEqual([
      { error: { code: 'not_found', message: 'Unknown event', details: [{ path: ['event'], code: 'unknown_event', message: 'nobody:listens' }] } },
      { error: { code: 'not_found', message: 'Unknown event', details: [{ path: ['event'], code: 'unknown_event', message: '42' }] } },
    ]);
  });

  it('refuses an event bound by two modules when the server starts', () => {
    const one = socketModule(() => ({ 'x:same'() {} }));
    const two = socketModule(() => ({ 'x:same'() {} }));
    expect(() => socketDispatcher({}, [one, two])).toThrow(/x:same/);
  });

  it('runs every clean-up when one throws, and reports the error instead of throwing', () => {
    const ran: string[] = [];
    const errors: unknown[] = [];
    const boom = socketModule(() => ({
      disconnect() {
        throw new Error('boom');
      },
    }));
    const after = socketModule(() => ({
      disconnect(this: TypedSocket) {
        ran.push(this.id);
      },
    }));
    const s = recordingSocket('s9');
    socketDispatcher({}, [boom, after], (err) => errors.push(err))(s.socket);
    expect(() => s.disconnect('ping timeout')).not.toThrow();
    expect(ran).toEqual(['s9']);
    expect(errors).toEqual([expect.objectContaining({ message: 'boom' })]);
  });
});
