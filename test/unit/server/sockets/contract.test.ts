/**
 * The socket handlers are typed by shared/events.ts: the compiler (run by `npm test` before the
 * tests) refuses a handler for an event the contract lacks, a reply of the wrong type, or a schema
 * that rejects payloads the contract allows. Each `@ts-expect-error` below fails the typecheck if
 * the check it documents stops working.
 */
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../../server/logger';
import { sharedHandler, socketModule } from '../../../../server/sockets/handle';

const log = createLogger('silent');
const Empty = z.object({}).strict();

describe('socket handlers are checked against the shared contract', () => {
  it('accepts a handler that matches the contract, and refuses three kinds of mismatch at compile time', () => {
    const ok = socketModule(() => ({ 'board:watch': sharedHandler(log, Empty, () => ({ watching: true as const })) }));
    // @ts-expect-error — no such client event in the contract
    socketModule(() => ({ 'board:shout': sharedHandler(log, Empty, () => ({ watching: true as const })) }));
    // @ts-expect-error — the contract answers board:watch with { watching: true }
    socketModule(() => ({ 'board:watch': sharedHandler(log, Empty, () => ({ watching: 'yes' })) }));
    // @ts-expect-error — the contract sends { id } to challenge:watch; this schema would refuse it
    socketModule(() => ({ 'challenge:watch': sharedHandler(log, z.object({ challengeId: z.string() }), () => ({ viewers: 1 })) }));
    expect(Object.keys(ok.listeners({}))).toEqual(['board:watch']);
  });
});
