/** Qonto transaction → the fields of our TransactionQonto row (pure; amounts stay integer cents). */
import type { Cents } from '../domain/money.js'
import { normalizeIban } from '../domain/iban.js'
import type { QontoTransaction } from './schemas.js'

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

export function toTransactionRecord(transaction: QontoTransaction): TransactionRecord {
  const counterparty = transaction.side === 'credit' ? (transaction.income ?? transaction.swift_income) : transaction.transfer
  const accountIsIban = /iban/i.test(counterparty?.counterparty_account_number_format ?? 'iban')
  return {
    qontoId: transaction.id,
    amountCents: transaction.amount_cents,
    currency: transaction.currency,
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
