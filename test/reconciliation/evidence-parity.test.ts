/**
 * One evidence path: for every payment of a generated ledger stored in the database, the panel's
 * suggestions (one transaction, indexed candidates, the payer's history) equal the batch's (every
 * open invoice and all history at once: reconcile --auto, sync and webhook).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateLedger } from '../../bench/ledger.js'
import { matchPayments, suggestMatches } from '../../src/domain/matching/index.js'
import { centsToDecimalString } from '../../src/domain/money.js'
import type { ReconciliationContext } from '../../src/context.js'
import { buildLedgerIndex, extractReferenceKeys } from '../../src/domain/matching/index.js'
import { resolveClient } from '../../src/domain/matching/client-resolution.js'
import { confidenceTier } from '../../src/domain/matching/confidence.js'
import { loadClients, loadHistory, loadOpenInvoices, loadUnreconciledCredits, suggestionsForTransaction, toInvoice, toPayment, TRANSACTION_SELECT } from '../../src/reconcile/matching-data.service.js'
import { workQueue } from '../../src/reconcile/work-queue.service.js'
import { backfillPayerKeys } from '../../src/reconcile/payer-history.service.js'
import { testContext } from '../helpers/context.js'
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/databases.js'

describe.each(databaseKinds())('panel and batch see the same evidence, on %s', (kind) => {
  let db: TestDatabase
  let ctx: ReconciliationContext
  const ledger = generateLedger({ clients: 60, invoices: 700, payments: 250, seed: 3 })

  beforeAll(async () => {
    db = await createTestDatabase(kind)
    ctx = testContext(db)
    await db.prisma.marque.createMany({ data: ledger.clients.map((c) => ({ id: c.id, nom: c.name, ibans: c.ibans ?? [] })) })
    // Open invoices as generated; one paid invoice per client carries the payer history.
    await db.prisma.document.createMany({
      data: ledger.invoices.map((i) => ({
        id: i.id, reference: i.number, marqueId: i.clientId, montantTTC: centsToDecimalString(i.totalCents),
        montantPaye: centsToDecimalString(i.paidCents ?? 0), statut: (i.paidCents ?? 0) > 0 ? 'PARTIELLEMENT_PAYE' : 'ENVOYE',
        dateEmission: new Date(`${i.issueDate}T00:00:00Z`), dateEcheance: i.dueDate ? new Date(`${i.dueDate}T00:00:00Z`) : null,
      })),
    })
    // Real payers write their name differently from one transfer to the next, and change banks: the
    // history was learned from other spellings (upper case, civil title) and from an account we no longer see.
    const spelled = (name: string | null | undefined) => (name ? `M. ${name.toUpperCase()}` : null)
    let n = 0
    for (const entry of ledger.history) {
      n += 1
      const invoice = await db.prisma.document.create({
        data: { reference: `HIST-${n}`, marqueId: entry.clientId, montantTTC: '10.00', montantPaye: '10.00', statut: 'PAYE', dateEmission: new Date('2025-01-01') },
      })
      const tx = await db.prisma.transactionQonto.create({
        data: { qontoId: `hist-${n}`, montant: '10.00', montantAlloue: '10.00', associe: true, statut: 'SETTLED', emetteur: spelled(entry.counterpartyName), emetteurIban: n % 2 === 0 ? entry.counterpartyIban : null, dateTransaction: new Date('2025-01-02T10:00:00Z'), qontoUpdatedAt: new Date() },
      })
      await db.prisma.qontoAllocation.create({ data: { transactionId: tx.id, factureId: invoice.id, montant: '10.00' } })
    }
    await db.prisma.transactionQonto.createMany({
      data: ledger.payments.map(({ payment: p }) => ({
        id: p.id, qontoId: `q-${p.id}`, montant: centsToDecimalString(p.amountCents), statut: 'SETTLED', libelle: p.label, reference: p.reference,
        emetteur: p.counterpartyName, emetteurIban: p.counterpartyIban, dateTransaction: new Date(p.settledAt), qontoUpdatedAt: new Date(),
      })),
    })
  }, 240_000)
  afterAll(async () => db.close())

  const compare = async () => {
    const [clients, invoices, history, payments] = await Promise.all([loadClients(ctx), loadOpenInvoices(ctx), loadHistory(ctx), loadUnreconciledCredits(ctx.prisma)])
    const batch = new Map(matchPayments({ clients, invoices, history }, payments, ctx.matchOptions).map((r) => [r.transactionId, r]))
    const differences: string[] = []
    for (const payment of payments) {
      const panel = (await suggestionsForTransaction(ctx, payment.id))!
      const fromBatch = batch.get(payment.id)!
      const describe = (r: typeof panel) => JSON.stringify({ clientId: r.clientId, best: r.suggestions[0] ?? null })
      if (describe(panel) !== describe(fromBatch)) differences.push(`${payment.id}: panel ${describe(panel)}\n  batch ${describe(fromBatch)}`)
    }
    expect(payments.length).toBe(ledger.payments.length)
    expect(differences.slice(0, 5)).toEqual([])
  }

  it('gives every payment the same best suggestion, score, reasons and auto-apply flag (rows written without a payer key)', compare)

  /** The panel's former path, one payment at a time: its payer's history query, then its candidates query. */
  const perRowBest = async (id: string) => {
    const row = await db.prisma.transactionQonto.findUniqueOrThrow({ where: { id }, select: TRANSACTION_SELECT })
    const payment = toPayment(row)
    const [clients, history] = await Promise.all([loadClients(ctx), loadHistory(ctx, { name: row.emetteur, iban: row.emetteurIban })])
    const resolution = resolveClient(payment, buildLedgerIndex(clients, [], history))
    const invoices = await ctx.invoices.candidates(ctx.prisma, {
      keys: [...extractReferenceKeys(row.reference, row.libelle).full], clientId: resolution?.clientId ?? null, amountCents: payment.amountCents, limit: 500,
    })
    return suggestMatches({ clients, invoices: invoices.map(toInvoice), history }, [payment], { ...ctx.matchOptions, maxSuggestions: 1 })[0]!.suggestions[0] ?? null
  }

  /** Counts every query a context sends (raw SQL and each Prisma model call). */
  const counting = () => {
    let queries = 0
    const prisma = new Proxy(db.prisma, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver) as unknown
        if (typeof property === 'string' && property.startsWith('$query') && typeof value === 'function') return (...args: unknown[]) => ((queries += 1), (value as (...a: unknown[]) => unknown).apply(target, args))
        if (typeof property === 'string' && !property.startsWith('$') && value && typeof value === 'object' && 'findMany' in value) {
          return new Proxy(value, { get: (model, method) => { const fn = Reflect.get(model, method) as unknown; return typeof fn === 'function' ? (...args: unknown[]) => ((queries += 1), (fn as (...a: unknown[]) => unknown).apply(model, args)) : fn } })
        }
        return value
      },
    })
    return { ctx: { ...ctx, prisma } as ReconciliationContext, queries: () => queries }
  }

  it('Maud reads the work queue 100 per page: every best suggestion, score, tier and reasons equal the one-payment-at-a-time path', async () => {
    const seen: string[] = []
    const differences: string[] = []
    for (let page = 1; ; page += 1) {
      const queue = await workQueue(ctx, { perPage: 100, page })
      for (const item of queue.items) {
        seen.push(item.id)
        const reference = await perRowBest(item.id)
        const describe = (s: { allocations: Array<{ invoiceId: string; amountCents: number }>; score: number; reasons: unknown; tier: string } | null) =>
          JSON.stringify(s && { allocations: s.allocations.map((a) => `${a.invoiceId}:${a.amountCents}`), score: s.score, reasons: s.reasons, tier: s.tier })
        const expected = describe(reference && { ...reference, tier: confidenceTier(reference) })
        const got = describe(item.best && { allocations: item.best.allocations, score: item.best.score, reasons: item.best.reasons, tier: item.best.tier })
        if (expected !== got) differences.push(`${item.id}: queue ${got}\n  per row ${expected}`)
      }
      if (page >= queue.pageCount) break
    }
    expect(seen).toHaveLength(ledger.payments.length)
    expect(differences.slice(0, 5)).toEqual([])
  })

  it('a page of 100 payments costs a fixed handful of queries, not two per payment', async () => {
    const counted = counting()
    const queue = await workQueue(counted.ctx, { perPage: 100 })
    expect(queue.items.filter((item) => item.best !== null).length).toBeGreaterThan(50)
    // Page and 4 counts, allocated invoices (1-2), clients, payers' history, candidates, invoice descriptions.
    expect(counted.queries()).toBeLessThanOrEqual(12)
  })

  it('and the same once the payer keys are backfilled', async () => {
    expect((await backfillPayerKeys(ctx)).backfilled).toBeGreaterThan(0)
    expect(await db.prisma.transactionQonto.count({ where: { emetteurCle: null, emetteur: { not: null } } })).toBe(0)
    await compare()
  })
})
