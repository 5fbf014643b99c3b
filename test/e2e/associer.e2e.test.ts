/**
 * Associer in a real browser (playwright-core + Debian's Chromium) against the reference host's
 * `start` on the demo month: a low-confidence suggestion needs a confirmation, the next payment
 * opens afterwards, Dissocier within the grace period cancels the client e-mail ("E-mails clients"
 * shows it cancelled), a bank-fee write-off closes an invoice, a reconciled payment's Associer page
 * says so; a second server with EMAIL_GRACE_MINUTES=0 shows Dissocier after the e-mail left.
 * Every step is photographed at 1440 px and 390 px (test-results/e2e/associer/), with no horizontal
 * scroll at 390 px, no console error and no request to another host.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, MAUD, ROOT, startPanel, type Panel } from './panel-server.js'

const SHOTS = join(ROOT, 'test-results', 'e2e', 'associer')

/** The reference host's `npm start` on a fresh embedded database with the demo month, on a port the system gives it. */
const startServer = (env: Record<string, string> = {}) => startPanel({ AUTO_RECONCILE: 'off', ...env })

/** Console errors, page errors and requests to another host, per page (the shape of test/e2e/guards.ts). */
function guardPage(page: Page, base: string) {
  const own = new URL(base).host
  let problems: string[] = []
  page.on('console', (m) => void (m.type() === 'error' && problems.push(`console error on ${page.url()}: ${m.text()}`)))
  page.on('pageerror', (e) => problems.push(`page error on ${page.url()}: ${e.message}`))
  page.on('request', (r) => {
    const url = new URL(r.url())
    if (url.protocol.startsWith('http') && url.host !== own) problems.push(`request to ${r.url()}`)
  })
  return {
    assertClean(where: string) {
      const seen = problems
      problems = []
      expect(seen, where).toEqual([])
    },
  }
}

async function horizontalOverflow(page: Page): Promise<number> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  if (overflow > 0) {
    const culprits = await page.evaluate(() =>
      Array.from(document.querySelectorAll('body *'))
        .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
        .slice(0, 8)
        .map((e) => `${e.tagName}.${String((e as HTMLElement).className).slice(0, 60)} [${(e as HTMLElement).dataset.testid ?? ''}] ${Math.round(e.getBoundingClientRect().right)}: ${(e as HTMLElement).innerText?.slice(0, 60)}`),
    )
    console.log('wider than the screen:', culprits.join('\n'))
  }
  return overflow
}

/** Photographs the screen at 1440 px and at 390 px (where nothing may scroll sideways), then back to 1440 px. */
async function shoot(page: Page, name: string, focus?: string) {
  // AdminJS scrolls its own content box, not the document: the step's element is brought into view.
  const show = async () => {
    if (focus) await page.getByTestId(focus).first().evaluate((e) => e.scrollIntoView({ block: 'start' }))
  }
  await page.setViewportSize({ width: 1440, height: 1000 })
  await page.waitForTimeout(150)
  await show()
  await page.screenshot({ path: join(SHOTS, `${name}-1440.png`), fullPage: true })
  await page.setViewportSize({ width: 390, height: 844 })
  await page.waitForTimeout(250)
  expect(await horizontalOverflow(page), `${name}: horizontal scroll at 390 px`).toBeLessThanOrEqual(0)
  await show()
  await page.screenshot({ path: join(SHOTS, `${name}-390.png`), fullPage: true })
  await page.setViewportSize({ width: 1440, height: 1000 })
}

async function login(page: Page, base: string) {
  await page.goto(`${base}/admin/login`)
  await page.fill('input[name=email]', MAUD.email)
  await page.fill('input[name=password]', MAUD.password)
  await page.getByRole('button', { name: 'Se connecter' }).click()
  await page.waitForURL((url) => !url.pathname.endsWith('/login'))
}

/** The id of the demo payment with exactly this transfer reference. */
async function paymentId(page: Page, base: string, reference: string): Promise<string> {
  const response = await page.request.get(`${base}/admin/api/resources/TransactionQonto/actions/list?perPage=100&filters.reference=${encodeURIComponent(reference)}`)
  const records = (await response.json()).records as Array<{ id: string; params: { reference: string } }>
  return records.find((r) => r.params.reference === reference)!.id
}
const associer = (base: string, id: string) => `${base}/admin/resources/TransactionQonto/records/${id}/associer`
const remainingCents = async (page: Page, base: string, id: string) =>
  (await (await page.request.post(`${base}/admin/api/resources/TransactionQonto/records/${id}/associer`, { data: { body: JSON.stringify({ op: 'suggest' }) } })).json()).transaction.remainingCents as number

let browser: Browser
beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true })
  browser = await launchChromium()
})
afterAll(async () => browser?.close())

describe('Associer with the default grace period (10 minutes)', () => {
  let server: Panel
  let page: Page
  let guard: ReturnType<typeof guardPage>
  beforeAll(async () => {
    server = await startServer()
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } })
    await login(page, server.base)
    guard = guardPage(page, server.base)
  })
  afterAll(async () => {
    await page?.close()
    await server?.stop()
  })

  it('Maud checks a low-confidence guess: nothing is associated before she confirms, then the next payment opens', async () => {
    const { base } = server
    const id = await paymentId(page, base, 'VIREMENT')
    await page.goto(associer(base, id))
    const top = page.getByTestId('suggestion').first()
    await top.waitFor()
    expect(await top.getAttribute('data-tier')).not.toBe('SUR')
    expect(await top.getByTestId('confidence').innerText()).toMatch(/^(probable|à vérifier) · \d+ %$/)
    // Oldest open invoices are listed before any search.
    await expect.poll(() => page.getByTestId('search-result').count()).toBeGreaterThan(3)
    await shoot(page, '1-low-confidence')
    await shoot(page, '1b-oldest-open-invoices', 'search-results')

    await page.getByTestId('accept-suggestion-0').click()
    await page.getByTestId('confirm-panel').waitFor()
    const summary = await page.getByTestId('confirm-panel').innerText()
    expect(summary).toContain("Confirmer l'association")
    expect(summary).toMatch(/Le client recevra l'e-mail « Facture FACT-2026-\d+ réglée » à \S+@\S+ dans 10 min/)
    expect(await remainingCents(page, base, id)).toBe(150000)
    await shoot(page, '2-confirmation', 'confirm-panel')

    await page.getByTestId('confirm-association').click()
    await page.getByTestId('associer-done').waitFor()
    expect(await page.getByTestId('email-notice').innerText()).toMatch(/^Le client recevra « Facture FACT-2026-\d+ réglée » vers \d\d:\d\d ; Dissocier d'ici là l'annule\.$/)
    expect(await remainingCents(page, base, id)).toBe(0)
    await shoot(page, '3-associated-next-step', 'associer-done')

    await page.getByTestId('next-payment').click()
    await page.waitForURL((url) => url.pathname.endsWith('/associer') && !url.pathname.includes(id))
    await page.getByTestId('transaction-summary').waitFor()
    await shoot(page, '4-next-payment')
    guard.assertClean('low-confidence flow')
  })

  it('Dissocier within the grace period shows what it undoes, cancels the e-mail and says so; "E-mails clients" shows it cancelled', async () => {
    const { base } = server
    const id = await paymentId(page, base, 'VIREMENT')
    await page.goto(`${base}/admin/resources/TransactionQonto/records/${id}/dissocier`)
    const preview = page.getByTestId('dissocier-invoice').first()
    await preview.waitFor()
    expect(await preview.innerText()).toMatch(/1\s500,00\s€ affectés/)
    expect(await preview.innerText()).toMatch(/en attente jusqu'à \d\d:\d\d : Dissocier l'annule/)
    await shoot(page, '5-dissocier-preview', 'dissocier-preview')
    await page.getByTestId('run-action').click()
    await page.getByTestId('dissocier-done').waitFor()
    expect(await page.getByTestId('dissocier-email').innerText()).toMatch(/^L'e-mail « Facture FACT-2026-\d+ réglée » à .+ ne partira pas\.$/)
    await shoot(page, '6-dissocier-cancelled', 'dissocier-done')

    await page.goto(`${base}/admin/resources/QontoEmailOutbox`)
    await page.waitForSelector('table tbody tr')
    expect(await page.locator('table tbody tr').first().innerText()).toMatch(/Annulé le \d\d\/\d\d\/\d{4} à \d\d:\d\d par maud@agence-glow\.fr/)
    await shoot(page, '7-emails-clients')
    guard.assertClean('dissocier flow')
  })

  it('Maud closes an invoice 0,50 € short with a bank-fee difference', async () => {
    const { base } = server
    // First a part payment leaves FACT-2026-144 (3 250,00 €) with 1 500,50 € due.
    await page.goto(associer(base, await paymentId(page, base, 'Factures novembre')))
    await page.getByTestId('invoice-search').fill('FACT-2026-144')
    await page.getByTestId('invoice-search').press('Enter')
    await expect.poll(() => page.getByTestId('search-result').count()).toBe(1)
    await page.getByTestId('add-invoice').click()
    await page.getByTestId('selection-amount').fill('1749,50')
    await page.getByTestId('associate-selection').click()
    await page.getByTestId('confirm-association').click()
    await expect.poll(() => page.getByTestId('associer-done').innerText()).toContain('FACT-2026-144 (partiellement payée)')

    // Then the 1 500,00 € transfer closes it: 0,50 € of bank fees.
    const id = await paymentId(page, base, 'VIREMENT')
    await page.goto(associer(base, id))
    await page.getByTestId('invoice-search').fill('FACT-2026-144')
    await page.getByTestId('invoice-search').press('Enter')
    await expect.poll(() => page.getByTestId('search-result').count()).toBe(1)
    await page.getByTestId('add-invoice').click()
    await page.getByTestId('write-off-toggle').check()
    expect(await page.getByTestId('write-off').innerText()).toMatch(/Écart de 0,50\s€ passé en 627000 Frais bancaires/)
    await shoot(page, '8-write-off-offer', 'manual-selection')
    await page.getByTestId('associate-selection').click()
    expect(await page.getByTestId('confirm-write-off').innerText()).toMatch(/Écart de 0,50\s€ passé en 627000 Frais bancaires/)
    expect(await page.getByTestId('confirm-panel').innerText()).toContain('La facture sera soldée (payée).')
    await shoot(page, '9-write-off-confirmation', 'confirm-panel')
    await page.getByTestId('confirm-association').click()
    await expect.poll(() => page.getByTestId('associer-done').innerText()).toMatch(/FACT-2026-144 \(payée\)\. Écart de 0,50\s€ \(frais bancaires, compte 627000\) sur FACT-2026-144\./)
    await shoot(page, '10-write-off-done', 'associer-done')

    await page.goto(`${base}/admin/resources/Document?filters.reference=FACT-2026-144`)
    await expect.poll(() => page.locator('table tbody').innerText()).toContain('Payée')
    guard.assertClean('write-off flow')
  })

  it("the Associer address of a reconciled payment says it is reconciled, with its invoices, Dissocier and the next payment", async () => {
    const { base } = server
    await page.goto(associer(base, await paymentId(page, base, 'FACT 2026 103')))
    const block = page.getByTestId('already-reconciled')
    await block.waitFor()
    expect(await block.innerText()).toContain('Ce paiement est rapproché')
    expect(await block.innerText()).toContain('FACT-2026-103')
    expect(await block.getByTestId('go-dissocier').count()).toBe(1)
    expect(await block.getByTestId('next-payment').count()).toBe(1)
    expect(await page.locator('body').innerText()).not.toContain("n'a pas d'action")
    await shoot(page, '11-already-reconciled', 'already-reconciled')
    guard.assertClean('reconciled page')
  })
})

describe('Associer when client e-mails leave at once (EMAIL_GRACE_MINUTES=0)', () => {
  let server: Panel
  let page: Page
  beforeAll(async () => {
    server = await startServer({ EMAIL_GRACE_MINUTES: '0' })
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } })
    await login(page, server.base)
  })
  afterAll(async () => {
    await page?.close()
    await server?.stop()
  })

  it('after the e-mail left, Dissocier tells Maud when the client was told', async () => {
    const { base } = server
    const guard = guardPage(page, base)
    const id = await paymentId(page, base, 'FACT-2026-145')
    await page.goto(associer(base, id))
    const top = page.getByTestId('suggestion').first()
    await top.waitFor()
    expect(await top.getAttribute('data-tier')).toBe('SUR')
    await page.getByTestId('accept-suggestion-0').click()
    await page.getByTestId('associer-done').waitFor()
    await expect.poll(async () => {
      await page.goto(`${base}/admin/resources/QontoEmailOutbox`)
      await page.waitForSelector('table tbody tr')
      return page.locator('table tbody tr').first().innerText()
    }, { timeout: 30_000 }).toMatch(/Envoyé le/)

    await page.goto(`${base}/admin/resources/TransactionQonto/records/${id}/dissocier`)
    await expect.poll(() => page.getByTestId('dissocier-invoice').first().innerText()).toMatch(/envoyé à .+ le \d\d\/\d\d\/\d{4} à \d\d:\d\d/)
    await page.getByTestId('run-action').click()
    await page.getByTestId('dissocier-done').waitFor()
    expect(await page.getByTestId('dissocier-email').innerText()).toMatch(
      /^Le client a été prévenu le \d\d\/\d\d\/\d{4} à \d\d:\d\d que la facture FACT-2026-145 était réglée : prévenez-le de la correction\.$/,
    )
    await shoot(page, '12-dissocier-after-grace', 'dissocier-done')
    guard.assertClean('after the grace')
  })
})
