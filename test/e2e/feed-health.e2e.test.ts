/**
 * Accounts and feed health in a real browser: the reference host's `start` on a throw-away
 * PostgreSQL database (the test ages its sync state to make time pass), synced every minute from the
 * Qonto stand-in with an API key and no fixed account. Maud sees the feed healthy, chooses her
 * accounts, sees each payment's account; then Qonto refuses the key, nothing comes for hours, and the
 * dashboard shows the warning (one notification). Screenshots at 1440 and 390 px in test-results/e2e/.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { launchChromium, startPanel, type Panel } from './panel-server.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../helpers/databases.js'
import { assertNoEnglish, assertNoHorizontalScroll, guardPage, type PageGuard } from './guards.js'
import { standInBankAccount } from '../helpers/qonto-accounts-stand-in.js'
import { STAND_IN_ACCOUNT, STAND_IN_CREDENTIALS, qontoTransaction, startQontoStandIn, type StandIn } from '../helpers/qonto-stand-in.js'

const ROOT = join(import.meta.dirname, '..', '..')
const SHOTS = join(ROOT, 'test-results', 'e2e')
/** The server's address, once it listens on the port the system gave it (the stand-in started first). */
let BASE: string
const SAVINGS = standInBankAccount({ id: '018f71db-c635-78b5-b90a-ea05de98c3aa', iban: 'FR7616958000019999999999904', name: 'Compte épargne', balance_cents: 1200000 })
const DOLLARS = standInBankAccount({ id: '018f71db-c635-78b5-b90a-ea05de98c5cc', iban: 'FR7616958000017777777777706', name: 'Compte USD', currency: 'USD' })

let panel: Panel
let browser: Browser
let db: TestDatabase
let standIn: StandIn
const originalSecret = STAND_IN_CREDENTIALS.secretKey

async function startServer(): Promise<void> {
  panel = await startPanel({
    DATABASE_URL: db.url!,
    QONTO_API_BASE_URL: standIn.url, QONTO_LOGIN: STAND_IN_CREDENTIALS.login, QONTO_SECRET_KEY: STAND_IN_CREDENTIALS.secretKey, QONTO_SYNC_INTERVAL: '1',
  })
  BASE = panel.base
}

const guards = new Map<Page, PageGuard>()
async function newPage(width: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 1000 } })
  guards.set(page, guardPage(page, { base: BASE }))
  return page
}

/** French only, nothing wider than a phone, no console error nor third-party request on this screen. */
async function checkScreen(page: Page): Promise<void> {
  await assertNoEnglish(page)
  if (page.viewportSize()!.width <= 390) await assertNoHorizontalScroll(page)
  guards.get(page)!.assertClean()
}

async function login(page: Page): Promise<void> {
  await page.goto(`${BASE}/admin/login`)
  await page.fill('input[name=email]', 'maud@agence-glow.fr')
  await page.fill('input[name=password]', 'demo-maud-2026')
  await page.getByRole('button', { name: 'Se connecter' }).click()
  await page.waitForSelector('[data-testid=feed-health]', { timeout: 60_000 })
}

/** Reloads the dashboard until the feed shows `status`. */
async function feedStatus(page: Page, status: string): Promise<void> {
  await expect
    .poll(async () => {
      await page.goto(`${BASE}/admin`)
      await page.waitForSelector('[data-testid=feed-health]', { timeout: 30_000 })
      return page.getByTestId('feed-health').getAttribute('data-status')
    }, { timeout: 90_000, interval: 2000 })
    .toBe(status)
}

describe('Maud watches the Qonto feed and chooses her accounts', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true })
    if (!process.env.TEST_DATABASE_URL && !process.env.DATABASE_URL) process.env.TEST_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/postgres'
    db = await createTestDatabase('postgresql')
    standIn = await startQontoStandIn()
    standIn.bankAccounts.push(SAVINGS, DOLLARS)
    standIn.transactions.push(
      qontoTransaction({ amount_cents: 86400, reference: 'FACT-2026-901', clean_counterparty_name: 'Maison Lumière', updated_at: new Date().toISOString() }),
      qontoTransaction({ bank_account_id: SAVINGS.id, amount_cents: 250000, reference: 'Placement', clean_counterparty_name: 'Agence Glow', updated_at: new Date().toISOString() }),
      qontoTransaction({ bank_account_id: DOLLARS.id, currency: 'USD', amount_cents: 1000, updated_at: new Date().toISOString() }),
    )
    await startServer()
    browser = await launchChromium()
  }, 240_000)
  afterAll(async () => {
    STAND_IN_CREDENTIALS.secretKey = originalSecret
    await browser?.close()
    await panel?.stop()
    await standIn?.close()
    await db?.close()
  })

  it('the feed is healthy; the active EUR accounts are reconciled by default and each payment shows its account', async () => {
    const page = await newPage(1440)
    await login(page)
    await feedStatus(page, 'ok')
    expect(await page.getByTestId('feed-health-status').innerText()).toBe('Flux Qonto actif')
    expect(await page.getByTestId('feed-health-last-sync').innerText()).toMatch(/à l'instant|il y a \d+ min/)
    await page.screenshot({ path: join(SHOTS, 'health-1-dashboard-ok-1440.png'), fullPage: true })
    await checkScreen(page)

    await page.goto(`${BASE}/admin/pages/comptesQonto`)
    await page.waitForSelector('[data-testid=bank-account-row]')
    const rows = page.getByTestId('bank-account-row')
    expect(await rows.count()).toBe(3)
    const checked = async (name: string) => rows.filter({ hasText: name }).getByTestId('bank-account-reconcile').isChecked()
    expect(await checked('Compte principal')).toBe(true)
    expect(await checked('Compte épargne')).toBe(true)
    expect(await checked('Compte USD')).toBe(false)
    await page.screenshot({ path: join(SHOTS, 'health-2-accounts-1440.png'), fullPage: true })
    await checkScreen(page)

    // Maud keeps the savings account out of the reconciliation and gives the main one its FEC account.
    await rows.filter({ hasText: 'Compte épargne' }).getByTestId('bank-account-reconcile').click({ force: true })
    await rows.filter({ hasText: 'Compte principal' }).getByRole('textbox').fill('512100')
    await page.getByTestId('bank-accounts-save').click()
    await expect.poll(() => page.locator('body').innerText()).toContain('Choix des comptes enregistré')
    const stored = await db.prisma.qontoBankAccount.findMany({ orderBy: { name: 'asc' }, select: { name: true, reconcile: true, fecBankAccount: true } })
    expect(stored).toEqual([
      { name: 'Compte USD', reconcile: false, fecBankAccount: null },
      { name: 'Compte principal', reconcile: true, fecBankAccount: '512100' },
      { name: 'Compte épargne', reconcile: false, fecBankAccount: null },
    ])

    // The payment's page names its account (the list leaves the bank-account column out since issue 20).
    const payment = await db.prisma.transactionQonto.findFirstOrThrow({ where: { reference: { contains: 'FACT-2026-901' } }, select: { id: true } })
    await page.goto(`${BASE}/admin/resources/TransactionQonto/records/${payment.id}/show`)
    await expect.poll(() => page.locator('section').first().innerText(), { timeout: 30_000 }).toContain('Compte principal')
    await page.screenshot({ path: join(SHOTS, 'health-3-payment-account-1440.png'), fullPage: true })
    await checkScreen(page)

    const phone = await newPage(390)
    await phone.context().addCookies(await page.context().cookies())
    await phone.goto(`${BASE}/admin/pages/comptesQonto`)
    await phone.waitForSelector('[data-testid=bank-account-row]')
    await phone.screenshot({ path: join(SHOTS, 'health-4-accounts-390.png'), fullPage: true })
    await checkScreen(phone)
    await phone.close()
    await page.close()
  })

  it('Qonto refuses the key and nothing comes for hours: the dashboard warns, and the admins are notified once', async () => {
    STAND_IN_CREDENTIALS.secretKey = 'revoked-by-the-organisation'
    // Hours pass without news: the last successful syncs were long ago.
    await db.prisma.qontoSyncState.updateMany({ data: { lastSuccessAt: new Date(Date.now() - 3 * 3600_000) } })
    const page = await newPage(1440)
    await login(page)
    await feedStatus(page, 'stale')
    expect(await page.getByTestId('feed-health-warning').innerText()).toMatch(/Aucune nouvelle de Qonto depuis le/)
    // Maud asks for a sync rather than waiting for the next periodic one (a minute): Qonto refuses the key.
    await page.getByTestId('dashboard-sync').click()
    await expect.poll(async () => {
      await page.goto(`${BASE}/admin`)
      await page.waitForSelector('[data-testid=feed-health]')
      return page.getByTestId('feed-health').innerText()
    }, { timeout: 90_000, interval: 3000 }).toContain('reconnectez Qonto')
    await page.screenshot({ path: join(SHOTS, 'health-5-dashboard-stale-1440.png'), fullPage: true })
    await checkScreen(page)
    const phone = await newPage(390)
    await phone.context().addCookies(await page.context().cookies())
    await phone.goto(`${BASE}/admin`)
    await phone.waitForSelector('[data-testid=feed-health-warning]')
    await phone.screenshot({ path: join(SHOTS, 'health-6-dashboard-stale-390.png'), fullPage: true })
    await checkScreen(phone)
    await phone.close()
    expect(await db.prisma.notification.count({ where: { type: 'FLUX_QONTO_INTERROMPU' } })).toBe(1)
    await page.close()
  }, 180_000)
})
