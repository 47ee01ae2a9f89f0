import path from 'node:path';
import { z } from 'zod';

/**
 * Configuration read from the environment once at boot. Every variable is validated here so a
 * typo fails the start with a message naming the variable, instead of misbehaving later.
 */
const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** When set, the server uses this MongoDB; otherwise it starts an embedded FerretDB. */
  MONGODB_URI: z.string().url().optional(),
  /** Folder for the embedded database's files. */
  DATA_DIR: z.string().default('data'),
  /** Path to a ferretdb binary; by default it is built into .tools/ with Go. */
  FERRETDB_BIN: z.string().optional(),
  /** Optional Redis for the Socket.io adapter when several processes serve one site. */
  REDIS_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_TTL_DAYS: z.coerce.number().positive().max(365).default(14),
  /** Mark cookies Secure (set to true behind HTTPS). */
  COOKIE_SECURE: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  /** `auto` seeds demo data into an empty database; `off` never does. */
  SEED: z.enum(['auto', 'off']).default('auto'),
  /**
   * Other origins whose pages may call the API and open sockets and documents with the session
   * cookie (comma-separated, e.g. `https://yinzhi.example`); the server's own host is always allowed.
   */
  ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((o) => o.trim()).filter(Boolean))
    .pipe(z.array(z.string().url())),
  /** Where the built client lives; served when it exists. */
  CLIENT_DIST: z.string().default('dist/client'),
});

export type Env = z.infer<typeof EnvSchema>;

/** Parses `source` (default `process.env`); throws one readable error listing every bad variable. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  return { ...env, DATA_DIR: path.resolve(env.DATA_DIR), CLIENT_DIST: path.resolve(env.CLIENT_DIST) };
}
