/**
 * `qonto-reconcile etat` and `qonto-reconcile cloturer`, as the accountant or Maud type them: bad input
 * gets a clear French message, exit code 2 (1 for a refused closing) and changes nothing; the happy
 * paths print the statement, write its file, number what was never exported and close the period once.
 * In process, through the CLI's own entry point, with a config module that hands it the test database.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { main } from '../../src/cli/main.js'
import { ignorePayment } from '../../src/reconcile/ignore.service.js'
import { associate } from '../../src/reconcile/reconciliation.service.js'
import { ADMIN, createTestUsers, hostOptions, testContext } from '../helpers/context.js'
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/databases.js'

const TODAY = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' }).format(new Date())

describe.each(databaseKinds())('the accountant’s commands etat and cloturer on %s', (kind) => {
  let db: TestDatabase
  let dir: string
  let config: string
  const tx: Record<string, string> = {}

  /** Runs the CLI with the test config: exit code and what it printed. */
  async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = ''
    let stderr = ''
    const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true))
    const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true))
    try {
      const code = await main([...args, '--config', config])
      return { code, stdout, stderr }
    } finally {
      out.mockRestore()
      err.mockRestore()
    }
  }
  /** Everything these commands may write: nothing of it changes on a refusal. */
  const books = async () => ({
    entries: await db.prisma.qontoEcriture.count(),
    closings: await db.prisma.qontoCloture.count(),
    audit: await db.prisma.qontoAuditLog.count(),
    sequences: await db.prisma.qontoSequenceEcriture.findMany({ orderBy: [{ journal: 'asc' }, { exercice: 'asc' }] }),
  })

  beforeAll(async () => {
    db = await createTestDatabase(kind)
    dir = mkdtempSync(join(tmpdir(), 'qr-books-cli-'))
    const key = `__qrBooksCli_${kind}`
    ;(globalThis as Record<string, unknown>)[key] = { ...hostOptions(db), close: async () => undefined }
    config = join(dir, 'qonto-reconcile.config.mjs')
    writeFileSync(config, `export default () => globalThis[${JSON.stringify(key)}]\n`)
    const { admin } = await createTestUsers(db)
    const maud = { userId: admin.id, label: admin.email }
    const ctx = testContext(db)
    await db.prisma.qontoBankAccount.create({ data: { id: 'acc-main', name: 'Compte principal', iban: 'FR7616958000013234567890102', main: true, reconcile: true } })
    const client = await db.prisma.marque.create({ data: { nom: 'Glow Cosmetics SAS', compteComptable: '411GLOW' } })
    let balance = 1_000_000
    for (const [q, cents, day] of [['q-paid', 120_000, '2026-11-03'], ['q-refund', 8_640, '2026-11-12'], ['q-open', 30_000, '2026-11-25']] as const) {
      balance += cents
      tx[q] = (await db.prisma.transactionQonto.create({
        data: { qontoId: q, montant: (cents / 100).toFixed(2), statut: 'SETTLED', emetteur: 'GLOW', compteBancaireId: 'acc-main',
          dateTransaction: new Date(`${day}T10:00:00Z`), qontoUpdatedAt: new Date(), metadata: { settled_balance_cents: balance } },
      })).id
    }
    const invoice = await db.prisma.document.create({ data: { reference: 'FACT-1', montantTTC: '1200.00', statut: 'ENVOYE', dateEmission: new Date('2026-10-01'), marqueId: client.id } })
    await associate(ctx, { transactionId: tx['q-paid']!, allocations: [{ invoiceId: invoice.id, amountCents: 120_000 }], actor: maud, mode: 'MANUEL' })
    await ignorePayment(ctx, { transactionId: tx['q-refund']!, category: 'REMBOURSEMENT', note: undefined, rule: 'AUCUNE', actor: maud })
  }, 180_000)
  afterAll(async () => {
    await db?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('etat refuses a missing, malformed or impossible date, an unknown option and a missing folder, in French, and changes nothing', async () => {
    const before = await books()
    const cases: Array<[string[], string]> = [
      [['etat'], '--date : date attendue au format AAAA-MM-JJ'],
      [['etat', '--date', '30/11/2026'], '--date : date attendue au format AAAA-MM-JJ'],
      [['etat', '--date', '2026-02-30'], '--date : date invalide'],
      [['etat', '--date', '1999-12-31'], '--date : date hors limites (2000 à 2199)'],
      [['etat', '--dat', '2026-11-30'], 'Option invalide pour etat : option inconnue « --dat »'],
      [['etat', '2026-11-30'], 'Option invalide pour etat : argument inattendu « 2026-11-30 » (les valeurs se donnent après leur option, par exemple --date 2026-11-30)'],
      [['etat', '--date', '2026-11-30', '--out', join(dir, 'absent', 'etat.csv')], `--out : le dossier ${join(dir, 'absent')} n’existe pas : rien n’a été calculé ni écrit.`],
    ]
    for (const [args, message] of cases) {
      const run = await cli(...args)
      expect({ args, code: run.code, stdout: run.stdout }).toEqual({ args, code: 2, stdout: '' })
      expect(run.stderr).toContain(message)
    }
    const missing = await cli('etat', '--date')
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringContaining('valeur manquante pour « --date »') })
    expect(await books()).toEqual(before)
  })

  it('etat prints the statement as CSV, or writes it and says whether it ties', async () => {
    const printed = await cli('etat', '--date', '2026-11-30')
    expect(printed.code).toBe(0)
    expect(printed.stdout).toContain('Solde Qonto au 30/11/2026;;11586,40;EUR')
    expect(printed.stdout).toContain('Plus : crédits rapprochés de factures (comptabilisés);1;1200,00;EUR')
    expect(printed.stdout).toContain('Plus : crédits expliqués hors facture (compte d’attente);1;86,40;EUR')
    expect(printed.stdout).toContain('Plus : crédits non expliqués;1;300,00;EUR')
    const file = join(dir, 'etat.csv')
    const written = await cli('etat', '--date', '2026-11-30', '--out', file)
    expect(written).toMatchObject({ code: 0, stdout: '' })
    expect(written.stderr).toBe(`État de rapprochement au 30/11/2026 : 1 compte(s), équilibré → ${file}\n`)
    expect(readFileSync(file, 'utf8')).toBe(printed.stdout)
  })

  it('cloturer refuses a bad date, today or a later day, in French, and changes nothing', async () => {
    const before = await books()
    for (const [args, code, message] of [
      [['cloturer'], 2, '--jusqu-au : date attendue au format AAAA-MM-JJ'],
      [['cloturer', '--jusqu-au', '2026-11-31'], 2, '--jusqu-au : date invalide'],
      [['cloturer', '--jusqua', '2026-11-30'], 2, 'option inconnue « --jusqua »'],
      [['cloturer', '--jusqu-au', TODAY], 1, 'seule une période achevée se clôture'],
      [['cloturer', '--jusqu-au', '2199-12-31'], 1, 'seule une période achevée se clôture'],
    ] as Array<[string[], number, string]>) {
      const run = await cli(...args)
      expect({ args, code: run.code, stdout: run.stdout }).toEqual({ args, code, stdout: '' })
      expect(run.stderr).toContain(message)
    }
    expect(await books()).toEqual(before)
  })

  it('cloturer numbers what was never exported, closes once, and refuses to close the same or an earlier day again', async () => {
    // Explained in November and never exported: the closing numbers it on its own day before closing.
    const invoice = await db.prisma.document.create({ data: { reference: 'FACT-2', montantTTC: '300.00', statut: 'ENVOYE', dateEmission: new Date('2026-10-01'), marqueId: (await db.prisma.marque.findFirstOrThrow()).id } })
    const admin = await db.prisma.user.findFirstOrThrow({ where: { email: ADMIN.email } })
    await associate(testContext(db), { transactionId: tx['q-open']!, allocations: [{ invoiceId: invoice.id, amountCents: 30_000 }], actor: { userId: admin.id, label: admin.email }, mode: 'MANUEL' })
    const unexported = await db.prisma.qontoEcriture.count({ where: { transactionId: tx['q-open']! } })
    expect(unexported).toBe(0)

    const closed = await cli('cloturer', '--jusqu-au', '2026-11-30')
    expect(closed).toMatchObject({ code: 0, stderr: '' })
    expect(closed.stdout).toBe(
      'Période close jusqu’au 30/11/2026 : plus aucune écriture ne sera datée de ces jours ; une modification sera passée au 01/12/2026 ou après.\n' +
        '1 écriture(s) numérotée(s) avant la clôture.\n',
    )
    expect(await db.prisma.qontoEcriture.findMany({ where: { transactionId: tx['q-open']! }, select: { jour: true, active: true } })).toEqual([{ jour: '2026-11-25', active: true }])
    expect(await db.prisma.qontoCloture.findMany({ select: { jusquAu: true, par: true } })).toEqual([{ jusquAu: '2026-11-30', par: 'ligne de commande (qonto-reconcile cloturer)' }])
    expect(await db.prisma.qontoAuditLog.count({ where: { action: 'PERIODE_CLOTUREE' } })).toBe(1)

    const before = await books()
    for (const day of ['2026-11-30', '2026-10-31']) {
      const again = await cli('cloturer', '--jusqu-au', day)
      expect(again).toMatchObject({ code: 1, stdout: '' })
      expect(again.stderr).toBe('La période est déjà close jusqu’au 30/11/2026 : une clôture ne revient jamais en arrière.\n')
    }
    expect(await books()).toEqual(before)
  })

  it('cloturer closes a period holding a payment without euro amount, and says it could not be numbered', async () => {
    const usd = await db.prisma.transactionQonto.create({
      data: { qontoId: 'q-usd', montant: '100.00', devise: 'USD', statut: 'SETTLED', emetteur: 'ACME INC', dateTransaction: new Date('2026-12-01T10:00:00Z'), qontoUpdatedAt: new Date() },
    })
    const maud = await db.prisma.user.findFirstOrThrow({ where: { email: ADMIN.email } })
    await ignorePayment(testContext(db), { transactionId: usd.id, category: 'AUTRE', note: 'Virement en dollars', rule: 'AUCUNE', actor: { userId: maud.id, label: maud.email } })
    const closed = await cli('cloturer', '--jusqu-au', '2026-12-01')
    expect(closed).toMatchObject({ code: 0, stderr: '' })
    expect(closed.stdout).toContain(
      'Attention : 1 paiement(s) de la période sans montant en euros (paiement q-usd de 100,00 USD sans montant en euros) n’ont pas pu être numérotés ; ' +
        'une fois leur montant en euros connu, ils seront passés au premier jour ouvert.',
    )
    expect(await db.prisma.qontoEcriture.count({ where: { transactionId: usd.id } })).toBe(0)
    const audit = await db.prisma.qontoAuditLog.findFirstOrThrow({ where: { action: 'PERIODE_CLOTUREE', details: { path: ['jusquAu'], equals: '2026-12-01' } } })
    expect(audit.details).toMatchObject({ sansMontantEnEuros: [usd.id] })
  })
})
