// Configuration: parsed once at start-up from the environment and the command line.
// Code reads the returned object, never process.env. A bad value stops the program with a
// message that says how to fix it.
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_PAYMENT_PROVIDER, isPaymentProviderId, paymentProviderChoices, type PaymentProviderId } from './payments/provider.js';

const booleanFlag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no'])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const envSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must look like postgres://user:password@host:5432/database')
    .optional(),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  ZHIPING_MASTER_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters (32 bytes), e.g. from `openssl rand -hex 32`')
    .optional(),
  ZHIPING_DEMO: booleanFlag.optional(),
  STORAGE: z.enum(['local', 's3']).default('local'),
  S3_ENDPOINT: z.string().url().optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_BUCKET: z.string().optional(),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: booleanFlag.default(true),
  TRUST_PROXY: booleanFlag.default(false),
  COOKIE_SECURE: z.enum(['auto', 'always', 'never']).default('auto'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Checked against the known providers below, with a Chinese message. */
  PAYMENT_PROVIDER: z.string().default(DEFAULT_PAYMENT_PROVIDER),
});

export interface Config {
  host: string;
  port: number;
  dataDir: string;
  /** External PostgreSQL; when absent Zhiping starts its embedded PostgreSQL in dataDir/pg. */
  databaseUrl: string | null;
  embeddedPgPort: number;
  /** 32-byte master key; null in demo mode until generated into dataDir. */
  masterKeyHex: string | null;
  demo: boolean;
  storage:
    | { kind: 'local'; dir: string }
    | { kind: 's3'; endpoint: string; region: string; bucket: string; accessKeyId: string; secretAccessKey: string; forcePathStyle: boolean };
  trustProxy: boolean;
  cookieSecure: 'auto' | 'always' | 'never';
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  /** How applicants pay the evaluation fee (src/server/payments/provider.ts). */
  paymentProvider: PaymentProviderId;
}

export class ConfigError extends Error {}

/** `needsMasterKey: false` for operator commands that never touch encrypted fields (backup, restore). */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  argv: string[] = process.argv.slice(2),
  options: { needsMasterKey?: boolean } = {},
): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}\nSee README.md, section "Configuration".`);
  }
  const e = parsed.data;
  const demo = argv.includes('--demo') || e.ZHIPING_DEMO === true;
  const dataDir = path.resolve(e.DATA_DIR);

  if (!demo && !e.ZHIPING_MASTER_KEY && options.needsMasterKey !== false) {
    throw new ConfigError(
      'ZHIPING_MASTER_KEY is required outside demo mode: it encrypts ID and phone numbers at rest.\n' +
        'Generate one with `openssl rand -hex 32`, keep it in your secret store, and set it in the environment.\n' +
        'For a demonstration instead, run `npm start` (demo mode generates a key into DATA_DIR).',
    );
  }

  if (!isPaymentProviderId(e.PAYMENT_PROVIDER)) {
    throw new ConfigError(
      `PAYMENT_PROVIDER=${JSON.stringify(e.PAYMENT_PROVIDER)} 不是可用的缴费方式。可用的值：${paymentProviderChoices()}。\n` +
        '请改为其中之一，或删除该环境变量以使用默认值，然后重新启动。见 README.md 的 "Configuration" 一节。',
    );
  }

  let storage: Config['storage'] = { kind: 'local', dir: path.join(dataDir, 'files') };
  if (e.STORAGE === 's3') {
    const missing = (['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const).filter((k) => !e[k]);
    if (missing.length > 0) throw new ConfigError(`STORAGE=s3 needs ${missing.join(', ')}. See README.md, section "Configuration".`);
    storage = {
      kind: 's3',
      endpoint: e.S3_ENDPOINT!,
      region: e.S3_REGION,
      bucket: e.S3_BUCKET!,
      accessKeyId: e.S3_ACCESS_KEY_ID!,
      secretAccessKey: e.S3_SECRET_ACCESS_KEY!,
      forcePathStyle: e.S3_FORCE_PATH_STYLE,
    };
  }

  return {
    host: e.HOST,
    port: e.PORT,
    dataDir,
    databaseUrl: e.DATABASE_URL ?? null,
    embeddedPgPort: e.EMBEDDED_PG_PORT,
    masterKeyHex: e.ZHIPING_MASTER_KEY ?? null,
    demo,
    storage,
    trustProxy: e.TRUST_PROXY,
    cookieSecure: e.COOKIE_SECURE,
    logLevel: e.LOG_LEVEL,
    paymentProvider: e.PAYMENT_PROVIDER,
  };
}
