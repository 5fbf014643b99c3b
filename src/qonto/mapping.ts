/** Qonto transaction → the fields of our TransactionQonto row (pure; amounts stay integer cents). */
import { isIsoInstant } from '../domain/instant.js'
import type { Cents } from '../domain/money.js'
import { normalizeIban } from '../domain/iban.js'
import { isSafeText } from '../domain/text/safe-text.js'
import { MAX_ABS_CENTS, type QontoTransaction } from './schemas.js'

export type TransactionStatut = 'PENDING' | 'SETTLED' | 'DECLINED' | 'REVERSED'

export interface TransactionRecord {
  qontoId: string
  amountCents: Cents
  currency: string
  side: 'CREDIT' | 'DEBIT'
  statut: TransactionStatut
  operationType: string
  label: string | null
  reference: string | null
  note: string | null
  counterpartyName: string | null
  counterpartyIban: string | null
  counterpartyBic: string | null
  date: string
  qontoUpdatedAt: string
  bankAccountId: string | null
  raw: unknown
}

const STATUTS: Record<string, TransactionStatut> = {
  pending: 'PENDING',
  completed: 'SETTLED',
  declined: 'DECLINED',
  reversed: 'REVERSED',
}

/** A row that breaks what every reader of the table relies on; the message is French. */
export class InvalidTransactionRecordError extends Error {
  constructor(readonly qontoId: string, readonly problem: string) {
    super(`Transaction Qonto ${qontoId} refusée : ${problem}`)
    this.name = 'InvalidTransactionRecordError'
  }
}

/**
 * What must hold for every row we store, whatever produced it: integer cents within bounds, an
 * upper-case 3-letter currency, real instants, safe text. Null when all holds, else the problem.
 */
export function transactionRecordProblem(record: TransactionRecord): string | null {
  if (!Number.isSafeInteger(record.amountCents) || Math.abs(record.amountCents) >= MAX_ABS_CENTS) return 'montant en centimes invalide'
  if (!/^[A-Z]{3}$/.test(record.currency)) return 'devise invalide'
  if (!isIsoInstant(record.date) || !isIsoInstant(record.qontoUpdatedAt)) return 'date invalide'
  const texts = [record.qontoId, record.operationType, record.label, record.reference, record.note, record.counterpartyName,
    record.counterpartyIban, record.counterpartyBic, record.bankAccountId]
  if (texts.some((text) => text !== null && !isSafeText(text))) return 'texte avec caractère NUL ou Unicode invalide'
  return null
}

export function toTransactionRecord(transaction: QontoTransaction): TransactionRecord {
  const record = mapTransaction(transaction)
  const problem = transactionRecordProblem(record)
  if (problem) throw new InvalidTransactionRecordError(record.qontoId, problem)
  return record
}

function mapTransaction(transaction: QontoTransaction): TransactionRecord {
  const counterparty = transaction.side === 'credit' ? (transaction.income ?? transaction.swift_income) : transaction.transfer
  const accountIsIban = /iban/i.test(counterparty?.counterparty_account_number_format ?? 'iban')
  return {
    qontoId: transaction.id,
    amountCents: transaction.amount_cents,
    currency: transaction.currency.toUpperCase(),
    side: transaction.side === 'credit' ? 'CREDIT' : 'DEBIT',
    statut: STATUTS[transaction.status.toLowerCase()] ?? 'PENDING',
    operationType: transaction.operation_type,
    label: transaction.label ?? null,
    reference: transaction.reference ?? null,
    note: transaction.note ?? null,
    counterpartyName: transaction.clean_counterparty_name || transaction.label || null,
    counterpartyIban: accountIsIban ? normalizeIban(counterparty?.counterparty_account_number) : null,
    counterpartyBic: counterparty?.counterparty_bank_identifier ?? null,
    date: transaction.settled_at ?? transaction.emitted_at ?? transaction.updated_at,
    qontoUpdatedAt: transaction.updated_at,
    bankAccountId: transaction.bank_account_id ?? null,
    raw: transaction,
  }
}
