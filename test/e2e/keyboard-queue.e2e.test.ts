/**
 * Maud clears her work queue from the keyboard only, on one page: a "probable" paid 1,50 € short
 * (open, "s" writes the gap off), "sûr" ones ("a"), payments that are not invoices ("i", a category
 * digit, "t" for a rule, Entrée), a "probable" to confirm (Entrée, Entrée), a payment split over two
 * invoices, and one undo ("u"). Keystrokes and page loads are counted; the server's state is checked
 * after. Then a multi-select of reviewed "probable" suggestions with a preview. Screenshots at 1440
 * and 390 px in test-results/e2e/keyboard/.
 */
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { assertNoEnglish, assertNoHorizontalScroll } from './guards.js'
import { ROOT, useHost } from './host.js'

const SHOTS = join(ROOT, 'test-results', 'e2e', 'keyboard')
const MAUD = ['maud@agence-glow.fr', 'demo-maud-2026'] as const
const WIDE = { width: 1440, height: 1000 }
const PHONE = { width: 390, height: 844 }

interface QueueItem { id: string; payer: string | null; amountCents: number; reconciled: boolean; ignoredCategory: string | null; invoices: string[]; best: { tier: string } | null }
async function queueApi(page: Page, query: string): Promise<{ total: number; items: QueueItem[] }> {
  const response = await page.request.get(`${env.host.base}/admin/api/resources/TransactionQonto/actions/fileRapprochement?${query}`)
  return (await response.json()).queue
}
async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}-${page.viewportSize()!.width}.png`), fullPage: true })
}
/** The payer of the row under the keyboard cursor. */
const activePayer = (page: Page) => page.locator('.qr-row-active .qr-payer').innerText()

/** Keys pressed, counted (a chord such as Shift+A is one keystroke). */
function keyboard(page: Page) {
  let count = 0
  return {
    get count() { return count },
    async press(...keys: string[]) {
      for (const key of keys) {
        count += 1
        await page.keyboard.press(key)
      }
    },
  }
}
/** Waits until the queue answered after an action (the done message changed, nothing busy). */
async function settledAfter(page: Page, previous: string | null): Promise<string> {
  await expect.poll(async () => {
    const text = await page.getByTestId('queue-done-message').innerText().catch(() => null)
    return text !== null && text !== previous
  }, { timeout: 30_000 }).toBe(true)
  await page.waitForLoadState('networkidle')
  return page.getByTestId('queue-done-message').innerText()
}

const env = useHost(SHOTS)

describe('Maud clears the queue from the keyboard', () => {

  it('ten mixed payments and one undo, keyboard only, without a page load', async () => {
    const page = await env.host.newPage(WIDE)
    await env.host.login(page, ...MAUD)
    await page.waitForSelector('[data-testid=payment-row]')
    let loads = 0
    page.on('framenavigated', (frame) => { if (frame === page.mainFrame()) loads += 1 })
    const keys = keyboard(page)
    const before = await queueApi(page, 'perPage=100')
    let done: string | null = null

    // The help lists the keys, from the same table the queue reads.
    await keys.press('?')
    await expect.poll(() => page.getByTestId('keys-help').innerText()).toContain('solder avec l’écart')
    await shoot(page, '1-help')
    await keys.press('Escape')

    // 1. CAFÉ OLYMPE 478,50 € for FACT-2026-114 (480,00 €): "probable" because of the 1,50 € gap, which it says.
    expect(await activePayer(page)).toBe('CAFÉ OLYMPE')
    expect(await page.locator('.qr-row-active [data-testid=not-sure-because]').innerText()).toMatch(/^\s*écart de 1,50\s€$/)
    await keys.press('Enter')
    await expect.poll(() => page.getByTestId('check-write-off').innerText()).toMatch(/Solder avec écart de 1,50\s€ \(627000 Frais bancaires\)/)
    await shoot(page, '2-write-off')
    await keys.press('s')
    done = await settledAfter(page, done)
    expect(done).toContain('FACT-2026-114 (payée)')
    expect(done).toMatch(/Écart de 1,50\s€/)

    // 2. GLOW 1 500,00 € "sûr": one key.
    expect(await activePayer(page)).toBe('GLOW COSMETICS SAS')
    await keys.press('a')
    done = await settledAfter(page, done)
    expect(done).toContain('FACT-2026-110')

    // 3. AMAZON: not an invoice, a refund (chip 1).
    expect(await activePayer(page)).toBe('AMAZON PAYMENTS EUROPE')
    await keys.press('i', '1')
    await expect.poll(() => page.getByTestId('ignore-chip-REMBOURSEMENT').getAttribute('aria-checked')).toBe('true')
    await shoot(page, '3-ignore')
    await keys.press('Enter')
    done = await settledAfter(page, done)
    expect(await page.getByTestId('queue-next-payment').innerText()).toContain('MAISON LUMIÈRE SARL')

    // 4. LUMIÈRE "sûr".
    await keys.press('a')
    done = await settledAfter(page, done)

    // 5. URSSAF: not an invoice, and always for this payer (the rule's sentence is shown once).
    expect(await activePayer(page)).toBe('URSSAF ILE DE FRANCE')
    await keys.press('i', '1', 't')
    await expect.poll(() => page.getByTestId('ignore-rule-sentence').count()).toBe(1)
    expect(await page.getByText('seront ignorés d\'office', { exact: false }).count()).toBe(1)
    await keys.press('Enter')
    done = await settledAfter(page, done)

    // 6. JARDINS DE SOPHIE "sûr" (IBAN-known payer, its only invoice of that amount).
    expect(await activePayer(page)).toBe('LES JARDINS DE SOPHIE')
    await keys.press('a')
    done = await settledAfter(page, done)

    // 7. ATELIER VERDE "sûr", then undone ("u": the client's e-mail is cancelled), then done again.
    expect(await activePayer(page)).toBe('ATELIER VERDE')
    await keys.press('a')
    done = await settledAfter(page, done)
    expect(await page.getByTestId('queue-undo').innerText()).toContain('Annuler')
    await shoot(page, '4-done-with-undo')
    await keys.press('u')
    done = await settledAfter(page, done)
    expect(done).toContain('Association annulée')
    expect(await activePayer(page)).toBe('ATELIER VERDE')
    await keys.press('a')
    done = await settledAfter(page, done)

    // 8. QONTO fees refund: not an invoice.
    expect(await activePayer(page)).toBe('QONTO')
    await keys.press('i', '1', 'Enter')
    done = await settledAfter(page, done)

    // 9. PIXEL ET PLUME "probable" (name only): open, read, Entrée confirms.
    expect(await activePayer(page)).toBe('PIXEL ET PLUME')
    await keys.press('Enter')
    await page.getByTestId('check-confirm').waitFor()
    await keys.press('Enter')
    done = await settledAfter(page, done)
    expect(done).toContain('FACT-2026-117')

    // 10. NORDIK "sûr"; then the transfer split over FACT-2026-120 and 121 (one payment, two invoices).
    expect(await activePayer(page)).toBe('NORDIK DESIGN SAS')
    await keys.press('a')
    done = await settledAfter(page, done)
    await keys.press('j')
    expect(await activePayer(page)).toBe('GLOW COSMETICS SAS')
    await keys.press('a')
    done = await settledAfter(page, done)
    expect(done).toMatch(/FACT-2026-120 \(payée\), FACT-2026-121 \(payée\)/)

    expect(loads, 'page loads during the whole run').toBe(0)
    console.log(`keyboard queue: ${keys.count} keystrokes, ${loads} page loads for 11 payments (10 kinds + one undo)`)
    expect(keys.count).toBeLessThanOrEqual(26)

    const after = await queueApi(page, 'etat=tous&perPage=100')
    const byPayer = (payer: string, amountCents: number) => after.items.find((i) => i.payer === payer && i.amountCents === amountCents)!
    expect(byPayer('CAFÉ OLYMPE', 47850)).toMatchObject({ reconciled: true, invoices: ['FACT-2026-114'] })
    expect(byPayer('AMAZON PAYMENTS EUROPE', 12999).ignoredCategory).toBe('REMBOURSEMENT')
    expect(byPayer('URSSAF ILE DE FRANCE', 350000).ignoredCategory).toBe('REMBOURSEMENT')
    expect(byPayer('ATELIER VERDE', 240000)).toMatchObject({ reconciled: true, invoices: ['FACT-2026-112'] })
    expect(byPayer('GLOW COSMETICS SAS', 127000)).toMatchObject({ reconciled: true, invoices: ['FACT-2026-120', 'FACT-2026-121'] })
    expect((await queueApi(page, '')).total).toBe(before.total - 11)
    const rules = await page.request.get(`${env.host.base}/admin/api/resources/QontoRegle/actions/list`)
    expect(JSON.stringify(await rules.json())).toContain('URSSAF ILE DE FRANCE')
    await assertNoEnglish(page)
    await shoot(page, '5-after')
    await page.close()
  })

  it('accepts reviewed "probable" suggestions together, after a preview, and never an "à vérifier" one', async () => {
    const page = await env.host.newPage(WIDE)
    await env.host.login(page, ...MAUD)
    await page.waitForSelector('[data-testid=payment-row]')
    const queue = await queueApi(page, 'perPage=100')
    const probable = queue.items.filter((i) => i.best?.tier === 'PROBABLE').slice(0, 2)
    expect(probable).toHaveLength(2)
    // Walk to each one with "j" and select it with "x".
    for (const target of probable) {
      for (let guard = 0; guard < 30 && (await page.locator('.qr-row-active').getAttribute('data-id')) !== target.id; guard += 1) await page.keyboard.press('j')
      await page.keyboard.press('x')
    }
    await expect.poll(() => page.getByTestId('queue-selection').innerText()).toContain('2 suggestions sélectionnées')
    await page.keyboard.press('Shift+A')
    await expect.poll(() => page.getByTestId('auto-summary').innerText()).toMatch(/^2 paiements, .* : leur suggestion vérifiée sera acceptée/)
    expect(await page.getByTestId('auto-item').count()).toBe(2)
    await shoot(page, '6-selection-preview')
    // Nothing applied before the confirmation.
    expect((await queueApi(page, 'perPage=100')).total).toBe(queue.total)
    await page.keyboard.press('Enter')
    await expect.poll(() => page.getByTestId('queue-done-message').innerText(), { timeout: 30_000 }).toBe('2 suggestions acceptées.')
    const after = await queueApi(page, 'etat=rapproches&perPage=100')
    for (const target of probable) expect(after.items.some((i) => i.id === target.id)).toBe(true)
    await page.close()
  })

  it('at 390 px the queue, its panels and the help fit the screen', async () => {
    const page = await env.host.newPage(PHONE)
    await env.host.login(page, ...MAUD)
    await page.waitForSelector('[data-testid=payment-row]')
    await page.keyboard.press('?')
    await page.keyboard.press('Enter')
    await page.waitForSelector('[data-testid=check-panel]')
    await assertNoHorizontalScroll(page)
    // The selected row's amount keeps clear of the row's edge and of its focus outline (3 px, inside).
    const gap = await page.locator('.qr-row-active').first().evaluate((row) => {
      const amount = row.querySelector('.qr-amount')!.getBoundingClientRect()
      return row.getBoundingClientRect().right - amount.right
    })
    expect(gap).toBeGreaterThanOrEqual(6)
    await shoot(page, '7-phone-check')
    await page.keyboard.press('Escape')
    await page.keyboard.press('i')
    await page.waitForSelector('[data-testid=ignore-panel]')
    await assertNoHorizontalScroll(page)
    await shoot(page, '8-phone-ignore')
    await page.close()
  })
})
