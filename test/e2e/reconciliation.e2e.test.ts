/**
 * The panel in a real browser (playwright-core + Debian's Chromium) against the real `start`
 * command on a fresh embedded database with the demo month. Screenshots go to test-results/e2e/.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { assertNoEnglish, guardPage, type PageGuard } from './guards.js'
import { launchChromium, ROOT, startPanel, type Panel } from './panel-server.js'

const SHOTS = join(ROOT, 'test-results', 'e2e')

let panel: Panel
/** The server's address, once it listens on the port the system gave it. */
let BASE: string
let browser: Browser

async function login(page: Page, email: string, password: string): Promise<void> {
  await page.goto(`${BASE}/admin/login`)
  await page.fill('input[name=email]', email)
  await page.fill('input[name=password]', password)
  await page.getByRole('button', { name: 'Se connecter' }).click()
  await page.waitForSelector('[data-testid=stat-to-reconcile-count]', { timeout: 60_000 })
}

const counter = async (page: Page, id: string) => Number(await page.locator(`[data-testid=${id}-count]`).innerText())

/** Every page is guarded: no console error, no request to a third party (Maud's IP, GDPR), checked after each test. */
let guards: PageGuard[] = []
async function newPage(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } })
  guards.push(guardPage(page, { base: BASE }))
  return page
}

describe('reconciling a payment in the panel', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true })
    panel = await startPanel()
    BASE = panel.base
    browser = await launchChromium()
  })
  afterEach(() => {
    const seen = guards
    guards = []
    for (const guard of seen) guard.assertClean()
  })
  afterAll(async () => {
    await browser?.close()
    await panel?.stop()
  })

  it('Maud accepts the top suggestion, sees the invoice paid and the counters move, then undoes it', async () => {
    const page = await newPage()
    await login(page, 'maud@agence-glow.fr', 'demo-maud-2026')
    await expect.poll(() => page.locator('[data-testid=payment-row]').count()).toBeGreaterThan(0)
    const toReconcile = await counter(page, 'stat-to-reconcile')
    const reconciled = await counter(page, 'stat-reconciled')
    await page.screenshot({ path: join(SHOTS, '1-dashboard.png'), fullPage: true })

    // The queue is oldest first: the payment of the 24th is found with the payer filter.
    await page.getByTestId('filter-payeur').fill('jardins')
    await page.getByTestId('filter-payeur').press('Enter')
    await page.locator('[data-testid=payment-row]').filter({ hasText: 'FACT-2026-145' }).getByText('Détails').click()
    await page.waitForSelector('[data-testid=suggestion]')
    const transactionId = /records\/([^/]+)\/associer/.exec(page.url())![1]!
    await expect.poll(() => page.locator('[data-testid=transaction-summary]').innerText()).toContain('540,00')
    const top = page.locator('[data-testid=suggestion]').first()
    expect(await top.innerText()).toContain('Référence FACT-2026-145 trouvée dans le motif du virement')
    await page.screenshot({ path: join(SHOTS, '2-associer.png'), fullPage: true })
    await assertNoEnglish(page)
    await page.getByTestId('accept-suggestion-0').click()
    await expect.poll(() => page.getByTestId('associer-done').innerText()).toContain('FACT-2026-145 (payée)')
    await page.screenshot({ path: join(SHOTS, '3-associated.png'), fullPage: true })

    await page.goto(`${BASE}/admin/resources/QontoAuditLog?filters.action=ASSOCIATION&filters.transactionId=${transactionId}`)
    await page.waitForSelector('table tbody tr')
    await page.locator('table tbody tr').first().click()
    await expect.poll(() => page.locator('section').first().innerText()).toContain('Référence FACT-2026-145 trouvée dans le motif du virement')
    expect(await page.locator('section').first().innerText()).toMatch(/Score\s+0,\d{2}/) // the stored raw score, labelled as such (issue 20's one confidence scale)
    await page.screenshot({ path: join(SHOTS, '3b-audit-entry.png'), fullPage: true })

    await page.goto(`${BASE}/admin/resources/Document?filters.reference=FACT-2026-145`)
    await expect.poll(() => page.locator('table tbody').innerText()).toContain('Payée')
    await page.screenshot({ path: join(SHOTS, '4-invoice-paid.png'), fullPage: true })
    // The invoice feature on the host's own Document resource: its Qonto payment, linked.
    await page.locator('table tbody tr').first().click()
    await page.waitForURL(/\/show$/)
    await expect.poll(() => page.getByTestId('invoice-payments').innerText()).toContain('540,00')
    expect(await page.getByTestId('invoice-payments').locator(`a[href*="${transactionId}"]`).count()).toBe(1)
    await page.getByTestId('invoice-payments').scrollIntoViewIfNeeded()
    await page.screenshot({ path: join(SHOTS, '4b-invoice-payments.png') })

    await page.goto(`${BASE}/admin`)
    await expect.poll(() => counter(page, 'stat-to-reconcile')).toBe(toReconcile - 1)
    expect(await counter(page, 'stat-reconciled')).toBe(reconciled + 1)

    await page.goto(`${BASE}/admin/resources/TransactionQonto/records/${transactionId}/dissocier`)
    await page.getByTestId('run-action').click()
    await expect.poll(() => page.getByTestId('run-action-result').innerText()).toContain('Association annulée')
    await page.screenshot({ path: join(SHOTS, '5-undone.png'), fullPage: true })
    await page.goto(`${BASE}/admin`)
    await expect.poll(() => counter(page, 'stat-to-reconcile')).toBe(toReconcile)
    expect(await counter(page, 'stat-reconciled')).toBe(reconciled)
    await page.close()
  })

  it('the read-only user sees the payments but cannot associate, in the UI or through the API', async () => {
    const page = await newPage()
    await login(page, 'comptable@agence-glow.fr', 'demo-lecture-2026')
    await expect.poll(() => page.locator('[data-testid=payment-row]').count()).toBeGreaterThan(0)
    expect(await page.getByTestId('dashboard-accept').count()).toBe(0)
    expect(await page.getByTestId('dashboard-sync').count()).toBe(0)
    await page.screenshot({ path: join(SHOTS, '6-reader-dashboard.png'), fullPage: true })
    await assertNoEnglish(page)

    await page.goto(`${BASE}/admin/resources/TransactionQonto`)
    await page.waitForSelector('table tbody tr')
    await page.locator('table tbody tr').first().click()
    await page.waitForURL(/\/show$/)
    expect(await page.getByRole('button', { name: 'Associer' }).count()).toBe(0)
    expect(await page.getByRole('link', { name: 'Associer' }).count()).toBe(0)
    await page.screenshot({ path: join(SHOTS, '7-reader-transaction.png'), fullPage: true })

    const id = /records\/([^/]+)\/show/.exec(page.url())![1]!
    const response = await page.request.post(`${BASE}/admin/api/resources/TransactionQonto/records/${id}/associer`, {
      data: { body: JSON.stringify({ op: 'associate', allocations: [{ invoiceId: 'x', amountCents: 1 }], mode: 'MANUEL' }) },
    })
    expect(JSON.stringify(await response.json())).toContain('ForbiddenError')
    await page.close()
  })
})
