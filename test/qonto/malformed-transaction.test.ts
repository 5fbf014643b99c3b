/**
 * Issue 23, item 4: one malformed transaction in a Qonto page (here a 3-decimal amount) made every
 * sync fail, and the valid transactions of that page were not stored either. It is now stored as
 * rejected with its reason (as webhook events are), the rest of the page syncs, and the admins are
 * told once, however many syncs see it again.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ReconciliationContext } from '../../src/context.js'
import { feedHealth } from '../../src/feed/feed-health.service.js'
import { syncTransactions } from '../../src/feed/sync.service.js'
import type { QontoClient } from '../../src/qonto/client.js'
import { databaseKinds, type TestDatabase } from '../helpers/databases.js'
import { STAND_IN_ACCOUNT, qontoTransaction, type StandIn } from '../helpers/qonto-stand-in.js'
import { closeSyncFixture, openSyncFixture } from '../helpers/sync-fixture.js'

const account = { bankAccountId: STAND_IN_ACCOUNT.id }

describe.each(databaseKinds())('a malformed transaction in a Qonto page, on %s', (kind) => {
  let db: TestDatabase
  let ctx: ReconciliationContext
  let standIn: StandIn
  let client: QontoClient

  beforeEach(async () => {
    ;({ db, ctx, standIn, client } = await openSyncFixture(kind, { retries: 1, minTimeoutMs: 5, maxTimeoutMs: 20, timeoutMs: 2000 }))
  })
  afterEach(async () => closeSyncFixture(standIn, db))

  it('is set aside with its reason, the rest of the page is stored, the cursor moves on, and the admins are told once', async () => {
    const malformed = qontoTransaction({ amount: 12.345, amount_cents: 1234, clean_counterparty_name: 'Trois Décimales', updated_at: '2026-11-02T10:00:00.000Z' })
    standIn.transactions.push(
      qontoTransaction({ amount_cents: 10000, clean_counterparty_name: 'Avant', updated_at: '2026-11-01T10:00:00.000Z' }),
      malformed,
      qontoTransaction({ amount_cents: 30000, clean_counterparty_name: 'Après', updated_at: '2026-11-03T10:00:00.000Z' }),
    )
    const summary = await syncTransactions(ctx, client, account)
    expect(summary).toMatchObject({ created: 2, rejected: 1, pages: 1, cursor: '2026-11-03T10:00:00.000Z' })
    expect((await db.prisma.transactionQonto.findMany({ orderBy: { montant: 'asc' } })).map((t) => t.emetteur)).toEqual(['Avant', 'Après'])

    const rejected = await db.prisma.qontoRejectedTransaction.findMany()
    expect(rejected).toHaveLength(1)
    expect(rejected[0]).toMatchObject({ qontoId: malformed.id, bankAccountId: STAND_IN_ACCOUNT.id, qontoUpdatedAt: '2026-11-02T10:00:00.000Z' })
    expect(rejected[0]!.reason).toMatch(/^amount : Montant invalide : fini, positif, au plus 2 décimales/)
    expect(rejected[0]!.payload).toMatchObject({ id: malformed.id, amount: 12.345 })

    const told = () => db.prisma.notification.findMany({ where: { titre: 'Transaction Qonto écartée' } })
    const notes = await told()
    // One per admin, once.
    expect(notes.length).toBeGreaterThan(0)
    expect(new Set(notes.map((n) => n.message))).toEqual(new Set([
      `La transaction Qonto ${malformed.id} (Trois Décimales) n’a pas été importée : amount : Montant invalide : fini, positif, au plus 2 décimales et sous 10 milliards attendus ; amount_cents : amount et amount_cents ne correspondent pas. Les autres opérations de la synchronisation l’ont été.`,
    ]))

    // Seen again by a later sync that reads the page again: still one row, nobody told twice.
    const again = await syncTransactions(ctx, client, account, { since: new Date('2026-10-01T00:00:00.000Z') })
    expect(again).toMatchObject({ created: 0, unchanged: 2, rejected: 1 })
    expect(await db.prisma.qontoRejectedTransaction.count()).toBe(1)
    expect(await told()).toHaveLength(notes.length)
    expect((await feedHealth(ctx)).rejectedTransactions).toBe(1)
  })

  it('a transaction the mapping refuses (a NUL in its label) is set aside the same way; its payload is still stored', async () => {
    standIn.transactions.push(
      qontoTransaction({ label: 'AVEC\u0000NUL', clean_counterparty_name: null, amount_cents: 5000, updated_at: '2026-11-01T10:00:00.000Z' }),
      qontoTransaction({ amount_cents: 7000, clean_counterparty_name: 'Valide', updated_at: '2026-11-02T10:00:00.000Z' }),
    )
    const summary = await syncTransactions(ctx, client, account)
    expect(summary).toMatchObject({ created: 1, rejected: 1 })
    const [row] = await db.prisma.qontoRejectedTransaction.findMany()
    expect(row!.reason).toMatch(/caractère NUL/)
  })
})
