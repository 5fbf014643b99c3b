/**
 * Every FEC passes the DGFiP format rules (our offline validator): the demo after automatic
 * reconciliation, and a generated year lived month by month — payments explained, exported, some
 * undone after their export, each month closed — whose whole-year file has continuous numbers and
 * holds every monthly file's lines unchanged.
 */
import { PassThrough } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemoData } from '../../examples/src/seed.js'
import { validateFec } from '../../src/domain/export/fec-validator.js'
import { autoReconcile } from '../../src/reconcile/auto-reconcile.service.js'
import { closePeriod } from '../../src/reconcile/closing.service.js'
import { writeExport } from '../../src/reconcile/export.service.js'
import { ignorePayment } from '../../src/reconcile/ignore.service.js'
import { associate, dissociate } from '../../src/reconcile/reconciliation.service.js'
import { createTestUsers, testContext } from '../helpers/context.js'
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/databases.js'

async function fecBytes(db: TestDatabase, from: string, to: string): Promise<Buffer> {
  const sink = new PassThrough()
  const chunks: Buffer[] = []
  sink.on('data', (c: Buffer) => chunks.push(c))
  await writeExport(testContext(db), { format: 'fec', from, to }, sink)
  sink.end()
  return Buffer.concat(chunks)
}
const lines = (file: Buffer) => file.toString('utf8').split('\r\n').slice(1, -1)

describe.each(databaseKinds())('FEC format rules on %s', (kind) => {
  describe('the demo', () => {
    let db: TestDatabase
    beforeAll(async () => {
      db = await createTestDatabase(kind)
      await seedDemoData(db.prisma, { adminEmail: 'maud@agence-glow.fr', adminPassword: 'demo-admin-2026' })
      await autoReconcile(testContext(db))
    }, 120_000)
    afterAll(async () => db?.close())

    it('after automatic reconciliation, the whole range passes', async () => {
      const file = await fecBytes(db, '2026-01-01', '2026-12-31')
      expect(lines(file).length).toBeGreaterThan(4)
      expect(validateFec(file, { wholeFiscalYear: true })).toEqual([])
    })
  })

  describe('a generated year', () => {
    let db: TestDatabase
    const monthly: Buffer[] = []
    beforeAll(async () => {
      db = await createTestDatabase(kind)
      const { admin } = await createTestUsers(db)
      const maud = { userId: admin.id, label: admin.email }
      const ctx = testContext(db)
      const clients = await Promise.all(['Glow Cosmetics SAS', 'Nordik Design SAS', 'Café Olympe'].map((nom, i) => db.prisma.marque.create({ data: { nom, ...(i === 0 ? { compteComptable: '411GLOW' } : {}) } })))
      let seed = 42
      const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
      const explained: string[] = []
      for (let month = 1; month <= 11; month += 1) {
        const mm = String(month).padStart(2, '0')
        for (let k = 0; k < 8; k += 1) {
          const day = `2026-${mm}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`
          const cents = 10_000 + Math.floor(random() * 300_000)
          const t = await db.prisma.transactionQonto.create({
            data: { qontoId: `q-${mm}-${k}`, montant: (cents / 100).toFixed(2), statut: 'SETTLED', emetteur: 'CLIENT', dateTransaction: new Date(`${day}T09:00:00Z`), qontoUpdatedAt: new Date() },
          })
          if (k === 7) {
            await ignorePayment(ctx, { transactionId: t.id, category: 'REMBOURSEMENT', note: undefined, rule: 'AUCUNE', actor: maud })
            continue
          }
          // One in four pays only part of its invoice.
          const invoiceCents = k % 4 === 0 ? cents + 5_000 : cents
          const invoice = await db.prisma.document.create({
            data: { reference: `FACT-2026-${mm}${k}`, montantTTC: (invoiceCents / 100).toFixed(2), statut: 'ENVOYE', dateEmission: new Date(`2026-${mm}-01`), marqueId: clients[k % 3]!.id },
          })
          if (k === 6) continue // left unexplained
          await associate(ctx, { transactionId: t.id, allocations: [{ invoiceId: invoice.id, amountCents: cents }], actor: maud, mode: k % 2 ? 'MANUEL' : 'AUTOMATIQUE' })
          explained.push(t.id)
        }
        monthly.push(await fecBytes(db, `2026-${mm}-01`, `2026-${mm}-31`))
        // After the export, an association of an earlier month is undone, then the month is closed.
        if (month % 3 === 0) await dissociate(ctx, explained.splice(Math.floor(random() * explained.length), 1)[0]!, maud)
        await closePeriod(ctx, { through: `2026-${mm}-${month === 2 ? '28' : ['04', '06', '09', '11'].includes(mm) ? '30' : '31'}`, actor: maud })
      }
    }, 600_000)
    afterAll(async () => db?.close())

    it('every monthly file passes; the whole year passes with continuous numbers and holds each monthly line unchanged', async () => {
      for (const file of monthly) expect(validateFec(file)).toEqual([])
      const year = await fecBytes(db, '2026-01-01', '2026-12-31')
      expect(validateFec(year, { wholeFiscalYear: true })).toEqual([])
      const yearLines = new Set(lines(year))
      for (const file of monthly) for (const line of lines(file)) expect(yearLines.has(line)).toBe(true)
      // 11 months × 7 explained, and 3 undone after their export: 3 reversals in December's open days.
      expect(new Set(lines(year).map((l) => l.split('\t')[2])).size).toBe(11 * 7 + 3)
      expect(lines(year).filter((l) => l.split('\t')[10]!.startsWith('Contre-passation')).every((l) => l.split('\t')[3]! >= '20261201')).toBe(true)
    })
  })
})
