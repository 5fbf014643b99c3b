/**
 * The invoice's side of the reconciliation, for the feature on the host's invoice resource: the
 * payments already applied to it, and the unreconciled credits that could pay it, ranked by the
 * same matcher (with this invoice as the only candidate) and explained by the same reasons.
 */
import { serverTexts } from '../i18n/server-texts.js'
import type { ReconciliationContext } from '../context.js'
import { confidenceTier, type ConfidenceTier } from '../domain/matching/confidence.js'
import { confidenceTextIn, TIER_TEXTS } from '../domain/matching/reason-texts.js'
import { suggestMatches, type Reason } from '../domain/matching/index.js'
import { creditorReferenceBody } from '../domain/matching/creditor-reference.js'
import { actorIn, reconcileTexts, writeOffReasonIn } from '../i18n/reconcile-texts.js'
import { toCents, type Cents } from '../domain/money.js'
import { loadClients, loadHistory, toInvoice, toPayment, type TransactionRow } from './matching-data.service.js'
import { toView, type InvoiceView } from './reconciliation-view.service.js'
import { applyDeclines, loadDeclines, payerOf } from './learning.service.js'
import { openCredits, type OpenCredit } from './surplus.service.js'

export interface InvoicePayment {
  transactionId: string
  date: string
  payer: string | null
  reference: string | null
  amountCents: Cents
  allocatedCents: Cents
  /** Write-off closed on this invoice with that payment (0 when none), in words. */
  writeOffCents: Cents
  writeOff: string | null
  mode: string
  /** The mode in words (Manuel, Suggestion acceptée, Automatique). */
  modeLabel: string
  by: string | null
  at: string
}

export interface CreditCandidate {
  transactionId: string
  date: string
  payer: string | null
  reference: string | null
  label: string | null
  remainingCents: Cents
  proposedCents: Cents
  score: number
  autoApply: boolean
  /** sûr / probable / à vérifier: only "sûr" is associated in one click (the server checks it again). */
  tier: ConfidenceTier
  tierLabel: string
  /** "probable · 86 %": the one confidence scale (domain/matching/confidence.ts). */
  confidence: string
  /** Why it is not "sûr", in words ("écart de 1,50 €"). */
  notSureBecause: string | null
  reasons: Reason[]
}

export interface InvoiceSide {
  invoice: InvoiceView | null
  payments: InvoicePayment[]
  candidates: CreditCandidate[]
  /** The client's unused credits (avoirs from earlier surpluses), offered on this invoice. */
  credits: OpenCredit[]
}

const MAX_CANDIDATES = 200

export async function invoiceSide(ctx: ReconciliationContext, invoiceId: string, { withCandidates = true } = {}): Promise<InvoiceSide> {
  const [invoice] = await ctx.invoices.byIds(ctx.prisma, [invoiceId])
  if (!invoice) return { invoice: null, payments: [], candidates: [], credits: [] }
  const allocations = await ctx.prisma.qontoAllocation.findMany({
    where: { factureId: ctx.invoices.hostId(invoiceId) as never },
    include: { transaction: { select: { id: true, dateTransaction: true, emetteur: true, reference: true, montant: true } } },
    orderBy: { createdAt: 'asc' },
  })
  const payments = allocations.map((a) => ({
    transactionId: a.transaction.id,
    date: a.transaction.dateTransaction.toISOString(),
    payer: a.transaction.emetteur,
    reference: a.transaction.reference,
    amountCents: toCents(a.transaction.montant),
    allocatedCents: toCents(a.montant),
    writeOffCents: toCents(a.ecart),
    writeOff: toCents(a.ecart) > 0 ? reconcileTexts(ctx.panelLanguage.current).lines.writeOffAccount(writeOffReasonIn(ctx.panelLanguage.current, a.ecartMotif), a.ecartCompte ?? ctx.writeOff.account) : null,
    mode: a.mode,
    modeLabel: (serverTexts({ language: ctx.panelLanguage }).modes as Record<string, string>)[a.mode] ?? a.mode,
    by: a.creePar === null ? null : actorIn(ctx.panelLanguage.current, a.creePar),
    at: a.createdAt.toISOString(),
  }))
  const open = invoice.totalCents - invoice.paidCents
  const payable = invoice.status === 'ENVOYE' || invoice.status === 'PARTIELLEMENT_PAYE'
  const credits = payable && open > 0 && invoice.clientId ? await openCredits(ctx, invoice.clientId) : []
  if (!withCandidates || !payable || open <= 0) return { invoice: toView(invoice), payments, candidates: [], credits }

  const [clients, history] = await Promise.all([loadClients(ctx), loadHistory(ctx)])
  const clientIbans = clients.find((c) => c.id === invoice.clientId)?.ibans ?? []
  const digits = invoice.number.replace(/[^0-9]/g, '')
  const rows = await ctx.prisma.$queryRawUnsafe<TransactionRow[]>(
    `SELECT id, montant, "montantAlloue", devise, sens::text AS sens, libelle, reference, emetteur, "emetteurIban", "dateTransaction"
     FROM "transactions_qonto"
     WHERE sens = 'CREDIT' AND statut = 'SETTLED' AND associe = false AND "ignoreCategorie" IS NULL AND devise = $1 AND (
       (montant - "montantAlloue") = $2::numeric
       OR "emetteurIban" = ANY($3::text[])
       OR ($4 <> '' AND regexp_replace(coalesce(reference, '') || ' ' || coalesce(libelle, ''), '[^0-9]', '', 'g') LIKE '%' || $4 || '%')
       OR ($6 <> '' AND upper(regexp_replace(coalesce(reference, '') || ' ' || coalesce(libelle, ''), '[^A-Za-z0-9]', '', 'g')) LIKE '%' || $6 || '%'))
     ORDER BY "dateTransaction" DESC LIMIT $5::int`,
    invoice.currency,
    (open / 100).toFixed(2),
    clientIbans,
    digits.length >= 3 ? digits : '',
    MAX_CANDIDATES,
    creditorReferenceBody(invoice.number) ?? '',
  )
  const incoming = rows.map(toPayment)
  const declines = await loadDeclines(ctx.prisma, incoming.map(payerOf))
  const language = ctx.panelLanguage.current
  const results = applyDeclines(suggestMatches({ clients, invoices: [toInvoice(invoice)], history }, incoming, { ...ctx.matchOptions, maxSuggestions: 1, language }), incoming, declines)
  const candidates: CreditCandidate[] = []
  rows.forEach((row, i) => {
    const best = results[i]!.suggestions[0]
    const allocation = best?.allocations.find((a) => a.invoiceId === invoice.id)
    if (!best || !allocation) return
    candidates.push({
      transactionId: row.id,
      date: row.dateTransaction.toISOString(),
      payer: row.emetteur,
      reference: row.reference,
      label: row.libelle,
      remainingCents: toCents(row.montant) - toCents(row.montantAlloue),
      proposedCents: allocation.amountCents,
      score: best.score,
      autoApply: best.autoApply,
      tier: confidenceTier(best),
      tierLabel: TIER_TEXTS[confidenceTier(best)][language],
      confidence: confidenceTextIn(best, language),
      notSureBecause: best.notSureBecause ?? null,
      reasons: best.reasons,
    })
  })
  candidates.sort((a, b) => b.score - a.score)
  return { invoice: toView(invoice), payments, candidates: candidates.slice(0, 20), credits }
}
