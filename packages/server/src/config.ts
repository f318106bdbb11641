import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { z } from 'zod';

/**
 * The environment, parsed once into a typed Config. Everything configurable lives here and is
 * documented in docs/operations.md.
 */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /** PostgreSQL connection string; when absent the embedded SQLite database is used. */
  DATABASE_URL: z.string().optional(),
  FOREFRONT_DATA_DIR: z.string().default('./data'),
  /** Public base URL used in links sent by e-mail and printed at setup. */
  PUBLIC_URL: z.string().optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Forefront <no-reply@forefront.local>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Set to "false" only when TLS is terminated elsewhere and cookies travel over plain HTTP (development). */
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  /** argon2id memory cost in KiB; OWASP's minimum for argon2id is 19 MiB with t=2. */
  ARGON2_MEMORY_KIB: z.coerce.number().int().min(1024).default(19456),
  ARGON2_TIME_COST: z.coerce.number().int().min(1).default(2),
  NODE_ENV: z.string().default('production'),
  /**
   * Server processes sharing the port (Node's cluster module): a number, or "auto" for one per
   * CPU core. One process uses one core; docs/operations.md says when to raise it.
   */
  WORKERS: z.union([z.literal('auto'), z.coerce.number().int().min(1).max(64)]).default(1),
  /** Worker threads per server process that run jobs (imports, exports, publishing; modules/jobs). */
  /**
   * Requests per minute each client may make to the public API (/api/public), per process; 0 turns
   * the limit off (load benchmarks from one address). Clients are told apart by a salted hash of
   * their address, kept in memory only.
   */
  PUBLIC_RATE_LIMIT: z.coerce.number().int().min(0).default(600),
  JOB_THREADS: z.coerce.number().int().min(1).max(16).default(1),
});

export interface Config {
  port: number;
  host: string;
  database: { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string };
  dataDir: string;
  publicUrl: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  cookieSecure: 'auto' | boolean;
  argon2: { memoryCost: number; timeCost: number };
  /** Processes `forefront serve` runs (1: no cluster). */
  workers: number;
  /** Worker threads per process for jobs (JOB_THREADS). */
  jobThreads: number;
  /** Rate limits are per IP; tests raise them so one process can play many users. */
  rateLimit: { authPerMinute: number; publicPerMinute?: number };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${lines}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.FOREFRONT_DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL
      ? { dialect: 'postgres', url: e.DATABASE_URL }
      : { dialect: 'sqlite', file: resolve(dataDir, 'forefront.sqlite') },
    dataDir,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    logLevel: e.LOG_LEVEL,
    cookieSecure: e.COOKIE_SECURE === 'auto' ? 'auto' : e.COOKIE_SECURE === 'true',
    argon2: { memoryCost: e.ARGON2_MEMORY_KIB, timeCost: e.ARGON2_TIME_COST },
    workers: e.WORKERS === 'auto' ? availableParallelism() : e.WORKERS,
    jobThreads: e.JOB_THREADS,
    rateLimit: { authPerMinute: 20, publicPerMinute: e.PUBLIC_RATE_LIMIT },
    ...overrides,
  };
}
