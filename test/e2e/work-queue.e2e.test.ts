/**
 * Maud's work queue in Chromium: every payment to reconcile reachable (pages), filters, counters
 * that are links, one click only for "sûr", confirmation for "probable", the bulk auto-reconciliation
 * that shows count and total and applies only after the confirm click, no horizontal scroll at
 * 390 px. Screenshots of each screen at 1440 and 390 px in test-results/e2e/queue/.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROOT, startHost, type Host } from './host.js'

const SHOTS = join(ROOT, 'test-results', 'e2e', 'queue')
const MAUD = ['maud@agence-glow.fr', 'demo-maud-2026'] as const
const READER = ['comptable@agence-glow.fr', 'demo-lecture-2026'] as const
const WIDE = { width: 1440, height: 1000 }
const PHONE = { width: 390, height: 844 }

let host: Host

const counter = async (page: Page, id: string) => Number(await page.getByTestId(`${id}-count`).innerText())
const rows = (page: Page) => page.getByTestId('payment-row')
/** Waits for the queue to show what the server answered for the current filters. */
async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle')
  await page.waitForSelector('[data-testid=payments-to-reconcile], [data-testid=queue-empty]')
}
async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}-${page.viewportSize()!.width}.png`), fullPage: true })
}
async function noHorizontalScroll(page: Page): Promise<void> {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }))
  expect(scroll, 'horizontal scroll').toBeLessThanOrEqual(client)
}
async function queueApi(page: Page, query: string) {
  const response = await page.request.get(`${host.base}/admin/api/resources/TransactionQonto/actions/fileRapprochement?${query}`)
  return (await response.json()).queue as { total: number; items: Array<{ id: string; best: { tier: string } | null; payer: string }> }
}

describe("Maud's work queue in the browser", () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true })
    host = await startHost()
  })
  afterAll(async () => {
    expect([...host.requestedHosts]).toEqual([`127.0.0.1:${host.port}`])
    // The login page's favicon request (404) is not the panel's; every other console error fails.
    expect(host.errors.filter((e) => !/\/admin\/login: Failed to load resource: .* 404/.test(e))).toEqual([])
    await host?.close()
  })

  it('shows every unreconciled payment of the demo, oldest first, page by page, as many as the counter says', async () => {
    const page = await host.newPage(WIDE)
    await host.login(page, ...MAUD)
    await settled(page)
    const toReconcile = await counter(page, 'stat-to-reconcile')
    const all = await queueApi(page, 'perPage=100')
    expect(all.total).toBe(toReconcile)
    expect(await page.getByTestId('queue-tab-a_rapprocher').innerText()).toContain(`(${toReconcile})`)
    await shoot(page, '1-dashboard')
    const seen: string[] = []
    for (;;) {
      seen.push(...(await rows(page).evaluateAll((elements) => elements.map((e) => e.getAttribute('data-id')!))))
      if (await page.getByTestId('queue-next').isDisabled()) break
      await page.getByTestId('queue-next').click()
      await expect.poll(async () => (await rows(page).first().getAttribute('data-id')) !== seen[0]).toBe(true)
      await settled(page)
    }
    expect(seen).toEqual(all.items.map((i) => i.id))
    expect(new Set(seen).size).toBe(toReconcile)
    expect(await page.getByTestId('queue-range').innerText()).toContain(`sur ${toReconcile}`)
    await shoot(page, '2-last-page')
    // Confidence in words and colour: three different tiers on the first page, not one grey badge.
    await page.goto(`${host.base}/admin`)
    await settled(page)
    const tiers = await page.getByTestId('tier').evaluateAll((elements) => elements.map((e) => [e.getAttribute('data-tier'), e.textContent, getComputedStyle(e).backgroundColor]))
    const byTier = new Map(tiers.map(([tier, text, colour]) => [tier, { text, colour }]))
    expect(byTier.get('SUR')?.text).toMatch(/^sûr · \d+ %$/)
    expect(byTier.get('PROBABLE')?.text).toMatch(/^probable · \d+ %$/)
    expect(byTier.get('A_VERIFIER')?.text).toMatch(/^à vérifier · \d+ %$/)
    expect(new Set([...byTier.values()].map((t) => t.colour)).size).toBe(3)
    await page.close()
  })

  it('filters by state, dates, amounts and payer (Enter searches), and the counters are links to the queue', async () => {
    const page = await host.newPage(WIDE)
    await host.login(page, ...MAUD)
    await settled(page)
    const reconciled = await counter(page, 'stat-reconciled')
    await page.getByTestId('stat-reconciled').click()
    await expect.poll(() => page.url()).toContain('etat=rapproches')
    await expect.poll(() => rows(page).count()).toBe(reconciled)
    expect(await page.getByTestId('queue-tab-rapproches').getAttribute('aria-current')).toBe('true')
    expect(await rows(page).first().innerText()).toMatch(/Rapproché : FACT-2026-10\d/)
    expect(await page.getByTestId('stat-to-reconcile').getAttribute('href')).toContain('etat=a_rapprocher')
    await shoot(page, '3-reconciled')

    await page.getByTestId('queue-tab-a_rapprocher').click()
    await page.getByTestId('filter-payeur').fill('lumiere')
    await page.getByTestId('filter-payeur').press('Enter')
    await expect.poll(async () => (await rows(page).allInnerTexts()).every((t) => t.includes('MAISON LUMIÈRE SARL'))).toBe(true)
    expect(await rows(page).count()).toBe((await queueApi(page, 'payeur=lumiere')).total)
    await shoot(page, '4-payer-filter')

    await page.getByTestId('filter-reset').click()
    await page.getByTestId('filter-du').fill('24/11/2026')
    await page.getByTestId('filter-au').fill('24/11/2026')
    await page.getByTestId('filter-search').click()
    await settled(page)
    await expect.poll(async () => (await rows(page).allInnerTexts()).every((t) => t.startsWith('24/11/2026'))).toBe(true)
    expect(await rows(page).count()).toBe((await queueApi(page, 'du=2026-11-24&au=2026-11-24')).total)
    expect(page.url()).toContain('du=2026-11-24')

    await page.getByTestId('filter-reset').click()
    await page.getByTestId('filter-min').fill('1 000')
    await page.getByTestId('filter-max').fill('1 500,00')
    await page.getByTestId('filter-max').press('Enter')
    await settled(page)
    await expect.poll(() => page.url()).toContain('maxCents=150000')
    await expect.poll(() => rows(page).count()).toBe((await queueApi(page, 'minCents=100000&maxCents=150000')).total)
    const amounts = (await page.getByTestId('row-amount').allInnerTexts()).map((t) => Number(t.split('\n')[0]!.replace(/[^\d,]/g, '').replace(',', '.')))
    expect(amounts.length).toBe((await queueApi(page, 'minCents=100000&maxCents=150000')).total)
    expect(amounts.every((a) => a >= 1000 && a <= 1500)).toBe(true)
    // A date that is not one says so in French and asks nothing of the server.
    await page.getByTestId('filter-du').fill('31/02/2026')
    await page.getByTestId('filter-du').press('Enter')
    await expect.poll(() => page.getByTestId('filter-error').innerText()).toContain('Date invalide')
    await page.close()
  })

  it('associates a "sûr" suggestion in one click; a "probable" one only after its reasons are confirmed', async () => {
    const page = await host.newPage(WIDE)
    await host.login(page, ...MAUD)
    await settled(page)
    const before = await counter(page, 'stat-to-reconcile')
    const sure = rows(page).and(page.locator('[data-tier=SUR]')).first()
    const sureId = await sure.getAttribute('data-id')
    expect(await rows(page).and(page.locator('[data-tier=PROBABLE]')).getByTestId('dashboard-accept').count()).toBe(0)
    expect(await rows(page).and(page.locator('[data-tier=A_VERIFIER]')).getByTestId('dashboard-accept').count()).toBe(0)
    await sure.getByTestId('dashboard-accept').click()
    await expect.poll(() => counter(page, 'stat-to-reconcile'), { timeout: 30_000 }).toBe(before - 1)
    await expect.poll(() => page.locator(`[data-testid=payment-row][data-id="${sureId}"]`).count(), { timeout: 30_000 }).toBe(0)
    await settled(page)

    const probable = rows(page).and(page.locator('[data-tier=PROBABLE]')).first()
    const probableId = await probable.getAttribute('data-id')
    await probable.getByTestId('dashboard-check').click()
    const panel = page.getByTestId('check-panel')
    await expect.poll(() => panel.innerText()).toMatch(/probable · \d+ %/)
    expect(await panel.locator('li').count()).toBeGreaterThan(0)
    expect(await panel.innerText()).toMatch(/affectés sur .* dus/)
    expect(await counter(page, 'stat-to-reconcile')).toBe(before - 1)
    await shoot(page, '5-check-panel')
    await page.setViewportSize(PHONE)
    await shoot(page, '5-check-panel')
    await noHorizontalScroll(page)
    await page.setViewportSize(WIDE)
    await panel.getByTestId('check-confirm').click()
    await expect.poll(() => counter(page, 'stat-to-reconcile'), { timeout: 30_000 }).toBe(before - 2)
    await expect.poll(() => page.locator(`[data-testid=payment-row][data-id="${probableId}"]`).count(), { timeout: 30_000 }).toBe(0)
    await page.close()
  })

  it('the bulk auto-reconciliation shows count, total and payments, and applies only after the confirm click', async () => {
    const page = await host.newPage(WIDE)
    await host.login(page, ...MAUD)
    await settled(page)
    const before = await counter(page, 'stat-to-reconcile')
    await page.getByTestId('dashboard-auto').click()
    const summary = page.getByTestId('auto-summary')
    await expect.poll(() => summary.innerText()).toMatch(/^\d+ paiements?, [\d\s]+,\d\d\s€ : rapprochement sans ambiguïté$/)
    const count = Number((await summary.innerText()).split(' ')[0])
    expect(count).toBeGreaterThan(1)
    expect(await page.getByTestId('auto-item').count()).toBe(count)
    expect(await page.getByTestId('auto-item').first().innerText()).toMatch(/^\d\d\/\d\d\/2026 · FACT-2026-\d+.* ← .+ · [\d\s]+,\d\d\s€$/)
    expect(await page.getByTestId('auto-confirm').innerText()).toBe(`Rapprocher ces ${count} paiements`)
    await shoot(page, '6-auto-preview')
    await page.setViewportSize(PHONE)
    await shoot(page, '6-auto-preview')
    await noHorizontalScroll(page)
    await page.setViewportSize(WIDE)
    // The preview changed nothing.
    await page.reload()
    await settled(page)
    expect(await counter(page, 'stat-to-reconcile')).toBe(before)
    await page.getByTestId('dashboard-auto').click()
    await page.getByTestId('auto-confirm').click()
    await expect.poll(() => page.getByTestId('auto-result').innerText(), { timeout: 30_000 }).toBe(`${count} paiements rapprochés automatiquement, ${before - count} à traiter.`)
    await expect.poll(() => counter(page, 'stat-to-reconcile'), { timeout: 30_000 }).toBe(before - count)
    await shoot(page, '7-auto-applied')

    // The action page of "Tout rapprocher automatiquement" is the same two steps.
    await page.goto(`${host.base}/admin/resources/TransactionQonto/actions/rapprocherTout`)
    await expect.poll(() => page.getByTestId('auto-summary').innerText()).toBe('Aucun paiement ne peut être rapproché automatiquement sans ambiguïté.')
    await shoot(page, '8-auto-action-page')
    await page.close()
  })

  it('the transactions list filters "à rapprocher" and offers Associer on the row', async () => {
    const page = await host.newPage(WIDE)
    await host.login(page, ...MAUD)
    const toReconcile = await queueApi(page, 'perPage=1')
    await page.goto(`${host.base}/admin/resources/TransactionQonto?filters.aRapprocher=true`)
    await page.waitForSelector('table tbody tr')
    const links = page.getByTestId('list-associer')
    expect(await links.count()).toBe(await page.locator('table tbody tr').count())
    expect(await links.count()).toBeGreaterThanOrEqual(Math.min(10, toReconcile.total))
    await shoot(page, '9-list-to-reconcile')
    await links.first().click()
    await page.waitForURL(/\/associer$/)
    await page.waitForSelector('[data-testid=transaction-summary]')
    await page.close()
  })

  it('at 390 px: no horizontal scroll, names whole, buttons on screen; the accountant reads the reasons without buttons', async () => {
    for (const [who, name] of [[MAUD, 'maud'], [READER, 'comptable']] as const) {
      const page = await host.newPage(PHONE)
      await host.login(page, who[0], who[1])
      await settled(page)
      await noHorizontalScroll(page)
      // A payer name is never broken letter by letter: each word stays on one line.
      const names = await page.locator('.qr-payer strong').evaluateAll((elements) =>
        elements.map((e) => ({ text: e.textContent!, words: e.textContent!.split(/\s+/).length, lines: Math.round(e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight)) })),
      )
      expect(names.length).toBeGreaterThan(0)
      for (const name of names) expect(name.lines, name.text).toBeLessThanOrEqual(name.words)
      for (const button of await page.locator('[data-testid=payment-row] button, [data-testid=payment-row] a').all()) {
        const box = (await button.boundingBox())!
        expect(box.x).toBeGreaterThanOrEqual(0)
        expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width)
      }
      expect(await page.getByTestId('row-reasons').count()).toBeGreaterThan(0)
      await shoot(page, `10-dashboard-${name}`)
      // AdminJS scrolls inside its layout: the queue gets its own screenshots.
      await page.getByTestId('work-queue').scrollIntoViewIfNeeded()
      await page.screenshot({ path: join(SHOTS, `11-queue-${name}-390.png`) })
      await rows(page).nth(3).scrollIntoViewIfNeeded()
      await page.screenshot({ path: join(SHOTS, `11-queue-rows-${name}-390.png`) })
      await page.setViewportSize(WIDE)
      await shoot(page, `10-dashboard-${name}`)
      if (name === 'comptable') {
        expect(await page.getByTestId('dashboard-accept').count()).toBe(0)
        expect(await page.getByTestId('dashboard-check').count()).toBe(0)
        expect(await page.getByTestId('row-ignore').count()).toBe(0)
      }
      await page.close()
    }
  })

  it('every queue screen at 390 px as at 1440 px: filtered views from their address, the action pages, the list', async () => {
    const page = await host.newPage(PHONE)
    await host.login(page, ...MAUD)
    const screens: Array<[string, string, boolean]> = [
      ['12-queue-reconciled', '/admin?etat=rapproches', true],
      ['12-queue-payer', '/admin?etat=tous&payeur=lumiere', true],
      ['12-queue-amounts-days', '/admin?du=2026-11-20&au=2026-11-24&minCents=50000&maxCents=250000', true],
      ['12-auto-action-page', '/admin/resources/TransactionQonto/actions/rapprocherTout', false],
      ['12-list-to-reconcile', '/admin/resources/TransactionQonto?filters.aRapprocher=true', false],
    ]
    for (const [name, path, dashboard] of screens) {
      for (const viewport of [PHONE, WIDE]) {
        await page.setViewportSize(viewport)
        await page.goto(`${host.base}${path}`)
        await page.waitForLoadState('networkidle')
        if (dashboard) {
          await settled(page)
          if (viewport === PHONE) await noHorizontalScroll(page)
          await page.getByTestId('work-queue').scrollIntoViewIfNeeded()
          await page.screenshot({ path: join(SHOTS, `${name}-${viewport.width}.png`) })
        } else {
          await shoot(page, name)
        }
      }
    }
    // The address carries the filters: the form shows them in French.
    await page.goto(`${host.base}/admin?du=2026-11-20&minCents=50000`)
    await settled(page)
    expect(await page.getByTestId('filter-du').inputValue()).toBe('20/11/2026')
    expect(await page.getByTestId('filter-min').inputValue()).toBe('500,00')
    await page.close()
  })
})
