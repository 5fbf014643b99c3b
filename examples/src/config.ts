import { z } from 'zod'

/** Parsed, validated environment. Secrets are kept out of `describeConfig`. */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL doit commencer par postgresql://')
    .optional(),
  PGLITE_DIR: z.string().default('./.data/pglite'),
  SESSION_SECRET: z.string().optional(),
  ADMIN_EMAIL: z.email().default('maud@agence-glow.fr'),
  ADMIN_PASSWORD: z.string().min(8).default('demo-maud-2026'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOGIN_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(10),
  /** Minutes between two automatic Qonto syncs in the server; 0 turns it off. */
  QONTO_SYNC_INTERVAL: z.coerce.number().int().min(0).default(15),
  /** Public HTTPS URL of POST /api/webhooks/qonto: with OAuth, the product subscribes it at Qonto. */
  QONTO_WEBHOOK_PUBLIC_URL: z.url().optional(),
  /** Secrets of the Qonto webhook subscription, comma-separated during a rotation. */
  QONTO_WEBHOOK_SECRET: z.string().optional(),
  AUTO_RECONCILE: z.string().optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Agence Glow <compta@agence-glow.fr>'),
  TIME_ZONE: z.string().default('Europe/Paris'),
  FEC_JOURNAL_CODE: z.string().optional(),
  FEC_JOURNAL_LIB: z.string().optional(),
  FEC_BANK_ACCOUNT: z.string().optional(),
  FEC_CLIENT_ACCOUNT: z.string().optional(),
})

export type AppConfig = z.infer<typeof envSchema> & { isProduction: boolean; adminPasswordGiven: boolean }

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
    throw new ConfigError(`Configuration invalide :\n  ${lines.join('\n  ')}`)
  }
  const config = {
    ...parsed.data,
    isProduction: parsed.data.NODE_ENV === 'production',
    /** Whether ADMIN_PASSWORD was set explicitly (production never uses the demo default). */
    adminPasswordGiven: Boolean(env.ADMIN_PASSWORD),
  }
  if (config.isProduction) assertStrongSessionSecret(config.SESSION_SECRET)
  return config
}

function assertStrongSessionSecret(secret: string | undefined): void {
  if (!secret || secret.length < 32 || new Set(secret).size < 10) {
    throw new ConfigError(
      'SESSION_SECRET est obligatoire en production : au moins 32 caractères aléatoires ' +
        '(par exemple `openssl rand -hex 32`).',
    )
  }
}
