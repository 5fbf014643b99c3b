/**
 * Automatic reconciliation is a durable step: a credit stored by a sync or a webhook is evaluated even
 * when the process died, timed out or restarted right after storing it, and exactly once (one
 * association, one e-mail, one notification) when several sweeps run at once. Written to fail on the
 * former in-memory hand-off (the next sync only looked at its own new credits).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ReconciliationContext } from '../../src/context.js'
import { ingestTransactions } from '../../src/feed/transaction-ingest.service.js'
import type { TransactionRecord } from '../../src/qonto/mapping.js'
import { evaluateFlaggedCredits } from '../../src/reconcile/auto-reconcile.service.js'
import { createAutoEvaluationSweeper } from '../../src/runtime/auto-evaluation.js'
import { databaseWithMaud, testContext } from '../helpers/context.js'
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/databases.js'

const IBAN = 'FR7630006000011234567890189'

describe.each(databaseKinds())('automatic reconciliation survives crashes, timeouts and restarts, on %s', (kind) => {
  let db: TestDatabase
  let ctx: ReconciliationContext
  beforeEach(async () => {
    ;({ db, ctx } = await databaseWithMaud(kind, { overrides: { sendEmail: async () => undefined } }))
    const client = await db.prisma.marque.create({ data: { nom: 'Dupont et Fils', ibans: [IBAN], emailContact: 'compta@dupont.fr' } })
    for (let i = 1; i <= 3; i += 1) {
      await db.prisma.document.create({
        data: { reference: `FACT-2026-15${i}`, montantTTC: `${1000 + i}.00`, statut: 'ENVOYE', dateEmission: new Date('2026-10-01'), marqueId: client.id },
      })
    }
  })
  afterEach(async () => db.close())

  const credit = (i: number, statut: TransactionRecord['statut'] = 'SETTLED', updatedAt = '2026-11-02T10:00:00Z'): TransactionRecord => ({
    qontoId: `tx-durable-${i}`, amountCents: (1000 + i) * 100, currency: 'EUR', side: 'CREDIT', statut, operationType: 'income',
    label: 'DUPONT ET FILS', reference: `FACT-2026-15${i}`, note: null, counterpartyName: 'Dupont et Fils', counterpartyIban: IBAN,
    counterpartyBic: null, date: '2026-11-02T09:00:00Z', qontoUpdatedAt: updatedAt, bankAccountId: null, raw: {},
  })
  /** The process was killed right after the ingest committed, before the follow-up ran. */
  const dying = (context: ReconciliationContext): ReconciliationContext => ({ ...context, ingestHooks: { ...context.ingestHooks, creditsCommitted: async () => null } })
  const paid = () => db.prisma.document.count({ where: { statut: 'PAYE' } })
  const flagged = () => db.prisma.transactionQonto.count({ where: { autoEvalDue: { not: null } } })

  it('credits stored by a sync page whose process died before auto-reconciling are evaluated by the next sweep, with their e-mails and notifications', async () => {
    // The sync committed the page (and its flags), then the process was killed.
    await ingestTransactions(dying(ctx), [credit(1), credit(2), credit(3)])
    expect(await flagged()).toBe(3)
    expect(await paid()).toBe(0)
    // Another process (or this one restarted) sweeps.
    const sweeper = createAutoEvaluationSweeper(testContext(db, {}, { sendEmail: async () => undefined }), () => undefined)
    expect(await sweeper.sweep()).toMatchObject({ evaluated: 3, matched: 3, busy: false })
    expect(await paid()).toBe(3)
    expect(await flagged()).toBe(0)
    expect(await db.prisma.qontoEmailOutbox.count()).toBe(3)
    expect(await db.prisma.qontoAuditLog.count({ where: { automatique: true } })).toBeGreaterThanOrEqual(3)
    expect(await sweeper.sweep()).toMatchObject({ evaluated: 0, matched: 0 })
  })

  it('a timeout during auto-reconciliation right after the ingest leaves the credits flagged; the next sweep evaluates them, once', async () => {
    const failing = testContext(db, {}, { sendEmail: async () => undefined })
    const allPayable = failing.invoices.allPayable.bind(failing.invoices)
    let down = true
    failing.invoices.allPayable = async (prisma) => {
      if (down) throw new Error('Connection terminated due to connection timeout')
      return allPayable(prisma)
    }
    // The webhook event or sync page is stored; its follow-up times out (logged, not thrown).
    const stored = await ingestTransactions(failing, [credit(1), credit(2)])
    expect(stored.created).toBe(2)
    expect(await flagged()).toBe(2)
    await expect(evaluateFlaggedCredits(failing)).rejects.toThrow('connection timeout')
    expect(await flagged()).toBe(2)
    down = false
    expect(await evaluateFlaggedCredits(failing)).toMatchObject({ evaluated: 2, matched: 2 })
    expect(await evaluateFlaggedCredits(failing)).toMatchObject({ evaluated: 0 })
    expect(await db.prisma.qontoAllocation.count()).toBe(2)
    expect(await db.prisma.qontoEmailOutbox.count()).toBe(2)
  })

  it('two sweeps at once (two processes): each credit associated once, one e-mail each', async () => {
    await ingestTransactions(dying(ctx), [credit(1), credit(2), credit(3)])
    const other = testContext(db, {}, { sendEmail: async () => undefined })
    const [a, b] = await Promise.all([evaluateFlaggedCredits(ctx), evaluateFlaggedCredits(other)])
    expect(a.matched + b.matched).toBe(3)
    expect(await db.prisma.qontoAllocation.count()).toBe(3)
    expect(await db.prisma.qontoEmailOutbox.count()).toBe(3)
    expect(await flagged()).toBe(0)
  })

  it('a credit first stored pending is evaluated when it settles, not before; a replay of the same version does not flag it again', async () => {
    await ingestTransactions(dying(ctx), [credit(1, 'PENDING', '2026-11-02T09:00:01Z')])
    expect(await evaluateFlaggedCredits(ctx)).toMatchObject({ evaluated: 1, matched: 0 })
    expect(await flagged()).toBe(0)
    await ingestTransactions(dying(ctx), [credit(1, 'SETTLED', '2026-11-02T10:00:00Z')])
    expect(await flagged()).toBe(1)
    expect(await evaluateFlaggedCredits(ctx)).toMatchObject({ evaluated: 1, matched: 1 })
    await ingestTransactions(dying(ctx), [credit(1, 'SETTLED', '2026-11-02T10:00:00Z')])
    expect(await flagged()).toBe(0)
  })

  it('with automatic reconciliation off, a sweep clears the flags and associates nothing', async () => {
    const off = testContext(db, {}, { autoReconcile: false })
    await ingestTransactions(dying(off), [credit(1)])
    expect(await evaluateFlaggedCredits(off)).toMatchObject({ evaluated: 1, matched: 0 })
    expect(await flagged()).toBe(0)
    expect(await paid()).toBe(0)
  })
})

describe.each(databaseKinds())('the follow-up of ingest clears the flags it evaluated, on %s', (kind) => {
  it('a webhook event or a sync page that goes through leaves nothing flagged', async () => {
    const db = await createTestDatabase(kind)
    try {
      const ctx = testContext(db)
      await ingestTransactions(ctx, [
        { qontoId: 'tx-clear-1', amountCents: 5000, currency: 'EUR', side: 'CREDIT', statut: 'SETTLED', operationType: 'income', label: 'X', reference: null, note: null,
          counterpartyName: 'X', counterpartyIban: null, counterpartyBic: null, date: '2026-11-02T09:00:00Z', qontoUpdatedAt: '2026-11-02T09:00:01Z', bankAccountId: null, raw: {} },
      ])
      expect(await db.prisma.transactionQonto.count({ where: { autoEvalDue: { not: null } } })).toBe(0)
    } finally {
      await db.close()
    }
  })
})
