/**
 * Every bank account of the organisation: listed from Qonto (`GET /v2/bank_accounts`), stored with
 * Maud's choice (which ones are reconciled; default when first seen: the active EUR accounts) and the
 * FEC bank account of each, and synced one by one with its own cursor (QontoSyncState, one row per
 * account): a failure on one account never stops the others. An account fixed by the configuration
 * (QONTO_BANK_ACCOUNT_ID / QONTO_IBAN) takes precedence over the choice.
 */
import type { Language } from '../admin/locale/language.js'
import { serverTexts } from '../i18n/server-texts.js'
import type { Prisma } from '@prisma/client'
import { z } from 'zod'
import type { ReconciliationContext } from '../context.js'
import { ReconciliationError } from '../errors.js'
import { toCents, type Cents } from '../domain/money.js'
import type { QontoBankAccountItem } from '../qonto/account-schemas.js'
import type { QontoClient } from '../qonto/client.js'
import { accountKey, type BankAccountSelector } from '../qonto/config.js'
import { QontoAuthError } from '../qonto/errors.js'
import { fecBankAccountSchema } from '../settings/bank-account-fec.js'
import type { QontoSettings } from '../qonto/config.js'
import { resolveQontoAccess, type QontoAccess as ResolvedAccess } from './qonto-access.service.js'
import { addReport, emptySyncSummary, SyncAlreadyRunningError, syncTransactions, type SyncOptions, type SyncSummary } from './sync.service.js'

/** How the extension reaches Qonto right now, and what the configuration fixes. */
export interface QontoAccess {
  client: QontoClient
  /** OAuth (Bearer): only then may the product manage webhook subscriptions. */
  oauth: boolean
  /** The account fixed by the configuration (precedence over the choice in the panel), or null. */
  account: BankAccountSelector | null
  /** The settings the client was built from (absent when a caller built the client itself). */
  settings?: QontoSettings
}

/**
 * The Qonto client of the configuration (QONTO_* settings first) or of the stored connection
 * (resolveQontoAccess), or null when neither can be used. Only the configuration fixes an account;
 * a stored connection syncs the accounts chosen in the panel.
 */
export async function qontoClientFor(ctx: ReconciliationContext): Promise<QontoAccess | null> {
  const resolved = await resolveQontoAccess(ctx)
  return resolved.source === 'none' ? null : accessOf(resolved)
}

export function accessOf(resolved: Exclude<ResolvedAccess, { source: 'none' }>): QontoAccess {
  const { settings, client } = resolved
  return { client, settings, oauth: settings.auth.kind !== 'api-key', account: resolved.source === 'env' ? (settings.account ?? null) : null }
}

/** Default choice for an account seen for the first time: active, in euros, held at Qonto. */
export function reconciledByDefault(item: Pick<QontoBankAccountItem, 'status' | 'currency' | 'is_external_account'>): boolean {
  return (item.status ?? 'active').toLowerCase() === 'active' && item.currency === 'EUR' && item.is_external_account !== true
}

/** Lists Qonto's accounts and stores them: new ones get the default choice; known ones keep Maud's. */
export async function refreshBankAccounts(ctx: ReconciliationContext, client: QontoClient): Promise<number> {
  const items = await client.listBankAccounts()
  const now = new Date()
  await ctx.prisma.$transaction(async (tx) => {
    for (const item of items) {
      const seen = {
        iban: item.iban ? item.iban.replace(/\s/g, '').toUpperCase() : null,
        name: item.name ?? null,
        currency: item.currency,
        status: (item.status ?? 'active').toLowerCase(),
        main: item.main === true,
        ...(item.balance_cents === null || item.balance_cents === undefined ? {} : { balance: centsToDecimal(item.balance_cents) }),
        lastSeenAt: now,
      }
      await tx.qontoBankAccount.upsert({ where: { id: item.id }, create: { id: item.id, ...seen, reconcile: reconciledByDefault(item) }, update: seen })
    }
  })
  return items.length
}

function centsToDecimal(cents: Cents): string {
  const abs = Math.abs(cents)
  return `${cents < 0 ? '-' : ''}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

export interface BankAccountView {
  id: string
  name: string | null
  iban: string | null
  currency: string
  status: string
  main: boolean
  reconcile: boolean
  fecBankAccount: string | null
  balanceCents: Cents | null
  lastSeenAt: string | null
  lastSuccessAt: string | null
  lastError: string | null
}

/** "Compte principal · FR76 … 0102" */
export function accountLabel(account: { name: string | null; iban: string | null; id: string }): string {
  const iban = account.iban ? `${account.iban.slice(0, 4)} … ${account.iban.slice(-4)}` : null
  return [account.name, iban].filter(Boolean).join(' · ') || account.id
}

export async function storedBankAccounts(ctx: ReconciliationContext): Promise<BankAccountView[]> {
  const rows = await ctx.prisma.qontoBankAccount.findMany({ orderBy: [{ main: 'desc' }, { name: 'asc' }, { id: 'asc' }] })
  const states = await ctx.prisma.qontoSyncState.findMany({ where: { id: { in: rows.map((r) => r.id) } } })
  const stateOf = new Map(states.map((s) => [s.id, s]))
  return rows.map((row) => {
    const state = stateOf.get(row.id)
    return {
      id: row.id,
      name: row.name,
      iban: row.iban,
      currency: row.currency,
      status: row.status,
      main: row.main,
      reconcile: row.reconcile,
      fecBankAccount: row.fecBankAccount,
      balanceCents: row.balance === null ? null : toCents(row.balance),
      lastSeenAt: row.lastSeenAt?.toISOString() ?? null,
      lastSuccessAt: state?.lastSuccessAt?.toISOString() ?? null,
      lastError: state?.lastError ?? null,
    }
  })
}

export const accountChoiceSchema = z
  .object({
    accounts: z
      .array(
        z.object({
          id: z.string().min(1).max(200),
          reconcile: z.boolean(),
          fecBankAccount: z.union([z.literal('').transform(() => null), z.null(), fecBankAccountSchema]).optional(),
        }).strict(),
      )
      .min(1, 'au moins un compte attendu')
      .max(200),
  })
  .strict()
export type AccountChoice = z.infer<typeof accountChoiceSchema>

/** A choice of accounts refused, nothing changed. `message` is the French text, `in(language)` the reader's. */
export class BankAccountChoiceError extends ReconciliationError {
  override name = 'BankAccountChoiceError'
}

/** Saves Maud's choice in one transaction (audited); an unknown account changes nothing. */
export async function chooseBankAccounts(ctx: ReconciliationContext, choice: AccountChoice, actor: { userId: string | null; label: string }): Promise<void> {
  await ctx.prisma.$transaction(async (tx) => {
    const ids = choice.accounts.map((a) => a.id)
    const before = await tx.qontoBankAccount.findMany({ where: { id: { in: ids } }, select: { id: true, reconcile: true, fecBankAccount: true } })
    const known = new Set(before.map((b) => b.id))
    const unknown = ids.filter((id) => !known.has(id))
    if (unknown.length > 0) throw new BankAccountChoiceError('bankAccountUnknown', unknown.join(', '))
    for (const account of choice.accounts) {
      const data: Prisma.QontoBankAccountUpdateInput = { reconcile: account.reconcile }
      if (account.fecBankAccount !== undefined) data.fecBankAccount = account.fecBankAccount
      await tx.qontoBankAccount.update({ where: { id: account.id }, data })
    }
    await tx.qontoAuditLog.create({
      data: {
        userId: actor.userId,
        acteur: actor.label,
        action: 'COMPTES_BANCAIRES',
        avant: before as unknown as Prisma.InputJsonValue,
        apres: choice.accounts as unknown as Prisma.InputJsonValue,
      },
    })
  })
}

export interface AccountSyncOutcome {
  /** Qonto's account id (or `iban:…` for an account configured by IBAN). */
  account: string
  label: string
  summary: SyncSummary | null
  error: string | null
}

export interface AccountsSyncSummary extends SyncSummary {
  accounts: AccountSyncOutcome[]
}

/** The accounts to sync: the configured one, else the chosen ones (the list refreshed first when possible). */
async function accountsToSync(ctx: ReconciliationContext, access: QontoAccess): Promise<Array<{ selector: BankAccountSelector; label: string }>> {
  let refreshError: unknown = null
  try {
    await refreshBankAccounts(ctx, access.client)
  } catch (error) {
    // Refused credentials or a lost connection: every account would be refused too. Each one's state
    // says so (feed health), and the error is thrown now.
    if (error instanceof QontoAuthError) {
      const ids = access.account ? [accountKey(access.account)] : (await ctx.prisma.qontoBankAccount.findMany({ where: { reconcile: true }, select: { id: true } })).map((a) => a.id)
      const lastError = error.message.slice(0, 1000)
      for (const id of ids) {
        await ctx.prisma.qontoSyncState.upsert({ where: { id }, create: { id, lastRunAt: new Date(), lastError }, update: { lastRunAt: new Date(), lastError } })
      }
      throw error
    }
    refreshError = error
    ctx.logger.warn({ err: (error as Error).message }, 'qonto bank accounts could not be listed')
  }
  if (access.account) {
    const where = 'bankAccountId' in access.account ? { id: access.account.bankAccountId } : { iban: access.account.iban }
    const stored = await ctx.prisma.qontoBankAccount.findFirst({ where })
    return [{ selector: access.account, label: stored ? accountLabel(stored) : accountKey(access.account) }]
  }
  const chosen = await ctx.prisma.qontoBankAccount.findMany({ where: { reconcile: true }, orderBy: [{ main: 'desc' }, { id: 'asc' }] })
  if (chosen.length === 0 && refreshError) throw refreshError
  return chosen.map((row) => ({ selector: { bankAccountId: row.id }, label: accountLabel(row) }))
}

/**
 * Syncs each account in turn with its own cursor and lease. A failing account is reported and the
 * next one synced; only when every account failed does this throw (the first error).
 */
export async function syncAccounts(ctx: ReconciliationContext, access: QontoAccess, options: SyncOptions = {}): Promise<AccountsSyncSummary> {
  const accounts = await accountsToSync(ctx, access)
  const total: AccountsSyncSummary = { ...emptySyncSummary(null), accounts: [] }
  const errors: unknown[] = []
  for (const { selector, label } of accounts) {
    try {
      const summary = await syncTransactions(ctx, access.client, selector, options)
      addReport(total, summary)
      total.pages += summary.pages
      total.rejected += summary.rejected
      if (summary.cursor && (total.cursor === null || summary.cursor > total.cursor)) total.cursor = summary.cursor
      total.accounts.push({ account: accountKey(selector), label, summary, error: null })
    } catch (error) {
      errors.push(error)
      if (!(error instanceof SyncAlreadyRunningError)) ctx.logger.warn({ account: accountKey(selector), err: (error as Error).message }, 'qonto account sync failed')
      total.accounts.push({ account: accountKey(selector), label, summary: null, error: (error as Error).message })
    }
  }
  if (accounts.length > 0 && errors.length === accounts.length) throw errors.find((e) => !(e instanceof SyncAlreadyRunningError)) ?? errors[0]
  return total
}

/** " Échec sur « Compte épargne · FR76 … 0204 » : … ." for the accounts that failed; empty when none did. */
export function describeAccountFailures(summary: { accounts?: AccountSyncOutcome[] }, language: Language = 'fr'): string {
  const failed = (summary.accounts ?? []).filter((a) => a.error !== null)
  return failed.map((a) => serverTexts({ language: { current: language } }).sync.accountFailed(a.label, a.error!)).join('')
}
