/**
 * Every payment explained, linked everywhere (issue 12), in Debian's Chromium against the real
 * `start` command on the demo month: Maud ignores a marketplace refund with a rule for its IBAN, the
 * next credit from that IBAN arrives through the signed webhook and is explained by the rule, she
 * restores it; payment and invoice pages link each other; audit log and allocations read in words
 * and euros; the FEC of the month is balanced. Screenshots at 1440 and 390 px in test-results/e2e/explained/.
 */
import { readFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { launchChromium, startPanel, type Panel } from './panel-server.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signPayload } from '../../src/webhooks/signature.js'

const ROOT = join(import.meta.dirname, '..', '..')
const SHOTS = join(ROOT, 'test-results', 'e2e', 'explained')
/** The server's address, once it listens on the port the system gave it. */
let BASE: string
const SECRET = 'whsec-e2e-explained-0123456789abcdef0123'
const SAMPLE = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'qonto', 'webhook-v1-transactions.body.json'), 'utf8'))
const AMAZON_IBAN = 'LU280019400644750000'

let panel: Panel
let browser: Browser
const problems: string[] = []
const requestedHosts = new Set<string>()

async function startServer(): Promise<void> {
  panel = await startPanel({
    QONTO_WEBHOOK_SECRET: SECRET,
  })
  BASE = panel.base
}

async function newPage(width = 1440): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 1000 } })
  page.on('request', (r) => requestedHosts.add(new URL(r.url()).host))
  // Chromium's own favicon request (AdminJS's layout names none) is not the page's: not counted.
  page.on('console', (m) => { if (m.type() === 'error' && !/favicon\.ico$/.test(m.location().url)) problems.push(`console: ${m.text()} (${m.location().url})`) })
  page.on('pageerror', (e) => problems.push(`page: ${e.message}`))
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`) })
  return page
}

async function login(page: Page): Promise<void> {
  await page.goto(`${BASE}/admin/login`)
  await page.fill('input[name=email]', 'maud@agence-glow.fr')
  await page.fill('input[name=password]', 'demo-maud-2026')
  await page.getByRole('button', { name: 'Se connecter' }).click()
  await page.waitForSelector('[data-testid=stat-to-reconcile-count]', { timeout: 60_000 })
}

/** Screenshots of the page as it is, at 1440 px then 390 px (no horizontal scroll at 390 px). */
async function shoot(page: Page, name: string, ready?: string): Promise<void> {
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 1000 })
    if (ready) await page.locator(ready).first().scrollIntoViewIfNeeded()
    await page.waitForTimeout(300)
    // AdminJS scrolls inside its layout: the viewport, scrolled to what matters, is what Maud sees.
    await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`) })
    if (width === 390) {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
      expect(overflow, `${name}: horizontal scroll at 390 px`).toBeLessThanOrEqual(1)
    }
  }
  await page.setViewportSize({ width: 1440, height: 1000 })
}

type ListRecord = { id: string; params: Record<string, unknown> }
async function records(page: Page, resource: string, query: string): Promise<ListRecord[]> {
  const response = await page.request.get(`${BASE}/admin/api/resources/${resource}/actions/list?${query}`)
  return ((await response.json()) as { records: ListRecord[] }).records
}

/** A Qonto webhook delivery of a settled credit, signed with the server's secret, through the public route. */
async function deliverCredit(data: { amount: number; name: string; iban: string; reference: string }): Promise<string> {
  const id = `tx-e2e-${Date.now()}-${Math.floor(Math.random() * 1e6)}`
  const body = JSON.stringify({
    ...SAMPLE,
    id: `evt-${id}`,
    data: {
      ...SAMPLE.data, id, amount: data.amount, local_amount: data.amount, label: data.name, clean_counterparty_name: data.name, reference: data.reference,
      settled_at: '2026-11-25T08:00:00Z', emitted_at: '2026-11-25T08:00:00Z', updated_at: new Date().toISOString(),
      income: { ...SAMPLE.data.income, counterparty_account_number: data.iban },
    },
  })
  const t = Math.floor(Date.now() / 1000)
  const response = await fetch(`${BASE}/api/webhooks/qonto`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Qonto-Signature': `t=${t},v1=${signPayload(SECRET, t, body)}` },
    body,
  })
  expect(response.status).toBe(200)
  return id
}

describe('every payment explained, linked everywhere', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true })
    await startServer()
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await panel?.stop()
  })

  it('Maud ignores a marketplace refund with a rule for its IBAN; the next credit from that IBAN, delivered by the webhook, is explained by the rule; another IBAN is not; she restores it', async () => {
    const page = await newPage()
    await login(page)
    const [amazon] = await records(page, 'TransactionQonto', 'filters.emetteur=AMAZON')
    expect(amazon).toBeDefined()

    await page.goto(`${BASE}/admin/resources/TransactionQonto/records/${amazon!.id}/ignorer`)
    await page.waitForSelector('[data-testid=ignorer-payment]')
    expect(await page.getByTestId('ignorer-payment').innerText()).toContain('129,99')
    await page.getByTestId('category-REMBOURSEMENT').check()
    await page.getByTestId('ignore-note').fill('Remboursement de commande Amazon')
    await page.getByTestId('rule-IBAN').check()
    expect(await page.getByText('Toujours pour cet IBAN : LU28 0019 4006 4475 0000').count()).toBe(1)
    // The page says what the rule will catch, and how many payments already waiting match it.
    expect(await page.getByTestId('ignorer-rule-catches').innerText()).toMatch(/venant de l’IBAN LU28 0019 4006 4475 0000.*(Aucun autre paiement|paiements? en attente)/)
    await page.getByTestId('rule-PAYEUR').check()
    expect(await page.getByTestId('ignorer-rule-catches').innerText()).toContain('s’écrit exactement « AMAZON PAYMENTS EUROPE »')
    await shoot(page, '1-ignorer-payer-rule', '[data-testid=ignorer-rule-catches]')
    await page.getByTestId('rule-IBAN').check()
    await shoot(page, '1-ignorer')
    await page.getByTestId('ignorer-submit').click()
    expect(await page.getByTestId('ignorer-confirm').innerText()).toContain('ne sera plus à rapprocher : Remboursement')
    await shoot(page, '2-ignorer-confirm', '[data-testid=ignorer-confirm]')
    await page.getByTestId('ignorer-confirm-button').click()
    await expect.poll(() => page.getByTestId('ignorer-done').innerText()).toContain('Paiement ignoré (Remboursement)')
    await shoot(page, '3-ignorer-done', '[data-testid=ignorer-done]')

    const next = await deliverCredit({ amount: 45.5, name: 'AMAZON PAYMENTS EUROPE', iban: AMAZON_IBAN, reference: 'Remboursement commande 402-9911' })
    const other = await deliverCredit({ amount: 45.5, name: 'AMAZON PAYMENTS EUROPE', iban: 'FR7630004000031234567890143', reference: 'Remboursement commande 402-9912' })
    let nextRecord: ListRecord | undefined
    await expect.poll(async () => (nextRecord = (await records(page, 'TransactionQonto', `filters.qontoId=${next}`))[0])?.params.ignoreCategorie, { timeout: 30_000 }).toBe('REMBOURSEMENT')
    await expect.poll(async () => (await records(page, 'TransactionQonto', `filters.qontoId=${other}`)).length, { timeout: 30_000 }).toBe(1)
    expect((await records(page, 'TransactionQonto', `filters.qontoId=${other}`))[0]!.params.ignoreCategorie ?? null).toBeNull()

    await page.goto(`${BASE}/admin/resources/TransactionQonto/records/${nextRecord!.id}/show`)
    await page.waitForSelector('[data-testid=payment-ignored]')
    expect(await page.getByTestId('payment-ignored').innerText()).toContain('Règle : toujours pour cet IBAN (LU28 0019 4006 4475 0000) → Remboursement')
    await shoot(page, '4-explained-by-rule', '[data-testid=payment-ignored]')

    await page.goto(`${BASE}/admin/resources/QontoRegle`)
    await page.waitForSelector('table tbody tr')
    const rule = await page.locator('table tbody tr').first().innerText()
    expect(rule).toContain('LU28 0019 4006 4475 0000')
    expect(rule).toContain('Remboursement')
    expect(rule).toMatch(/\b2\b/)
    await shoot(page, '5-rules', 'table tbody tr')

    await page.goto(`${BASE}/admin/resources/TransactionQonto/records/${nextRecord!.id}/show`)
    await page.getByTestId('payment-restore').click()
    await page.getByTestId('run-action').click()
    await expect.poll(() => page.getByTestId('run-action-result').innerText()).toContain('Paiement rétabli')
    await shoot(page, '6-restored', '[data-testid=run-action-result]')
    expect((await records(page, 'TransactionQonto', `filters.qontoId=${next}`))[0]!.params.ignoreCategorie ?? null).toBeNull()
    await page.close()
  })

  it('a reconciled payment and its invoice link each other (payment → invoice → payment)', async () => {
    const page = await newPage()
    await login(page)
    const [paid] = await records(page, 'TransactionQonto', 'filters.reference=FACT-2026-101')
    await page.goto(`${BASE}/admin/resources/TransactionQonto/records/${paid!.id}/show`)
    await page.waitForSelector('[data-testid=payment-invoice]')
    const line = await page.getByTestId('payment-invoice').first().innerText()
    expect(line).toContain('FACT-2026-101')
    expect(line).toMatch(/1\s500,00\s€/)
    await shoot(page, '7-payment-invoices', '[data-testid=payment-invoice]')
    await page.getByTestId('payment-invoice').getByRole('link', { name: 'FACT-2026-101' }).click()
    await page.waitForURL(/\/resources\/Document\/records\/.+\/show$/)
    await page.waitForSelector('[data-testid=invoice-payment]')
    expect(await page.getByTestId('invoice-payment').first().innerText()).toMatch(/1\s500,00\s€/)
    await shoot(page, '8-invoice-payments', '[data-testid=invoice-payment]')
    await page.getByTestId('invoice-payment').first().getByRole('link').click()
    await page.waitForURL(new RegExp(`/records/${paid!.id}/show$`))
    await page.close()
  })

  it('the audit log and the allocations read in words and euros, with the payment and invoice named and linked', async () => {
    const page = await newPage()
    await login(page)
    await page.goto(`${BASE}/admin/resources/QontoAuditLog`)
    await page.waitForSelector('table tbody tr')
    const table = await page.locator('table tbody').innerText()
    expect(table).toContain('Ignoré (hors facture)')
    expect(table).toContain('Rétabli (à rapprocher)')
    expect(table).not.toMatch(/\b(IGNORE|RETABLISSEMENT|ASSOCIATION|REGLE_CREEE)\b/)
    expect(table).toMatch(/\d{2}\/\d{2}\/2026 · [\d\s]+,\d{2}\s€ · /)
    await shoot(page, '9-audit-log', 'table tbody tr')
    const [manual] = await records(page, 'QontoAuditLog', 'filters.action=IGNORE&filters.automatique=false')
    await page.goto(`${BASE}/admin/resources/QontoAuditLog/records/${manual!.id}/show`)
    await page.waitForSelector('[data-testid=audit-apres]')
    const after = await page.getByTestId('audit-apres').innerText()
    expect(after).toContain('Remboursement')
    expect(after).toContain('Toujours pour cet IBAN : LU28 0019 4006 4475 0000')
    await shoot(page, '10-audit-entry', '[data-testid=audit-apres]')

    await page.goto(`${BASE}/admin/resources/QontoAllocation`)
    await page.waitForSelector('table tbody tr')
    const allocations = await page.locator('table tbody').innerText()
    expect(allocations).toMatch(/FACT-2026-10[123]/)
    expect(allocations).toMatch(/\d{2}\/\d{2}\/2026 · [\d\s]+,\d{2}\s€ · /)
    expect(allocations).not.toMatch(/\bc[a-z0-9]{24}\b/)
    await shoot(page, '11-allocations', 'table tbody tr')
    await page.close()
  })

  it('the FEC of the demo period is balanced per entry, the ignored refund on the suspense account', async () => {
    const page = await newPage()
    await login(page)
    const response = await page.request.get(`${BASE}/admin/api/resources/TransactionQonto/actions/exporter?format=fec&from=2026-10-01&to=2026-11-30`)
    expect(response.status()).toBe(200)
    const lines = (await response.text()).trimEnd().split('\r\n').slice(1).map((l) => l.split('\t'))
    const cents = (v: string) => Number(v.replace(',', ''))
    const sums = new Map<string, number>()
    for (const l of lines) sums.set(l[2]!, (sums.get(l[2]!) ?? 0) + cents(l[11]!) - cents(l[12]!))
    expect(sums.size).toBeGreaterThan(1)
    expect([...sums.values()].every((v) => v === 0)).toBe(true)
    expect(lines.some((l) => l[4] === '471000' && l[12] === '129,99' && l[10]!.startsWith('Hors facture Remboursement'))).toBe(true)
    await page.close()
  })

  it('asked no third party and logged no browser error', () => {
    expect([...requestedHosts]).toEqual([new URL(BASE).host])
    expect(problems).toEqual([])
  })
})
