/**
 * Evidence for one candidate invoice: what the transfer text says about it, who paid, how the
 * amount fits, and the dates. Each signal adds its weight and one French reason.
 */
import { openCents, type Invoice, type Reason } from './types.js'
import { clampScore, isNamed, type Context, type Scored } from './context.js'
import { reason } from './reasons.js'
import { WEIGHTS } from './weights.js'
import type { Cents } from '../money.js'
import type { MatchOptions } from './types.js'

export function referenceEvidence(invoice: Invoice, { references }: Context): { score: number; reasons: Reason[] } {
  const evidence = references.get(invoice.id)
  switch (evidence?.kind) {
    case 'full':
      return {
        score: WEIGHTS.referenceFull,
        reasons: [evidence.via === 'rf' ? reason.creditorReferenceFound(invoice.number, evidence.where) : reason.referenceFound(invoice.number, evidence.where)],
      }
    case 'partial':
      return { score: WEIGHTS.referencePartial, reasons: [reason.referencePartial(invoice.number, evidence.shown, evidence.why)] }
    case 'short':
      return { score: WEIGHTS.referenceShort, reasons: [reason.shortReferenceFound(invoice.number)] }
    case 'other':
      return { score: 0, reasons: [reason.referenceOtherDocument(invoice.number, evidence.shown, evidence.what)] }
    default:
      return { score: 0, reasons: [] }
  }
}

export interface ClientSignal {
  score: number
  reasons: Reason[]
  matches: boolean
  mismatch: boolean
}

export function clientEvidence(invoice: Invoice, { resolution, index }: Context): ClientSignal {
  const reasons: Reason[] = []
  if (!resolution || !invoice.clientId) return { score: 0, reasons, matches: false, mismatch: false }
  const payer = index.clientsById.get(resolution.clientId)!.client.name
  if (invoice.clientId !== resolution.clientId) {
    const owner = index.clientsById.get(invoice.clientId)?.client.name ?? 'inconnu'
    reasons.push(reason.clientMismatch(owner, payer))
    return { score: WEIGHTS.clientMismatch, reasons, matches: false, mismatch: true }
  }
  if (resolution.via === 'iban') reasons.push(reason.clientIban(payer))
  else if (resolution.via === 'name') reasons.push(reason.clientName(payer, resolution.similarity ?? 0))
  else reasons.push(reason.clientHistory(payer))
  return { score: WEIGHTS.client[resolution.via], reasons, matches: true, mismatch: false }
}

export function dateEvidence(invoices: Invoice[], { paidOn }: Context): { score: number; reasons: Reason[]; beforeIssue: boolean } {
  const late = invoices.find((invoice) => paidOn < invoice.issueDate)
  if (!late) return { score: 0, reasons: [], beforeIssue: false }
  return { score: WEIGHTS.dateBeforeIssue, reasons: [reason.dateBeforeIssue(late.issueDate)], beforeIssue: true }
}

/** One invoice for the payment; null when nothing but an inexact amount links them. */
export function scoreSingle(invoice: Invoice, context: Context): Scored | null {
  const { payment, resolution, references, options, index } = context
  const named = isNamed(references.get(invoice.id))
  const ref = referenceEvidence(invoice, context)
  const client = clientEvidence(invoice, context)
  let score = ref.score + client.score
  const reasons = [...ref.reasons, ...client.reasons]

  const open = openCents(invoice)
  const amount = payment.amountCents
  const amountExact = amount === open
  if (amountExact) {
    const alone = !named && !client.matches
    score += alone ? WEIGHTS.amountOnly : WEIGHTS.amountExact
    reasons.push(alone ? reason.amountOnly() : reason.amountExact(amount))
  } else if (!named && !client.matches) {
    return null
  } else if (amount < open && open - amount <= feeTolerance(open, options)) {
    score += WEIGHTS.amountShortFees
    reasons.push(reason.amountShortFees(open - amount))
  } else if (amount < open) {
    score += WEIGHTS.amountPartial
    reasons.push(reason.amountPartial(open - amount))
  } else {
    score += named ? WEIGHTS.amountOverpaid : WEIGHTS.amountOverpaidUnnamed
    reasons.push(reason.amountOverpaid(amount - open))
  }

  const dates = dateEvidence([invoice], context)
  score += dates.score
  reasons.push(...dates.reasons)

  if (amountExact && !named) {
    let twins = 0
    for (const other of context.exactUnnamed) if (other !== invoice && (other.clientId === invoice.clientId || !client.matches)) twins += 1
    if (twins > 0) reasons.push(reason.sameAmountElsewhere(twins))
  }

  const onlyExactOfIbanPayer = resolution?.via === 'iban' && client.matches && amountExact && context.payerExactCount === 1
  return {
    suggestion: { allocations: [{ invoiceId: invoice.id, amountCents: Math.min(amount, open) }], score: clampScore(score), autoApply: false, reasons },
    invoices: [invoice],
    age: index.ageRank.get(invoice) ?? 0,
    facts: {
      amountExact,
      allNamedFull: references.get(invoice.id)?.kind === 'full',
      onlyExactOfIbanPayer,
      clientMismatch: client.mismatch,
      beforeIssue: dates.beforeIssue,
      neverAuto: false,
    },
  }
}

function feeTolerance(openAmount: Cents, options: MatchOptions): Cents {
  return Math.min(options.feeToleranceMaxCents, Math.floor((openAmount * options.feeToleranceBasisPoints) / 10_000))
}
