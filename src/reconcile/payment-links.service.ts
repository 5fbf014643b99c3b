/**
 * Payments and invoices linked on screen, in words and euros: a payment's invoices (its show page),
 * how an allocation or an audit entry names its payment and invoice (lists of the extension's
 * resources), never an internal id.
 */
import { serverTexts } from '../i18n/server-texts.js'
import type { ReconciliationContext } from '../context.js'
import { businessDay, dayIn } from '../domain/dates.js'
import { formatEurosIn, toCents, type Cents } from '../domain/money.js'
import { categoryIn } from '../i18n/error-texts.js'
import { actorIn, reconcileTexts, ruleExplanationIn, writeOffReasonIn } from '../i18n/reconcile-texts.js'

export interface PaymentInvoiceLine {
  invoiceId: string
  reference: string
  href: string
  client: string | null
  amountCents: Cents
  writeOffCents: Cents
  writeOff: string | null
  mode: string
  by: string | null
  at: string
}

export interface PaymentExplanation {
  invoices: PaymentInvoiceLine[]
  ignored: { category: string; note: string | null; rule: string | null; by: string | null; at: string | null } | null
}

export function invoiceHref(ctx: ReconciliationContext, invoiceId: string): string {
  return `${ctx.rootPath}/resources/${encodeURIComponent(ctx.invoices.mapping.resourceId)}/records/${encodeURIComponent(invoiceId)}/show`
}

/** "24/11/2026 · 2 100,00 € · Lumière SAS": a payment as Maud recognises it on her bank statement. */
export function paymentTitle(ctx: Pick<ReconciliationContext, 'timeZone' | 'panelLanguage'>, t: { dateTransaction: Date; montant: { toFixed(d: number): string } | string; devise: string; emetteur: string | null }): string {
  // In the panel's language, as the extension's screens write a day and an amount.
  const language = ctx.panelLanguage.current
  return `${dayIn(language, businessDay(t.dateTransaction, ctx.timeZone))} · ${formatEurosIn(language, toCents(t.montant), t.devise)} · ${t.emetteur ?? serverTexts({ language: ctx.panelLanguage }).unknownPayer}`
}

export async function paymentExplanation(ctx: ReconciliationContext, transactionId: string): Promise<PaymentExplanation | null> {
  const t = await ctx.prisma.transactionQonto.findUnique({
    where: { id: transactionId },
    include: { regle: true, allocations: { orderBy: { createdAt: 'asc' } } },
  })
  if (!t) return null
  const ids = t.allocations.map((a) => String(a.factureId))
  const invoices = new Map((await ctx.invoices.byIds(ctx.prisma, ids, { anyRow: true })).map((i) => [i.id, i]))
  // The payment's page, in the panel's language.
  const language = ctx.panelLanguage.current
  const T = reconcileTexts(language).lines
  return {
    invoices: t.allocations.map((a) => {
      const id = String(a.factureId)
      const invoice = invoices.get(id)
      const writeOffCents = toCents(a.ecart)
      return {
        invoiceId: id,
        reference: invoice?.number ?? T.deletedInvoice,
        href: invoiceHref(ctx, id),
        client: invoice?.clientName ?? null,
        amountCents: toCents(a.montant),
        writeOffCents,
        writeOff: writeOffCents > 0 ? T.settledWithoutPayment(writeOffCents, writeOffReasonIn(language, a.ecartMotif), a.ecartCompte ?? ctx.writeOff.account) : null,
        mode: (serverTexts({ language: ctx.panelLanguage }).modes as Record<string, string>)[a.mode] ?? a.mode,
        by: a.creePar === null ? null : actorIn(language, a.creePar),
        at: a.createdAt.toISOString(),
      }
    }),
    ignored: t.ignoreCategorie
      ? { category: categoryIn(language, t.ignoreCategorie), note: t.ignoreNote, rule: t.regle ? ruleExplanationIn(language, t.regle) : null, by: t.ignorePar === null ? null : actorIn(language, t.ignorePar), at: t.ignoreLe?.toISOString() ?? null }
      : null,
  }
}

/** For lists of allocations and audit entries: each payment's and invoice's title and link, two queries per page. */
export async function linkTitles(ctx: ReconciliationContext, transactionIds: string[], invoiceIds: string[]) {
  const [transactions, invoices] = await Promise.all([
    transactionIds.length === 0
      ? []
      : ctx.prisma.transactionQonto.findMany({ where: { id: { in: [...new Set(transactionIds)] } }, select: { id: true, dateTransaction: true, montant: true, devise: true, emetteur: true } }),
    invoiceIds.length === 0 ? [] : ctx.invoices.byIds(ctx.prisma, [...new Set(invoiceIds)], { anyRow: true }),
  ])
  return {
    payment: new Map(transactions.map((t) => [t.id, { title: paymentTitle(ctx, t), href: ctx.links.transaction(t.id) }])),
    invoice: new Map(invoices.map((i) => [i.id, { title: i.number, href: invoiceHref(ctx, i.id) }])),
  }
}
