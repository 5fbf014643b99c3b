/** A credit first seen pending (sync or webhook) is auto-reconciled when it settles, like a new settled credit. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { TransactionRecord } from '../../src/qonto/mapping.js'
import { ingestTransactions } from '../../src/feed/transaction-ingest.service.js'
import { testContext } from '../helpers/context.js'
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/databases.js'

const IBAN = 'FR7630006000011234567890189'

describe.each(databaseKinds())('a pending credit that settles, on %s', (kind) => {
  let db: TestDatabase
  beforeEach(async () => {
    db = await createTestDatabase(kind)
    const client = await db.prisma.marque.create({ data: { nom: 'Dupont et Fils', ibans: [IBAN] } })
    await db.prisma.document.create({
      data: { reference: 'FACT-2026-142', montantTTC: '1440.00', statut: 'ENVOYE', dateEmission: new Date('2026-10-01'), marqueId: client.id },
    })
  })
  afterEach(async () => db.close())

  const version = (statut: TransactionRecord['statut'], updatedAt: string): TransactionRecord => ({
    qontoId: 'tx-pending-1', amountCents: 144000, currency: 'EUR', side: 'CREDIT', statut, operationType: 'income',
    label: 'DUPONT ET FILS', reference: 'FACT-2026-142', note: null, counterpartyName: 'Dupont et Fils', counterpartyIban: IBAN,
    counterpartyBic: null, date: '2026-11-02T09:00:00Z', qontoUpdatedAt: updatedAt, bankAccountId: null, raw: {},
  })

  it('is tried for auto-reconciliation when the settled version arrives, and pays the invoice', async () => {
    const ctx = testContext(db)
    // Ingest itself hands the stored credits to automatic reconciliation once committed (the one place it starts from).
    const pending = await ingestTransactions(ctx, [version('PENDING', '2026-11-02T09:00:01Z')])
    expect(pending.autoReconciled).toMatchObject({ matched: 0 })

    const settled = await ingestTransactions(ctx, [version('SETTLED', '2026-11-02T10:00:00Z')])
    expect(settled.newCreditIds).toHaveLength(1)
    expect(settled.autoReconciled).toMatchObject({ matched: 1 })
    expect((await db.prisma.document.findUniqueOrThrow({ where: { reference: 'FACT-2026-142' } })).statut).toBe('PAYE')

    // The same settled version again is not a new candidate.
    const replay = await ingestTransactions(ctx, [version('SETTLED', '2026-11-02T10:00:00Z')])
    expect(replay.newCreditIds).toEqual([])
  })
})
