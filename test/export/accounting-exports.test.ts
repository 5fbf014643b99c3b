import { PassThrough } from 'node:stream'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FEC_COLUMNS } from '../../src/domain/export/fec.js'
import { writeExport } from '../../src/reconcile/export.service.js'
import { associate } from '../../src/reconcile/reconciliation.service.js'
import { ADMIN, READER, createTestApp, createTestUsers, loggedInAgent, testContext } from '../helpers/app.js'
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/databases.js'

/** The download: the TransactionQonto resource's `exporter` action, on its API route. */
const EXPORTER = '/admin/api/resources/TransactionQonto/actions/exporter'

async function exportText(db: TestDatabase, format: 'csv' | 'fec', from: string, to: string): Promise<{ text: string; count: number }> {
  const sink = new PassThrough()
  const chunks: Buffer[] = []
  sink.on('data', (c: Buffer) => chunks.push(c))
  const count = await writeExport(testContext(db), { format, from, to }, sink)
  sink.end()
  return { text: Buffer.concat(chunks).toString('utf8'), count }
}

describe.each(databaseKinds())('accounting exports on %s', (kind) => {
  let db: TestDatabase
  let maud: { userId: string; label: string }
  beforeAll(async () => {
    db = await createTestDatabase(kind)
    const { admin } = await createTestUsers(db)
    maud = { userId: admin.id, label: admin.email }
    // A generated month: 60 payments, each paying 1 to 3 invoices of one of 5 clients, some partly.
    const clients = await Promise.all(
      ['Glow Cosmetics SAS', 'Maison "Lumière"', 'Atelier; Verde', 'Nordik Design', 'Café Olympe'].map((nom) => db.prisma.marque.create({ data: { nom } })),
    )
    let n = 0
    for (let p = 0; p < 60; p += 1) {
      const client = clients[p % clients.length]!
      const count = 1 + (p % 3)
      const allocations = []
      for (let i = 0; i < count; i += 1) {
        n += 1
        const total = 10_000 + ((p * 7919 + i * 104729) % 300_000)
        const invoice = await db.prisma.document.create({
          data: { reference: `FACT-2026-${String(n).padStart(4, '0')}`, montantTTC: (total / 100).toFixed(2), statut: 'ENVOYE', dateEmission: new Date('2026-10-01'), marqueId: client.id },
        })
        allocations.push({ invoiceId: invoice.id, amountCents: p % 5 === 0 && i === 0 ? Math.floor(total / 2) : total })
      }
      const amount = allocations.reduce((s, a) => s + a.amountCents, 0) + (p % 7 === 0 ? 1234 : 0)
      const tx = await db.prisma.transactionQonto.create({
        data: {
          qontoId: `q-${p}`, montant: (amount / 100).toFixed(2), statut: 'SETTLED', emetteur: p === 1 ? 'PAYEUR; "SPÉCIAL"' : client.nom.toUpperCase(),
          reference: `VIR ${p}`, dateTransaction: new Date(Date.UTC(2026, 10, 1 + (p % 30), 10)), qontoUpdatedAt: new Date(),
        },
      })
      await associate(testContext(db), { transactionId: tx.id, allocations, actor: maud, mode: p % 2 ? 'MANUEL' : 'AUTOMATIQUE' })
    }
    // Outside the period, and one payment not reconciled: neither is exported.
    await db.prisma.transactionQonto.create({ data: { qontoId: 'q-open', montant: '10.00', statut: 'SETTLED', dateTransaction: new Date('2026-11-15T10:00:00Z'), qontoUpdatedAt: new Date() } })
  }, 180_000)
  afterAll(async () => db.close())

  it('writes a FEC with the 18 columns in order and one balanced entry per payment, unlettered, the invoice number in PieceRef', async () => {
    const { text, count } = await exportText(db, 'fec', '2026-11-01', '2026-11-30')
    expect(count).toBe(60)
    expect(text.endsWith('\r\n')).toBe(true)
    const [header, ...lines] = text.slice(0, -2).split('\r\n')
    expect(header!.split('\t')).toEqual([...FEC_COLUMNS])
    const entries = new Map<string, { debit: number; credit: number; lines: string[][] }>()
    for (const line of lines) {
      const f = line.split('\t')
      expect(f).toHaveLength(18)
      expect(f[0]).toBe('BQ')
      expect(f[3]).toMatch(/^202611\d{2}$/)
      expect(f[11]).toMatch(/^\d+,\d{2}$/)
      expect(f[12]).toMatch(/^\d+,\d{2}$/)
      const cents = (v: string) => Number(v.replace(',', ''))
      const entry = entries.get(f[2]!) ?? { debit: 0, credit: 0, lines: [] }
      entry.debit += cents(f[11]!)
      entry.credit += cents(f[12]!)
      entry.lines.push(f)
      entries.set(f[2]!, entry)
    }
    expect(entries.size).toBe(60)
    const accountsByClient = new Map<string, Set<string>>()
    for (const entry of entries.values()) {
      for (const c of entry.lines.slice(1)) accountsByClient.set(c[7]!, (accountsByClient.get(c[7]!) ?? new Set()).add(c[6]!))
    }
    expect(accountsByClient.size).toBe(5)
    expect([...accountsByClient.values()].every((accounts) => accounts.size === 1)).toBe(true)
    expect(new Set([...accountsByClient.values()].map((a) => [...a][0])).size).toBe(5)
    for (const entry of entries.values()) {
      expect(entry.debit).toBe(entry.credit)
      expect(entry.debit).toBeGreaterThan(0)
      const [bank, ...clientLines] = entry.lines
      expect(bank![4]).toBe('512000')
      for (const c of clientLines) {
        expect(c[4]).toBe('411000')
        expect(c[6]).toMatch(/^411[A-Z0-9]+$/)
        // The file holds only the bank side: no letter group on 411 could balance in it.
        expect(c.slice(13, 15)).toEqual(['', ''])
        expect(c[8]).toMatch(/^FACT-2026-\d{4}$/)
        expect(c[10]).toContain(c[8])
      }
    }
  })

  it('writes a CSV for French spreadsheets: BOM, semicolons, decimal comma, one row per invoice, safe quoting', async () => {
    const { text } = await exportText(db, 'csv', '2026-11-01', '2026-11-30')
    expect(text.charCodeAt(0)).toBe(0xfeff)
    const lines = text.slice(1).trimEnd().split(/\r?\n/)
    expect(lines[0]).toBe("Date;Identifiant Qonto;Émetteur;IBAN;Référence;Montant du paiement;Devise;Facture;Montant affecté;Client;Associé par;Mode;Date d'association;Écart;Motif de l'écart;Compte d'écart;Nature;Catégorie hors facture;Note;Règle")
    expect(lines).toHaveLength(1 + 120)
    expect(text).toContain('"PAYEUR; ""SPÉCIAL"""')
    expect(text).toContain('"Atelier; Verde"')
    expect(lines.some((l) => /;Automatique;/.test(l))).toBe(true)
    expect(lines.some((l) => l.includes(`;${ADMIN.email};Manuel;`))).toBe(true)
    expect(lines[1]).toMatch(/^01\/11\/2026;q-0;/)
    expect(lines[1]).toMatch(/;\d+,\d{2};EUR;FACT-2026-\d{4};\d+,\d{2};/)
  })

  it('keeps to the period, whole days included', async () => {
    expect((await exportText(db, 'fec', '2026-11-01', '2026-11-01')).count).toBe(2)
    expect((await exportText(db, 'csv', '2026-12-01', '2026-12-31')).count).toBe(0)
  })

  it('puts a payment in the month of its Paris business day, in the period, the CSV and the FEC alike', async () => {
    // 22:30 UTC on 31 March 2026 is 00:30 on 1 April in Paris (summer time since 29 March).
    const invoice = await db.prisma.document.create({
      data: { reference: 'FACT-2026-MIDNIGHT', montantTTC: '100.00', statut: 'ENVOYE', dateEmission: new Date('2026-03-01'), marqueId: (await db.prisma.marque.findFirstOrThrow()).id },
    })
    const tx = await db.prisma.transactionQonto.create({
      data: { qontoId: 'q-midnight', montant: '100.00', statut: 'SETTLED', emetteur: 'GLOW', dateTransaction: new Date('2026-03-31T22:30:00Z'), qontoUpdatedAt: new Date() },
    })
    await associate(testContext(db), { transactionId: tx.id, allocations: [{ invoiceId: invoice.id, amountCents: 10000 }], actor: maud, mode: 'MANUEL' })
    expect((await exportText(db, 'csv', '2026-03-01', '2026-03-31')).count).toBe(0)
    const april = await exportText(db, 'csv', '2026-04-01', '2026-04-30')
    expect(april.count).toBe(1)
    expect(april.text).toContain('01/04/2026')
    const fec = await exportText(db, 'fec', '2026-04-01', '2026-04-30')
    expect(fec.text.split('\r\n')[1]!.split('\t')[3]).toBe('20260401')
    expect((await db.prisma.document.findUniqueOrThrow({ where: { id: invoice.id } })).statut).toBe('PAYE')
  })

  it('serves the download to signed-in users only, and refuses bad parameters', async () => {
    const app = createTestApp(db)
    try {
      const anonymous = await request(app.app).get(`${EXPORTER}?format=csv&from=2026-11-01&to=2026-11-30`)
      expect([302, 401]).toContain(anonymous.status)
      const agent = await loggedInAgent(app.app, READER)
      const file = await agent.get(`${EXPORTER}?format=fec&from=2026-11-01&to=2026-11-30`)
      expect(file.status).toBe(200)
      expect(file.headers['content-disposition']).toBe('attachment; filename="FEC_rapprochements_20261101_20261130.txt"')
      expect(file.text.split('\r\n')[0]).toBe(FEC_COLUMNS.join('\t'))
      const bad = await agent.get(`${EXPORTER}?format=xls&from=2026-11-30&to=2026-11-01`)
      expect(bad.status).toBe(400)
      expect(bad.text).toContain('format attendu : csv ou fec')
    } finally {
      await app.close()
    }
  })
})

describe('qonto-reconcile export', () => {
  it('writes the file and exits 0; exits 2 naming the bad option', async () => {
    const { execFile } = await import('node:child_process')
    const { mkdtempSync, readFileSync, rmSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const { join } = await import('node:path')
    const dir = mkdtempSync(join(tmpdir(), 'qr-export-'))
    const root = join(import.meta.dirname, '..', '..')
    // The config reads DATABASE_URL first: this run is on its own PGlite directory.
    const { DATABASE_URL: _ignored, ...env } = process.env
    const run = (args: string[]) =>
      new Promise<{ code: number; stderr: string }>((resolve) =>
        execFile(
          process.execPath,
          ['--conditions=qonto-reconcile-source', '--import', 'tsx', join(root, 'bin', 'qonto-reconcile.js'), ...args, '--config', join(root, 'examples', 'qonto-reconcile.config.ts')],
          { cwd: root, env: { ...env, PGLITE_DIR: join(dir, 'db'), LOG_LEVEL: 'silent' } },
          (error, _stdout, stderr) =>
          resolve({ code: error ? Number(error.code ?? 1) : 0, stderr }),
        ),
      )
    try {
      const ok = await run(['export', '--format', 'fec', '--from', '2026-11-01', '--to', '2026-11-30', '--out', join(dir, 'fec.txt')])
      expect(ok.code).toBe(0)
      expect(readFileSync(join(dir, 'fec.txt'), 'utf8')).toBe(`${FEC_COLUMNS.join('\t')}\r\n`)
      const bad = await run(['export', '--format', 'pdf', '--from', '2026-13-01', '--to', '2026-11-30'])
      expect(bad.code).toBe(2)
      expect(bad.stderr).toContain('--format : format attendu : csv ou fec')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 60_000)
})

describe('FEC client accounts', () => {
  it('are stable per client and differ for clients with the same name', async () => {
    const { clientAuxAccount } = await import('../../src/domain/export/fec.js')
    expect(clientAuxAccount('Glow Cosmetics SAS', 'c1')).toBe(clientAuxAccount('Glow Cosmetics SAS', 'c1'))
    expect(clientAuxAccount('Glow Cosmetics SAS', 'c1')).not.toBe(clientAuxAccount('Glow Cosmetics SAS', 'c2'))
    expect(clientAuxAccount('Café Olympe', 'c3')).toMatch(/^411CAFEOL[0-9A-Z]{4}$/)
  })
})
