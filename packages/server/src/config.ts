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
  /**
   * The reverse proxies in front of Forefront, whose X-Forwarded-For / -Proto are believed: a hop
   * count ("1") or comma-separated addresses or CIDR ranges ("10.0.0.5,192.168.1.0/24"). Unset: none
   * are believed, and the client address is the TCP peer.
   */
  TRUST_PROXY: z
    .string()
    .trim()
    .regex(/^(|\d{1,2}|[0-9A-Fa-f:./]+(\s*,\s*[0-9A-Fa-f:./]+)*)$/, 'a hop count or comma-separated addresses')
    .optional(),
  WORKERS: z.union([z.literal('auto'), z.coerce.number().int().min(1).max(64)]).default(1),
  /**
   * Keys kept outside the database (src/keys/): each is 32 bytes in base64. Unset, each is read
   * from (or created 0600 on first use in) FOREFRONT_KEY_DIR, by default `<data dir>/keys`.
   */
  FOREFRONT_KEY_DIR: z.string().optional(),
  FOREFRONT_DATA_KEY: z.string().optional(),
  FOREFRONT_AUDIT_ANCHOR_KEY: z.string().optional(),
  /** Minutes between the signed audit anchors `forefront serve` writes; 0 turns them off. */
  AUDIT_ANCHOR_INTERVAL: z.coerce.number().int().min(0).max(525_600).default(60),
  AUDIT_ANCHOR_DIR: z.string().optional(),
  /**
   * Requests per minute each client may make to the public API (/api/public), per process; 0 turns
   * the limit off (load benchmarks from one address). Clients are told apart by a salted hash of
   * their address, kept in memory only.
   */
  PUBLIC_RATE_LIMIT: z.coerce.number().int().min(0).default(600),
  /** Worker threads per server process that run jobs (imports, exports, publishing; modules/jobs). */
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
  /** Where key files live, and keys given in the environment instead (src/keys/keys.ts). */
  keys: { dir: string; env: { data?: string; auditAnchor?: string } };
  /** Signed audit anchors written by `forefront serve` (modules/audit/audit.anchor.ts); every 0 minutes: off. */
  auditAnchor: { intervalMinutes: number; dir: string };
  /** Fastify's trustProxy: false, a hop count or the proxies' addresses (TRUST_PROXY). */
  trustProxy: false | number | string[];
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
    publicUrl: (e.PUBLIC_URL ?? localUrl(e.HOST, e.PORT)).replace(/\/$/, ''),
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    logLevel: e.LOG_LEVEL,
    cookieSecure: e.COOKIE_SECURE === 'auto' ? 'auto' : e.COOKIE_SECURE === 'true',
    argon2: { memoryCost: e.ARGON2_MEMORY_KIB, timeCost: e.ARGON2_TIME_COST },
    workers: e.WORKERS === 'auto' ? availableParallelism() : e.WORKERS,
    keys: {
      dir: resolve(e.FOREFRONT_KEY_DIR ?? resolve(dataDir, 'keys')),
      env: { data: e.FOREFRONT_DATA_KEY, auditAnchor: e.FOREFRONT_AUDIT_ANCHOR_KEY },
    },
    auditAnchor: {
      intervalMinutes: e.AUDIT_ANCHOR_INTERVAL,
      dir: resolve(e.AUDIT_ANCHOR_DIR ?? resolve(dataDir, 'anchors')),
    },
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    jobThreads: e.JOB_THREADS,
    rateLimit: { authPerMinute: 20, publicPerMinute: e.PUBLIC_RATE_LIMIT },
    ...overrides,
  };
}

/**
 * The address a person on this machine opens when no PUBLIC_URL is set: the configured host and
 * port, with a listen-everywhere host (0.0.0.0, ::) shown as localhost and an IPv6 address bracketed.
 */
export function localUrl(host: string, port: number): string {
  const h = host.trim();
  const shown = h === '' || h === '0.0.0.0' || h === '::' || h === '[::]' ? 'localhost' : h;
  return `http://${shown.includes(':') && !shown.startsWith('[') ? `[${shown}]` : shown}:${port}`;
}

function parseTrustProxy(value: string | undefined): Config['trustProxy'] {
  if (!value) return false;
  if (/^\d+$/.test(value)) return Number(value) === 0 ? false : Number(value);
  return value.split(',').map((a) => a.trim());
}
