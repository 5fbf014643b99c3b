/** What the panel shows around a suggestion: invoice numbers, clients, what stays open on each side. */
import { printedCreditorReference } from './creditor-reference.service.js'
import type { ReconciliationContext } from '../context.js'
import { parseAmount, toCents, type Cents } from '../domain/money.js'
import type { Suggestion, SuggestionFacts } from '../domain/matching/types.js'
import { explainSuggestion } from '../domain/matching/reason-texts.js'
import type { InvoiceRecord } from '../host/invoices.js'
import { foldText } from '../domain/text/fold.js'
import { loadClients } from './matching-data.service.js'

export interface InvoiceView {
  id: string
  reference: string
  client: string | null
  totalCents: Cents
  openCents: Cents
  statut: string
  dateEmission: string
  dateEcheance: string | null
  /** The invoice's ISO 11649 creditor reference, printed form ("RF26 FACT 2026 001"), or null. */
  creditorReference: string | null
}

export interface SuggestionView extends Suggestion {
  invoices: Array<InvoiceView & { allocatedCents: Cents; remainingAfterCents: Cents }>
}

export async function transactionSummary(ctx: ReconciliationContext, id: string) {
  const t = await ctx.prisma.transactionQonto.findUniqueOrThrow({ where: { id } })
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

export function toView(invoice: InvoiceRecord): InvoiceView {
  return {
    id: invoice.id,
    reference: invoice.number,
    client: invoice.clientName,
    totalCents: invoice.totalCents,
    openCents: invoice.totalCents - invoice.paidCents,
    statut: invoice.status,
    dateEmission: invoice.issueDate,
    dateEcheance: invoice.dueDate,
    creditorReference: printedCreditorReference(invoice.number),
  }
}

/** Suggestions as the panel shows them: their invoices, and their texts in the panel's language. */
export async function describeSuggestions(ctx: ReconciliationContext, suggestions: SuggestionFacts[]): Promise<SuggestionView[]> {
  const ids = [...new Set(suggestions.flatMap((s) => s.allocations.map((a) => a.invoiceId)))]
  const byId = new Map((await ctx.invoices.byIds(ctx.prisma, ids)).map((invoice) => [invoice.id, toView(invoice)]))
  return suggestions.map((suggestion) => ({
    ...explainSuggestion(suggestion, ctx.panelLanguage.current),
    invoices: suggestion.allocations.map((a) => {
      const invoice = byId.get(a.invoiceId)!
      return { ...invoice, allocatedCents: a.amountCents, remainingAfterCents: invoice.openCents - a.amountCents }
    }),
  }))
}

/**
 * Open invoices by number, client name or exact amount ("1500", "1 500,00"). Client names are matched
 * with the product's one folding (accents, case, ligatures: "coeur" finds "Cœur"), numbers with ILIKE
 * (wildcards escaped). An empty search lists the oldest open invoices (earliest due first).
 */
export async function searchOpenInvoices(ctx: ReconciliationContext, query: string, limit = 20): Promise<InvoiceView[]> {
  const text = query.replace(/\u0000/g, '').trim()
  if (text.length === 0) return (await ctx.invoices.search(ctx.prisma, { text: '', clientIds: [], amountCents: null }, limit)).map(toView)
  let amountCents: Cents | null = null
  try {
    amountCents = parseAmount(text.replace(/€/g, ''))
  } catch {
    amountCents = null
  }
  const folded = foldText(text)
  const clientIds = folded.length === 0 ? [] : (await loadClients(ctx)).filter((c) => foldText(c.name).includes(folded)).map((c) => c.id)
  return (await ctx.invoices.search(ctx.prisma, { text, clientIds, amountCents }, limit)).map(toView)
}

/**
 * Who would receive the "facture réglée" e-mail of each invoice (its client's contact), or null:
 * the confirmation step names the recipient, and says nothing leaves when there is none.
 */
export async function paidEmailRecipients(ctx: ReconciliationContext, invoiceIds: string[]): Promise<Record<string, string | null>> {
  if (!ctx.sendEmail || invoiceIds.length === 0) return Object.fromEntries(invoiceIds.map((id) => [id, null]))
  const invoices = await ctx.invoices.byIds(ctx.prisma, [...new Set(invoiceIds)])
  const clientIds = [...new Set(invoices.flatMap((i) => (i.clientId ? [i.clientId] : [])))]
  const contacts = new Map(await Promise.all(clientIds.map(async (id) => [id, (await ctx.clients.contact(ctx.prisma, id))?.email ?? null] as const)))
  return Object.fromEntries(invoices.map((i) => [i.id, i.clientId ? (contacts.get(i.clientId) ?? null) : null]))
}
