/**
 * Issue 20 item 1: the reference back-office edits and creates its own records again, in a real
 * browser (AdminJS's forms send multipart/form-data): a client's known IBANs load into its edit form
 * and are saved with its new e-mail; an invoice is edited and another created; a save that fails
 * says so in French. Screenshots in test-results/e2e/host-records/.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assertNoEnglish, guardPage, type PageGuard } from './guards.js'
import { MAUD, ROOT, launchChromium, login, startPanel, type Panel } from './panel-server.js'

const SHOTS = join(ROOT, 'test-results', 'e2e', 'host-records')

let panel: Panel
let browser: Browser
let page: Page
let guard: PageGuard

/** The panel's own API, from the signed-in page (its cookie). */
async function api<T>(path: string): Promise<T> {
  return page.evaluate(async (url) => (await fetch(url)).json(), `${panel.base}${path}`) as Promise<T>
}

type RecordJson = { id: string; params: Record<string, unknown> }
const firstRecord = async (resource: string, query = '') =>
  (await api<{ records: RecordJson[] }>(`/admin/api/resources/${resource}/actions/list?perPage=1${query}`)).records[0]!
const recordOf = async (resource: string, id: string) => (await api<{ record: RecordJson }>(`/admin/api/resources/${resource}/records/${id}/show`)).record

async function save(): Promise<string> {
  await page.locator('form button[type=submit]').click()
  const notice = page.getByTestId('notice-wrapper').first()
  await page.waitForFunction(() => /Modifications enregistrées|Élément créé|échoué|erreur/i.test(document.body.innerText), undefined, { timeout: 30_000 })
  return (await notice.count()) ? notice.innerText() : page.evaluate(() => document.body.innerText)
}

describe('the reference back-office saves its records', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true })
    panel = await startPanel({ AUTO_RECONCILE: 'off' })
    browser = await launchChromium()
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } })
    guard = guardPage(page, { base: panel.base })
    await login(page, panel.base, MAUD)
  })
  afterAll(async () => {
    await browser?.close()
    await panel?.stop()
  })

  it('edits a client: its known IBANs are in the form, and the new e-mail and IBAN are saved', async () => {
    const client = await firstRecord('Marque')
    const known = client.params['ibans.0'] as string
    expect(known).toMatch(/^FR\d{2}/)
    await page.goto(`${panel.base}/admin/resources/Marque/records/${client.id}/edit`)
    const first = page.locator('input[name="ibans.0"]')
    await first.waitFor({ timeout: 60_000 })
    expect(await first.inputValue()).toBe(known)
    await page.screenshot({ path: join(SHOTS, 'client-edit-1440.png'), fullPage: true })
    await page.fill('input[name=emailContact]', 'nouvelle.adresse@client.fr')
    await page.getByRole('button', { name: 'Ajouter un élément' }).click()
    await page.fill('input[name="ibans.1"]', 'fr76 3000 6000 0112 3456 7890 189')
    expect(await save()).toContain('Modifications enregistrées')
    const saved = await recordOf('Marque', client.id)
    expect(saved.params.emailContact).toBe('nouvelle.adresse@client.fr')
    expect([saved.params['ibans.0'], saved.params['ibans.1']]).toEqual([known, 'FR7630006000011234567890189'])
    await assertNoEnglish(page)
    guard.assertClean('client edit')
  })

  it('edits an invoice and creates one', async () => {
    const invoice = await firstRecord('Document', '&filters.statut=ENVOYE')
    await page.goto(`${panel.base}/admin/resources/Document/records/${invoice.id}/edit`)
    await page.locator('input[name=reference]').waitFor({ timeout: 60_000 })
    await page.fill('input[name=reference]', `${invoice.params.reference as string}-B`)
    expect(await save()).toContain('Modifications enregistrées')
    expect((await recordOf('Document', invoice.id)).params.reference).toBe(`${invoice.params.reference as string}-B`)

    await page.goto(`${panel.base}/admin/resources/Document/actions/new`)
    await page.locator('input[name=reference]').waitFor({ timeout: 60_000 })
    await page.fill('input[name=reference]', 'FACT-E2E-001')
    await page.click('input[name=montantTTC]')
    await page.keyboard.type('1250,5')
    await page.fill('input[name=devise]', 'EUR')
    await page.getByTestId('property-edit-dateEmission').locator('input').first().click()
    await page.keyboard.type('20/11/2026')
    await page.keyboard.press('Escape')
    await page.screenshot({ path: join(SHOTS, 'invoice-new-1440.png'), fullPage: true })
    expect(await save()).toContain('Élément créé')
    const created = await firstRecord('Document', '&filters.reference=FACT-E2E-001')
    expect(created.params.montantTTC).toBe('1250.5')
    expect(String(created.params.dateEmission)).toMatch(/^2026-11-20/)
    await assertNoEnglish(page)
    guard.assertClean('invoice edit and new')
  })

  it('says in French when a save fails', async () => {
    const client = await firstRecord('Marque')
    await page.goto(`${panel.base}/admin/resources/Marque/records/${client.id}/edit`)
    await page.locator('input[name=nom]').waitFor({ timeout: 60_000 })
    // The server answers an error (as the 415 did): the form's toast must be French.
    await page.route('**/records/*/edit', (route) => (route.request().method() === 'POST' ? route.fulfill({ status: 500, body: 'Erreur interne' }) : route.continue()))
    guard.allow(/500|Internal Server Error/)
    const text = await save()
    await page.screenshot({ path: join(SHOTS, 'client-save-failed-1440.png') })
    expect(text).toContain('L’enregistrement a échoué')
    await assertNoEnglish(page)
    await page.unroute('**/records/*/edit')
  })
})
