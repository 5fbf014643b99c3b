/** Quality figures of a matcher on a labelled ledger: top-1 accuracy, auto-apply precision and coverage. */
import { isOpenInvoice, type MatchMethod, type Client, type HistoryEntry, type Invoice, type MatchResult, type Payment, type Suggestion } from '../src/domain/matching/index.js'
import { normalizeIban } from '../src/domain/iban.js'
import type { GeneratedLedger, LabelledPayment } from './ledger.js'

export interface MatcherLedger {
  clients: Client[]
  invoices: Invoice[]
  history?: HistoryEntry[]
}
export type Matcher = (ledger: MatcherLedger, payments: Payment[]) => MatchResult[]

/**
 * Runs a matcher as the product does over time: payments arrive in batches, and invoices settled by
 * earlier batches are no longer open when the next batch is matched.
 */
export function runInBatches(ledger: GeneratedLedger, matcher: Matcher, batchSize = 25): MatchResult[] {
  const paid = new Map<string, number>()
  const results: MatchResult[] = []
  for (let start = 0; start < ledger.payments.length; start += batchSize) {
    const batch = ledger.payments.slice(start, start + batchSize)
    const invoices = ledger.invoices.map((invoice) => ({ ...invoice, paidCents: paid.get(invoice.id) ?? 0 }))
    results.push(...matcher({ clients: ledger.clients, invoices, history: ledger.history }, batch.map((p) => p.payment)))
    for (const { truth } of batch) {
      for (const { invoiceId, amountCents } of truth) paid.set(invoiceId, (paid.get(invoiceId) ?? 0) + amountCents)
    }
  }
  return results
}

export interface Quality {
  payments: number
  withTruth: number
  top1: number
  autoApplied: number
  autoCorrect: number
  autoPrecision: number
  autoCoverage: number
  byKind: Record<string, { count: number; top1: number; auto: number; autoWrong: number }>
}

const sameAllocation = (a: Array<{ invoiceId: string; amountCents: number }>, b: Array<{ invoiceId: string; amountCents: number }>) =>
  a.length === b.length && a.every((x) => b.some((y) => y.invoiceId === x.invoiceId && y.amountCents === x.amountCents))

export function evaluate(labelled: LabelledPayment[], results: MatchResult[]): Quality {
  const byKind: Quality['byKind'] = {}
  let withTruth = 0
  let top1 = 0
  let autoApplied = 0
  let autoCorrect = 0
  labelled.forEach(({ truth, kind }, i) => {
    const result = results[i]!
    const stats = (byKind[kind] ??= { count: 0, top1: 0, auto: 0, autoWrong: 0 })
    stats.count += 1
    const best = result.suggestions[0]
    if (truth.length > 0) {
      withTruth += 1
      if (best && sameAllocation(best.allocations, truth)) {
        top1 += 1
        stats.top1 += 1
      }
    }
    const auto = result.suggestions.find((s) => s.autoApply)
    if (auto) {
      autoApplied += 1
      stats.auto += 1
      if (truth.length > 0 && sameAllocation(auto.allocations, truth)) autoCorrect += 1
      else stats.autoWrong += 1
    }
  })
  return {
    payments: labelled.length,
    withTruth,
    top1: withTruth === 0 ? 0 : top1 / withTruth,
    autoApplied,
    autoCorrect,
    autoPrecision: autoApplied === 0 ? 1 : autoCorrect / autoApplied,
    autoCoverage: autoApplied / labelled.length,
    byKind,
  }
}

/**
 * The design note's rule as it is: every open invoice within 1 € of the payment, in list order; it
 * suggests and never applies anything. A loop over payments × invoices.
 */
export const designNoteRule: Matcher = ({ invoices }, payments) =>
  payments.map((payment) => {
    const candidates: Invoice[] = []
    for (const invoice of invoices) {
      const open = invoice.totalCents - (invoice.paidCents ?? 0)
      if (open <= 0 || Math.abs(open - payment.amountCents) >= 100) continue
      if (candidates.length < 5) candidates.push(invoice)
    }
    return {
      transactionId: payment.id,
      clientId: null,
      suggestions: candidates.map((invoice) => ({
        allocations: [{ invoiceId: invoice.id, amountCents: Math.min(invoice.totalCents - (invoice.paidCents ?? 0), payment.amountCents) }],
        score: 0.5,
        autoApply: false,
        method: 'AMOUNT' as const,
        reasons: [],
      })),
    }
  })

/**
 * A simple strong baseline: an invoice number typed in the transfer (letters and digits, or 6+
 * digits, in up to three adjacent tokens) or the payer's known IBAN; auto-apply when exactly one
 * invoice is named and the amount is its open amount, or, naming none, when the IBAN's client has
 * exactly one open invoice of exactly that amount.
 */
export const simpleBaseline: Matcher = ({ clients, invoices }, payments) => {
  const open = invoices.filter(isOpenInvoice)
  const openOf = (invoice: Invoice) => invoice.totalCents - (invoice.paidCents ?? 0)
  const byNumber = new Map<string, Invoice[]>()
  const byAmount = new Map<number, Invoice[]>()
  const byClientAmount = new Map<string, Invoice[]>()
  const push = <K>(map: Map<K, Invoice[]>, key: K, invoice: Invoice) => {
    const list = map.get(key)
    if (list) list.push(invoice)
    else map.set(key, [invoice])
  }
  for (const invoice of open) {
    const compact = invoice.number.toLowerCase().replace(/[^a-z0-9]/g, '')
    const digits = compact.replace(/\D/g, '')
    push(byNumber, compact, invoice)
    if (digits.length >= 6 && digits !== compact) push(byNumber, digits, invoice)
    push(byAmount, openOf(invoice), invoice)
    if (invoice.clientId) push(byClientAmount, `${invoice.clientId}|${openOf(invoice)}`, invoice)
  }
  const clientByIban = new Map<string, string>()
  for (const client of clients) for (const iban of client.ibans ?? []) clientByIban.set(normalizeIban(iban)!, client.id)
  return payments.map((payment) => {
    const empty = { transactionId: payment.id, clientId: null, suggestions: [] }
    if ((payment.side ?? 'credit') !== 'credit') return empty
    const tokens = `${payment.reference ?? ''} ${payment.label ?? ''}`.toLowerCase().split(/\s+/).map((t) => t.replace(/[^a-z0-9]/g, '')).filter(Boolean)
    const named = new Map<string, Invoice>()
    for (let i = 0; i < tokens.length; i += 1) {
      let key = ''
      for (let j = i; j < Math.min(tokens.length, i + 3); j += 1) {
        key += tokens[j]
        for (const invoice of byNumber.get(key) ?? []) named.set(invoice.id, invoice)
      }
    }
    const clientId = clientByIban.get(normalizeIban(payment.counterpartyIban) ?? '') ?? null
    const sameAmountOfClient = clientId ? byClientAmount.get(`${clientId}|${payment.amountCents}`) ?? [] : []
    const suggestions: Suggestion[] = []
    const add = (invoice: Invoice, autoApply: boolean, method: MatchMethod) => {
      if (suggestions.some((s) => s.allocations[0]!.invoiceId === invoice.id) || suggestions.length >= 5) return
      suggestions.push({ allocations: [{ invoiceId: invoice.id, amountCents: Math.min(openOf(invoice), payment.amountCents) }], score: 0.5, autoApply, method, reasons: [] })
    }
    const namedList = [...named.values()]
    if (namedList.length === 1) add(namedList[0]!, openOf(namedList[0]!) === payment.amountCents, 'REFERENCE')
    else namedList.forEach((invoice) => add(invoice, false, 'REFERENCE'))
    if (namedList.length === 0 && sameAmountOfClient.length === 1) add(sameAmountOfClient[0]!, true, 'IBAN')
    sameAmountOfClient.forEach((invoice) => add(invoice, false, 'IBAN'))
    for (const invoice of byAmount.get(payment.amountCents) ?? []) {
      if (suggestions.length >= 5) break
      add(invoice, false, 'AMOUNT')
    }
    return { transactionId: payment.id, clientId, suggestions }
  })
}

/** Payments whose transfer names no invoice: only the payer and the amount can say what they pay. */
const UNNAMED_KINDS = new Set(['iban-only', 'name-only', 'history-only', 'grouped-unnamed', 'amount-only'])
/** Above this many candidate invoices of one client, groups of three are not looked for (the count is then a lower bound). */
const MAX_TRIPLE_POOL = 300

/**
 * The positions of the payments whose generated truth the data cannot tell from another allocation:
 * the transfer names no invoice, and the truth's client has another set of open invoices (one, two
 * or three; issued by the payment's day) whose open amounts are exactly the payment. A generator can
 * label such a payment either way; no matcher can know which, so they are counted apart, not as
 * misses. Independent of the engine (its own rule is payer-alternatives.ts).
 */
export function ambiguousTruths(labelled: LabelledPayment[], invoices: Invoice[]): Set<number> {
  const byClient = new Map<string, Invoice[]>()
  const byId = new Map<string, Invoice>()
  for (const invoice of invoices) {
    byId.set(invoice.id, invoice)
    if (!invoice.clientId || !isOpenInvoice(invoice)) continue
    const list = byClient.get(invoice.clientId)
    if (list) list.push(invoice)
    else byClient.set(invoice.clientId, [invoice])
  }
  const openOf = (invoice: Invoice) => invoice.totalCents - (invoice.paidCents ?? 0)
  const ambiguous = new Set<number>()
  labelled.forEach(({ kind, truth, payment }, position) => {
    if (!UNNAMED_KINDS.has(kind) || truth.length === 0) return
    const clientId = byId.get(truth[0]!.invoiceId)?.clientId
    if (!clientId) return
    const day = payment.settledAt.slice(0, 10)
    const truthIds = new Set(truth.map((t) => t.invoiceId))
    const amount = payment.amountCents
    const pool = (byClient.get(clientId) ?? []).filter((invoice) => invoice.issueDate <= day && openOf(invoice) <= amount)
    const other = (set: Invoice[]) => set.length !== truthIds.size || set.some((invoice) => !truthIds.has(invoice.id))
    const byAmount = new Map<number, Invoice[]>()
    for (const invoice of pool) {
      const list = byAmount.get(openOf(invoice))
      if (list) list.push(invoice)
      else byAmount.set(openOf(invoice), [invoice])
    }
    const found = (() => {
      for (const single of byAmount.get(amount) ?? []) if (other([single])) return true
      for (let i = 0; i < pool.length; i += 1) {
        for (const second of byAmount.get(amount - openOf(pool[i]!)) ?? []) if (second !== pool[i] && other([pool[i]!, second])) return true
      }
      if (pool.length > MAX_TRIPLE_POOL) return false
      for (let i = 0; i < pool.length; i += 1) {
        for (let j = i + 1; j < pool.length; j += 1) {
          const rest = amount - openOf(pool[i]!) - openOf(pool[j]!)
          for (const third of byAmount.get(rest) ?? []) if (third !== pool[i] && third !== pool[j] && other([pool[i]!, pool[j]!, third])) return true
        }
      }
      return false
    })()
    if (found) ambiguous.add(position)
  })
  return ambiguous
}
