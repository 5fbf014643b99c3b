/** What the panel shows around a suggestion: invoice numbers, clients, what stays open on each side. */
import { Prisma, type PrismaClient } from '@prisma/client'
import { OPEN_STATUSES } from '../domain/invoice-status.js'
import { parseAmount, toCents, type Cents } from '../domain/money.js'
import type { Suggestion } from '../domain/matching/index.js'

export interface InvoiceView {
  id: string
  reference: string
  client: string | null
  totalCents: Cents
  openCents: Cents
  statut: string
  dateEmission: string
  dateEcheance: string | null
}

export interface SuggestionView extends Suggestion {
  invoices: Array<InvoiceView & { allocatedCents: Cents; remainingAfterCents: Cents }>
}

export async function transactionSummary(prisma: PrismaClient, id: string) {
  const t = await prisma.transactionQonto.findUniqueOrThrow({ where: { id } })
  return {
    id: t.id,
    amountCents: toCents(t.montant),
    remainingCents: toCents(t.montant) - toCents(t.montantAlloue),
    currency: t.devise,
    payer: t.emetteur,
    iban: t.emetteurIban,
    reference: t.reference,
    label: t.libelle,
    date: t.dateTransaction.toISOString(),
  }
}

const INVOICE_SELECT = { id: true, reference: true, montantTTC: true, montantPaye: true, statut: true, dateEmission: true, dateEcheance: true, marque: { select: { nom: true } } } as const

type InvoiceRow = Prisma.DocumentGetPayload<{ select: typeof INVOICE_SELECT }>

function toView(row: InvoiceRow): InvoiceView {
  return {
    id: row.id,
    reference: row.reference,
    client: row.marque?.nom ?? null,
    totalCents: toCents(row.montantTTC),
    openCents: toCents(row.montantTTC) - toCents(row.montantPaye),
    statut: row.statut,
    dateEmission: row.dateEmission.toISOString().slice(0, 10),
    dateEcheance: row.dateEcheance?.toISOString().slice(0, 10) ?? null,
  }
}

export async function describeSuggestions(prisma: PrismaClient, suggestions: Suggestion[]): Promise<SuggestionView[]> {
  const ids = [...new Set(suggestions.flatMap((s) => s.allocations.map((a) => a.invoiceId)))]
  const rows = await prisma.document.findMany({ where: { id: { in: ids } }, select: INVOICE_SELECT })
  const byId = new Map(rows.map((row) => [row.id, toView(row)]))
  return suggestions.map((suggestion) => ({
    ...suggestion,
    invoices: suggestion.allocations.map((a) => {
      const invoice = byId.get(a.invoiceId)!
      return { ...invoice, allocatedCents: a.amountCents, remainingAfterCents: invoice.openCents - a.amountCents }
    }),
  }))
}

/** Open invoices by number, client name (case-insensitive) or exact amount ("1500", "1 500,00"). */
export async function searchOpenInvoices(prisma: PrismaClient, query: string, limit = 20): Promise<InvoiceView[]> {
  const text = query.trim()
  if (text.length === 0) return []
  let amountCents: Cents | null = null
  try {
    amountCents = parseAmount(text.replace(/€/g, ''))
  } catch {
    amountCents = null
  }
  const rows = await prisma.document.findMany({
    where: {
      type: 'FACTURE',
      statut: { in: [...OPEN_STATUSES] },
      OR: [
        { reference: { contains: text, mode: 'insensitive' } },
        { marque: { nom: { contains: text, mode: 'insensitive' } } },
        ...(amountCents !== null && amountCents > 0 ? [{ montantTTC: new Prisma.Decimal(amountCents).dividedBy(100) }] : []),
      ],
    },
    orderBy: [{ dateEcheance: 'asc' }, { reference: 'asc' }],
    take: limit,
    select: INVOICE_SELECT,
  })
  return rows.map(toView)
}
