/**
 * Evidence for one candidate invoice: what the transfer text says about it, who paid, how the
 * amount fits, and the dates. Each signal adds its weight and one reason (as data: reason-texts.ts writes it).
 */
import { openCents, type Invoice, type ReasonFact } from './types.js'
import { clampScore, isNamed, type Context, type Scored } from './context.js'
import { matchMethod } from './method.js'
import { reason } from './reasons.js'
import { WEIGHTS } from './weights.js'
import type { Cents } from '../money.js'
import type { MatchOptions } from './types.js'
import type { ClientResolution } from './client-resolution.js'
import type { ReferenceEvidence } from './reference-evidence.js'

export function referenceEvidence(invoice: Invoice, { references }: Context): { score: number; reasons: ReasonFact[] } {
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
    case 'habit':
      return { score: WEIGHTS.referenceHabit, reasons: [reason.referenceHabit(invoice.number, evidence.shown, evidence.example, evidence.learnedOn)] }
    default:
      return { score: 0, reasons: [] }
  }
}

export interface ClientSignal {
  score: number
  reasons: ReasonFact[]
  matches: boolean
  mismatch: boolean
}

export function clientEvidence(invoice: Invoice, { resolution, index }: Context): ClientSignal {
  const reasons: ReasonFact[] = []
  if (!resolution || !invoice.clientId) return { score: 0, reasons, matches: false, mismatch: false }
  const payer = index.clientsById.get(resolution.clientId)!.client.name
  if (invoice.clientId !== resolution.clientId) {
    const owner = index.clientsById.get(invoice.clientId)?.client.name ?? null
    reasons.push(reason.clientMismatch(owner, payer))
    return { score: WEIGHTS.clientMismatch, reasons, matches: false, mismatch: true }
  }
  if (resolution.via === 'iban') reasons.push(reason.clientIban(payer))
  else if (resolution.via === 'name') reasons.push(reason.clientName(payer, resolution.similarity ?? 0))
  else if (resolution.learned) reasons.push(reason.clientLearned(payer, resolution.learned.by, resolution.learned.on))
  else reasons.push(reason.clientHistory(payer))
  return { score: WEIGHTS.client[resolution.via], reasons, matches: true, mismatch: false }
}

export function dateEvidence(invoices: Invoice[], { paidOn }: Context): { score: number; reasons: ReasonFact[]; beforeIssue: boolean } {
  const late = invoices.find((invoice) => paidOn < invoice.issueDate)
  if (!late) return { score: 0, reasons: [], beforeIssue: false }
  return { score: WEIGHTS.dateBeforeIssue, reasons: [reason.dateBeforeIssue(late.issueDate)], beforeIssue: true }
}

/** How the payment's amount fits one invoice. */
export type AmountFit = 'exact' | 'only' | 'fees' | 'usualShortfall' | 'partial' | 'over' | 'overUnnamed'

const AMOUNT_WEIGHTS: Record<AmountFit, number> = {
  exact: WEIGHTS.amountExact,
  only: WEIGHTS.amountOnly,
  fees: WEIGHTS.amountShortFees,
  usualShortfall: WEIGHTS.amountShortFees,
  partial: WEIGHTS.amountPartial,
  over: WEIGHTS.amountOverpaid,
  overUnnamed: WEIGHTS.amountOverpaidUnnamed,
}

/** The amount's fit; null when neither the text nor the payer links them and the amount is not exact. */
export function amountFit(open: Cents, amount: Cents, named: boolean, clientMatches: boolean, options: MatchOptions, usualShortfall: Cents | null = null): AmountFit | null {
  if (amount === open) return !named && !clientMatches ? 'only' : 'exact'
  if (!named && !clientMatches) return null
  if (amount < open) {
    if (open - amount <= feeTolerance(open, options)) return 'fees'
    // The payer's learned habit counts as bank fees, for their own client's invoices only.
    return clientMatches && open - amount === usualShortfall ? 'usualShortfall' : 'partial'
  }
  return named ? 'over' : 'overUnnamed'
}

/** The weight of what the text says about one invoice (full, partial, short number; another document: 0). */
export function referenceWeight(evidence: ReferenceEvidence | undefined): number {
  switch (evidence?.kind) {
    case 'full':
      return WEIGHTS.referenceFull
    case 'partial':
      return WEIGHTS.referencePartial
    case 'short':
      return WEIGHTS.referenceShort
    case 'habit':
      return WEIGHTS.referenceHabit
    default:
      return 0
  }
}

/** The weight of who paid, for one invoice: the payer's evidence, a mismatch, or nothing. */
export function clientWeight(invoice: Invoice, resolution: ClientResolution | null): number {
  if (!resolution || !invoice.clientId) return 0
  return invoice.clientId === resolution.clientId ? WEIGHTS.client[resolution.via] : WEIGHTS.clientMismatch
}

/** One invoice's score from its parts, added in one order so that every path gets the same number. */
export function combineScore(reference: number, client: number, fit: AmountFit, late: boolean): number {
  let score = reference + client
  score += AMOUNT_WEIGHTS[fit]
  if (late) score += WEIGHTS.dateBeforeIssue
  return clampScore(score)
}

/**
 * The score scoreSingle gives one invoice, without building its reasons (the engine ranks many
 * candidates and explains only the few it returns); null when it is no suggestion.
 */
export function singleScore(invoice: Invoice, context: Context): number | null {
  const { resolution, references, payment, options, paidOn } = context
  const evidence = references.get(invoice.id)
  const clientMatches = resolution !== null && !!invoice.clientId && invoice.clientId === resolution.clientId
  const fit = amountFit(openCents(invoice), payment.amountCents, isNamed(evidence), clientMatches, options, context.usualShortfall)
  return fit === null ? null : combineScore(referenceWeight(evidence), clientWeight(invoice, resolution), fit, paidOn < invoice.issueDate)
}

/** One invoice for the payment, explained; null when nothing but an inexact amount links them. */
export function scoreSingle(invoice: Invoice, context: Context): Scored | null {
  const { payment, resolution, references, options, index } = context
  const evidence = references.get(invoice.id)
  const named = isNamed(evidence)
  const ref = referenceEvidence(invoice, context)
  const client = clientEvidence(invoice, context)
  const open = openCents(invoice)
  const amount = payment.amountCents
  const fit = amountFit(open, amount, named, client.matches, options, context.usualShortfall)
  if (fit === null) return null
  const reasons = [...ref.reasons, ...client.reasons]
  reasons.push(amountReason(fit, open, amount))
  const dates = dateEvidence([invoice], context)
  reasons.push(...dates.reasons)
  const amountExact = fit === 'exact' || fit === 'only'

  if (amountExact && !named) {
    let twins = 0
    for (const other of context.exactUnnamed) if (other !== invoice && (other.clientId === invoice.clientId || !client.matches)) twins += 1
    if (twins > 0) reasons.push(reason.sameAmountElsewhere(twins))
  }

  const onlyExactOfIbanPayer = resolution?.via === 'iban' && client.matches && amountExact && context.payerExactCount === 1
  return {
    suggestion: {
      allocations: [{ invoiceId: invoice.id, amountCents: Math.min(amount, open) }],
      score: combineScore(ref.score, client.score, fit, dates.beforeIssue),
      autoApply: false,
      method: matchMethod([invoice], context),
      reasons,
    },
    invoices: [invoice],
    age: index.ageRank.get(invoice) ?? 0,
    facts: {
      amountExact,
      allNamedFull: evidence?.kind === 'full',
      onlyExactOfIbanPayer,
      clientMismatch: client.mismatch,
      beforeIssue: dates.beforeIssue,
      neverAuto: false,
    },
  }
}

function amountReason(fit: AmountFit, open: Cents, amount: Cents): ReasonFact {
  switch (fit) {
    case 'only':
      return reason.amountOnly()
    case 'exact':
      return reason.amountExact(amount)
    case 'fees':
      return reason.amountShortFees(open - amount)
    case 'usualShortfall':
      return reason.amountUsualShortfall(open - amount)
    case 'partial':
      return reason.amountPartial(open - amount)
    default:
      return reason.amountOverpaid(amount - open)
  }
}

export function feeTolerance(openAmount: Cents, options: MatchOptions): Cents {
  return Math.min(options.feeToleranceMaxCents, Math.floor((openAmount * options.feeToleranceBasisPoints) / 10_000))
}
