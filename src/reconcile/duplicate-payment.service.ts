/**
 * A payment that duplicates one already applied to the same invoice (a client paying the same
 * invoice twice): same payer (IBAN or name key), same amount, and naming the invoice that payment
 * was applied to. (The same remittance text alone is not enough: a monthly subscription repeats it.) Flagged, never applied automatically: the
 * second payment is surplus money to explain (avoir or refund), not another invoice's payment.
 */
import type { ReconciliationContext } from '../context.js'
import { businessDay } from '../domain/dates.js'
import { normalizeIban } from '../domain/iban.js'
import { centsToDecimalString, toCents } from '../domain/money.js'
import { creditorReferenceKeys } from '../domain/matching/creditor-reference-evidence.js'
import { extractReferenceKeys, invoiceKey, reasonLabel, type MatchFacts, type Payment, type ReasonFact } from '../domain/matching/index.js'
import { payerKey } from './payer-history.service.js'

export interface DuplicateOf {
  transactionId: string
  invoices: string[]
  /** The business day of that payment (YYYY-MM-DD). */
  day: string
  /** In the panel's language: "Doublon probable du paiement du 12/11/2026 déjà appliqué à FACT-2026-001 : même payeur, même montant, même facture." */
  explanation: string
}

type Earlier = { id: string; montant: unknown; emetteurIban: string | null; emetteurCle: string | null; dateTransaction: Date; number: string }

/** For each payment, the already-applied payment it duplicates (absent when none). */
export async function duplicatesOf(ctx: ReconciliationContext, payments: Payment[]): Promise<Map<string, DuplicateOf>> {
  const found = new Map<string, DuplicateOf>()
  const credits = payments.filter((p) => (p.side ?? 'credit') === 'credit' && p.amountCents > 0)
  const ibans = [...new Set(credits.flatMap((p) => normalizeIban(p.counterpartyIban) ?? []))]
  const keys = [...new Set(credits.flatMap((p) => payerKey(p.counterpartyName) ?? []))]
  if (ibans.length + keys.length === 0) return found
  const { host, fields } = ctx.invoices.mapping
  const earlier = await ctx.prisma.$queryRawUnsafe<Earlier[]>(
    `SELECT t.id, t.montant, t."emetteurIban", t."emetteurCle", t."dateTransaction", i.${host.column(fields.number)} AS number
     FROM "transactions_qonto" t JOIN "qonto_allocations" a ON a."transactionId" = t.id JOIN ${host.table} i ON i.${host.id.column} = a."factureId"
     WHERE t.montant = ANY($1::numeric[]) AND (upper(replace(t."emetteurIban", ' ', '')) = ANY($2::text[]) OR t."emetteurCle" = ANY($3::text[]))
     ORDER BY t."dateTransaction"`,
    [...new Set(credits.map((p) => centsToDecimalString(p.amountCents)))],
    ibans,
    keys,
  )
  for (const payment of credits) {
    const iban = normalizeIban(payment.counterpartyIban)
    const key = payerKey(payment.counterpartyName)
    const named = new Set([...extractReferenceKeys(payment.reference, payment.label).full, ...creditorReferenceKeys(payment.reference, payment.label)])
    const same = earlier.filter(
      (e) =>
        e.id !== payment.id &&
        toCents(e.montant as never) === payment.amountCents &&
        ((iban !== null && normalizeIban(e.emetteurIban) === iban) || (key !== null && e.emetteurCle === key)) &&
        invoiceKey(e.number) !== null &&
        named.has(invoiceKey(e.number)!),
    )
    if (same.length === 0) continue
    const first = same[0]!
    const invoices = [...new Set(same.filter((e) => e.id === first.id).map((e) => e.number))]
    const day = businessDay(first.dateTransaction, ctx.timeZone)
    found.set(payment.id, { transactionId: first.id, invoices, day, explanation: reasonLabel(duplicateReason({ day, invoices }), ctx.panelLanguage.current) })
  }
  return found
}

/** The results with duplicates flagged: a reason on each suggestion, and nothing automatic. */
const duplicateReason = ({ day, invoices }: Pick<DuplicateOf, 'day' | 'invoices'>): ReasonFact => ({ code: 'DUPLICATE_PAYMENT', params: { day, invoices } })

export function flagDuplicates(results: MatchFacts[], duplicates: Map<string, DuplicateOf>): MatchFacts[] {
  if (duplicates.size === 0) return results
  return results.map((result) => {
    const duplicate = duplicates.get(result.transactionId)
    if (!duplicate) return result
    const flag = duplicateReason(duplicate)
    return { ...result, suggestions: result.suggestions.map((s) => ({ ...s, autoApply: false, reasons: [flag, ...s.reasons] })) }
  })
}
