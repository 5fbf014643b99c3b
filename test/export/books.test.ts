/**
 * The accountant's books, as Maud and her accountant live them month after month: entries that keep
 * their numbers across exports, a reversal when an exported association is undone, partial payments
 * never shown as settled, a dollar payment in euros, the accountant's own client accounts, closed
 * periods that stay closed, and every file passing the DGFiP's format rules.
 */
import { PassThrough } from 'node:stream'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FecError } from '../../src/domain/export/fec.js'
import { validateFec } from '../../src/domain/export/fec-validator.js'
import { ClosingError, closePeriod } from '../../src/reconcile/closing.service.js'
import { writeExport } from '../../src/reconcile/export.service.js'
import { ignorePayment } from '../../src/reconcile/ignore.service.js'
import { associate, dissociate } from '../../src/reconcile/reconciliation.service.js'
import { ADMIN, READER, createTestApp, createTestUsers, loggedInAgent, testContext } from '../helpers/app.js'
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/databases.js'

const EXPORTER = '/admin/api/resources/TransactionQonto/actions/exporter'

async function fec(db: TestDatabase, from: string, to: string, overrides = {}): Promise<string> {
  const sink = new PassThrough()
  const chunks: Buffer[] = []
  sink.on('data', (c: Buffer) => chunks.push(c))
  await writeExport(testContext(db, {}, overrides), { format: 'fec', from, to }, sink)
  sink.end()
  return Buffer.concat(chunks).toString('utf8')
}
const lines = (text: string) => text.slice(0, -2).split('\r\n').slice(1)
const fields = (text: string) => lines(text).map((l) => l.split('\t'))
/** EcritureNum of each payment's entries (PieceRef of the bank line is the Qonto id). */
const numbersOf = (text: string) => {
  const map = new Map<string, string[]>()
  for (const f of fields(text)) if (f[4]!.startsWith('512')) map.set(f[8]!, [...(map.get(f[8]!) ?? []), f[2]!])
  return map
}

describe.each(databaseKinds())('the accountant’s books on %s', (kind) => {
  let db: TestDatabase
  let maud: { userId: string; label: string }
  const tx: Record<string, string> = {}
  const inv: Record<string, string> = {}
  beforeAll(async () => {
    db = await createTestDatabase(kind)
    const { admin } = await createTestUsers(db)
    maud = { userId: admin.id, label: admin.email }
    const ctx = testContext(db)
    const glow = await db.prisma.marque.create({ data: { nom: 'Glow Cosmetics SAS', compteComptable: '411GLOW' } })
    const nordik = await db.prisma.marque.create({ data: { nom: 'Nordik Design SAS' } })
    const invoice = async (reference: string, montantTTC: string, marqueId = glow.id) =>
      (inv[reference] = (await db.prisma.document.create({ data: { reference, montantTTC, statut: 'ENVOYE', dateEmission: new Date('2026-10-01'), marqueId } })).id)
    const payment = async (qontoId: string, montant: string, day: string, extra: object = {}) =>
      (tx[qontoId] = (await db.prisma.transactionQonto.create({
        data: { qontoId, montant, statut: 'SETTLED', emetteur: 'GLOW COSMETICS', dateTransaction: new Date(`${day}T10:00:00Z`), qontoUpdatedAt: new Date(), ...extra },
      })).id)
    const pay = (qontoId: string, allocations: Array<[string, number]>) =>
      associate(ctx, { transactionId: tx[qontoId]!, allocations: allocations.map(([r, amountCents]) => ({ invoiceId: inv[r]!, amountCents })), actor: maud, mode: 'MANUEL' })
    await invoice('FACT-A', '1000.00')
    await invoice('FACT-B', '1200.00')
    await invoice('FACT-C', '300.00', nordik.id)
    await invoice('FACT-D', '920.00')
    await payment('q-full', '1000.00', '2026-11-03')
    await payment('q-partial', '500.00', '2026-11-05')
    await payment('q-usd', '920.00', '2026-11-10', { metadata: { local_amount_cents: 100000, local_currency: 'USD', settled_balance_cents: 0 } })
    await payment('q-refund', '86.40', '2026-11-12', { emetteur: 'CPAM DE PARIS' })
    await payment('q-undo', '300.00', '2026-11-20')
    await pay('q-full', [['FACT-A', 100000]])
    await pay('q-partial', [['FACT-B', 50000]])
    await pay('q-usd', [['FACT-D', 92000]])
    await pay('q-undo', [['FACT-C', 30000]])
    await ignorePayment(ctx, { transactionId: tx['q-refund']!, category: 'REMBOURSEMENT', note: undefined, rule: 'AUCUNE', actor: maud })
    // A payment into a dollar account, with no euro amount anywhere: the 2025 FEC cannot be made.
    await payment('q-usd-account', '100.00', '2025-10-15', { devise: 'USD', emetteur: 'ACME INC' })
    await ignorePayment(ctx, { transactionId: tx['q-usd-account']!, category: 'AUTRE', note: 'Virement en dollars', rule: 'AUCUNE', actor: maud })
  }, 180_000)
  afterAll(async () => db?.close())

  it('two overlapping exports give every payment the same number and the same lines; a later payment takes the next number', async () => {
    const november = await fec(db, '2026-11-01', '2026-11-30')
    const overlap = await fec(db, '2026-11-10', '2026-12-31')
    expect(validateFec(november)).toEqual([])
    const first = numbersOf(november)
    expect(first.size).toBe(5)
    expect(new Set([...first.values()].flat()).size).toBe(5)
    for (const line of lines(overlap)) expect(lines(november)).toContain(line)
    expect(numbersOf(overlap).get('q-undo')).toEqual(first.get('q-undo'))

    await db.prisma.document.create({ data: { reference: 'FACT-E', montantTTC: '50.00', statut: 'ENVOYE', dateEmission: new Date('2026-10-01'), marqueId: (await db.prisma.marque.findFirstOrThrow()).id } })
      .then((d) => (inv['FACT-E'] = d.id))
    tx['q-late'] = (await db.prisma.transactionQonto.create({ data: { qontoId: 'q-late', montant: '50.00', statut: 'SETTLED', emetteur: 'GLOW', dateTransaction: new Date('2026-11-02T10:00:00Z'), qontoUpdatedAt: new Date() } })).id
    await associate(testContext(db), { transactionId: tx['q-late']!, allocations: [{ invoiceId: inv['FACT-E']!, amountCents: 5000 }], actor: maud, mode: 'MANUEL' })
    const again = await fec(db, '2026-11-01', '2026-11-30')
    for (const line of lines(november)) expect(lines(again)).toContain(line)
    const maxBefore = Math.max(...[...first.values()].flat().map((n) => Number(n.slice(-6))))
    expect(numbersOf(again).get('q-late')).toEqual([`BQ2026-${String(maxBefore + 1).padStart(6, '0')}`])
    // Dated on its own day though numbered last: the file is in date order, numbers as they were given.
    expect(fields(again)[0]![8]).toBe('q-late')
  })

  it('leaves a partial payment unlettered and says « partiel »; nothing is lettered that the file cannot balance', async () => {
    const text = await fec(db, '2026-11-01', '2026-11-30')
    const partial = fields(text).filter((f) => f[8] === 'FACT-B')
    expect(partial).toHaveLength(1)
    expect(partial[0]!.slice(11, 15)).toEqual(['0,00', '500,00', '', ''])
    expect(partial[0]![10]).toContain('FACT-B (partiel)')
    expect(fields(text).every((f) => f[13] === '' && f[14] === '')).toBe(true)
  })

  it('exports the dollar payment in euros, with the dollars in Montantdevise/Idevise', async () => {
    const day = fields(await fec(db, '2026-11-10', '2026-11-10'))
    const usd = day.filter((f) => f[2] === day[0]![2])
    expect(usd.map((f) => [f[4], f[11], f[12], f[16], f[17]])).toEqual([
      ['512000', '920,00', '0,00', '1000,00', 'USD'],
      ['411000', '0,00', '920,00', '1000,00', 'USD'],
    ])
  })

  it('refuses, in French and before the first byte, a FEC whose period holds a payment without euro amount', async () => {
    let opened = false
    const attempt = writeExport(testContext(db), { format: 'fec', from: '2025-01-01', to: '2025-12-31' }, () => {
      opened = true
      return new PassThrough()
    })
    await expect(attempt).rejects.toThrow(FecError)
    await expect(attempt).rejects.toThrow(/1 paiement\(s\) de la période sans montant en euros \(paiement q-usd-account de 100,00 USD sans montant en euros\)/)
    expect(opened).toBe(false)
    const app = createTestApp(db)
    try {
      const agent = await loggedInAgent(app.app, READER)
      const refused = await agent.get(`${EXPORTER}?format=fec&from=2025-01-01&to=2025-12-31`)
      expect(refused.status).toBe(422)
      expect(refused.headers['content-disposition']).toBeUndefined()
      expect(refused.text).toContain('Export FEC impossible')
    } finally {
      await app.close()
    }
  })

  it('uses the accountant’s own client account (mapped field, or the host’s function), the derived code otherwise', async () => {
    const text = await fec(db, '2026-11-01', '2026-11-30')
    const aux = (piece: string) => fields(text).find((f) => f[8] === piece)?.[6]
    expect(aux('FACT-A')).toBe('411GLOW')
    expect(aux('FACT-C')).toMatch(/^411NORDIK[0-9A-Z]{4}$/)
  })

  it('undoing an exported association adds a reversal with its own number; the exported entry is never rewritten', async () => {
    const before = await fec(db, '2026-11-01', '2026-12-31')
    const original = fields(before).filter((f) => f[2] === numbersOf(before).get('q-undo')![0])
    await dissociate(testContext(db), tx['q-undo']!, maud)
    expect(numbersOf(await fec(db, '2026-11-01', '2026-12-31')).get('q-undo')).toHaveLength(2)
    await associate(testContext(db), { transactionId: tx['q-undo']!, allocations: [{ invoiceId: inv['FACT-C']!, amountCents: 30000 }], actor: maud, mode: 'MANUEL' })
    const after = await fec(db, '2026-11-01', '2026-12-31')
    for (const line of lines(before)) expect(lines(after)).toContain(line)
    // In numbering order: the entry, its reversal (dated the day of the undo), the new entry (dated the payment's day).
    const [booked, reversal, rebooked] = [...(numbersOf(after).get('q-undo') ?? [])].sort()
    expect(booked).toBe(original[0]![2])
    if (!reversal || !rebooked) throw new Error('a reversal and a new entry expected')
    const reversed = fields(after).filter((f) => f[2] === reversal)
    expect(reversed.map((f) => [f[4], f[11], f[12]])).toEqual(original.map((f) => [f[4], f[12], f[11]]))
    expect(reversed[0]![10]).toMatch(new RegExp(`^Contre-passation ${booked} `))
    expect(reversed[0]![3]! >= original[0]![3]!).toBe(true)
    expect(rebooked).not.toBe(booked)
    expect(fields(after).filter((f) => f[2] === rebooked).map((f) => [f[4], f[11], f[12]])).toEqual(original.map((f) => [f[4], f[11], f[12]]))
    expect(validateFec(after)).toEqual([])
    expect(await db.prisma.qontoAuditLog.count({ where: { transactionId: tx['q-undo']!, action: 'ECRITURE_CONTREPASSEE' } })).toBe(1)
  })

  it('a closed November stays as exported: later changes to its payments go to the first open day, with the audit saying so', async () => {
    const ctx = testContext(db)
    await expect(closePeriod(ctx, { through: '2099-01-01', actor: maud })).rejects.toThrow(/seule une période achevée se clôture/)
    const closing = await closePeriod(ctx, { through: '2026-11-30', actor: maud })
    expect(closing.notice).toContain('Période close jusqu’au 30/11/2026')
    await expect(closePeriod(ctx, { through: '2026-10-31', actor: maud })).rejects.toThrow(ClosingError)
    await expect(closePeriod(ctx, { through: '2026-10-31', actor: maud })).rejects.toThrow(/déjà close jusqu’au 30\/11\/2026/)
    const closedNovember = await fec(db, '2026-11-01', '2026-11-30')

    // Dissocier a November payment, associate another one, ignore a third: all after the closing.
    await dissociate(ctx, tx['q-full']!, maud)
    tx['q-nov-late'] = (await db.prisma.transactionQonto.create({ data: { qontoId: 'q-nov-late', montant: '75.00', statut: 'SETTLED', emetteur: 'X', dateTransaction: new Date('2026-11-28T10:00:00Z'), qontoUpdatedAt: new Date() } })).id
    await ignorePayment(ctx, { transactionId: tx['q-nov-late']!, category: 'AUTRE', note: 'Reçu après la clôture', rule: 'AUCUNE', actor: maud })

    expect(await fec(db, '2026-11-01', '2026-11-30')).toBe(closedNovember)
    const december = fields(await fec(db, '2026-12-01', '2026-12-31'))
    const reversal: string[][] = december.filter((f) => f[8] === 'q-full' || f[8] === 'FACT-A')
    expect(reversal.map((f) => [f[4], f[11], f[12]])).toEqual([['512000', '0,00', '1000,00'], ['411000', '1000,00', '0,00']])
    expect(reversal.every((f) => f[3]! >= '20261201')).toBe(true)
    const late = december.filter((f) => f[8] === 'q-nov-late')
    expect(late.map((f) => [f[3], f[9]])).toEqual([['20261201', '20261128'], ['20261201', '20261128']])
    const audit = await db.prisma.qontoAuditLog.findFirstOrThrow({ where: { transactionId: tx['q-nov-late']!, action: 'ECRITURE_REPORTEE' } })
    expect(audit.details).toMatchObject({ message: 'Période close jusqu’au 30/11/2026 : l’écriture du 28/11/2026 est passée au 01/12/2026, premier jour ouvert.' })
    expect(await db.prisma.qontoAuditLog.count({ where: { action: 'PERIODE_CLOTUREE' } })).toBe(1)
  })

  it('in the panel, Dissocier on a payment of the closed month says where its reversal went, and the audit says so', async () => {
    const app = createTestApp(db)
    try {
      const agent = await loggedInAgent(app.app, ADMIN)
      const undone = await agent.post(`/admin/api/resources/TransactionQonto/records/${tx['q-partial']}/dissocier`)
      expect(undone.body.ok).toBe(true)
      expect(undone.body.message).toMatch(/Période close jusqu’au 30\/11\/2026 : les écritures de ce paiement du 05\/11\/2026 n’y changent pas ; écriture BQ2026-\d{6} \(contre-passation\) datée du \d{2}\/12\/2026\./)
      expect(await db.prisma.qontoAuditLog.count({ where: { transactionId: tx['q-partial']!, action: 'ECRITURE_CONTREPASSEE' } })).toBe(1)
      const reader = await loggedInAgent(app.app, READER)
      const refused = await reader.post('/admin/api/resources/TransactionQonto/actions/comptabilite').send({ body: JSON.stringify({ op: 'cloturer', through: '2026-12-01' }) })
      expect(refused.body).toMatchObject({ ok: false, message: 'Seul un administrateur peut clôturer une période.' })
      const closed = await agent.post('/admin/api/resources/TransactionQonto/actions/comptabilite').send({ body: JSON.stringify({ op: 'cloturer', through: '2026-11-15' }) })
      expect(closed.body).toMatchObject({ ok: false, message: 'La période est déjà close jusqu’au 30/11/2026 : une clôture ne revient jamais en arrière.' })
    } finally {
      await app.close()
    }
  })

  it('the whole 2026 fiscal year passes the DGFiP format rules, numbers continuous', async () => {
    const year = await fec(db, '2026-01-01', '2026-12-31')
    expect(validateFec(Buffer.from(year, 'utf8'), { wholeFiscalYear: true })).toEqual([])
    expect(new Set(fields(year).map((f) => f[15])).size).toBeGreaterThanOrEqual(1)
  })
})
