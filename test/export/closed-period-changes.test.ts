/**
 * After November is closed, every way a November payment can change (the automatic reconciliation, a
 * rule applied to waiting credits, a rule explaining a late webhook's credit, the bank reversing a
 * booked payment, a Dissocier outside the panel) is booked at the moment of the change: the entry or
 * its contre-passation dated on an open day, the audit line written at once — not at the next export.
 * The exported November never changes.
 */
import { PassThrough } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ingestTransactions } from '../../src/feed/transaction-ingest.service.js'
import { toTransactionRecord } from '../../src/qonto/mapping.js'
import { qontoTransactionSchema } from '../../src/qonto/schemas.js'
import { autoReconcile } from '../../src/reconcile/auto-reconcile.service.js'
import { closePeriod } from '../../src/reconcile/closing.service.js'
import { writeExport } from '../../src/reconcile/export.service.js'
import { applyRuleToExisting, ignorePayment } from '../../src/reconcile/ignore.service.js'
import { associate, dissociate } from '../../src/reconcile/reconciliation.service.js'
import { createTestUsers, testContext } from '../helpers/context.js'
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/databases.js'
import { qontoTransaction } from '../helpers/qonto-stand-in.js'

const record = (fields: Record<string, unknown>) => toTransactionRecord(qontoTransactionSchema.parse(qontoTransaction(fields)))

describe.each(databaseKinds())('changes to a closed period are booked when they happen, on %s', (kind) => {
  let db: TestDatabase
  let maud: { userId: string; label: string }
  let november: string
  const tx: Record<string, string> = {}
  const inv: Record<string, string> = {}
  const qontoIds: Record<string, string> = {}
  const ctx = () => testContext(db, { AUTO_RECONCILE: 'false' })
  const fec = async (from: string, to: string) => {
    const sink = new PassThrough()
    const chunks: Buffer[] = []
    sink.on('data', (c: Buffer) => chunks.push(c))
    await writeExport(ctx(), { format: 'fec', from, to }, sink)
    return Buffer.concat(chunks).toString('utf8')
  }
  /** The entries of a payment and the ledger's audit lines about it, read straight after the change. */
  const booked = async (id: string) => ({
    entries: (await db.sql.query(`SELECT nature, jour, active, "annuleId" IS NOT NULL AS reverses FROM "qonto_ecritures" WHERE "transactionId" = $1 ORDER BY numero`, [id]))
      .map((e) => [e.nature, e.jour, e.active, e.reverses]),
    audit: (await db.prisma.qontoAuditLog.findMany({ where: { transactionId: id, action: { in: ['ECRITURE_REPORTEE', 'ECRITURE_CONTREPASSEE'] } }, orderBy: { date: 'asc' } }))
      .map((a) => [a.action, (a.details as { message: string }).message]),
  })
  const today = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' }).format(new Date())

  beforeAll(async () => {
    db = await createTestDatabase(kind)
    const { admin } = await createTestUsers(db)
    maud = { userId: admin.id, label: admin.email }
    const glow = await db.prisma.marque.create({ data: { nom: 'Glow Cosmetics SAS', compteComptable: '411GLOW' } })
    const invoice = async (reference: string, montantTTC: string) =>
      (inv[reference] = (await db.prisma.document.create({ data: { reference, montantTTC, statut: 'ENVOYE', dateEmission: new Date('2026-10-01'), marqueId: glow.id } })).id)
    await invoice('FACT-2026-0400', '800.00')
    await invoice('FACT-2026-0500', '1234.56')
    await invoice('FACT-2026-0600', '300.00')
    // Received through the feed, as in production (automatic reconciliation off: it is run by hand after the closing).
    const received = {
      'q-booked': record({ amount_cents: 80000, settled_at: '2026-11-10T10:00:00.000Z', updated_at: '2026-11-10T10:00:01.000Z', reference: 'FACT-2026-0400', label: 'GLOW COSMETICS SAS' }),
      'q-undo': record({ amount_cents: 30000, settled_at: '2026-11-12T10:00:00.000Z', updated_at: '2026-11-12T10:00:01.000Z', reference: 'FACT-2026-0600', label: 'GLOW COSMETICS SAS' }),
      'q-auto': record({ amount_cents: 123456, settled_at: '2026-11-20T10:00:00.000Z', updated_at: '2026-11-20T10:00:01.000Z', reference: 'FACT-2026-0500', label: 'GLOW COSMETICS SAS' }),
      'q-waiting': record({ amount_cents: 9000, settled_at: '2026-11-15T10:00:00.000Z', updated_at: '2026-11-15T10:00:01.000Z', reference: 'Remboursement', label: 'CPAM DE PARIS' }),
    }
    await ingestTransactions(ctx(), Object.values(received))
    for (const [name, r] of Object.entries(received)) tx[name] = (await db.prisma.transactionQonto.findUniqueOrThrow({ where: { qontoId: r.qontoId } })).id
    qontoIds['q-booked'] = received['q-booked'].qontoId
    await associate(ctx(), { transactionId: tx['q-booked']!, allocations: [{ invoiceId: inv['FACT-2026-0400']!, amountCents: 80000 }], actor: maud, mode: 'MANUEL' })
    await associate(ctx(), { transactionId: tx['q-undo']!, allocations: [{ invoiceId: inv['FACT-2026-0600']!, amountCents: 30000 }], actor: maud, mode: 'MANUEL' })
    await closePeriod(ctx(), { through: '2026-11-30', actor: maud })
    november = await fec('2026-11-01', '2026-11-30')
  }, 180_000)
  afterAll(async () => db?.close())

  it('the automatic reconciliation of a November credit books it on 1 December at once, with the audit line', async () => {
    expect(await booked(tx['q-auto']!)).toEqual({ entries: [], audit: [] })
    const report = await autoReconcile(ctx(), { transactionIds: [tx['q-auto']!] })
    expect(report.matched).toBe(1)
    expect(await booked(tx['q-auto']!)).toEqual({
      entries: [['REGLEMENT', '2026-12-01', true, false]],
      audit: [['ECRITURE_REPORTEE', 'Période close jusqu’au 30/11/2026 : l’écriture du 20/11/2026 est passée au 01/12/2026, premier jour ouvert.']],
    })
  })

  it('a rule applied to the payer’s waiting credits books the November one at once', async () => {
    const december = (await ingestTransactions(ctx(), [
      record({ amount_cents: 4500, settled_at: '2026-12-02T10:00:00.000Z', updated_at: '2026-12-02T10:00:01.000Z', reference: 'Remboursement', label: 'CPAM DE PARIS' }),
    ])).newCreditIds[0]!
    const ignored = await ignorePayment(ctx(), { transactionId: december, category: 'REMBOURSEMENT', note: undefined, rule: 'PAYEUR', actor: maud })
    expect(ignored.existingMatches).toBe(1)
    await applyRuleToExisting(ctx(), { ruleId: ignored.rule!.id, expectedFingerprint: ignored.existingFingerprint!, actor: maud })
    expect(await booked(tx['q-waiting']!)).toEqual({
      entries: [['HORS_FACTURE', '2026-12-01', true, false]],
      audit: [['ECRITURE_REPORTEE', 'Période close jusqu’au 30/11/2026 : l’écriture du 15/11/2026 est passée au 01/12/2026, premier jour ouvert.']],
    })
    // December is open: that payment waits for the next export, on its own day.
    expect((await booked(december)).entries).toEqual([])
  })

  it('a late webhook’s November credit explained by the rule is booked at once, on 1 December', async () => {
    const report = await ingestTransactions(ctx(), [
      record({ amount_cents: 1250, settled_at: '2026-11-28T10:00:00.000Z', updated_at: '2026-12-03T09:00:00.000Z', reference: 'Remboursement', label: 'CPAM DE PARIS' }),
    ])
    const [late] = report.explainedIds ?? []
    expect(late).toBeDefined()
    expect(await booked(late!)).toEqual({
      entries: [['HORS_FACTURE', '2026-12-01', true, false]],
      audit: [['ECRITURE_REPORTEE', 'Période close jusqu’au 30/11/2026 : l’écriture du 28/11/2026 est passée au 01/12/2026, premier jour ouvert.']],
    })
  })

  it('the bank reversing a booked November payment gives its contre-passation at once, dated today', async () => {
    const before = await booked(tx['q-booked']!)
    expect(before.entries).toEqual([['REGLEMENT', '2026-11-10', true, false]])
    const report = await ingestTransactions(ctx(), [
      record({ id: qontoIds['q-booked'], amount_cents: 80000, status: 'declined',
        settled_at: '2026-11-10T10:00:00.000Z', updated_at: '2026-12-03T10:00:00.000Z', reference: 'FACT-2026-0400', label: 'GLOW COSMETICS SAS' }),
    ])
    expect(report.reversedIds).toEqual([tx['q-booked']])
    const after = await booked(tx['q-booked']!)
    expect(after.entries).toEqual([['REGLEMENT', '2026-11-10', false, false], ['CONTREPASSATION', today(), false, true]])
    expect(after.audit).toEqual([['ECRITURE_CONTREPASSEE', expect.stringMatching(/^Contre-passation de BQ2026-\d{6} : le rapprochement du paiement a changé\.$/)]])
  })

  it('Dissocier called outside the panel (an API, a script) books its contre-passation at once too', async () => {
    await dissociate(ctx(), tx['q-undo']!, maud)
    const after = await booked(tx['q-undo']!)
    expect(after.entries).toEqual([['REGLEMENT', '2026-11-12', false, false], ['CONTREPASSATION', today(), false, true]])
    expect(after.audit.map((a) => a[0])).toEqual(['ECRITURE_CONTREPASSEE'])
  })

  it('the November FEC is the one exported at the closing, byte for byte', async () => {
    expect(await fec('2026-11-01', '2026-11-30')).toBe(november)
    // Every change above went to December, and nothing is booked twice by the export.
    const entries = await db.sql.query(`SELECT count(*)::int AS n FROM "qonto_ecritures" WHERE jour >= '2026-12-01'`)
    expect(entries[0]!.n).toBe(6)
  })
})
