import { execFile } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { openDatabase } from '../examples/src/database.js'
import { migrate } from '../examples/src/migrate.js'
import { declineSuggestion } from '../src/reconcile/learning.service.js'
import { associate } from '../src/reconcile/reconciliation.service.js'
import { createTestUsers, testContext } from './helpers/app.js'
import { ensureBuiltPackage } from './helpers/built-package.js'
import { createTestDatabase, databaseKinds, type TestDatabase } from './helpers/databases.js'

const BIN = join(import.meta.dirname, '..', 'bin', 'qonto-reconcile.js')

// The bin runs the published JS.
beforeAll(() => ensureBuiltPackage(inject('testRunId')), 180_000)

function run(args: string[], stdin?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, ...args], { env: { ...process.env, LOG_LEVEL: 'silent' } }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    )
    if (stdin !== undefined) child.stdin!.end(stdin)
  })
}

const input = {
  clients: [{ id: 'glow', name: 'Glow Cosmetics SAS', ibans: ['FR7630004008230001234567819'] }],
  invoices: [
    { id: 'inv-1', number: 'FACT-2026-001', clientId: 'glow', totalCents: 150000, issueDate: '2026-10-31', dueDate: '2026-11-30' },
    { id: 'inv-2', number: 'FACT-2026-002', clientId: 'glow', totalCents: 150000, issueDate: '2026-11-02' },
  ],
  transactions: [
    { id: 'tx-1', amountCents: 150000, reference: 'VIR FACT 2026 002', settledAt: '2026-11-20T10:00:00Z' },
    { id: 'tx-2', amountCents: 5000, side: 'debit', settledAt: '2026-11-20T10:00:00Z' },
  ],
}

describe('qonto-reconcile suggest (stable JSON contract)', () => {
  it('reads a file and prints one result per transaction', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qr-'))
    const file = join(dir, 'input.json')
    writeFileSync(file, JSON.stringify(input))
    const { code, stdout } = await run(['suggest', '--input', file])
    expect(code).toBe(0)
    const output = JSON.parse(stdout)
    expect(output.results).toHaveLength(2)
    const [first, debit] = output.results
    expect(first).toMatchObject({ transactionId: 'tx-1', clientId: 'glow' })
    expect(first.suggestions[0]).toMatchObject({
      allocations: [{ invoiceId: 'inv-2', amountCents: 150000 }],
      autoApply: true,
      // additive field: how the suggestion was found, in one word (docs/matching.md §2b)
      method: 'REFERENCE',
    })
    expect(first.suggestions[0].reasons[0]).toEqual({ code: 'REFERENCE_FOUND', label: 'Référence FACT-2026-002 trouvée dans le motif du virement' })
    expect(typeof first.suggestions[0].score).toBe('number')
    expect(debit).toEqual({ transactionId: 'tx-2', clientId: null, suggestions: [] })
  })

  it('reads standard input with "-" and honours maxSuggestions', async () => {
    const { code, stdout } = await run(['suggest', '--input', '-'], JSON.stringify({ ...input, options: { maxSuggestions: 1 } }))
    expect(code).toBe(0)
    expect(JSON.parse(stdout).results[0].suggestions).toHaveLength(1)
  })

  it('exits 2 and names the offending path on invalid input', async () => {
    const bad = { ...input, invoices: [...input.invoices, { ...input.invoices[0], id: 'x', totalCents: 12.5 }] }
    const { code, stderr, stdout } = await run(['suggest', '--input', '-'], JSON.stringify(bad))
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).toContain('invoices[2].totalCents: expected integer')
  })

  it('accepts a time zone and invoice prefixes, and names a bad time zone', async () => {
    const ok = await run(['suggest', '--input', '-'], JSON.stringify({ ...input, options: { timeZone: 'Europe/Paris', invoicePrefixes: ['FACT', 'F'] } }))
    expect(ok.code).toBe(0)
    expect(JSON.parse(ok.stdout).results[0].suggestions[0].autoApply).toBe(true)
    const bad = await run(['suggest', '--input', '-'], JSON.stringify({ ...input, options: { timeZone: 'Mars/Olympus' } }))
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('options.timeZone: expected an IANA time zone')
  })

  it('runs alone from its module, with the same contract', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qr-'))
    const file = join(dir, 'input.json')
    writeFileSync(file, JSON.stringify(input))
    const alone = await new Promise<{ code: number; stdout: string }>((resolve) => {
      execFile(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '..', 'src', 'cli', 'suggest.command.ts'), '--input', file], (error, stdout) =>
        resolve({ code: error ? 1 : 0, stdout }),
      )
    })
    expect(alone.code).toBe(0)
    const viaBin = await run(['suggest', '--input', file])
    expect(JSON.parse(alone.stdout)).toEqual(JSON.parse(viaBin.stdout))
  })

  it('exits 2 on malformed JSON and on a missing --input', async () => {
    expect((await run(['suggest', '--input', '-'], '{nope')).code).toBe(2)
    const missing = await run(['suggest'])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('Usage')
  })

  describe('--language (additive: French stays the default)', () => {
    // tx-1 names FACT-2026-002 (sure); tx-5 pays FACT-2026-001 short by 1,50 € from Glow's IBAN (not sure: a gap).
    const GLOW_IBAN = 'FR7630004008230001234567819'
    const withGap = {
      ...input,
      transactions: [input.transactions[0], { id: 'tx-5', amountCents: 149850, counterpartyIban: GLOW_IBAN, reference: 'FACT-2026-001', settledAt: '2026-11-20T10:00:00Z' }],
    }
    type Out = { results: Array<{ suggestions: Array<{ allocations: unknown; score: number; autoApply: boolean; method: string; reasons: Array<{ code: string; label: string }>; notSureBecause?: string }> }> }
    const shape = (out: Out) => out.results.map((r) => r.suggestions.map((s) => ({ allocations: s.allocations, score: s.score, autoApply: s.autoApply, method: s.method, codes: s.reasons.map((x) => x.code), notSure: s.notSureBecause !== undefined })))

    it('an English integrator reads English reasons and notSureBecause; the same suggestions, codes and scores as in French', async () => {
      const french = JSON.parse((await run(['suggest', '--input', '-'], JSON.stringify(withGap))).stdout) as Out
      const english = await run(['suggest', '--input', '-', '--language', 'en'], JSON.stringify(withGap))
      expect(english.code).toBe(0)
      const out = JSON.parse(english.stdout) as Out
      expect(shape(out)).toEqual(shape(french))
      expect(out.results[0]!.suggestions[0]!.reasons[0]).toEqual({ code: 'REFERENCE_FOUND', label: 'Reference FACT-2026-002 found in the transfer reference' })
      const gap = out.results[1]!.suggestions[0]!
      expect(gap.reasons.map((r) => r.label)).toContain('Difference of €1.50: probably bank fees')
      expect(gap.notSureBecause).toBe('difference of €1.50')
      expect(french.results[1]!.suggestions[0]!.notSureBecause).toBe('écart de 1,50\u00a0€')
    })

    it('options.language in the input does the same; the flag wins over it; an unknown language exits 2', async () => {
      const viaInput = JSON.parse((await run(['suggest', '--input', '-'], JSON.stringify({ ...input, options: { language: 'en' } }))).stdout) as Out
      expect(viaInput.results[0]!.suggestions[0]!.reasons[0]!.label).toBe('Reference FACT-2026-002 found in the transfer reference')
      const flagWins = JSON.parse((await run(['suggest', '--input', '-', '--language', 'fr'], JSON.stringify({ ...input, options: { language: 'en' } }))).stdout) as Out
      expect(flagWins.results[0]!.suggestions[0]!.reasons[0]!.label).toBe('Référence FACT-2026-002 trouvée dans le motif du virement')
      const bad = await run(['suggest', '--input', '-', '--language', 'de'], JSON.stringify(input))
      expect(bad.code).toBe(2)
      expect(bad.stdout).toBe('')
      expect(bad.stderr).toContain('fr ou en')
      const badInput = await run(['suggest', '--input', '-'], JSON.stringify({ ...input, options: { language: 'de' } }))
      expect(badInput.code).toBe(2)
      expect(badInput.stderr).toContain('options.language')
    })
  })

  describe('declines (same rule as the panel, docs/matching.md §3a)', () => {
    const GLOW_IBAN = 'FR7630004008230001234567819'
    // Two of Glow's invoices of 1 500 €: its IBAN pays 1 500 € naming neither.
    const twoExact = {
      clients: input.clients,
      invoices: [input.invoices[0], { ...input.invoices[1], issueDate: '2026-11-01' }],
      transactions: [{ id: 'tx-3', amountCents: 150000, counterpartyIban: GLOW_IBAN, counterpartyName: 'GLOW COSMETICS', settledAt: '2026-11-20T10:00:00Z' }],
    }

    it('does not propose again what Maud declined for this payment, says so, and makes nothing automatic of the rest', async () => {
      const before = JSON.parse((await run(['suggest', '--input', '-'], JSON.stringify(input))).stdout).results[0]
      expect(before.suggestions[0].allocations[0].invoiceId).toBe('inv-2')
      const declines = [{ scope: 'PAIEMENT', transactionId: 'tx-1', invoiceIds: ['inv-2'], by: 'maud@agence.fr', at: '2026-11-21T09:00:00Z' }]
      const { code, stdout } = await run(['suggest', '--input', '-'], JSON.stringify({ ...input, declines }))
      expect(code).toBe(0)
      const [first, debit] = JSON.parse(stdout).results
      expect(first.suggestions.flatMap((s: { allocations: Array<{ invoiceId: string }> }) => s.allocations.map((a) => a.invoiceId))).not.toContain('inv-2')
      expect(first.suggestions.length).toBeGreaterThan(0)
      expect(first.suggestions.every((s: { autoApply: boolean }) => !s.autoApply)).toBe(true)
      // additive field, only on a result something was taken from
      expect(first.declined).toEqual([{ invoiceIds: ['inv-2'], scope: 'PAIEMENT', by: 'maud@agence.fr', at: '2026-11-21T09:00:00Z' }])
      expect(debit).toEqual({ transactionId: 'tx-2', clientId: null, suggestions: [] })
    })

    it('a decline for this payer and this invoice (on an earlier payment) holds for a later payment of the same IBAN, not for another payment of another payer', async () => {
      const declines = [{ scope: 'PAYEUR', transactionId: 'tx-earlier', invoiceIds: ['inv-1'], payerIban: 'fr76 3000 4008 2300 0123 4567 819' }]
      const other = { id: 'tx-4', amountCents: 150000, counterpartyName: 'Quelqu’un d’autre', settledAt: '2026-11-20T10:00:00Z' }
      const body = { ...twoExact, transactions: [...twoExact.transactions, other], declines }
      const [payer, stranger] = JSON.parse((await run(['suggest', '--input', '-'], JSON.stringify(body))).stdout).results
      const ids = (result: { suggestions: Array<{ allocations: Array<{ invoiceId: string }> }> }) => result.suggestions.flatMap((s) => s.allocations.map((a) => a.invoiceId))
      expect(ids(payer)).not.toContain('inv-1')
      expect(ids(payer)).toContain('inv-2')
      expect(payer.declined).toEqual([{ invoiceIds: ['inv-1'], scope: 'PAYEUR' }])
      expect(ids(stranger)).toContain('inv-1')
      expect(stranger.declined).toBeUndefined()
    })

    it('a payer decline takes the payer of its transaction when the input holds it, and exits 2 when no payer is known', async () => {
      const own = { ...twoExact, declines: [{ scope: 'PAYEUR', transactionId: 'tx-3', invoiceIds: ['inv-1'] }] }
      const ok = await run(['suggest', '--input', '-'], JSON.stringify(own))
      expect(ok.code).toBe(0)
      expect(JSON.parse(ok.stdout).results[0].declined).toEqual([{ invoiceIds: ['inv-1'], scope: 'PAYEUR' }])
      const unknown = await run(['suggest', '--input', '-'], JSON.stringify({ ...input, declines: [{ scope: 'PAYEUR', transactionId: 'tx-gone', invoiceIds: ['inv-1'] }] }))
      expect(unknown.code).toBe(2)
      expect(unknown.stderr).toContain('declines[0]: payeur inconnu')
    })

    it('with declines, the other results are exactly those without (the matcher is asked for a few more, then cut to maxSuggestions)', async () => {
      const plain = JSON.parse((await run(['suggest', '--input', '-'], JSON.stringify({ ...twoExact, options: { maxSuggestions: 1 } }))).stdout)
      const declines = [{ scope: 'PAIEMENT', transactionId: 'tx-unrelated', invoiceIds: ['inv-1'] }]
      const withDeclines = JSON.parse((await run(['suggest', '--input', '-'], JSON.stringify({ ...twoExact, options: { maxSuggestions: 1 }, declines }))).stdout)
      expect(withDeclines).toEqual(plain)
    })
  })

  describe.each(databaseKinds())("--config: the panel's declines and learning, read from the host's database (%s)", (kind) => {
    const ROOT = join(import.meta.dirname, '..')
    const FACTOR_IBAN = 'FR7612548029981234567890161'
    /** The reference host's CLI on its own database: DATABASE_URL (PostgreSQL), else PGLITE_DIR. */
    const runWithConfig = (args: string[], stdin: string, database: { url?: string; pgliteDir?: string }) => {
      const { DATABASE_URL: _ignored, ...env } = process.env
      return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        const child = execFile(
          process.execPath,
          ['--conditions=qonto-reconcile-source', '--import', 'tsx', BIN, ...args, '--config', join(ROOT, 'examples', 'qonto-reconcile.config.ts')],
          { cwd: ROOT, env: { ...env, LOG_LEVEL: 'silent', ...(database.url ? { DATABASE_URL: database.url } : { PGLITE_DIR: database.pgliteDir! }) } },
          (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
        )
        child.stdin!.end(stdin)
      })
    }

    it("a factor Maud confirmed for Lumière, and an invoice she declined for it: the CLI names Lumière, reads the factor's form, leaves the declined invoice out and says so", async () => {
      const pgliteDir = kind === 'pglite' ? join(mkdtempSync(join(tmpdir(), 'qr-suggest-config-')), 'db') : undefined
      const db: TestDatabase = pgliteDir ? await openDatabase({ pgliteDir }) : await createTestDatabase('postgresql')
      let closed = false
      try {
        if (pgliteDir) await migrate(db.sql)
        const ctx = testContext(db)
        const { admin } = await createTestUsers(db)
        const maud = { userId: admin.id, label: 'Maud' }
        const lumiere = await db.prisma.marque.create({ data: { nom: 'Maison Lumière', ibans: [] } })
        const invoice = (reference: string, montantTTC: string, day: string) =>
          db.prisma.document.create({ data: { reference, montantTTC, statut: 'ENVOYE', dateEmission: new Date(day), dateEcheance: new Date(day), marqueId: lumiere.id } })
        const first = await invoice('F-2026-0123', '480.00', '2026-09-01')
        const f125 = await invoice('F-2026-0125', '720.00', '2026-09-15')
        const f126 = await invoice('F-2026-0126', '720.00', '2026-09-20')
        const confirmed = await db.prisma.transactionQonto.create({
          data: { qontoId: 'q-1', montant: '480.00', sens: 'CREDIT', statut: 'SETTLED', dateTransaction: new Date('2026-11-02T10:00:00Z'), qontoUpdatedAt: new Date(), emetteur: 'FINANCO FACTOR', emetteurIban: FACTOR_IBAN, reference: 'REMISE 123/2026' },
        })
        await associate(ctx, { transactionId: confirmed.id, allocations: [{ invoiceId: first.id, amountCents: 48000 }], actor: maud, mode: 'MANUEL' })
        await declineSuggestion(ctx, { transactionId: confirmed.id, invoiceIds: [f126.id], scope: 'PAYEUR', actor: maud })
        if (pgliteDir) {
          await db.close()
          closed = true
        }

        const body = JSON.stringify({
          clients: [{ id: lumiere.id, name: 'Maison Lumière', ibans: [] }],
          invoices: [f125, f126].map((i) => ({ id: i.id, number: i.reference, clientId: lumiere.id, totalCents: 72000, issueDate: i.dateEmission.toISOString().slice(0, 10) })),
          transactions: [{ id: 'tx-next', amountCents: 72000, counterpartyName: 'FINANCO FACTOR', counterpartyIban: FACTOR_IBAN, reference: 'REMISE 125/2026', settledAt: '2026-11-20T10:00:00Z' }],
        })
        const plain = JSON.parse((await run(['suggest', '--input', '-'], body)).stdout).results[0]
        expect(plain.clientId).toBeNull()
        const { code, stdout, stderr } = await runWithConfig(['suggest', '--input', '-'], body, { url: db.url, pgliteDir })
        expect(stderr).toBe('')
        expect(code).toBe(0)
        const [result] = JSON.parse(stdout).results
        expect(result.clientId).toBe(lumiere.id)
        const top = result.suggestions[0]
        expect(top).toMatchObject({ allocations: [{ invoiceId: f125.id, amountCents: 72000 }], autoApply: false })
        const codes = top.reasons.map((r: { code: string }) => r.code)
        expect(codes).toEqual(expect.arrayContaining(['REFERENCE_HABIT', 'CLIENT_LEARNED']))
        expect(result.suggestions.flatMap((s: { allocations: Array<{ invoiceId: string }> }) => s.allocations.map((a) => a.invoiceId))).not.toContain(f126.id)
        expect(result.declined).toEqual([{ invoiceIds: [f126.id], scope: 'PAYEUR', by: 'Maud', at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) }])
        expect(result.suggestions.some((s: { autoApply: boolean }) => s.autoApply)).toBe(false)
      } finally {
        if (!closed) await db.close()
      }
    }, 120_000)
  })
})
