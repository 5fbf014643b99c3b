/**
 * The common valid Qonto transaction checked by hand, without zod: what a sync page (100 at a time)
 * and every webhook delivery go through. The hand checks accept a subset of what the schemas accept,
 * with the schemas' own rules (eurosToCents, parseIsoInstant, unsafeTextReason), and build what the
 * schema would have returned; anything they do not accept as is (an odd case, a lower-case currency
 * the schema would upper-case, an error) returns null and goes through the schema, so refusals are
 * worded exactly as before. test/qonto/quick-check.test.ts holds them equal to the schemas.
 */
import { parseIsoInstant } from '../domain/instant.js'
import { unsafeTextReason } from '../domain/text/safe-text.js'
import { amountsAgree, eurosToCents, MAX_ABS_CENTS } from './amounts.js'
import type { QontoTransaction } from './schemas.js'

export type Row = Record<string, unknown>
export const isRow = (value: unknown): value is Row => typeof value === 'object' && value !== null && !Array.isArray(value)

export const isSafeString = (value: unknown): value is string => typeof value === 'string' && unsafeTextReason(value) === null
export const isNullishSafeString = (value: unknown): boolean => value === undefined || value === null || isSafeString(value)
export const isIdentifier = (value: unknown): boolean => isSafeString(value) && value.length >= 1 && value.length <= 200
export const isInstant = (value: unknown): boolean => typeof value === 'string' && parseIsoInstant(value) !== null
export const isNullishInstant = (value: unknown): boolean => value === undefined || value === null || isInstant(value)
export const isEuros = (value: unknown): boolean => (typeof value === 'number' || typeof value === 'string') && eurosToCents(value) !== null
export const isCents = (value: unknown): boolean => typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < MAX_ABS_CENTS
/** Upper case only: the schema upper-cases a lower-case code, which the schema then does itself. */
export const isUpperCurrency = (value: unknown): boolean => typeof value === 'string' && /^[A-Z]{3}$/.test(value) && value !== 'XXX' && value !== 'XTS'

const COUNTERPARTY_FIELDS = ['counterparty_account_number', 'counterparty_account_number_format', 'counterparty_bank_identifier', 'counterparty_bank_identifier_format'] as const
const COUNTERPARTIES = ['income', 'swift_income', 'transfer', 'direct_debit_collection'] as const
const NULLISH_TEXTS = ['transaction_id', 'label', 'clean_counterparty_name', 'reference', 'note', 'bank_account_id'] as const
/** qontoTransactionSchema's keys, in its order (what it keeps; it drops the others). */
const TRANSACTION_KEYS = ['id', 'transaction_id', 'amount', 'amount_cents', 'currency', 'side', 'operation_type', 'status', 'label', 'clean_counterparty_name',
  'reference', 'note', 'settled_at', 'emitted_at', 'updated_at', 'bank_account_id', ...COUNTERPARTIES] as const

/** The present keys of `row` among `keys`, copied (what a zod object without unknown keys returns). */
function pick(row: Row, keys: readonly string[]): Row {
  const copy: Row = {}
  for (const key of keys) if (row[key] !== undefined) copy[key] = row[key]
  return copy
}

/** A counterparty as qontoTransactionSchema returns it, undefined when absent, or false when the schema must decide. */
function counterpartyOf(value: unknown): Row | null | undefined | false {
  if (value === undefined || value === null) return value
  if (!isRow(value)) return false
  for (const field of COUNTERPARTY_FIELDS) if (!isNullishSafeString(value[field])) return false
  return pick(value, COUNTERPARTY_FIELDS)
}

/** The fields a transaction and a webhook's transaction event check alike (amounts and operation type apart). */
function commonTransactionFieldsValid(t: Row): boolean {
  return isIdentifier(t.id) && isUpperCurrency(t.currency) && (t.side === 'credit' || t.side === 'debit') && isSafeString(t.status) &&
    isInstant(t.updated_at) && isNullishInstant(t.settled_at) && isNullishInstant(t.emitted_at) && NULLISH_TEXTS.every((key) => isNullishSafeString(t[key])) &&
    amountsAgree(t as { amount?: number | string | null; amount_cents?: number | null })
}

/** What qontoTransactionSchema.safeParse(item).data would be, or null: ask the schema. Never throws. */
export function quickQontoTransaction(item: unknown): QontoTransaction | null {
  if (!isRow(item)) return null
  const t = item
  const valid = commonTransactionFieldsValid(t) && isCents(t.amount_cents) && (t.amount === undefined || t.amount === null || isEuros(t.amount)) && isSafeString(t.operation_type)
  if (!valid) return null
  const transaction = pick(t, TRANSACTION_KEYS)
  for (const key of COUNTERPARTIES) {
    const counterparty = counterpartyOf(t[key])
    if (counterparty === false) return null
    if (counterparty !== undefined) transaction[key] = counterparty
  }
  return transaction as QontoTransaction
}
