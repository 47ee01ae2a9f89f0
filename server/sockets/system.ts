import { z } from 'zod';
import type { AppContext } from '../context';
import { handle } from './handle';
import type { TypedSocket } from './types';

export function registerSystemHandlers(socket: TypedSocket, ctx: AppContext): void {
  socket.on('system:ping', handle(socket, ctx.log, z.object({}).strict(), () => ({ serverTime: new Date().toISOString() })));
}
