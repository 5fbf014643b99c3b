import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ReconciliationContext } from '../../src/context.js'
import { autoReconcile } from '../../src/reconcile/auto-reconcile.service.js'
import { suggestionsForTransaction } from '../../src/reconcile/matching-data.service.js'
import { databaseWithContext } from '../helpers/context.js'
import { databaseKinds, type TestDatabase } from '../helpers/databases.js'

const GLOW_IBAN = 'FR7630004008230001234567819'

describe.each(databaseKinds())('the method of each automatic match is audited, on %s', (kind) => {
  let db: TestDatabase
  let ctx: ReconciliationContext
  beforeEach(async () => {
    ;({ db, ctx } = await databaseWithContext(kind))
  })
  afterEach(async () => db.close())

  it('says "référence" for a named invoice and "IBAN" for the payer’s only invoice of that amount, in the suggestion and in the audit', async () => {
    const glow = await db.prisma.marque.create({ data: { nom: 'Glow Cosmetics SAS', ibans: [GLOW_IBAN] } })
    const named = await db.prisma.document.create({ data: { reference: 'FACT-2026-301', montantTTC: '150.00', statut: 'ENVOYE', dateEmission: new Date('2026-10-01'), marqueId: glow.id } })
    const byIban = await db.prisma.document.create({ data: { reference: 'FACT-2026-302', montantTTC: '275.00', statut: 'ENVOYE', dateEmission: new Date('2026-10-02'), marqueId: glow.id } })
    const credit = (qontoId: string, montant: string, reference: string | null, emetteurIban: string | null) =>
      db.prisma.transactionQonto.create({ data: { qontoId, montant, reference, emetteur: 'GLOW', emetteurIban, statut: 'SETTLED', sens: 'CREDIT', dateTransaction: new Date('2026-11-20T10:00:00Z'), qontoUpdatedAt: new Date() } })
    const t1 = await credit('q-1', '150.00', 'VIR FACT-2026-301', null)
    const t2 = await credit('q-2', '275.00', null, GLOW_IBAN)

    expect((await suggestionsForTransaction(ctx, t1.id))!.suggestions[0]).toMatchObject({ autoApply: true, method: 'REFERENCE' })
    expect((await suggestionsForTransaction(ctx, t2.id))!.suggestions[0]).toMatchObject({ autoApply: true, method: 'IBAN' })

    expect(await autoReconcile(ctx)).toMatchObject({ matched: 2 })
    const audit = await db.prisma.qontoAuditLog.findMany({ where: { action: 'ASSOCIATION', automatique: true } })
    const methodOf = (invoiceId: string) => (audit.find((row) => row.factureId === invoiceId)?.details as { methode?: string } | null)?.methode
    expect(methodOf(named.id)).toBe('référence')
    expect(methodOf(byIban.id)).toBe('IBAN')
  })
})
