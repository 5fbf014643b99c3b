/**
 * Thin query layer between the database and the pure matcher (src/domain/matching): rows become
 * Client / Invoice / Payment values. For one transaction only the plausible invoices are loaded
 * (named in the transfer, of the payer, or of the same open amount), never every invoice.
 */
import type { Prisma } from '@prisma/client'
import type { Db, ReconciliationContext } from '../context.js'
import { toCents } from '../domain/money.js'
import {
  buildLedgerIndex,
  extractReferenceKeys,
  matchPayments,
  type Client,
  type Invoice,
  type MatchFacts,
  type Payment,
} from '../domain/matching/index.js'
import { resolveClient } from '../domain/matching/client-resolution.js'
import { creditorReferenceKeys } from '../domain/matching/creditor-reference-evidence.js'
import { loadHistory, loadHistoryForPayers } from './payer-history.service.js'
import { applyDeclines, loadDeclines, payerOf } from './learning.service.js'
import { duplicatesOf, flagDuplicates } from './duplicate-payment.service.js'
import type { InvoiceRecord } from '../host/invoices.js'

const MAX_CANDIDATES = 500
/** Extra suggestions asked of the matcher so that declined ones leave the page full. */
const DECLINE_SLACK = 5

export type TransactionRow = {
  id: string
  montant: Prisma.Decimal
  montantAlloue: Prisma.Decimal
  devise: string
  sens: string
  libelle: string | null
  reference: string | null
  emetteur: string | null
  emetteurIban: string | null
  dateTransaction: Date
}

export function toInvoice(record: InvoiceRecord): Invoice {
  return {
    id: record.id,
    number: record.number,
    clientId: record.clientId,
    totalCents: record.totalCents,
    paidCents: record.paidCents,
    currency: record.currency,
    issueDate: record.issueDate,
    dueDate: record.dueDate,
    status: record.status,
  }
}

/** What is left to allocate of a payment is what the matcher looks for. */
export function toPayment(row: TransactionRow): Payment {
  return {
    id: row.id,
    amountCents: toCents(row.montant) - toCents(row.montantAlloue),
    currency: row.devise,
    side: row.sens === 'CREDIT' ? 'credit' : 'debit',
    label: row.libelle,
    reference: row.reference,
    counterpartyName: row.emetteur,
    counterpartyIban: row.emetteurIban,
    settledAt: row.dateTransaction.toISOString(),
  }
}

export const loadClients = (ctx: ReconciliationContext): Promise<Client[]> => ctx.clients.all(ctx.prisma)

export { loadHistory }

export const TRANSACTION_SELECT = {
  id: true, montant: true, montantAlloue: true, devise: true, sens: true, libelle: true,
  reference: true, emetteur: true, emetteurIban: true, dateTransaction: true,
} as const

export async function loadTransaction(prisma: Db, id: string): Promise<TransactionRow | null> {
  return prisma.transactionQonto.findUnique({ where: { id }, select: TRANSACTION_SELECT })
}

/**
 * Suggestions for one transaction, from the few invoices that could be it (indexed queries), as data:
 * each reader writes them in its language (reason-texts.ts explainSuggestion).
 */
export async function suggestionsForTransaction(ctx: ReconciliationContext, transactionId: string, maxSuggestions = 5): Promise<MatchFacts | null> {
  const row = await loadTransaction(ctx.prisma, transactionId)
  return row ? suggestionsForRow(ctx, row, { maxSuggestions }) : null
}

/** The same, for a transaction already loaded (clients may be shared by several calls). */
export async function suggestionsForRow(
  ctx: ReconciliationContext,
  row: TransactionRow,
  options: { maxSuggestions?: number; clients?: Client[] } = {},
): Promise<MatchFacts> {
  return (await suggestionsForRows(ctx, [row], options))[0]!
}

/**
 * Suggestions for several loaded transactions (a page of the work queue) in three queries whatever
 * their number: the clients, the history of all their payers, and the candidates of each (one
 * LATERAL query). Each result is exactly what `suggestionsForRow` gives that transaction alone.
 */
export async function suggestionsForRows(
  ctx: ReconciliationContext,
  rows: TransactionRow[],
  { maxSuggestions = 5, clients: preloadedClients }: { maxSuggestions?: number; clients?: Client[] } = {},
): Promise<MatchFacts[]> {
  if (rows.length === 0) return []
  const payments = rows.map(toPayment)
  const [clients, histories] = await Promise.all([
    preloadedClients ?? loadClients(ctx),
    loadHistoryForPayers(ctx, rows.map((row) => ({ name: row.emetteur, iban: row.emetteurIban }))),
  ])
  const queries = rows.map((row, i) => {
    const resolution = resolveClient(payments[i]!, buildLedgerIndex(clients, [], histories[i]!))
    const keys = new Set([...extractReferenceKeys(row.reference, row.libelle).full, ...creditorReferenceKeys(row.reference, row.libelle)])
    return { keys: [...keys], clientId: resolution?.clientId ?? null, amountCents: payments[i]!.amountCents, limit: MAX_CANDIDATES }
  })
  const [candidates, declines, duplicates] = await Promise.all([
    ctx.invoices.candidatesForEach(ctx.prisma, queries),
    loadDeclines(ctx.prisma, payments.map(payerOf)),
    duplicatesOf(ctx, payments),
  ])
  // Declined suggestions are removed after ranking: the rest keep their flags (learning never loosens auto-apply).
  const results = payments.map(
    (payment, i) =>
      matchPayments({ clients, invoices: candidates[i]!.map(toInvoice), history: histories[i]! }, [payment], { ...ctx.matchOptions, maxSuggestions: maxSuggestions + DECLINE_SLACK })[0]!,
  )
  return flagDuplicates(applyDeclines(results, payments, declines), duplicates).map((result) => ({ ...result, suggestions: result.suggestions.slice(0, maxSuggestions) }))
}

/**
 * The server's own suggestion with exactly these allocations, if the matcher proposes it for this
 * payment: what an association records as score and reasons (never what a browser sent).
 */
export async function serverSuggestionFor(ctx: ReconciliationContext, transactionId: string, allocations: Array<{ invoiceId: string; amountCents: number }>) {
  const key = (list: Array<{ invoiceId: string; amountCents: number }>) => list.map((a) => `${a.invoiceId}:${a.amountCents}`).sort().join('|')
  const result = await suggestionsForTransaction(ctx, transactionId, 20)
  return result?.suggestions.find((s) => key(s.allocations) === key(allocations))
}

/** Every open invoice (batch auto-reconciliation: one load for many payments). */
export async function loadOpenInvoices(ctx: ReconciliationContext): Promise<Invoice[]> {
  return (await ctx.invoices.allPayable(ctx.prisma)).map(toInvoice)
}

/** Settled credits with something left to allocate (optionally only these ids). */
export async function loadUnreconciledCredits(prisma: Db, ids?: string[]): Promise<Payment[]> {
  const rows = await prisma.$queryRawUnsafe<TransactionRow[]>(
    `SELECT id, montant, "montantAlloue", devise, sens::text AS sens, libelle, reference, emetteur, "emetteurIban", "dateTransaction"
     FROM "transactions_qonto"
     WHERE sens = 'CREDIT' AND statut = 'SETTLED' AND "montantAlloue" < montant AND "ignoreCategorie" IS NULL ${ids ? 'AND id = ANY($1::text[])' : ''}
     ORDER BY "dateTransaction"`,
    ...(ids ? [ids] : []),
  )
  return rows.map(toPayment)
}
