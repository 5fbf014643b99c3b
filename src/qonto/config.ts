import { z } from 'zod'
import { QontoConfigError } from './errors.js'

export const QONTO_PRODUCTION_URL = 'https://thirdparty.qonto.com'

export type QontoAuth =
  | { kind: 'api-key'; login: string; secretKey: string }
  | { kind: 'oauth'; accessToken: string }
  | { kind: 'oauth-managed'; tokens: AccessTokenProvider }

/** OAuth tokens of the stored connection, refreshed as needed (src/feed/qonto-access.service.ts). */
export interface AccessTokenProvider {
  /** A valid access token (refreshed shortly before expiry); throws QontoAuthError when the connection is lost. */
  current(): Promise<string>
  /** Qonto answered 401 to `rejected`: returns a refreshed token to retry once with, or throws QontoAuthError. */
  afterUnauthorized(rejected: string): Promise<string>
}
export type BankAccountSelector = { bankAccountId: string } | { iban: string }

export interface QontoSettings {
  baseUrl: string
  auth: QontoAuth
  /** One account (QONTO_BANK_ACCOUNT_ID/QONTO_IBAN) takes precedence; without it, the accounts chosen in the panel are synced. */
  account?: BankAccountSelector
  stagingToken?: string
  /** Called when Qonto answers 401 (after the one refresh for OAuth): the stored connection is marked lost. */
  onCredentialsRefused?: () => Promise<unknown>
  /**
   * Checked before every request (retries included): throws a QontoAuthError when the credentials
   * the client was built from may no longer be used (a stored connection disconnected or replaced,
   * in this process or another one). Nothing is sent then.
   */
  beforeRequest?: () => Promise<void>
}

const envSchema = z.object({
  QONTO_API_BASE_URL: z.url().default(QONTO_PRODUCTION_URL),
  QONTO_LOGIN: z.string().min(1).optional(),
  QONTO_SECRET_KEY: z.string().min(1).optional(),
  QONTO_ACCESS_TOKEN: z.string().min(1).optional(),
  QONTO_BANK_ACCOUNT_ID: z.string().min(1).optional(),
  QONTO_IBAN: z.string().min(1).optional(),
  QONTO_STAGING_TOKEN: z.string().min(1).optional(),
})

/** Reads the QONTO_* variables; throws a French message naming exactly what is missing or wrong. */
export function qontoSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): QontoSettings {
  const parsed = envSchema.safeParse(env)
  if (!parsed.success) {
    throw new QontoConfigError(
      `Configuration Qonto invalide : ${parsed.error.issues.map((i) => `${i.path.join('.')} (${i.message})`).join(', ')}`,
    )
  }
  const e = parsed.data
  const missing: string[] = []
  let auth: QontoAuth | undefined
  if (e.QONTO_ACCESS_TOKEN) auth = { kind: 'oauth', accessToken: e.QONTO_ACCESS_TOKEN }
  else if (e.QONTO_LOGIN && e.QONTO_SECRET_KEY) auth = { kind: 'api-key', login: e.QONTO_LOGIN, secretKey: e.QONTO_SECRET_KEY }
  else if (e.QONTO_LOGIN) missing.push('QONTO_SECRET_KEY')
  else if (e.QONTO_SECRET_KEY) missing.push('QONTO_LOGIN')
  else missing.push('QONTO_LOGIN et QONTO_SECRET_KEY (ou QONTO_ACCESS_TOKEN)')
  const account: BankAccountSelector | undefined = e.QONTO_BANK_ACCOUNT_ID
    ? { bankAccountId: e.QONTO_BANK_ACCOUNT_ID }
    : e.QONTO_IBAN
      ? { iban: e.QONTO_IBAN.replace(/\s/g, '').toUpperCase() }
      : undefined
  if (!auth) throw new QontoConfigError(`Synchronisation Qonto non configurée : il manque ${missing.join(', ')}.`)
  return { baseUrl: e.QONTO_API_BASE_URL.replace(/\/$/, ''), auth, ...(account ? { account } : {}), stagingToken: e.QONTO_STAGING_TOKEN }
}

export function accountKey(account: BankAccountSelector): string {
  return 'bankAccountId' in account ? account.bankAccountId : `iban:${account.iban}`
}
