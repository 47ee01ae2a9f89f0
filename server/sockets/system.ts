import { z } from 'zod';
import type { AppContext } from '../context';
import { sharedHandler, socketModule } from './handle';

export const systemHandlers = socketModule((ctx: AppContext) => ({
  'system:ping': sharedHandler(ctx.log, z.object({}).strict(), () => ({ serverTime: new Date().toISOString() })),
}));
