import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { QontoClient } from '../../src/qonto/client.js'
import { toTransactionRecord } from '../../src/qonto/mapping.js'
import { qontoTransactionSchema } from '../../src/qonto/schemas.js'
import { STORE_BATCH_PAGES, SyncAlreadyRunningError, syncTransactions } from '../../src/feed/sync.service.js'
import { ingestTransactions, MAX_JSON_CHARS_PER_STATEMENT, MAX_ROWS_PER_STATEMENT, statementChunks } from '../../src/feed/transaction-ingest.service.js'
import type { ReconciliationContext } from '../../src/context.js'
import { databaseKinds, type TestDatabase } from '../helpers/databases.js'
import { STAND_IN_ACCOUNT, qontoTransaction, type StandIn } from '../helpers/qonto-stand-in.js'
import { closeSyncFixture, openSyncFixture } from '../helpers/sync-fixture.js'

const account = { bankAccountId: STAND_IN_ACCOUNT.id }

describe.each(databaseKinds())('Qonto sync into %s', (kind) => {
  let db: TestDatabase
  let ctx: ReconciliationContext
  let standIn: StandIn
  let client: QontoClient

  beforeEach(async () => {
    ;({ db, ctx, standIn, client } = await openSyncFixture(kind, { retries: 2, minTimeoutMs: 5, maxTimeoutMs: 20, timeoutMs: 2000 }))
  })
  afterEach(async () => closeSyncFixture(standIn, db))

  const seedQonto = (count: number) => {
    for (let i = 0; i < count; i += 1) {
      standIn.transactions.push(
        qontoTransaction({ amount_cents: 10000 + i, updated_at: `2026-11-0${1 + (i % 8)}T10:00:0${i % 10}.000Z`, label: `CLIENT ${i}`, clean_counterparty_name: `Client ${i}` }),
      )
    }
  }

  it('imports every page and status with exact amounts, notifies each new credit once, and is idempotent', async () => {
    seedQonto(5)
    standIn.transactions.push(qontoTransaction({ status: 'pending', amount_cents: 150000, clean_counterparty_name: 'Glow Cosmetics' }))
    standIn.transactions.push(qontoTransaction({ side: 'debit', operation_type: 'transfer', amount_cents: 4900 }))
    const pages: number[] = []
    const first = await syncTransactions(ctx, client, account, { perPage: 2, onPage: (p) => pages.push(p.page) })
    expect(first).toMatchObject({ created: 7, updated: 0, unchanged: 0, pages: 4 })
    expect(pages).toEqual([1, 2, 3, 4])
    const stored = await db.prisma.transactionQonto.findFirstOrThrow({ where: { montant: '1500.00' } })
    expect(stored).toMatchObject({ statut: 'PENDING', sens: 'CREDIT', emetteur: 'Glow Cosmetics', emetteurIban: 'FR7630006000011234567890189' })
    const notes = await db.prisma.notification.findMany({ where: { type: 'PAIEMENT_RECU' } })
    expect(notes).toHaveLength(6)
    expect(notes.map((n) => n.message)).toContain('Nouveau paiement Qonto : 1\u202f500,00\u00a0€ – Glow Cosmetics')

    const second = await syncTransactions(ctx, client, account, { perPage: 2 })
    expect(second).toMatchObject({ created: 0, updated: 0 })
    expect(second.unchanged).toBeGreaterThan(0)
    expect(await db.prisma.transactionQonto.count()).toBe(7)
    expect(await db.prisma.notification.count({ where: { type: 'PAIEMENT_RECU' } })).toBe(6)
  })

  it('applies a later update (pending → completed) and never lets an older one overwrite it', async () => {
    const t = qontoTransaction({ status: 'pending', updated_at: '2026-11-10T10:00:00.000Z' })
    standIn.transactions.push(t)
    await syncTransactions(ctx, client, account)
    Object.assign(t, { status: 'completed', updated_at: '2026-11-10T11:00:00.000Z', reference: 'FACT-2026-110' })
    const update = await syncTransactions(ctx, client, account)
    expect(update.updated).toBe(1)
    const row = await db.prisma.transactionQonto.findUniqueOrThrow({ where: { qontoId: String(t.id) } })
    expect(row).toMatchObject({ statut: 'SETTLED', reference: 'FACT-2026-110' })

    const stale = toTransactionRecord(qontoTransactionSchema.parse({ ...t, status: 'pending', updated_at: '2026-11-10T10:30:00.000Z', reference: 'ancienne' }))
    const report = await ingestTransactions(ctx, [stale])
    expect(report).toMatchObject({ skipped: 1, updated: 0 })
    expect((await db.prisma.transactionQonto.findUniqueOrThrow({ where: { qontoId: String(t.id) } })).reference).toBe('FACT-2026-110')
  })

  it('stores a batch written in several statements (by row count and by payload size) once, and again as unchanged', async () => {
    // Every 7th transaction carries a long note: the statements are cut by size there, by count elsewhere.
    const records = Array.from({ length: 2 * MAX_ROWS_PER_STATEMENT + 37 }, (_, i) =>
      toTransactionRecord(qontoTransactionSchema.parse(qontoTransaction({ amount_cents: 5000 + i, updated_at: '2026-11-20T10:00:00.000Z', note: i % 7 === 0 ? `note ${i} ${'é'.repeat(6000)}` : null }))),
    )
    const chunks = [...statementChunks(records)]
    expect(chunks.length).toBeGreaterThan(3)
    expect(chunks.flat()).toHaveLength(records.length)
    for (const chunk of chunks) {
      expect(chunk.length).toBeLessThanOrEqual(MAX_ROWS_PER_STATEMENT)
      if (chunk.length > 1) expect(chunk.join(',').length).toBeLessThanOrEqual(MAX_JSON_CHARS_PER_STATEMENT)
    }
    const first = await ingestTransactions(ctx, records)
    expect(first).toMatchObject({ created: records.length, updated: 0, unchanged: 0 })
    expect(first.newCreditIds).toHaveLength(records.length)
    const stored = await db.prisma.transactionQonto.findUniqueOrThrow({ where: { qontoId: records[7]!.qontoId } })
    expect(stored.note).toBe(`note 7 ${'é'.repeat(6000)}`)
    expect(String(stored.montant)).toBe('50.07')
    expect((stored.metadata as { id: string }).id).toBe(records[7]!.qontoId)
    const again = await ingestTransactions(ctx, records)
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: records.length })
    expect(await db.prisma.transactionQonto.count()).toBe(records.length)
  })

  it('resumes after a failure mid-sync from the last stored page, losing and duplicating nothing', async () => {
    const batch = STORE_BATCH_PAGES
    const total = (batch + 3) * 2
    seedQonto(total)
    // Pages are committed `batch` at a time: the first batch is stored before page batch + 2 fails for good.
    for (let i = 0; i < 3; i += 1) standIn.faults.push({ kind: 'status', status: 500, page: batch + 2 })
    await expect(syncTransactions(ctx, client, account, { perPage: 2 })).rejects.toThrow(/HTTP 500/)
    expect(await db.prisma.transactionQonto.count()).toBe(batch * 2)
    const state = await db.prisma.qontoSyncState.findUniqueOrThrow({ where: { id: STAND_IN_ACCOUNT.id } })
    expect(state.lastError).toMatch(/HTTP 500/)
    expect(state.cursor).not.toBeNull()

    const resumed = await syncTransactions(ctx, client, account, { perPage: 2 })
    expect(resumed.created).toBe(total - batch * 2)
    expect(await db.prisma.transactionQonto.count()).toBe(total)
    expect(await db.prisma.notification.count({ where: { type: 'PAIEMENT_RECU' } })).toBe(total)
  })

  it('undoes the reconciliation of a payment the bank declines, flags it and tells the admins', async () => {
    const t = qontoTransaction({ amount_cents: 150000, updated_at: '2026-11-10T10:00:00.000Z' })
    standIn.transactions.push(t)
    await syncTransactions(ctx, client, account)
    const transaction = await db.prisma.transactionQonto.findUniqueOrThrow({ where: { qontoId: String(t.id) } })
    const invoice = await db.prisma.document.create({
      data: { reference: 'FACT-2026-110', montantTTC: '1500.00', montantPaye: '1500.00', statut: 'PAYE', datePaiement: new Date(), dateEmission: new Date('2026-10-31') },
    })
    await db.prisma.qontoAllocation.create({ data: { transactionId: transaction.id, factureId: invoice.id, montant: '1500.00' } })
    await db.prisma.transactionQonto.update({ where: { id: transaction.id }, data: { associe: true, montantAlloue: '1500.00', factureId: invoice.id } })

    Object.assign(t, { status: 'declined', updated_at: '2026-11-10T12:00:00.000Z' })
    standIn.transactions.push(qontoTransaction({ status: 'declined', updated_at: '2026-11-10T12:00:01.000Z' }))
    const report = await syncTransactions(ctx, client, account)
    expect(report.reversedIds).toEqual([transaction.id])

    expect(await db.prisma.qontoAllocation.count()).toBe(0)
    expect(await db.prisma.document.findUniqueOrThrow({ where: { id: invoice.id } })).toMatchObject({ statut: 'ENVOYE', datePaiement: null })
    expect(String((await db.prisma.document.findUniqueOrThrow({ where: { id: invoice.id } })).montantPaye)).toBe('0')
    expect(await db.prisma.transactionQonto.findUniqueOrThrow({ where: { id: transaction.id } })).toMatchObject({ statut: 'DECLINED', associe: false, aVerifier: true })
    const audit = await db.prisma.qontoAuditLog.findFirstOrThrow({ where: { action: 'PAIEMENT_ANNULE' } })
    expect(audit).toMatchObject({ transactionId: transaction.id, automatique: true })
    expect(await db.prisma.notification.count({ where: { type: 'PAIEMENT_ANNULE' } })).toBe(1)
  })

  it('runs only one sync at a time', async () => {
    seedQonto(3)
    standIn.faults.push({ kind: 'status', status: 429, retryAfter: '0.3' })
    const results = await Promise.allSettled([syncTransactions(ctx, client, account), syncTransactions(ctx, client, account)])
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult
    expect(rejected.reason).toBeInstanceOf(SyncAlreadyRunningError)
    expect(await db.prisma.transactionQonto.count()).toBe(3)
  })

  it('holds its account for under a minute at a time (renewed while alive), so a crashed sync frees it within a minute of silence', async () => {
    seedQonto(3)
    // Qonto makes the sync wait: it holds the lease meanwhile.
    standIn.faults.push({ kind: 'status', status: 429, retryAfter: '1' })
    let settled = false
    const running = syncTransactions(ctx, client, account).finally(() => (settled = true))
    let horizon: number | null = null
    while (horizon === null && !settled) {
      const [row] = await db.prisma.$queryRawUnsafe<Array<{ seconds: number }>>(
        `SELECT EXTRACT(EPOCH FROM ("lockedUntil" - CURRENT_TIMESTAMP))::float8 AS seconds FROM "qonto_sync_states" WHERE "lockedUntil" IS NOT NULL`,
      )
      horizon = row ? Number(row.seconds) : null
    }
    await running
    expect(horizon).not.toBeNull()
    expect(horizon!).toBeGreaterThan(0)
    expect(horizon!).toBeLessThanOrEqual(60)
    expect((await db.prisma.qontoSyncState.findFirstOrThrow()).lockedUntil).toBeNull()
  })
})
