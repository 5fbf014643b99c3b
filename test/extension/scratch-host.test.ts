/**
 * The package as a host gets it: `npm pack`, installed into Acme's back-office (other model names,
 * Int ids, its own users, alerts, an English locale, dashboard and component, a global express.json()
 * before its admin router), mounted
 * as the README says, in plain Node. On PostgreSQL: a signed webhook payment naming one of Acme's
 * invoices is suggested and associated through the panel API, and Acme's invoice becomes PAID with
 * its paid date, an audit entry and an alert in Acme's own model.
 */
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { ensureBuiltPackage } from '../helpers/built-package.js'
import { signPayload } from '../../src/webhooks/signature.js'
import { ACTION_CONTENT_TYPE, actionRequestBody } from '../../src/components/action-request.js'
import { spawnListening, type ListeningServer } from '../helpers/announced-port.js'
import { ENGLISH_DENY_LIST } from '../e2e/english-deny-list.js'
import { assertNoHorizontalScroll } from '../e2e/guards.js'
import type { Page } from 'playwright-core'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const FIXTURE = fileURLToPath(new URL('../fixtures/scratch-host/', import.meta.url))
const ADMIN_URL = process.env.TEST_DATABASE_URL
const SECRET = 'acme-webhook-secret-0123456789abcdef'
/** Acme's address, once it listens on the port the system gave it. */
let ACME: string
/** The test data's own words (payers, labels, references, a stored e-mail subject), not the extension's. */
const DATA = /Dupont et Fils|DUPONT ET FILS SARL|Northwind Ltd|NORTHWIND LTD|Facture INV-2026-\d+|Invoice INV-2026-\d+ paid|Refund 2026-11|Q4 2026/g
/**
 * Still French on the English host, known, and being translated right now by others (server-side
 * texts): a line of a screen (« en-<screen>: <text> ») matching one of these is allowed. Each must
 * still be seen somewhere: the list only shrinks (the test fails on an entry no screen shows any more).
 */
const STILL_FRENCH: Array<{ text: RegExp; source: string }> = [
]
/**
 * Written while Acme was English and kept as written (an allocation's reasons, its audit entry, the
 * e-mail the client got): records keep their words, the French host shows them as stored.
 */
const STORED_ENGLISH: Array<{ text: RegExp; source: string }> = [
  { text: /^fr-(allocation|audit)-show: (Reference INV-2026-0042 found in the transfer reference|Known IBAN of client Boulangerie Martin|Same amount \(€1,234\.56\))$/, source: "the allocation's stored reasons (raisons, details JSON)" },
  { text: /^fr-email-outbox-show: (We have received your payment of €1,234\.56 for invoice INV-2026-0042 \(payment of 3 Nov 2026\)\.|It is now settled\. Thank you!|Payment reference of this invoice: RF73 INV2 0260 042\.)$/, source: 'the e-mail as sent (texte)' },
]
/** French that must not reach the English host's screens (the test data's own words aside), in any case; a day written 05/12/2026. */
const FRENCH_ON_SCREEN = /\b(le|la|les|des|du|une|et|ou|pas|avec|sur|dans|pour|par|ce|cette|ces|est|sont|au|aux|en|aucun|aucune|paiements?|factures?|rapprochés?|rapprocher|associer|ignorer|montant|payeur|émetteur|à vérifier|sûr|reste|écart|règle|réglée?|de|un|il|vers|toujours|jamais|hors|virement|remboursement|subvention|apport|interne|autre|frais|compte|comptes|solde|envoyé|annulé|attente|destinataire|sujet|actif|catégorie|acteur|automatique|manuel|Retour|Suivante|Précédente|Oui|Non)\b|[àâçèêëîïôûùœ]|é(?!e)|\d\d\/\d\d\/\d{4}/i
/** English that must not reach the French host's screens: AdminJS's and its widgets' words, and the extension's own. */
const ENGLISH_ON_SCREEN = new RegExp(
  `(?<![\\w-])(${ENGLISH_DENY_LIST.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![\\w-])` +
    '|\\b(the|and|of|to|with|from|by|not|for|this|these|is|are|was|Payments?|payments?|Invoices?|invoices?|Matched|matched|Match|Unmatch|Ignored?|Restore|Export|Download|Settled|Amount|amount|Sender|Bank|Accounts?|Feed|Rules?|Check|left|received|allocated|unknown|never|ago|waiting|retrying|Details|Currency|Status|Reason|Manual|Automatic|Suggestion accepted|Created|Sent|Cancelled)\\b|€\\d|\\d,\\d{3}\\.\\d\\d',
)

const rootPackage = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string>; overrides: Record<string, string> }
const HOST_DEPENDENCIES = ['adminjs', '@adminjs/express', '@adminjs/prisma', '@prisma/client', 'prisma', '@prisma/adapter-pg', 'pg', 'express', 'express-session', 'express-formidable', 'react', 'tslib', '@types/node', '@types/express']

const run = (command: string, args: string[], cwd: string, env: Record<string, string> = {}) =>
  execFileSync(command, args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 900_000 })

/** Acme's server.mjs on a port the system gives it, once it says which (a French locale with HOST_LANGUAGE=fr). */
function startAcme(dir: string, env: Record<string, string>): Promise<ListeningServer> {
  return spawnListening('node', ['server.mjs'], {
    cwd: dir,
    env: { ...process.env, PORT: '0', QONTO_WEBHOOK_SECRET: SECRET, AUTO_RECONCILE: 'off', NODE_ENV: 'development', ...env },
    // Generous: on a shared machine under load, AdminJS's first start has taken minutes.
    timeoutMs: 300_000,
  })
}

/** A credit as Qonto's signed webhook delivers it to Acme (the sample payload with `data` changed); its stored id once the sync wrote it. */
async function deliverCredit(sql: pg.Client, tag: string, data: Record<string, unknown>): Promise<string> {
  const delivery = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/qonto/webhook-v1-transactions.body.json'), 'utf8'))
  delivery.id = `evt-acme-${tag}-${Date.now()}`
  Object.assign(delivery.data, { id: `tx-acme-${tag}-${Date.now()}`, amount: 1234.56, ...data })
  const body = JSON.stringify(delivery)
  const t = Math.floor(Date.now() / 1000)
  const response = await request(ACME)
    .post('/api/webhooks/qonto')
    .set({ 'Content-Type': 'application/json', 'X-Qonto-Signature': `t=${t},v1=${signPayload(SECRET, t, body)}` })
    .send(body)
  expect(response.status, JSON.stringify(response.body)).toBe(200)
  for (let i = 0; i < 50; i += 1) {
    const id = (await sql.query(`SELECT id FROM transactions_qonto WHERE "qontoId" = $1`, [delivery.data.id])).rows[0]?.id
    if (id) return String(id)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`the payment ${delivery.data.id} was not stored`)
}

async function logIn(page: Page, base: string): Promise<void> {
  await page.goto(`${base}/login`)
  await page.fill('input[name=email]', 'boss@acme.test')
  await page.fill('input[name=password]', 'boss-password')
  await page.press('input[name=password]', 'Enter')
  await page.waitForURL((url) => !url.pathname.endsWith('/login'))
}

/**
 * A screen once AdminJS and the extension's components have fetched their data (after the page
 * itself; a loaded machine takes its time): no request running, no loader left, `ready` shown.
 */
async function open(page: Page, url: string, ready?: string): Promise<void> {
  await page.goto(url)
  await page.waitForLoadState('networkidle', { timeout: 60_000 }).catch(() => undefined)
  await page.waitForSelector('.lds-facebook', { state: 'detached', timeout: 120_000 })
  if (ready) await page.waitForSelector(ready, { timeout: 120_000 })
  await page.waitForLoadState('networkidle', { timeout: 60_000 }).catch(() => undefined)
  await page.waitForTimeout(300)
}

/**
 * What a screen says, line by line: its visible text, placeholders, titles and aria-labels, without
 * AdminJS's sidebar and top bar (the host's: its own resources' names, « Made with … by AdminJS »);
 * only `region` when given.
 */
function screenWords(page: Page, region = 'body'): Promise<string[]> {
  return page.evaluate((selector) => {
    const root = document.querySelector<HTMLElement>(selector)
    if (!root) return [`(nothing at ${selector})`]
    const chrome = Array.from(document.querySelectorAll<HTMLElement>('[data-css=sidebar], [data-css=topbar]'))
    for (const element of chrome) element.style.display = 'none'
    const text = root.innerText
    const attributes = Array.from(root.querySelectorAll('[placeholder], [title], [aria-label]'))
      .filter((element) => element.getClientRects().length > 0)
      .flatMap((element) => ['placeholder', 'title', 'aria-label'].map((name) => element.getAttribute(name) ?? ''))
    for (const element of chrome) element.style.display = ''
    return [...text.split('\n'), ...attributes].map((line) => line.trim()).filter(Boolean)
  }, region)
}

/** Texts cut by their box (overflow hidden and wider than it), as « text (width/box px) ». */
function cutTexts(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('body *'))
      .filter((element) => {
        const style = getComputedStyle(element)
        return element.innerText?.trim() && element.children.length === 0 && /hidden|clip/.test(style.overflowX) && element.scrollWidth > element.clientWidth + 1
      })
      .map((element) => `${element.innerText.trim().slice(0, 80)} (${element.scrollWidth}/${element.clientWidth} px)`),
  )
}

describe.runIf(ADMIN_URL)('the packed extension in a different host (Acme, Int ids, PostgreSQL)', () => {
  let dir: string
  let databaseUrl: string
  let database: string
  let server: ListeningServer
  let sql: pg.Client
  let agent: ReturnType<typeof request.agent>
  let initOutput = ''

  beforeAll(async () => {
    // SCRATCH_INSTALL_DIR: reuse Acme's installation (screenshots, iterating): only dist/ is refreshed.
    const reuse = process.env.SCRATCH_INSTALL_DIR
    dir = reuse ?? mkdtempSync(join(tmpdir(), 'qr-acme-'))
    // 1. The package, as published (dist/ built from the current sources, once per run).
    await ensureBuiltPackage(inject('testRunId'))
    if (reuse && existsSync(join(dir, 'node_modules/qonto-reconcile/package.json'))) {
      cpSync(FIXTURE, dir, { recursive: true })
      rmSync(join(dir, 'node_modules/qonto-reconcile/dist'), { recursive: true, force: true })
      cpSync(join(ROOT, 'dist'), join(dir, 'node_modules/qonto-reconcile/dist'), { recursive: true })
      // AdminJS (development) bundles the components once, when the bundle is missing, and serves that
      // file from then on: an earlier run's bundle would show the earlier components.
      for (const bundle of ['adminjs-bundle', 'adminjs-bundle-fr']) rmSync(join(dir, bundle), { recursive: true, force: true })
    } else {
      mkdirSync(dir, { recursive: true })
      const tarball = run('npm', ['pack', '--ignore-scripts', '--pack-destination', dir], ROOT).trim().split('\n').pop()!
      cpSync(FIXTURE, dir, { recursive: true })
      const dependencies = Object.fromEntries(HOST_DEPENDENCIES.map((name) => [name, rootPackage.devDependencies[name]!]))
      writeFileSync(
        join(dir, 'package.json'),
        JSON.stringify({ name: 'acme-backoffice', private: true, type: 'module', dependencies: { ...dependencies, 'qonto-reconcile': `file:./${tarball}` }, overrides: rootPackage.overrides }, null, 2),
      )
      run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], dir)
    }

    // 2. A fresh database, the extension's models written into Acme's schema by `init`, then migrated.
    database = `qr_acme_${Date.now()}`
    const admin = new pg.Client({ connectionString: ADMIN_URL })
    await admin.connect()
    await admin.query(`CREATE DATABASE ${database}`)
    await admin.end()
    const url = new URL(ADMIN_URL!)
    url.pathname = `/${database}`
    databaseUrl = url.toString()
    const env = { DATABASE_URL: databaseUrl }
    initOutput = run(join(dir, 'node_modules/.bin/qonto-reconcile'), ['init', '--schema', 'prisma/schema.prisma', '--invoice-model', 'Invoice', '--client-model', 'Customer', '--add-relations'], dir, env)
    run('node', ['node_modules/prisma/build/index.js', 'generate', '--no-hints'], dir, env)
    const migration = run('node', ['node_modules/prisma/build/index.js', 'migrate', 'diff', '--from-empty', '--to-schema-datamodel', 'prisma/schema.prisma', '--script'], dir, env)
    sql = new pg.Client({ connectionString: databaseUrl })
    await sql.connect()
    await sql.query(migration)
    await sql.query(`
      INSERT INTO "Customer" (name, iban, email) VALUES ('Boulangerie Martin', 'FR7630006000011234567890189', 'compta@martin.fr'), ('Studio Nord', NULL, NULL);
      INSERT INTO "Invoice" (number, "amountInclTax", state, "customerId", "issuedOn", "dueOn") VALUES
        ('INV-2026-0042', 1234.56, 'open', 1, '2026-10-01', '2026-10-30T23:30:00Z'),
        ('INV-2026-0043', 1234.56, 'open', 2, '2026-10-02', '2026-11-01T10:00:00Z'),
        ('INV-2026-0044', 99.00, 'void', 1, '2026-10-03', NULL);
      INSERT INTO "Account" (email, password, "isAdmin") VALUES ('boss@acme.test', 'boss-password', true), ('clerk@acme.test', 'clerk-password', false);`)

    // 3. Acme's server, in plain Node.
    server = await startAcme(dir, { ...env, ADMIN_JS_TMP_DIR: join(dir, 'adminjs-bundle') })
    ACME = `http://127.0.0.1:${server.port}`
    agent = request.agent(ACME)
    const login = await agent.post('/backoffice/login').type('form').send({ email: 'boss@acme.test', password: 'boss-password' })
    expect(login.status).toBe(302)
  }, 1_200_000)

  afterAll(async () => {
    server?.child.kill('SIGTERM')
    await sql?.end().catch(() => undefined)
    if (database) {
      const admin = new pg.Client({ connectionString: ADMIN_URL })
      await admin.connect()
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)
      await admin.end()
    }
    if (dir && !process.env.KEEP_SCRATCH && !process.env.SCRATCH_INSTALL_DIR) rmSync(dir, { recursive: true, force: true })
  })

  it('installs as a library: built JS and types only, no postinstall, the host keeps its own Prisma client', () => {
    const installed = join(dir, 'node_modules/qonto-reconcile')
    const files = readdirSync(installed)
    expect(files).toEqual(expect.arrayContaining(['dist', 'bin', 'package.json', 'README.md']))
    expect(files).not.toEqual(expect.arrayContaining(['test', 'bench', 'examples', '.ci', 'src']))
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'))
    expect(manifest.scripts?.postinstall).toBeUndefined()
    expect(Object.keys(manifest.peerDependencies)).toEqual(expect.arrayContaining(['adminjs', '@adminjs/prisma', '@prisma/client', 'express', 'react']))
    expect(Object.keys(manifest.dependencies)).not.toEqual(expect.arrayContaining(['adminjs', 'express', 'react', '@prisma/client', '@electric-sql/pglite', 'tsx']))
    // Acme's generated client has Acme's models plus the extension's, not the reference host's.
    const client = readFileSync(join(dir, 'node_modules/.prisma/client/index.d.ts'), 'utf8')
    expect(client).toContain('export type Invoice =')
    expect(client).toContain('export type QontoAllocation =')
    expect(client).not.toContain('export type Document =')
    expect(initOutput).toContain('Invoice.id (Int)')
  })

  it('type-checks in a TypeScript host against the published types', () => {
    // skipLibCheck is off: every .d.ts is checked. AdminJS's own declarations have errors of their own
    // (missing styled-components types…), so only errors in the host's file or in this package count.
    let output = ''
    try {
      run('node', [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], dir)
    } catch (error) {
      output = String((error as { stdout?: string }).stdout)
    }
    const ours = output.split('\n').filter((line) => /^(check\.ts|node_modules\/qonto-reconcile\/)/.test(line))
    expect(ours).toEqual([])
  }, 300_000) // tsc over AdminJS's and React's declarations with skipLibCheck off: ~40 s on a loaded 2-core machine, minutes under more load

  it('suggests and associates a signed webhook payment naming one of the host invoices: PAID, paid date, audit, alert', async () => {
    const transactionId = await deliverCredit(sql, 'paid', { reference: 'Facture INV-2026-0042', settled_at: '2026-11-02T23:30:00Z' })
    const alerts = await sql.query(`SELECT a.title, a.url FROM "Alert" a JOIN "Account" c ON c.id = a."accountId" WHERE c.email = 'boss@acme.test'`)
    // Acme's locale is English: its alert is in English.
    expect(alerts.rows).toEqual([expect.objectContaining({ title: 'New Qonto payment', url: '/backoffice/pages/rapprochement' })])

    const suggest = await agent
      .post(`/backoffice/api/resources/TransactionQonto/records/${transactionId}/associer`)
      .set('Content-Type', ACTION_CONTENT_TYPE).send(actionRequestBody({ op: 'suggest' }))
    expect(suggest.status).toBe(200)
    const best = suggest.body.suggestions[0]
    expect(best.invoices[0]).toMatchObject({ reference: 'INV-2026-0042', client: 'Boulangerie Martin', openCents: 123456 })
    expect(best.reasons.map((r: { label: string }) => r.label).join(' ')).toContain('INV-2026-0042')

    // An id that cannot be Acme's (Int) is simply not an invoice: a refusal in Acme's English, not a 500.
    const odd = await agent
      .post(`/backoffice/api/resources/TransactionQonto/records/${transactionId}/associer`)
      .set('Content-Type', ACTION_CONTENT_TYPE).send(actionRequestBody({ op: 'associate', mode: 'MANUEL', confirmed: true, allocations: [{ invoiceId: '12abc', amountCents: 100 }] }))
    expect(odd.body.notice).toEqual({ type: 'error', message: 'Invoice not found.' })

    const associate = await agent
      .post(`/backoffice/api/resources/TransactionQonto/records/${transactionId}/associer`)
      .set('Content-Type', ACTION_CONTENT_TYPE).send(actionRequestBody({ op: 'associate', mode: 'SUGGESTION', allocations: best.allocations }))
    expect(associate.body.notice, JSON.stringify(associate.body)).toMatchObject({ type: 'success' })

    const invoice = await sql.query(`SELECT state::text AS state, to_char("paidOn", 'YYYY-MM-DD') AS "paidOn" FROM "Invoice" WHERE number = 'INV-2026-0042'`)
    // Paid at 23:30 UTC on 2 November: 3 November in Paris, the business day written as the paid date.
    expect(invoice.rows[0]).toEqual({ state: 'paid', paidOn: '2026-11-03' })
    const audit = await sql.query(`SELECT "userId", acteur, details FROM qonto_audit_logs WHERE action = 'ASSOCIATION'`)
    expect(audit.rows[0]).toMatchObject({ acteur: 'boss@acme.test', details: expect.objectContaining({ mode: 'SUGGESTION' }) })
    // The "facture réglée" e-mail went through Acme's own sendEmail, to its customer's contact.
    let sent = 0
    for (let i = 0; i < 50 && sent === 0; i += 1) {
      sent = (await sql.query(`SELECT count(*)::int AS n FROM qonto_email_outbox WHERE destinataire = 'compta@martin.fr' AND "envoyeLe" IS NOT NULL`)).rows[0].n
      if (sent === 0) await new Promise((resolve) => setTimeout(resolve, 100))
    }
    expect(sent).toBe(1)
    const allocation = await sql.query(`SELECT "factureId", "creePar" FROM qonto_allocations`)
    expect(allocation.rows).toEqual([{ factureId: 1, creePar: 'boss@acme.test' }])

    // The invoice side: Acme's Invoice resource shows the payment (invoice feature).
    const side = await agent.post('/backoffice/api/resources/acme-invoices/records/1/rapprocherPaiement').set('Content-Type', ACTION_CONTENT_TYPE).send(actionRequestBody({ op: 'list' }))
    expect(side.body.payments).toEqual([expect.objectContaining({ transactionId, allocatedCents: 123456, by: 'boss@acme.test' })])
    // Its due date, a timestamptz at 23:30 UTC on 30 October, is 31 October in Paris.
    expect(side.body.invoice).toMatchObject({ reference: 'INV-2026-0042', dateEcheance: '2026-10-31' })
    // The extension's own lists populate the invoice through Acme's resource id.
    const allocations = await agent.get('/backoffice/api/resources/QontoAllocation/actions/list')
    expect(allocations.status).toBe(200)
    expect(allocations.body.records[0].populated.facture.params.number).toBe('INV-2026-0042')

  })

  it("refuses the host's non-reconciling user on the server, whatever the UI shows", async () => {
    const clerk = request.agent(ACME)
    await clerk.post('/backoffice/login').type('form').send({ email: 'clerk@acme.test', password: 'clerk-password' })
    const [{ id }] = (await sql.query(`SELECT id FROM transactions_qonto LIMIT 1`)).rows
    const response = await clerk.post(`/backoffice/api/resources/TransactionQonto/records/${id}/dissocier`).set('Content-Type', ACTION_CONTENT_TYPE).send(actionRequestBody({}))
    expect(response.body.notice?.type ?? response.status).not.toBe('success')
    expect((await sql.query(`SELECT count(*)::int AS n FROM qonto_allocations`)).rows[0].n).toBe(1)
  })

  it("keeps the host's own resources, locale, dashboard, JSON API and components working", async () => {
    const invoices = await agent.get('/backoffice/api/resources/acme-invoices/actions/list')
    expect(invoices.status).toBe(200)
    expect(invoices.body.records.map((r: { params: { number: string } }) => r.params.number).sort()).toEqual(['INV-2026-0042', 'INV-2026-0043', 'INV-2026-0044'])
    expect((await agent.get('/backoffice/api/resources/Customer/actions/list')).status).toBe(200)
    expect((await agent.get('/backoffice/api/dashboard')).body).toEqual({ host: 'acme' })
    expect((await agent.get('/backoffice/api/pages/rapprochement')).body.stats.reconciled.count).toBe(1)
    const login = await request(ACME).get('/backoffice/login')
    expect(login.text).toContain('Acme billing')
    // Acme parses JSON for the whole app, mounted before its admin router (every action above went through it).
    const echo = await request(ACME).post('/api/echo').send({ hello: 'acme' })
    expect(echo.body).toEqual({ received: { hello: 'acme' } })
    const mounts = readFileSync(join(dir, 'server.mjs'), 'utf8').split('\n').filter((line) => /^app\.use\(/.test(line))
    expect(mounts.findIndex((line) => line.startsWith('app.use(express.json('))).toBeGreaterThan(-1)
    expect(mounts.findIndex((line) => line.startsWith('app.use(express.json('))).toBeLessThan(mounts.indexOf('app.use(admin.options.rootPath, router)'))
    const bundle = await agent.get('/backoffice/frontend/assets/components.bundle.js')
    expect(bundle.status).toBe(200)
    expect(bundle.text).toContain('AcmeDashboard')
    expect(bundle.text).toContain('QontoReconcileDashboard')
  })

  it('exports through the AdminJS action, under the host rootPath', async () => {
    const csv = await agent.get('/backoffice/api/resources/TransactionQonto/actions/exporter?format=csv&from=2026-11-01&to=2026-11-30')
    expect(csv.status).toBe(200)
    expect(csv.headers['content-disposition']).toContain('rapprochements_2026-11-01_2026-11-30.csv')
    expect(csv.text).toContain('INV-2026-0042')
    const bad = await agent.get('/backoffice/api/resources/TransactionQonto/actions/exporter?format=xls&from=2026-11-01&to=2026-11-30')
    expect(bad.status).toBe(400)
  })

  // SCRATCH_SCREENSHOTS=<folder>: Acme's own invoice form and every screen of the extension at 1440 px
  // in Chromium, English as Acme has it, then the same back-office with a French locale; the key
  // screens at 390 px too. Every line of every screen is read: no French on the English host, no
  // English on the French one (the test data's own words aside, and the STILL_FRENCH allowance).
  it.runIf(process.env.SCRATCH_SCREENSHOTS)("shows Acme's own invoice form as Acme has it (English widgets) and every screen of the extension in Acme's language", async () => {
    const { chromium } = await import('playwright-core')
    const out = process.env.SCRATCH_SCREENSHOTS!
    mkdirSync(out, { recursive: true })
    const [{ id: reconciledId }] = (await sql.query(`SELECT id FROM transactions_qonto LIMIT 1`)).rows
    // A second payment, still to match, so that the queue and Associer show a suggestion.
    const toMatchId = await deliverCredit(sql, 'queue', { reference: 'Facture INV-2026-0043', settled_at: '2026-11-03T09:30:00Z' })
    // A third one, ignored with a rule for its payer: the rules list, the ignored payment's page.
    const ignoredId = await deliverCredit(sql, 'ignored', { amount: 80, reference: 'Refund 2026-11', clean_counterparty_name: 'Northwind Ltd', label: 'NORTHWIND LTD', income: { counterparty_account_number: 'GB33BUKB20201555555555', counterparty_account_number_format: 'iban' }, settled_at: '2026-11-04T09:30:00Z' })
    const ignored = await agent.post(`/backoffice/api/resources/TransactionQonto/records/${ignoredId}/ignorer`)
      .set('Content-Type', ACTION_CONTENT_TYPE).send(actionRequestBody({ category: 'REMBOURSEMENT', note: 'Q4 2026', rule: 'PAYEUR' }))
    expect(ignored.body.ok, JSON.stringify(ignored.body)).toBe(true)
    const first = async (query: string) => String((await sql.query(query)).rows[0].id)
    const ids = {
      allocation: await first(`SELECT id FROM qonto_allocations LIMIT 1`),
      audit: await first(`SELECT id FROM qonto_audit_logs WHERE action = 'ASSOCIATION' LIMIT 1`),
      email: await first(`SELECT id FROM qonto_email_outbox LIMIT 1`),
      rule: await first(`SELECT id FROM qonto_regles LIMIT 1`),
    }
    const payment = (id: string, action: string) => `/resources/TransactionQonto/records/${id}/${action}`
    /**
     * Every screen of the extension; `region`: only that part is the extension's (a panel in one of
     * Acme's pages); `ready`: what the screen shows once all its data came.
     */
    const screens: Array<{ name: string; path: string; region?: string; ready?: string }> = [
      { name: 'dashboard', path: '/pages/rapprochement' },
      { name: 'transactions-list', path: '/resources/TransactionQonto/actions/list' },
      { name: 'payment-show', path: payment(reconciledId, 'show') },
      { name: 'payment-show-to-match', path: payment(toMatchId, 'show') },
      { name: 'associer', path: payment(reconciledId, 'associer') },
      { name: 'associer-suggestion', path: payment(toMatchId, 'associer'), ready: '[data-testid=learning-panel]' },
      { name: 'ignorer', path: payment(toMatchId, 'ignorer') },
      { name: 'ignored-show', path: payment(ignoredId, 'show') },
      { name: 'allocations-list', path: '/resources/QontoAllocation/actions/list' },
      { name: 'allocation-show', path: `/resources/QontoAllocation/records/${ids.allocation}/show` },
      { name: 'exporter', path: '/resources/TransactionQonto/actions/exporter' },
      { name: 'connexion-qonto', path: '/pages/connexionQonto' },
      { name: 'comptes-qonto', path: '/pages/comptesQonto' },
      { name: 'bank-accounts-list', path: '/resources/QontoBankAccount/actions/list' },
      { name: 'audit-list', path: '/resources/QontoAuditLog/actions/list' },
      { name: 'audit-show', path: `/resources/QontoAuditLog/records/${ids.audit}/show` },
      { name: 'email-outbox-list', path: '/resources/QontoEmailOutbox/actions/list' },
      { name: 'email-outbox-show', path: `/resources/QontoEmailOutbox/records/${ids.email}/show` },
      { name: 'rules-list', path: '/resources/QontoRegle/actions/list' },
      { name: 'rule-show', path: `/resources/QontoRegle/records/${ids.rule}/show` },
      { name: 'invoice-payments', path: '/resources/acme-invoices/records/1/show', region: '[data-testid=invoice-payments]' },
      { name: 'rapprocher-paiement', path: '/resources/acme-invoices/records/2/rapprocherPaiement', region: '[data-testid=invoice-payments]' },
    ]
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] })
    const french = await startAcme(dir, { DATABASE_URL: databaseUrl, HOST_LANGUAGE: 'fr', ADMIN_JS_TMP_DIR: join(dir, 'adminjs-bundle-fr') })
    const findings: string[] = []
    const narrow: string[] = []
    try {
      for (const [language, port] of [['en', server.port], ['fr', french.port]] as const) {
        // Tall: AdminJS scrolls inside its own container, which a full-page shot does not unroll.
        const page = await browser.newPage({ viewport: { width: 1440, height: 2200 } })
        const base = `http://127.0.0.1:${port}/backoffice`
        await logIn(page, base)
        // Acme's own invoice form, its date picker open: the host's widgets, untouched.
        await page.goto(`${base}/resources/acme-invoices/actions/new`)
        await page.waitForSelector('form')
        await page.locator('.react-datepicker__input-container input').first().click({ timeout: 10_000 })
        await page.waitForSelector('.react-datepicker__month-container', { timeout: 10_000 })
        await page.screenshot({ path: join(out, `${language}-acme-invoice-form.png`), fullPage: true })
        if (language === 'en') {
          const form = await page.locator('body').innerText()
          expect(form).not.toMatch(/Choisir|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|jj\/mm\/aaaa/)
          expect(form).toMatch(/December|November|January/)
        }
        const wrong = language === 'en' ? FRENCH_ON_SCREEN : ENGLISH_ON_SCREEN
        const check = (name: string, lines: string[]) => {
          for (const line of lines) if (wrong.test(line.replace(DATA, ''))) findings.push(`${language}-${name}: ${line}`)
        }
        for (const { name, path, region, ready } of screens) {
          await open(page, `${base}${path}`, ready ?? region)
          await page.screenshot({ path: join(out, `${language}-${name}.png`), fullPage: true })
          check(name, await screenWords(page, region))
        }
        // The work queue on its own, every payment shown.
        await open(page, `${base}/pages/rapprochement?etat=tous`, '[data-testid=work-queue]')
        await page.locator('[data-testid=work-queue]').screenshot({ path: join(out, `${language}-queue.png`) })
        check('queue', await screenWords(page, '[data-testid=work-queue]'))
        // The README's stylesheet reaches the extension's lists: an amount and a date-time on one line
        // (without it, '1 234,56 €' broke before its '€' at 1440 px).
        await open(page, `${base}/resources/TransactionQonto/actions/list`)
        for (const column of ['montant', 'dateTransaction']) {
          const cell = page.locator(`[data-css="TransactionQonto-${column}-table-cell"]`).first()
          expect(await cell.evaluate((element) => getComputedStyle(element).whiteSpace), column).toBe('nowrap')
        }
        const list = await page.locator('body').innerText()
        if (language === 'en') {
          expect(list).toContain('Qonto transactions')
          expect(list).not.toMatch(/Compte Bancaire Id|A Verifier|Associe\b/)
        } else expect(list).toContain('Transactions Qonto')
        await page.close()
      }
      // The key screens on a phone, in English (the longer words): nothing wider than the screen.
      // Tall, as above: the whole page in one shot.
      const phone = await browser.newPage({ viewport: { width: 390, height: 2400 } })
      await logIn(phone, `${ACME}/backoffice`)
      for (const { name, path } of [
        { name: 'dashboard', path: '/pages/rapprochement?etat=tous' },
        { name: 'payment-show', path: payment(reconciledId, 'show') },
        { name: 'associer-suggestion', path: payment(toMatchId, 'associer'), ready: '[data-testid=learning-panel]' },
        { name: 'ignorer', path: payment(toMatchId, 'ignorer') },
      ]) {
        await open(phone, `${ACME}/backoffice${path}`)
        await phone.screenshot({ path: join(out, `en-390-${name}.png`), fullPage: true })
        await assertNoHorizontalScroll(phone).catch((error: Error) => narrow.push(`${name}: ${error.message}`))
        for (const cut of await cutTexts(phone)) narrow.push(`${name}: text cut: ${cut}`)
      }
      await phone.close()
    } finally {
      french.child.kill('SIGTERM')
      await browser.close()
    }
    writeFileSync(join(out, 'findings.txt'), [...findings, ...narrow.map((n) => `en-390 ${n}`)].join('\n') + '\n')
    // Exactly what is known: nothing else, and nothing the allowance names that is no longer seen.
    const known = [...STILL_FRENCH, ...STORED_ENGLISH]
    expect.soft(findings.filter((line) => !known.some(({ text }) => text.test(line)))).toEqual([])
    expect.soft(known.filter(({ text }) => !findings.some((line) => text.test(line))).map(({ text }) => String(text))).toEqual([])
    expect.soft(narrow).toEqual([])
  }, 1_200_000)
})
