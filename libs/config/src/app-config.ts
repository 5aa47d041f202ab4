import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { z } from 'zod';

const onOff = z.enum(['on', 'off']);

/** Every environment variable the service reads; `config/.env.example` documents each one. */
const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HOST: z.string().min(1).default('0.0.0.0'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    PUBLIC_URL: z.url().optional(),
    SQLITE_PATH: z.string().min(1).default('data/scheduler.sqlite'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
      .default('redis://127.0.0.1:6379'),
    DEMO_DATA: onOff.default('on'),
    PROCESS_ROLE: z.enum(['all', 'api', 'worker']).default('all'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    BODY_LIMIT_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(50 * 1024 * 1024)
      .default(1024 * 1024),
    TRUST_PROXY: onOff.default('off'),
    AUTH_SECRET: z.string().min(32, 'must be at least 32 characters (e.g. `openssl rand -base64 48`)').optional(),
    AUTH_ACCESS_TOKEN_MINUTES: z.coerce.number().int().min(1).max(60).default(15),
    AUTH_REFRESH_TOKEN_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    CORS_ORIGINS: z
      .string()
      .default('')
      .refine((value) => value.split(',').every((origin) => origin.trim() === '' || /^https?:\/\/[^/\s]+$/.test(origin.trim())), {
        message: 'must be a comma-separated list of origins such as https://scheduler.example.edu.cn (scheme and host, no path)',
      }),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example.edu.cn:587')
      .optional(),
    MAIL_FROM: z.string().min(3).default('East-West Scheduler <reminders@localhost>'),
    WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
    QUEUE_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only')
      .default('bull'),
    // Jobs in flight per queue. Deliveries wait on SMTP and webhooks, and the jobs in flight together
    // share one transaction (group commit): wide is cheap, and a burst of reminders needs it.
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(400),
    JOB_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
    JOB_BACKOFF_MS: z.coerce.number().int().min(10).max(3_600_000).default(2000),
    JOB_LOCK_MS: z.coerce.number().int().min(500).max(600_000).default(30_000),
    DELIVERY_LEASE_MS: z.coerce.number().int().min(500).max(3_600_000).default(60_000),
    OUTBOX_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(500),
    SWEEP_INTERVAL_MS: z.coerce.number().int().min(100).max(86_400_000).default(300_000),
  })
  .refine((env) => env.AUTH_SECRET !== undefined || env.NODE_ENV !== 'production', {
    path: ['AUTH_SECRET'],
    message: 'is required in production: the key that signs access tokens (at least 32 characters)',
  })
  .refine((env) => env.DATABASE_URL !== undefined || env.PROCESS_ROLE === 'all', {
    path: ['PROCESS_ROLE'],
    message:
      'must be "all" on SQLite (api and worker share one SQLite connection, so they run in one process); set DATABASE_URL to run them separately',
  });

export type DatabaseConfig = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

export interface AuthConfig {
  /** HMAC key for access tokens. Never logged. */
  secret: string;
  /** True when AUTH_SECRET was unset and a random key was made for this process (dev, test, demo). */
  secretGenerated: boolean;
  accessTokenMinutes: number;
  refreshTokenDays: number;
}

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  publicUrl: string;
  database: DatabaseConfig;
  redisUrl: string;
  demoData: boolean;
  processRole: 'all' | 'api' | 'worker';
  logLevel: string;
  bodyLimitBytes: number;
  auth: AuthConfig;
  /** Browser origins allowed to call the API cross-origin; empty = same origin only. */
  corsOrigins: string[];
  /** Behind a reverse proxy: take the client address from X-Forwarded-For (sign-in limits count per address). */
  trustProxy: boolean;
  jobs: JobsConfig;
  mail: MailConfig;
}

/** The worker: BullMQ queues, retries, the outbox relay and the sweep. */
export interface JobsConfig {
  /** Redis key prefix of every queue (tests use their own). */
  queuePrefix: string;
  concurrency: number;
  /** Tries per job, with exponential backoff from `backoffMs`. */
  attempts: number;
  backoffMs: number;
  /** A job whose worker stops renewing this lock (killed) is retried after about this long. */
  lockMs: number;
  /** How long one attempt holds a delivery; longer than any channel's own timeout. */
  deliveryLeaseMs: number;
  outboxPollMs: number;
  sweepIntervalMs: number;
}

export interface MailConfig {
  /** Null: no email channel (messages fall back to the person's next channel). */
  smtpUrl: string | null;
  from: string;
  /** Signs webhook bodies (HMAC-SHA256) for people without their own webhook secret. */
  webhookSecret: string | null;
}

// Values of these variables never appear in an error message.
const SECRET_VARIABLES = new Set(['AUTH_SECRET', 'SMTP_URL', 'WEBHOOK_SECRET']);

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * The process's environment with the variables of `.env` in the working directory when there is such
 * a file (config/.env.example says what it may hold), as a copy; a variable already set wins over the file.
 */
export function environmentWithDotEnv(path = '.env', env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return existsSync(path) ? { ...parseEnv(readFileSync(path, 'utf8')), ...env } : env;
}

/** Reads and validates the environment; throws a ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = environmentWithDotEnv()): AppConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const variable = issue.path.join('.') || '(environment)';
      const value = typeof issue.path[0] === 'string' ? env[issue.path[0]] : undefined;
      const shown = value === undefined || SECRET_VARIABLES.has(variable) ? '' : ` (got "${value}")`;
      return `  ${variable}${shown}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid configuration, fix these environment variables:\n${lines.join('\n')}`);
  }
  const v = parsed.data;
  return {
    env: v.NODE_ENV,
    host: v.HOST,
    port: v.PORT,
    publicUrl: (v.PUBLIC_URL ?? `http://localhost:${v.PORT}`).replace(/\/$/, ''),
    database: v.DATABASE_URL ? { kind: 'postgres', url: v.DATABASE_URL } : { kind: 'sqlite', path: v.SQLITE_PATH },
    redisUrl: v.REDIS_URL,
    demoData: v.DEMO_DATA === 'on',
    processRole: v.PROCESS_ROLE,
    logLevel: v.LOG_LEVEL,
    bodyLimitBytes: v.BODY_LIMIT_BYTES,
    auth: {
      secret: v.AUTH_SECRET ?? randomBytes(48).toString('base64url'),
      secretGenerated: v.AUTH_SECRET === undefined,
      accessTokenMinutes: v.AUTH_ACCESS_TOKEN_MINUTES,
      refreshTokenDays: v.AUTH_REFRESH_TOKEN_DAYS,
    },
    trustProxy: v.TRUST_PROXY === 'on',
    corsOrigins: v.CORS_ORIGINS.split(',')
      .map((origin) => origin.trim())
      .filter((origin) => origin !== ''),
    jobs: {
      queuePrefix: v.QUEUE_PREFIX,
      concurrency: v.WORKER_CONCURRENCY,
      attempts: v.JOB_ATTEMPTS,
      backoffMs: v.JOB_BACKOFF_MS,
      lockMs: v.JOB_LOCK_MS,
      deliveryLeaseMs: v.DELIVERY_LEASE_MS,
      outboxPollMs: v.OUTBOX_POLL_MS,
      sweepIntervalMs: v.SWEEP_INTERVAL_MS,
    },
    mail: { smtpUrl: v.SMTP_URL ?? null, from: v.MAIL_FROM, webhookSecret: v.WEBHOOK_SECRET ?? null },
  };
}

/** Processes run in UTC: no instant may depend on the host's zone (Node honours TZ set at run time). */
export function pinProcessToUtc(): void {
  process.env.TZ = 'UTC';
}
