/**
 * Issue 22 in Debian's Chromium against the reference host's `start` on the demo month: Maud declines a
 * suggestion in Associer ("Ne plus proposer"), sees it listed and explained, restores it, switches
 * "ne pas apprendre" for the payer; after she confirms a payment for another client's invoice, the payer's
 * learned aliases are listed with where they came from and she forgets one ("Oublier"); the invoice page
 * shows the invoice's creditor reference (RF).
 * French only, no sideways scroll at 390 px, no console error, no third-party request; screenshots in
 * test-results/e2e/learning/.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assertNoEnglish, assertNoHorizontalScroll, guardPage } from './guards.js'
import { launchChromium, login, MAUD, ROOT, startPanel, type Panel } from './panel-server.js'

const SHOTS = join(ROOT, 'test-results', 'e2e', 'learning')
let panel: Panel
let browser: Browser

type ListRecord = { id: string; params: Record<string, string> }
async function records(page: Page, resource: string, query: string): Promise<ListRecord[]> {
  const response = await page.request.get(`${panel.base}/admin/api/resources/${resource}/actions/list?${query}`)
  return ((await response.json()) as { records: ListRecord[] }).records
}

describe('learning from Maud and creditor references, in the browser', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true })
    ;[panel, browser] = await Promise.all([startPanel({ AUTO_RECONCILE: 'off' }), launchChromium()])
  }, 240_000)
  afterAll(async () => {
    await browser?.close()
    await panel?.stop()
  })

  for (const width of [1440, 390]) {
    it(`declines, explains, restores and stops learning at ${width} px`, async () => {
      const page = await browser.newPage({ viewport: { width, height: 1000 } })
      const guard = guardPage(page, { base: panel.base })
      await login(page, panel.base, MAUD)
      const [payment] = await records(page, 'TransactionQonto', 'filters.reference=VIREMENT')
      await page.goto(`${panel.base}/admin/resources/TransactionQonto/records/${payment!.id}/associer`)
      await page.waitForSelector('[data-testid=suggestion]', { timeout: 60_000 })
      // Each suggestion's invoices, as its card names them ("FACT-2026-… (client)").
      const shown = async () => (await page.locator('[data-testid=suggestion]').allInnerTexts()).map((text) => text.split('\n').find((line) => /FACT-\d{4}-\d+ \(/.test(line))!)
      const first = (await shown())[0]!

      await page.getByTestId('decline-payment-0').click()
      await expect.poll(() => page.locator('[data-testid=declined]').count(), { timeout: 30_000 }).toBe(1)
      expect(await page.getByTestId('declined').innerText()).toMatch(/Écartée par maud@agence-glow\.fr le \d\d\/\d\d\/\d{4}, pour ce paiement\./)
      // The page stays full (the matcher is asked for a few more), without the declined one.
      expect(await shown()).not.toContain(first)
      await page.screenshot({ path: join(SHOTS, `declined-${width}.png`), fullPage: true })
      await assertNoEnglish(page)
      if (width === 390) await assertNoHorizontalScroll(page)

      await page.getByTestId('no-learning').click()
      await expect.poll(() => page.getByTestId('associer-done').innerText(), { timeout: 30_000 }).toContain("n'apprendra plus")
      await page.getByTestId('no-learning').click()
      await expect.poll(() => page.getByTestId('associer-done').innerText(), { timeout: 30_000 }).toContain('apprend de nouveau')

      await page.getByTestId('restore-declined').click()
      await expect.poll(async () => (await shown())[0], { timeout: 30_000 }).toBe(first)
      expect(await page.locator('[data-testid=declined]').count()).toBe(0)

      const [invoice] = await records(page, 'Document', 'filters.reference=FACT-2026-101')
      await page.goto(`${panel.base}/admin/resources/Document/records/${invoice!.id}/show`)
      await page.waitForSelector('[data-testid=invoice-creditor-reference]', { timeout: 60_000 })
      expect(await page.getByTestId('invoice-creditor-reference').innerText()).toMatch(/RF\d\d FACT 2026 101/)
      await page.screenshot({ path: join(SHOTS, `invoice-rf-${width}.png`), fullPage: true })
      await assertNoEnglish(page)
      if (width === 390) await assertNoHorizontalScroll(page)
      guard.assertClean()
      await page.close()
    }, 180_000)
  }

  it("lists what Maud's confirmation taught about a payer, where it came from, and forgets it at 390 px", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 1000 } })
    const guard = guardPage(page, { base: panel.base })
    await login(page, panel.base, MAUD)
    const associer = (id: string, body: object) => page.request.post(`${panel.base}/admin/api/resources/TransactionQonto/records/${id}/associer`, { data: { body: JSON.stringify(body) } })
    // A payment with a named payer, still open, and an open invoice of another client than the one it is read as.
    const payments = (await records(page, 'TransactionQonto', 'filters.reference=VIREMENT')).filter((p) => p.params.emetteur)
    const payment = payments[payments.length - 1]!
    const { clientId } = (await (await associer(payment.id, { op: 'suggest' })).json()) as { clientId: string | null }
    const clientOf = (d: ListRecord) => d.params.marqueId ?? d.params.marque
    const invoice = (await records(page, 'Document', 'filters.statut=ENVOYE&perPage=100')).find((d) => clientOf(d) && clientOf(d) !== clientId)!
    const confirmed = (await (await associer(payment.id, { op: 'associate', mode: 'MANUEL', allocations: [{ invoiceId: invoice.id, amountCents: 100 }], confirmed: true })).json()) as { ok?: boolean }
    expect(confirmed.ok).toBe(true)

    await page.goto(`${panel.base}/admin/resources/TransactionQonto/records/${payment.id}/associer`)
    await page.waitForSelector('[data-testid=learned]', { timeout: 60_000 })
    const learned = await page.locator('[data-testid=learned]').count()
    expect(learned).toBeGreaterThan(0)
    expect(await page.getByTestId('learned-list').innerText()).toMatch(/Appris de votre rapprochement du \d\d\/\d\d\/\d{4} \(.+, confirmé par maud@agence-glow\.fr\)\./)
    await page.screenshot({ path: join(SHOTS, 'learned-390.png'), fullPage: true })
    await assertNoEnglish(page)
    await assertNoHorizontalScroll(page)

    await page.getByTestId('forget-learned').first().click()
    await expect.poll(() => page.getByTestId('associer-done').innerText(), { timeout: 30_000 }).toContain("le rapprochement l'a oublié")
    await expect.poll(() => page.locator('[data-testid=learned]').count(), { timeout: 30_000 }).toBe(learned - 1)
    guard.assertClean()
    await page.close()
  }, 180_000)
})
