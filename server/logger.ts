import { pino, type Logger } from 'pino';

/** One structured JSON logger for the process; children carry a `component` field. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { app: 'yinzhi' }, redact: ['req.headers.cookie', 'password'] });
}

export type { Logger };
