/**
 * Issue 20: "Ignorer" was still offered in the Associer page's header on a payment just reconciled
 * (then refused by the server). A payment's pages offer only the actions its state allows, after
 * each step on the same page: Associer → Dissocier offered, no Ignorer nor Associer; Dissocier →
 * Associer and Ignorer again; Ignorer → Rétablir only; Rétablir → Associer and Ignorer. The work
 * queue offers "Ignorer" only where the server accepts it.
 */
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { guardPage, type PageGuard } from './guards.js'
import { launchChromium, login, MAUD, startPanel, type Panel } from './panel-server.js'

const RESOURCE = 'TransactionQonto'
/** The header's buttons, by action (AdminJS marks each with data-css="<resource>-<action>-button"). */
const offered = async (page: Page) => {
  const names = await page.locator(`[data-css$="-button"][data-css^="${RESOURCE}-"]`).evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-css')!))
  return names.map((name) => name.slice(RESOURCE.length + 1, -'-button'.length)).filter((name) => ['associer', 'ignorer', 'dissocier', 'retablir'].includes(name)).sort()
}

describe('a payment\'s pages offer only what its state allows, step after step', () => {
  let panel: Panel
  let browser: Browser
  let page: Page
  let guard: PageGuard
  beforeAll(async () => {
    panel = await startPanel({ AUTO_RECONCILE: 'off' })
    browser = await launchChromium()
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } })
    guard = guardPage(page, { base: panel.base })
    await login(page, panel.base, MAUD)
  }, 200_000)
  afterAll(async () => {
    await browser?.close()
    await panel?.stop()
  })

  const paymentId = async (reference: string) => {
    const response = await page.request.get(`${panel.base}/admin/api/resources/${RESOURCE}/actions/list?perPage=100&filters.reference=${encodeURIComponent(reference)}`)
    return ((await response.json()).records as Array<{ id: string; params: { reference: string } }>).find((r) => r.params.reference === reference)!.id
  }
  const open = async (id: string, action: string) => {
    await page.goto(`${panel.base}/admin/resources/${RESOURCE}/records/${id}/${action}`)
    await page.locator(`[data-css="${RESOURCE}-${action}-action-header"]`).waitFor()
  }

  it('Associer, then Dissocier, then Ignorer, then Rétablir: the header follows each step without reloading', async () => {
    const id = await paymentId('VIR SEPA FACT-2026-110 MERCI')
    await open(id, 'associer')
    await page.getByTestId('suggestion').first().waitFor()
    expect(await offered(page)).toEqual(['ignorer'])

    await page.getByTestId('accept-suggestion-0').click()
    await page.getByTestId('associer-done').waitFor()
    await expect.poll(() => offered(page)).toEqual(['dissocier'])

    await page.locator(`[data-css="${RESOURCE}-dissocier-button"]`).click()
    await page.getByTestId('dissocier-preview').waitFor()
    await page.getByTestId('run-action').click()
    await page.getByTestId('dissocier-done').waitFor()
    await expect.poll(() => offered(page)).toEqual(['associer', 'ignorer'])

    await page.locator(`[data-css="${RESOURCE}-ignorer-button"]`).click()
    await page.getByTestId('category-REMBOURSEMENT').check()
    await page.getByTestId('ignorer-submit').click()
    await page.getByTestId('ignorer-confirm-button').click()
    await page.getByTestId('ignorer-done').waitFor()
    await expect.poll(() => offered(page)).toEqual(['retablir'])

    await page.locator(`[data-css="${RESOURCE}-retablir-button"]`).click()
    await page.getByTestId('run-action').click()
    await expect.poll(async () => (await page.getByTestId('run-action-result').innerText()).length).toBeGreaterThan(0)
    await expect.poll(() => offered(page)).toEqual(['associer', 'ignorer'])
    guard.assertClean()
  })

  it('a partly reconciled payment is offered Associer and Dissocier, never Ignorer — on its page and in the queue', async () => {
    const id = await paymentId('VIR SEPA FACT-2026-110 MERCI')
    // Half of it to its invoice (POST as the page does).
    const suggest = await (await page.request.post(`${panel.base}/admin/api/resources/${RESOURCE}/records/${id}/associer`, { data: { body: JSON.stringify({ op: 'suggest' }) } })).json()
    const invoiceId = suggest.suggestions[0].allocations[0].invoiceId as string
    const half = Math.floor(suggest.transaction.remainingCents / 2)
    const answer = await (await page.request.post(`${panel.base}/admin/api/resources/${RESOURCE}/records/${id}/associer`, {
      data: { body: JSON.stringify({ op: 'associate', mode: 'MANUEL', allocations: [{ invoiceId, amountCents: half }], confirmed: true }) },
    })).json()
    expect(answer.ok).toBe(true)

    await open(id, 'associer')
    expect(await offered(page)).toEqual(['dissocier'])
    const queue = await (await page.request.get(`${panel.base}/admin/api/resources/${RESOURCE}/actions/fileRapprochement?perPage=100`)).json()
    const item = queue.queue.items.find((i: { id: string }) => i.id === id)
    expect(item.actions).toEqual({ associer: true, ignorer: false, retablir: false, dissocier: true })
    // The server refuses what is not offered.
    const refused = await (await page.request.post(`${panel.base}/admin/api/resources/${RESOURCE}/records/${id}/ignorer`, { data: { body: JSON.stringify({ category: 'REMBOURSEMENT', rule: 'AUCUNE' }) } })).json()
    expect(refused.ok).toBe(false)
    guard.assertClean()
  })
})
