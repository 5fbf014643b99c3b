import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { randomBytes } from 'node:crypto'
import { isIP } from 'node:net'
import { z } from 'zod'
import { parseEncryptionKey } from 'qonto-reconcile/core'

/** Parsed, validated environment. Secrets are kept out of `describeConfig`. */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** 0: a port the system picks (tests); the banner and the log say which. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** The interface the server listens on: this machine only unless said otherwise (0.0.0.0 publishes it). */
  HOST: z.string().min(1).default('127.0.0.1'),
  /**
   * The reverse proxies whose X-Forwarded-For / -Proto are believed (Express's "trust proxy"): none by
   * default. A number of hops, or addresses and subnets separated by commas (loopback, 10.0.0.0/8…).
   */
  TRUST_PROXY: z
    .string()
    .refine((text) => parseTrustProxy(text) !== null, 'TRUST_PROXY : un nombre de proxys, ou des adresses et sous-réseaux séparés par des virgules (loopback, 10.0.0.0/8…) ; « true » ferait croire n’importe quel X-Forwarded-For')
    .optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL doit commencer par postgresql://')
    .optional(),
  PGLITE_DIR: z.string().default('./.data/pglite'),
  SESSION_SECRET: z.string().optional(),
  ADMIN_EMAIL: z.email().default('maud@agence-glow.fr'),
  ADMIN_PASSWORD: z.string().min(8).default('demo-maud-2026'),
  /**
   * The panel's scripts: AdminJS's production builds, compressed and cached by the browser
   * (panel-assets.ts); `adminjs` leaves them to AdminJS (its 26 MB development builds unless
   * NODE_ENV=production, sent again at every page): for React's warnings while working on components.
   */
  PANEL_BUNDLES: z.enum(['production', 'adminjs']).default('production'),
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
  /** Minutes a client e-mail waits before it leaves (Dissocier within them cancels it); 0 sends at once. */
  EMAIL_GRACE_MINUTES: z.coerce.number().int().min(0).max(1440).optional(),
  /** 32 random bytes (base64 or hex) encrypting the Qonto connection stored from the panel. */
  QONTO_ENCRYPTION_KEY: z
    .string()
    .refine((text) => parseEncryptionKey(text) !== null, 'QONTO_ENCRYPTION_KEY : 32 octets en base64 ou en hexadécimal attendus (`openssl rand -base64 32`)')
    .optional(),
  /** Keys used before QONTO_ENCRYPTION_KEY (comma-separated), still read during a rotation until everything is re-sealed at start. */
  QONTO_PREVIOUS_ENCRYPTION_KEYS: z
    .string()
    .refine((text) => text.split(',').every((key) => parseEncryptionKey(key.trim()) !== null), 'QONTO_PREVIOUS_ENCRYPTION_KEYS : des clés de 32 octets (base64 ou hexadécimal) séparées par des virgules')
    .optional(),
  /** Where the development key is kept when QONTO_ENCRYPTION_KEY is not set (never in production). */
  QONTO_DEV_KEY_FILE: z.string().default('./.data/qonto-encryption.key'),
  /** The agency's Qonto OAuth app ("Connecter avec Qonto"); without it, only the API key is offered. */
  QONTO_OAUTH_CLIENT_ID: z.string().min(1).optional(),
  QONTO_OAUTH_CLIENT_SECRET: z.string().min(1).optional(),
  QONTO_OAUTH_REDIRECT_URI: z.url('QONTO_OAUTH_REDIRECT_URI : URL attendue, par exemple https://compta.agence.fr/qonto/oauth/callback').optional(),
  QONTO_OAUTH_ENVIRONMENT: z.enum(['sandbox', 'production']).optional(),
  /** Other Qonto hosts (a stand-in in tests): the OAuth server; the API is QONTO_API_BASE_URL. */
  QONTO_OAUTH_BASE_URL: z.url().optional(),
})

export type AppConfig = z.infer<typeof envSchema> & { isProduction: boolean; adminPasswordGiven: boolean; trustProxy: TrustProxy }

/** Express's "trust proxy": false (none), a hop count, or the addresses and subnets of the proxies. */
export type TrustProxy = false | number | string[]

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal'])

/** TRUST_PROXY as Express takes it; null when it is not one (never "true": every client would pick its own address). */
export function parseTrustProxy(text: string | undefined): TrustProxy | null {
  const value = (text ?? '').trim()
  if (value === '' || value === '0' || value === 'false') return false
  if (/^\d{1,2}$/.test(value)) return Number(value)
  const parts = value.split(',').map((part) => part.trim())
  const valid = (part: string) => {
    if (PROXY_NAMES.has(part)) return true
    const [address, bits, ...rest] = part.split('/')
    const version = isIP(address ?? '')
    if (version === 0 || rest.length > 0) return false
    return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128))
  }
  return parts.every(valid) ? parts : null
}

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
    trustProxy: parseTrustProxy(parsed.data.TRUST_PROXY) ?? false,
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

/**
 * The key of the stored Qonto connection: QONTO_ENCRYPTION_KEY; in development a key generated once
 * and kept in ./.data (so the demo works); in tests none unless given.
 */
export function encryptionKeyOf(config: AppConfig): string | undefined {
  if (config.QONTO_ENCRYPTION_KEY) return config.QONTO_ENCRYPTION_KEY
  if (config.NODE_ENV !== 'development') return undefined
  const file = config.QONTO_DEV_KEY_FILE
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  const key = randomBytes(32).toString('base64')
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, `${key}\n`, { mode: 0o600 })
  return key
}

/** Production start: the key is required whenever the panel's stored connection could be used (no QONTO_* credentials). */
export function assertProductionEncryptionKey(config: AppConfig, env: NodeJS.ProcessEnv = process.env): void {
  if (!config.isProduction || config.QONTO_ENCRYPTION_KEY) return
  if (env.QONTO_ACCESS_TOKEN || (env.QONTO_LOGIN && env.QONTO_SECRET_KEY)) return
  throw new ConfigError(
    'QONTO_ENCRYPTION_KEY est obligatoire en production pour la connexion Qonto enregistrée depuis le panneau : ' +
      '32 octets aléatoires (par exemple `openssl rand -base64 32`), à conserver (sans elle, la connexion est illisible).',
  )
}
