/**
 * Thin query layer between the database and the pure matcher (src/domain/matching): rows become
 * Client / Invoice / Payment values. For one transaction only the plausible invoices are loaded
 * (named in the transfer, of the payer, or of the same open amount), never every invoice.
 */
import { Prisma, type PrismaClient } from '@prisma/client'
import { toCents } from '../domain/money.js'
import { normalizeIban } from '../domain/iban.js'
import {
  buildLedgerIndex,
  extractReferenceKeys,
  suggestMatches,
  type Client,
  type HistoryEntry,
  type Invoice,
  type MatchResult,
  type Payment,
} from '../domain/matching/index.js'
import { resolveClient } from '../domain/matching/client-resolution.js'
import { OPEN_STATUSES } from '../domain/invoice-status.js'

/**
 * The open statuses as literal SQL, compared as the enum (no ::text cast, no bound parameters):
 * that is what lets PostgreSQL use the partial index on open invoices (migration 0003).
 */
const OPEN_STATUSES_SQL = Prisma.raw(`(${OPEN_STATUSES.map((status) => `'${status}'`).join(', ')})`)
const MAX_CANDIDATES = 500

type DocumentRow = {
  id: string
  reference: string
  marqueId: string | null
  montantTTC: Prisma.Decimal
  montantPaye: Prisma.Decimal
  devise: string
  statut: string
  dateEmission: Date
  dateEcheance: Date | null
}

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

export function toInvoice(row: DocumentRow): Invoice {
  return {
    id: row.id,
    number: row.reference,
    clientId: row.marqueId,
    totalCents: toCents(row.montantTTC),
    paidCents: toCents(row.montantPaye),
    currency: row.devise,
    issueDate: row.dateEmission.toISOString().slice(0, 10),
    dueDate: row.dateEcheance?.toISOString().slice(0, 10) ?? null,
    status: row.statut as Invoice['status'],
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

export async function loadClients(prisma: PrismaClient): Promise<Client[]> {
  const rows = await prisma.marque.findMany({ select: { id: true, nom: true, ibans: true } })
  return rows.map((row) => ({ id: row.id, name: row.nom, ibans: row.ibans }))
}

/** Payers already associated with a client (learned from confirmed associations). */
export async function loadHistory(prisma: PrismaClient, payer?: { name: string | null; iban: string | null }): Promise<HistoryEntry[]> {
  const iban = normalizeIban(payer?.iban)
  const conditions = [
    ...(iban ? [Prisma.sql`t."emetteurIban" = ${iban}`] : []),
    ...(payer?.name ? [Prisma.sql`t."emetteur" = ${payer.name}`] : []),
  ]
  if (payer && conditions.length === 0) return []
  const filter = payer ? Prisma.sql`AND (${Prisma.join(conditions, ' OR ')})` : Prisma.empty
  const rows = await prisma.$queryRaw<Array<{ emetteur: string | null; emetteurIban: string | null; marqueId: string }>>`
    SELECT DISTINCT t."emetteur", t."emetteurIban", d."marqueId"
    FROM "allocations" a JOIN "transactions_qonto" t ON t.id = a."transactionId" JOIN "documents" d ON d.id = a."documentId"
    WHERE d."marqueId" IS NOT NULL ${filter}
    LIMIT 5000`
  return rows.map((row) => ({ counterpartyName: row.emetteur, counterpartyIban: row.emetteurIban, clientId: row.marqueId }))
}

const TRANSACTION_COLUMNS = Prisma.sql`id, montant, "montantAlloue", devise, sens::text AS sens, libelle, reference, emetteur, "emetteurIban", "dateTransaction"`
const DOCUMENT_COLUMNS = Prisma.sql`id, reference, "marqueId", "montantTTC", "montantPaye", devise, statut::text AS statut, "dateEmission", "dateEcheance"`

export async function loadTransaction(prisma: PrismaClient, id: string): Promise<TransactionRow | null> {
  const [row] = await prisma.$queryRaw<TransactionRow[]>`SELECT ${TRANSACTION_COLUMNS} FROM "transactions_qonto" WHERE id = ${id}`
  return row ?? null
}

/** Suggestions for one transaction, from the few invoices that could be it (indexed queries). */
export async function suggestionsForTransaction(prisma: PrismaClient, transactionId: string, maxSuggestions = 5): Promise<MatchResult | null> {
  const row = await loadTransaction(prisma, transactionId)
  return row ? suggestionsForRow(prisma, row, { maxSuggestions }) : null
}

/** The same, for a transaction already loaded (clients may be shared by several calls). */
export async function suggestionsForRow(
  prisma: PrismaClient,
  row: TransactionRow,
  { maxSuggestions = 5, clients: preloadedClients }: { maxSuggestions?: number; clients?: Client[] } = {},
): Promise<MatchResult> {
  const payment = toPayment(row)
  const [clients, history] = await Promise.all([
    preloadedClients ?? loadClients(prisma),
    loadHistory(prisma, { name: row.emetteur, iban: row.emetteurIban }),
  ])
  const resolution = resolveClient(payment, buildLedgerIndex(clients, [], history))
  const keys = [...extractReferenceKeys(row.reference, row.libelle).full]
  const invoices = await prisma.$queryRaw<DocumentRow[]>`
    SELECT ${DOCUMENT_COLUMNS} FROM "documents"
    WHERE type = 'FACTURE' AND statut IN ${OPEN_STATUSES_SQL} AND (
      regexp_replace(reference, '[^0-9]', '', 'g') = ANY(${keys}::text[])
      OR lower(regexp_replace(reference, '[^A-Za-z0-9]', '', 'g')) = ANY(${keys}::text[])
      ${resolution ? Prisma.sql`OR "marqueId" = ${resolution.clientId}` : Prisma.empty}
      OR ("montantTTC" - "montantPaye") = ${payment.amountCents}::numeric / 100)
    ORDER BY "dateEcheance" NULLS LAST, "dateEmission"
    LIMIT ${MAX_CANDIDATES}`
  return suggestMatches({ clients, invoices: invoices.map(toInvoice), history }, [payment], { maxSuggestions })[0]!
}

/** Every open invoice (batch auto-reconciliation: one load for many payments). */
export async function loadOpenInvoices(prisma: PrismaClient): Promise<Invoice[]> {
  const rows = await prisma.$queryRaw<DocumentRow[]>`
    SELECT ${DOCUMENT_COLUMNS} FROM "documents" WHERE type = 'FACTURE' AND statut IN ${OPEN_STATUSES_SQL}`
  return rows.map(toInvoice)
}

/** Settled credits with something left to allocate (optionally only these ids). */
export async function loadUnreconciledCredits(prisma: PrismaClient, ids?: string[]): Promise<Payment[]> {
  const filter = ids ? Prisma.sql`AND id = ANY(${ids}::text[])` : Prisma.empty
  const rows = await prisma.$queryRaw<TransactionRow[]>`
    SELECT ${TRANSACTION_COLUMNS} FROM "transactions_qonto"
    WHERE sens = 'CREDIT' AND statut = 'SETTLED' AND "montantAlloue" < montant ${filter}
    ORDER BY "dateTransaction"`
  return rows.map(toPayment)
}
