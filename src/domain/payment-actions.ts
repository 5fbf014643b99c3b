/**
 * Which of a payment's actions apply, from its state: one rule for the buttons of its pages (the
 * actions' isVisible), the work queue's inline actions and the server's refusals, so that nothing
 * is offered that the server would then refuse ("Ignorer" on a payment just reconciled).
 */
import type { Cents } from './money.js'

export interface PaymentState {
  sens: string
  statut: string
  amountCents: Cents
  allocatedCents: Cents
  ignoredCategory: string | null
}

export interface PaymentActions {
  /** Associate invoices: a settled credit, not ignored, with something left to allocate. */
  associer: boolean
  /** Explain without an invoice: a settled credit, not ignored, nothing allocated yet. */
  ignorer: boolean
  /** Put an ignored payment back to reconcile. */
  retablir: boolean
  /** Undo its invoices: something allocated. */
  dissocier: boolean
}

export function paymentActions(state: PaymentState): PaymentActions {
  const settledCredit = state.sens === 'CREDIT' && state.statut === 'SETTLED'
  const ignored = state.ignoredCategory !== null && state.ignoredCategory !== ''
  return {
    associer: settledCredit && !ignored && state.allocatedCents < state.amountCents,
    ignorer: settledCredit && !ignored && state.allocatedCents === 0,
    retablir: ignored,
    dissocier: state.allocatedCents > 0,
  }
}

/** The state as an AdminJS record's params carry it (Decimal amounts as text or numbers). */
export function paymentStateOfParams(param: (key: string) => unknown): PaymentState {
  // Only deciding which buttons to show: never throws on an odd value (the server checks exactly).
  const cents = (key: string) => {
    const value = Number(param(key) ?? 0)
    return Number.isFinite(value) ? Math.round(value * 100) : 0
  }
  const category = param('ignoreCategorie')
  return {
    sens: String(param('sens') ?? ''),
    statut: String(param('statut') ?? ''),
    amountCents: cents('montant'),
    allocatedCents: cents('montantAlloue'),
    ignoredCategory: category === null || category === undefined || category === '' ? null : String(category),
  }
}
