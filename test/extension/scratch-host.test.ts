/**
 * The package as a host gets it: `npm pack`, installed into Acme's back-office (other model names,
 * Int ids, its own users, alerts, an English locale, dashboard and component, a global express.json()
 * before its admin router), mounted
 * as the README says, in plain Node. On PostgreSQL: a signed webhook payment naming one of Acme's
 * invoices is suggested and associated through the panel API, and Acme's invoice becomes PAID with
 * its paid date, an audit entry and an alert in Acme's own model.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
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
import { freePort } from '../helpers/free-port.js'
import { ENGLISH_DENY_LIST } from '../e2e/english-deny-list.js'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const FIXTURE = fileURLToPath(new URL('../fixtures/scratch-host/', import.meta.url))
const ADMIN_URL = process.env.TEST_DATABASE_URL
const SECRET = 'acme-webhook-secret-0123456789abcdef'
const PORT = await freePort()
/** The test data's own words (the payer's name, the transfer's reference), not the extension's. */
const DATA = /Dupont et Fils|Facture INV-2026-\d+/g
/**
 * Still French on an English host, known and left for later: the Qonto connection page's hints
 * (src/feed/qonto-connection.service.ts, webhook-subscription.service.ts).
 */
const STILL_FRENCH = /Connectez Qonto avec OAuth|Qonto n'est pas connecté : connectez Qonto avant de vous abonner aux webhooks/
/** French that must not reach the English host's screens (the payer's and invoices' own words aside). */
const FRENCH_ON_SCREEN = /\b(le|la|les|des|du|une|et|ou|pas|avec|aucun|aucune|paiements?|factures?|rapprochés?|rapprocher|associer|ignorer|montant|payeur|émetteur|à vérifier|sûr|reste|écart|règle|réglée?|Retour|Suivante|Précédente)\b|[àâçèêëîïôûùœ]|é(?!e)/

const rootPackage = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string>; overrides: Record<string, string> }
const HOST_DEPENDENCIES = ['adminjs', '@adminjs/express', '@adminjs/prisma', '@prisma/client', 'prisma', '@prisma/adapter-pg', 'pg', 'express', 'express-session', 'express-formidable', 'react', 'tslib', '@types/node', '@types/express']

const run = (command: string, args: string[], cwd: string, env: Record<string, string> = {}) =>
  execFileSync(command, args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 900_000 })

/** Acme's server.mjs on `port`, once it says it listens (a French locale with HOST_LANGUAGE=fr). */
async function startAcme(dir: string, port: number, env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn('node', ['server.mjs'], {
    cwd: dir,
    env: { ...process.env, PORT: String(port), QONTO_WEBHOOK_SECRET: SECRET, AUTO_RECONCILE: 'off', NODE_ENV: 'development', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  await new Promise<void>((resolve, reject) => {
    // Generous: on a shared machine under load, AdminJS's first start has taken minutes.
    const timer = setTimeout(() => reject(new Error(`Acme did not start:\n${output}`)), 300_000)
    const listen = (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes(`listening ${port}`)) {
        clearTimeout(timer)
        resolve()
      }
    }
    child.stdout!.on('data', listen)
    child.stderr!.on('data', listen)
    child.once('exit', (code) => reject(new Error(`Acme exited (${code}):\n${output}`)))
  })
  return child
}

describe.runIf(ADMIN_URL)('the packed extension in a different host (Acme, Int ids, PostgreSQL)', () => {
  let dir: string
  let databaseUrl: string
  let database: string
  let server: ChildProcess
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
    server = await startAcme(dir, PORT, { ...env, ADMIN_JS_TMP_DIR: join(dir, 'adminjs-bundle') })
    agent = request.agent(`http://127.0.0.1:${PORT}`)
    const login = await agent.post('/backoffice/login').type('form').send({ email: 'boss@acme.test', password: 'boss-password' })
    expect(login.status).toBe(302)
  }, 1_200_000)

  afterAll(async () => {
    server?.kill('SIGTERM')
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
    const delivery = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/qonto/webhook-v1-transactions.body.json'), 'utf8'))
    delivery.id = `evt-acme-${Date.now()}`
    Object.assign(delivery.data, { id: `tx-acme-${Date.now()}`, amount: 1234.56, reference: 'Facture INV-2026-0042', settled_at: '2026-11-02T23:30:00Z' })
    const body = JSON.stringify(delivery)
    const t = Math.floor(Date.now() / 1000)
    const response = await request(`http://127.0.0.1:${PORT}`)
      .post('/api/webhooks/qonto')
      .set({ 'Content-Type': 'application/json', 'X-Qonto-Signature': `t=${t},v1=${signPayload(SECRET, t, body)}` })
      .send(body)
    expect(response.status, JSON.stringify(response.body)).toBe(200)

    let transactionId: string | undefined
    for (let i = 0; i < 50 && !transactionId; i += 1) {
      const rows = await sql.query(`SELECT id FROM transactions_qonto WHERE "qontoId" = $1`, [delivery.data.id])
      transactionId = rows.rows[0]?.id
      if (!transactionId) await new Promise((resolve) => setTimeout(resolve, 100))
    }
    expect(transactionId).toBeDefined()
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
    const clerk = request.agent(`http://127.0.0.1:${PORT}`)
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
    const login = await request(`http://127.0.0.1:${PORT}`).get('/backoffice/login')
    expect(login.text).toContain('Acme billing')
    const echo = await request(`http://127.0.0.1:${PORT}`).post('/api/echo').send({ hello: 'acme' })
    expect(echo.body).toEqual({ received: { hello: 'acme' } })
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

  // SCRATCH_SCREENSHOTS=<folder>: Acme's own invoice form and the extension's screens at 1440 px in
  // Chromium, English as Acme has it, then the same back-office with a French locale.
  it.runIf(process.env.SCRATCH_SCREENSHOTS)("shows Acme's own invoice form as Acme has it (English widgets) and the extension's screens in Acme's language", async () => {
    const { chromium } = await import('playwright-core')
    const out = process.env.SCRATCH_SCREENSHOTS!
    mkdirSync(out, { recursive: true })
    const [{ id: transactionId }] = (await sql.query(`SELECT id FROM transactions_qonto LIMIT 1`)).rows
    // A second payment, still to match, so that the queue shows a suggestion.
    const delivery = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/qonto/webhook-v1-transactions.body.json'), 'utf8'))
    Object.assign(delivery, { id: `evt-acme-queue-${Date.now()}` })
    Object.assign(delivery.data, { id: `tx-acme-queue-${Date.now()}`, amount: 1234.56, reference: 'Facture INV-2026-0043', settled_at: '2026-11-03T09:30:00Z' })
    const body = JSON.stringify(delivery)
    const t = Math.floor(Date.now() / 1000)
    const webhook = await request(`http://127.0.0.1:${PORT}`).post('/api/webhooks/qonto')
      .set({ 'Content-Type': 'application/json', 'X-Qonto-Signature': `t=${t},v1=${signPayload(SECRET, t, body)}` }).send(body)
    expect(webhook.status).toBe(200)
    let suggestedId: string | undefined
    for (let i = 0; i < 50 && !suggestedId; i += 1) {
      suggestedId = (await sql.query(`SELECT id FROM transactions_qonto WHERE "qontoId" = $1`, [delivery.data.id])).rows[0]?.id
      if (!suggestedId) await new Promise((resolve) => setTimeout(resolve, 100))
    }
    expect(suggestedId).toBeDefined()
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] })
    const frenchPort = await freePort()
    const french = await startAcme(dir, frenchPort, { DATABASE_URL: databaseUrl, HOST_LANGUAGE: 'fr', ADMIN_JS_TMP_DIR: join(dir, 'adminjs-bundle-fr') })
    try {
      for (const [language, port] of [['en', PORT], ['fr', frenchPort]] as const) {
        // Tall: AdminJS scrolls inside its own container, which a full-page shot does not unroll.
        const page = await browser.newPage({ viewport: { width: 1440, height: 2200 } })
        const base = `http://127.0.0.1:${port}/backoffice`
        await page.goto(`${base}/login`)
        await page.fill('input[name=email]', 'boss@acme.test')
        await page.fill('input[name=password]', 'boss-password')
        await page.press('input[name=password]', 'Enter')
        await page.waitForURL((url) => !url.pathname.endsWith('/login'))
        // Acme's own invoice form, its date picker open: the host's widgets, untouched.
        await page.goto(`${base}/resources/acme-invoices/actions/new`)
        await page.waitForSelector('form')
        await page.locator('.react-datepicker__input-container input').first().click({ timeout: 10_000 })
        await page.waitForSelector('.react-datepicker__month-container', { timeout: 10_000 })
        await page.screenshot({ path: join(out, `${language}-acme-invoice-form.png`), fullPage: true })
        const form = await page.locator('body').innerText()
        expect(form).not.toMatch(/Choisir|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|jj\/mm\/aaaa/)
        const screens = {
          'transactions-list': `${base}/resources/TransactionQonto/actions/list`,
          associer: `${base}/resources/TransactionQonto/records/${transactionId}/associer`,
          'payment-show': `${base}/resources/TransactionQonto/records/${transactionId}/show`,
          // The payment still to match: Associer with its suggestion.
          'associer-suggestion': `${base}/resources/TransactionQonto/records/${suggestedId}/associer`,
          dashboard: `${base}/pages/rapprochement`,
          'audit-log': `${base}/resources/QontoAuditLog/actions/list`,
          'connexion-qonto': `${base}/pages/connexionQonto`,
          'comptes-qonto': `${base}/pages/comptesQonto`,
          exporter: `${base}/resources/TransactionQonto/actions/exporter`,
        }
        const texts: Record<string, string> = {}
        for (const [name, url] of Object.entries(screens)) {
          await page.goto(url)
          await page.waitForLoadState('networkidle')
          await page.screenshot({ path: join(out, `${language}-${name}.png`), fullPage: true })
          texts[name] = await page.locator('body').innerText()
        }
        // The work queue on its own, every payment shown.
        await page.goto(`${base}/pages/rapprochement?etat=tous`)
        await page.waitForSelector('[data-testid=work-queue]')
        await page.waitForLoadState('networkidle')
        await page.locator('[data-testid=work-queue]').screenshot({ path: join(out, `${language}-queue.png`) })
        texts.queue = await page.locator('[data-testid=work-queue]').innerText()
        // The extension's screens in the host's language: no French word on the English host, none of
        // AdminJS's English words on the French one.
        const wrong = language === 'en' ? FRENCH_ON_SCREEN : new RegExp(`\\b(${ENGLISH_DENY_LIST.filter((w) => /^[A-Z][a-z]+$/.test(w)).join('|')})\\b`)
        for (const name of ['dashboard', 'queue', 'associer', 'associer-suggestion', 'payment-show', 'connexion-qonto', 'comptes-qonto', 'exporter']) {
          const found = texts[name]!.split('\n').filter((line) => wrong.test(line.replace(DATA, '')) && !(language === 'en' && STILL_FRENCH.test(line)))
          expect.soft(found, `${language}-${name}`).toEqual([])
        }
        await page.goto(screens['transactions-list'])
        await page.waitForLoadState('networkidle')
        const list = await page.locator('body').innerText()
        // The README's stylesheet reaches the extension's lists: an amount and a date-time on one line
        // (without it, '1 234,56 €' broke before its '€' at 1440 px).
        for (const column of ['montant', 'dateTransaction']) {
          const cell = page.locator(`[data-css="TransactionQonto-${column}-table-cell"]`).first()
          expect(await cell.evaluate((element) => getComputedStyle(element).whiteSpace), column).toBe('nowrap')
        }
        if (language === 'en') {
          expect(list).toContain('Qonto transactions')
          expect(list).not.toMatch(/Compte Bancaire Id|A Verifier|Associe\b/)
        } else expect(list).toContain('Transactions Qonto')
        await page.close()
      }
    } finally {
      french.kill('SIGTERM')
      await browser.close()
    }
  }, 1_200_000)
})
