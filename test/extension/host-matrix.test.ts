/**
 * The packed tarball in a matrix of generated hosts (test/extension/host-matrix/hosts.ts), in the plain
 * `npm test`, on embedded PostgreSQL (PGlite) and on PostgreSQL when TEST_DATABASE_URL is set (the kinds
 * of test/helpers/databases.ts): Int, BigInt, String and UUID ids; Decimal euros, Float euros and Int
 * cents; enum and String statuses; with and without a partly-paid status and a paid-amount column; Date
 * and timestamptz dates; single-file and multi-file schemas; French and English; global JSON and
 * urlencoded parsers before the admin router; Express 4 and 5. Each host goes webhook → suggestion →
 * Associer → invoice paid (the client's e-mail and the notes in the host's language, the FEC entry) →
 * Dissocier → export (CSV and FEC), through HTTP as the panel does. Modelled on better-auth's adapter
 * suite: one installation per process, every fixture run through the same scenario on each database.
 */
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { FEC_COLUMNS } from '../../src/domain/export/fec.js'
import { validateFec } from '../../src/domain/export/fec-validator.js'
import { signPayload } from '../../src/webhooks/signature.js'
import { spawnListening, type ListeningServer } from '../helpers/announced-port.js'
import { ensureBuiltPackage } from '../helpers/built-package.js'
import { withAdminClient } from '../helpers/database-templates.js'
import { createPostgresDatabase, databaseKinds, type DatabaseKind, type PostgresDatabase } from '../helpers/databases.js'
import { multipartLogin } from '../helpers/host-parsers.js'
import { HOST_VARIANTS, parsersBefore, schemaFiles, statusValues, type HostVariant } from './host-matrix/hosts.js'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const SERVER = fileURLToPath(new URL('../fixtures/host-matrix/server.mjs', import.meta.url))
const SECRET = 'matrix-webhook-secret-0123456789abcdef'
const rootPackage = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string>; overrides: Record<string, string> }
const HOST_DEPENDENCIES = ['adminjs', '@adminjs/express', '@adminjs/prisma', '@prisma/client', 'prisma', '@prisma/adapter-pg', '@electric-sql/pglite', 'pglite-prisma-adapter', 'express', 'express-session', 'express-formidable', 'react', 'tslib']
/** What the panel's components send (src/components/action-request.ts): JSON under the extension's own media type. */
const ACTION_TYPE = 'application/vnd.qonto-reconcile+json'

const run = (command: string, args: string[], cwd: string) =>
  execFileSync(command, args, { cwd, env: { ...process.env, DATABASE_URL: 'postgresql://pglite@localhost/in-memory' }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 600_000 })

let installDir: string

describe('the host matrix', () => {
// One installation per process, whatever the databases and hosts.
beforeAll(async () => {
  // MATRIX_INSTALL_DIR: reuse an installation while working on the hosts (the package is not re-packed).
  if (process.env.MATRIX_INSTALL_DIR) {
    installDir = process.env.MATRIX_INSTALL_DIR
    return
  }
  installDir = mkdtempSync(join(tmpdir(), 'qr-matrix-'))
  await ensureBuiltPackage(inject('testRunId'))
  const tarball = run('npm', ['pack', '--ignore-scripts', '--pack-destination', installDir], ROOT).trim().split('\n').pop()!
  const dependencies = Object.fromEntries(HOST_DEPENDENCIES.map((name) => [name, rootPackage.devDependencies[name]!]))
  // Express 4 beside 5 under another name; an Express 4 host links it as its own `express`.
  writeFileSync(
    join(installDir, 'package.json'),
    JSON.stringify({ name: 'matrix-hosts', private: true, type: 'module', dependencies: { ...dependencies, express4: 'npm:express@^4.21.2', 'qonto-reconcile': `file:./${tarball}` }, overrides: rootPackage.overrides }, null, 2),
  )
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], installDir)
}, 900_000)

afterAll(() => {
  if (installDir && !process.env.KEEP_SCRATCH && !process.env.MATRIX_INSTALL_DIR) rmSync(installDir, { recursive: true, force: true })
})

const prepared = new Map<string, string>()
/** A host's folder, prepared once per process (its database is another matter: one per run of the host). */
function preparedHost(variant: HostVariant): string {
  if (!prepared.has(variant.name)) prepared.set(variant.name, prepareHost(variant))
  return prepared.get(variant.name)!
}

/** Writes the host's folder, runs `qonto-reconcile init` and `prisma generate`, and the migration SQL. */
function prepareHost(variant: HostVariant): string {
  const dir = join(installDir, 'hosts', variant.name)
  // While working on the scenario, a host prepared by an earlier run is reused (MATRIX_INSTALL_DIR only).
  if (process.env.MATRIX_INSTALL_DIR && existsSync(join(dir, 'host.json'))) return dir
  const { schemaPath, files } = schemaFiles(variant)
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `host-${variant.name}`, private: true, type: 'module' }))
  writeFileSync(
    join(dir, 'prisma.config.ts'),
    // Offline Prisma CLI on an in-memory PGlite: `migrate diff --from-empty` needs no server.
    `import { defineConfig } from 'prisma/config'\nimport { PGlite } from '@electric-sql/pglite'\nimport { PrismaPGlite } from 'pglite-prisma-adapter'\nexport default defineConfig({ schema: '${schemaPath}', experimental: { adapter: true }, engine: 'js', adapter: async () => new PrismaPGlite(new PGlite()) })\n`,
  )
  if (variant.express === 4) {
    // The host's own node_modules: Express 4 as `express`, and the packages that import it resolved from here.
    mkdirSync(join(dir, 'node_modules', '@adminjs'), { recursive: true })
    symlinkSync(join(installDir, 'node_modules', 'express4'), join(dir, 'node_modules', 'express'))
    cpSync(join(installDir, 'node_modules', '@adminjs', 'express'), join(dir, 'node_modules', '@adminjs', 'express'), { recursive: true })
    cpSync(join(installDir, 'node_modules', 'qonto-reconcile'), join(dir, 'node_modules', 'qonto-reconcile'), { recursive: true })
  }
  const bin = join(installDir, 'node_modules', '.bin')
  const init = run(join(bin, 'qonto-reconcile'), ['init', '--schema', schemaPath, '--invoice-model', 'Bill', '--client-model', 'Customer', '--add-relations'], dir)
  expect(init).toContain('Bill')
  run(join(bin, 'prisma'), ['generate', '--no-hints'], dir)
  const migration = run(join(bin, 'prisma'), ['migrate', 'diff', '--from-empty', '--to-schema-datamodel', schemaPath, '--script'], dir)
  // Then what init wrote beside the schema for what Prisma cannot express (the README's next step).
  writeFileSync(join(dir, 'migration.sql'), `${migration}\n${readFileSync(join(dir, 'prisma', 'qonto-reconcile.invariants.sql'), 'utf8')}`)
  cpSync(SERVER, join(dir, 'server.mjs'))
  writeFileSync(join(dir, 'host.json'), JSON.stringify({ ...variant, schemaPath, statuses: statusValues(variant), parsersBefore: parsersBefore(variant), webhookSecret: SECRET }, null, 2))
  return dir
}

/**
 * The host's server on a port the system gives it: on a new PostgreSQL database migrated as the README
 * says (the migration SQL, then init's), or on PGlite (the server migrates its in-memory database).
 */
async function startHost(dir: string, kind: DatabaseKind): Promise<ListeningServer & { base: string; database?: PostgresDatabase }> {
  const database = kind === 'postgresql' ? await createPostgresDatabase() : undefined
  if (database) await withAdminClient(database.url, (client) => client.query(readFileSync(join(dir, 'migration.sql'), 'utf8')))
  const server = await spawnListening(process.execPath, ['server.mjs'], {
    cwd: dir,
    env: { ...process.env, NODE_ENV: 'development', ADMIN_JS_SKIP_BUNDLE: 'true', DATABASE_URL: database?.url ?? '' },
    // Generous: on a shared machine under load a host's first start (AdminJS, Prisma, PGlite) has taken over two minutes.
    timeoutMs: 300_000,
  })
  return { ...server, base: `http://127.0.0.1:${server.port}`, database }
}

type Bill = { id: string | number; number: string; state: string; paidOn: string | null; paidAmount?: string | null }
type State = {
  bills: Bill[]
  transactions: Array<{ id: string; qontoId: string; associe: boolean }>
  notes: Array<{ title: string; body: string }>
  sent: Array<{ to: string; subject: string; text: string }>
  invariants: string[]
}

/** What the host's client and staff read, in the host's language (src/i18n/server-texts.ts). */
const WORDS = {
  fr: {
    subject: 'Facture INV-2026-0042 réglée',
    email: /^Bonjour,\n\nNous avons bien reçu votre règlement de 1\s234,56\s€ pour la facture INV-2026-0042 \(paiement du 03\/11\/2026\)\.\nElle est désormais soldée\. Merci !/,
    note: { title: 'Nouveau paiement Qonto', body: /^Nouveau paiement Qonto : 1\s234,56\s€ – / },
    /** Not one line of the other language anywhere in the e-mail. */
    foreign: /\b(the|your|payment|invoice|reference|thank)\b/i,
  },
  en: {
    subject: 'Invoice INV-2026-0042 paid',
    email: /^Hello,\n\nWe have received your payment of €1,234\.56 for invoice INV-2026-0042 \(payment of 3 Nov 2026\)\.\nIt is now settled\. Thank you!/,
    note: { title: 'New Qonto payment', body: /^New Qonto payment: €1,234\.56 – / },
    foreign: /[àâçéèêëîïôûùœ]|\b(le|la|les|de|du|votre|pour|facture|paiement|référence|merci)\b/i,
  },
}

type FecRow = Record<(typeof FEC_COLUMNS)[number], string>
const fecRows = (text: string): FecRow[] =>
  text.split('\r\n').slice(1, -1).map((line) => Object.fromEntries(line.split('\t').map((value, i) => [FEC_COLUMNS[i], value])) as FecRow)
/** A FEC amount ("1234,56") in cents, read exactly. */
const fecCents = (amount: string) => {
  const [units, decimals = ''] = amount.split(',')
  return Number(units) * 100 + Number(decimals.padEnd(2, '0'))
}
/** Debits minus credits of the rows on `account` whose PieceRef is `piece`, in cents. */
const balance = (rows: FecRow[], account: string, piece: string) =>
  rows.filter((row) => row.CompteNum === account && row.PieceRef === piece).reduce((sum, row) => sum + fecCents(row.Debit) - fecCents(row.Credit), 0)

describe.each(databaseKinds())('on %s', (kind) => {
describe.each(HOST_VARIANTS)('the packed extension in host $name', (variant) => {
  let host: Awaited<ReturnType<typeof startHost>>
  let agent: ReturnType<typeof request.agent>
  const state = async (): Promise<State> => (await request(host.base).get('/__state')).body as State
  const command = (transactionId: string, action: string, body: object) =>
    agent.post(`/admin/api/resources/TransactionQonto/records/${transactionId}/${action}`).set('Content-Type', ACTION_TYPE).send(JSON.stringify({ body: JSON.stringify(body) }))
  const exported = (format: 'csv' | 'fec') => agent.get(`/admin/api/resources/TransactionQonto/actions/exporter?format=${format}&from=2026-11-01&to=2026-11-30`)
  const statuses = statusValues(variant)
  const words = WORDS[variant.language]

  beforeAll(async () => {
    host = await startHost(preparedHost(variant), kind)
    agent = request.agent(host.base)
    const who = { email: 'boss@host.test', password: 'boss-password' }
    // AdminJS cannot read its own (urlencoded) login form behind a global urlencoded parser: such a host signs in with multipart fields.
    if (parsersBefore(variant).includes('urlencoded')) await multipartLogin(agent, '/admin/login', who)
    else {
      const login = await agent.post('/admin/login').type('form').send(who)
      expect(login.status, host.output()).toBe(302)
    }
  }, 900_000)

  afterAll(async () => {
    if (host) {
      const exited = new Promise((resolve) => host.child.once('exit', resolve))
      host.child.kill('SIGTERM')
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 6000))])
    }
    await host?.database?.drop()
  })

  it("has the invariants Prisma's schema cannot express, as a host following the README (init's SQL after its migration)", async () => {
    expect((await state()).invariants).toEqual([
      'qonto_allocations_ecart_positive', 'qonto_allocations_montant_check', 'transactions_montants_check', 'transactions_qonto_a_rapprocher_idx', 'transactions_unreconciled_idx',
    ])
  })

  it('goes webhook → suggestion → Associer → invoice paid → Dissocier → export', async () => {
    // 1. A signed webhook: a credit naming INV-2026-0042, paid 23:30 UTC on 2 November (3 November in Paris).
    const delivery = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/qonto/webhook-v1-transactions.body.json'), 'utf8'))
    delivery.id = `evt-${variant.name}`
    Object.assign(delivery.data, { id: `tx-${variant.name}`, amount: 1234.56, reference: 'Facture INV-2026-0042', settled_at: '2026-11-02T23:30:00Z' })
    const body = JSON.stringify(delivery)
    const t = Math.floor(Date.now() / 1000)
    const webhook = await request(host.base)
      .post('/api/webhooks/qonto')
      .set({ 'Content-Type': 'application/json', 'X-Qonto-Signature': `t=${t},v1=${signPayload(SECRET, t, body)}` })
      .send(body)
    expect(webhook.status, JSON.stringify(webhook.body) + host.output()).toBe(200)
    let transaction: State['transactions'][number] | undefined
    for (let i = 0; i < 100 && !transaction; i += 1) {
      transaction = (await state()).transactions.find((row) => row.qontoId === delivery.data.id)
      if (!transaction) await new Promise((resolve) => setTimeout(resolve, 100))
    }
    expect(transaction, host.output()).toBeDefined()

    // 2. The suggestion names the invoice, with its open amount in cents whatever the host's money type.
    const suggest = await command(transaction!.id, 'associer', { op: 'suggest' })
    expect(suggest.status, host.output()).toBe(200)
    const best = suggest.body.suggestions[0]
    expect(best.invoices[0]).toMatchObject({ reference: 'INV-2026-0042', client: 'Boulangerie Martin', openCents: 123456 })

    // 3. Associer: the host's invoice is paid, on the Paris business day, with its paid amount if it keeps one.
    const associated = await command(transaction!.id, 'associer', { op: 'associate', mode: 'SUGGESTION', allocations: best.allocations, confirmed: true })
    expect(associated.body.notice, `${associated.status} ${JSON.stringify(associated.body)}\n${host.output()}`).toMatchObject({ type: 'success' })
    const paid = (await state()).bills.find((bill) => bill.number === 'INV-2026-0042')!
    expect(paid.state).toBe(statuses.paid)
    if (variant.dates === 'Date') expect(paid.paidOn?.slice(0, 10)).toBe('2026-11-03')
    else expect(paid.paidOn).not.toBeNull()
    if (variant.paidAmount) expect(Number(paid.paidAmount)).toBe(1234.56)
    expect((await state()).bills.filter((bill) => bill.state === statuses.paid)).toHaveLength(1)

    // 3a. The client's "facture réglée" e-mail and the staff's notes speak the host's language.
    let sent: State['sent'] = []
    for (let i = 0; i < 100 && sent.length === 0; i += 1) {
      sent = (await state()).sent
      if (sent.length === 0) await new Promise((resolve) => setTimeout(resolve, 100))
    }
    expect(sent, host.output()).toEqual([{ to: 'compta@martin.fr', subject: words.subject, text: expect.stringMatching(words.email) }])
    expect(sent[0]!.text).not.toMatch(words.foreign)
    const notes = (await state()).notes
    expect(notes.length, JSON.stringify(notes)).toBeGreaterThan(0)
    for (const note of notes) expect(note).toMatchObject({ title: words.note.title, body: expect.stringMatching(words.note.body) })

    // 3b. The FEC books it: the bank debited and the client credited with exactly the invoice's amount, on the Paris day.
    const firstFec = await exported('fec')
    expect(firstFec.status, firstFec.text.slice(0, 300)).toBe(200)
    expect(validateFec(firstFec.text)).toEqual([])
    const bankLine = fecRows(firstFec.text).find((row) => row.PieceRef === delivery.data.id)
    expect(bankLine, firstFec.text).toBeDefined()
    const entry = fecRows(firstFec.text).filter((row) => row.EcritureNum === bankLine!.EcritureNum)
    expect(entry).toEqual([
      expect.objectContaining({ EcritureDate: '20261103', CompteNum: '512000', Debit: '1234,56', Credit: '0,00' }),
      expect.objectContaining({ EcritureDate: '20261103', CompteNum: '411000', CompAuxLib: 'Boulangerie Martin', PieceRef: 'INV-2026-0042', Debit: '0,00', Credit: '1234,56' }),
    ])

    // 3c. The extension's lists, the payment's page and the queue open once a payment is associated
    // (a BigInt-id host's ids reach them through the allocation and the populated invoice).
    const pages = {
      'payments list': '/admin/api/resources/TransactionQonto/actions/list',
      'allocations list': '/admin/api/resources/QontoAllocation/actions/list',
      'audit list': '/admin/api/resources/QontoAuditLog/actions/list',
      'e-mails list': '/admin/api/resources/QontoEmailOutbox/actions/list',
      'payment page': `/admin/api/resources/TransactionQonto/records/${transaction!.id}/show`,
      'dashboard page': '/admin/api/pages/rapprochement',
      'queue (rapprochés)': '/admin/api/resources/TransactionQonto/actions/fileRapprochement?etat=rapproches',
    }
    for (const [name, path] of Object.entries(pages)) {
      const page = await agent.get(path)
      expect(page.status, `${name}: ${page.status} ${page.text.slice(0, 300)}\n${host.output()}`).toBe(200)
      expect(page.body.notice?.type, `${name}: ${JSON.stringify(page.body.notice)}`).not.toBe('error')
    }
    const allocations = (await agent.get(pages['allocations list'])).body.records
    expect(allocations).toHaveLength(1)
    expect(allocations[0].populated.facture.params.number).toBe('INV-2026-0042')
    expect(String(allocations[0].params.facture)).toBe(String(paid.id))
    const payment = (await agent.get(pages['payment page'])).body.record
    expect(payment.params.associe).toBe(true)
    const queue = (await agent.get(pages['queue (rapprochés)'])).body.queue
    // The queue names the invoice a payment was matched to, whatever the type of the host's ids.
    expect(queue.items.find((item: { id: string }) => item.id === transaction!.id)).toMatchObject({ invoices: ['INV-2026-0042'] })
    const invoiceSide = await agent.post(`/admin/api/resources/Bill/records/${paid.id}/rapprocherPaiement`).set('Content-Type', ACTION_TYPE).send(JSON.stringify({ body: JSON.stringify({ op: 'list' }) }))
    expect(invoiceSide.status, invoiceSide.text.slice(0, 300)).toBe(200)
    expect(invoiceSide.body.payments).toEqual([expect.objectContaining({ transactionId: transaction!.id, allocatedCents: 123456 })])

    // 4. Dissocier: open again, nothing paid.
    const undone = await command(transaction!.id, 'dissocier', {})
    expect(undone.body.ok ?? undone.body.notice?.type === 'success', JSON.stringify(undone.body)).toBeTruthy()
    const reopened = (await state()).bills.find((bill) => bill.number === 'INV-2026-0042')!
    expect(reopened.state).toBe(statuses.open[0])
    expect(reopened.paidOn).toBeNull()

    // 5. Associate again, then export: the payment and its invoice in the CSV; in the FEC, the entry
    // exported before kept word for word, and the invoice settled once, to the cent, whatever was reversed.
    const again = await command(transaction!.id, 'associer', { op: 'associate', mode: 'SUGGESTION', allocations: best.allocations, confirmed: true })
    expect(again.body.notice).toMatchObject({ type: 'success' })
    const csv = await exported('csv')
    expect(csv.status).toBe(200)
    expect(csv.text).toContain('INV-2026-0042')
    expect(csv.text).toContain('1234,56')
    const fec = await exported('fec')
    expect(fec.status, fec.text.slice(0, 300)).toBe(200)
    expect(validateFec(fec.text)).toEqual([])
    const entryText = firstFec.text.split('\r\n').filter((line) => line.split('\t')[2] === bankLine!.EcritureNum).join('\r\n')
    expect(fec.text).toContain(entryText)
    const rows = fecRows(fec.text)
    expect(balance(rows, '512000', delivery.data.id)).toBe(123456)
    expect(balance(rows, '411000', 'INV-2026-0042')).toBe(-123456)
    // Nothing else moved: no write-off from a rounded amount, no other invoice.
    expect(new Set(rows.map((row) => row.CompteNum))).toEqual(new Set(['512000', '411000']))
  })
})
})
})
