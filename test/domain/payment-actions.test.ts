/**
 * One rule for what a payment offers (domain/payment-actions.ts): the buttons of its pages, the work
 * queue's inline actions, and what the server accepts. "Ignorer" was offered on a payment just
 * reconciled, then refused (issue 20): offered exactly when the server's ignore accepts it.
 */
import { describe, expect, it } from 'vitest'
import { paymentActions, paymentStateOfParams } from '../../src/domain/payment-actions.js'
import { whyNotIgnorable } from '../../src/reconcile/ignore.service.js'

const states = ['CREDIT', 'DEBIT'].flatMap((sens) =>
  ['SETTLED', 'PENDING', 'DECLINED', 'REVERSED'].flatMap((statut) =>
    [0, 40_000, 100_000].flatMap((allocatedCents) =>
      [null, 'REMBOURSEMENT'].map((ignoredCategory) => ({ sens, statut, amountCents: 100_000, allocatedCents, ignoredCategory })),
    ),
  ),
)

describe('what a payment offers', () => {
  it('offers "Ignorer" exactly where the server would ignore it', () => {
    for (const state of states) {
      const server = whyNotIgnorable({ sens: state.sens, statut: state.statut, montantAlloue: state.allocatedCents / 100, ignoreCategorie: state.ignoredCategory })
      expect(paymentActions(state).ignorer, JSON.stringify(state)).toBe(server === null)
    }
  })

  it('a payment just reconciled offers Dissocier only; a partly reconciled one Associer and Dissocier; an ignored one Rétablir only', () => {
    const credit = { sens: 'CREDIT', statut: 'SETTLED', amountCents: 100_000, ignoredCategory: null }
    expect(paymentActions({ ...credit, allocatedCents: 100_000 })).toEqual({ associer: false, ignorer: false, retablir: false, dissocier: true })
    expect(paymentActions({ ...credit, allocatedCents: 40_000 })).toEqual({ associer: true, ignorer: false, retablir: false, dissocier: true })
    expect(paymentActions({ ...credit, allocatedCents: 0 })).toEqual({ associer: true, ignorer: true, retablir: false, dissocier: false })
    expect(paymentActions({ ...credit, allocatedCents: 0, ignoredCategory: 'APPORT' })).toEqual({ associer: false, ignorer: false, retablir: true, dissocier: false })
    expect(paymentActions({ ...credit, statut: 'PENDING', allocatedCents: 0 })).toEqual({ associer: false, ignorer: false, retablir: false, dissocier: false })
  })

  it('reads an AdminJS record\'s params (amounts as text or numbers, empty category) without ever throwing', () => {
    const params: Record<string, unknown> = { sens: 'CREDIT', statut: 'SETTLED', montant: '1500.5', montantAlloue: 1500.5, ignoreCategorie: '' }
    expect(paymentStateOfParams((key) => params[key])).toEqual({ sens: 'CREDIT', statut: 'SETTLED', amountCents: 150_050, allocatedCents: 150_050, ignoredCategory: null })
    expect(paymentStateOfParams(() => 'n/a')).toMatchObject({ amountCents: 0, allocatedCents: 0 })
  })
})
