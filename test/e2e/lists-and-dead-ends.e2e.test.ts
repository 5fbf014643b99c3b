/**
 * Lists that read and no dead ends, in Chromium at 1440 and 390 px: the payments list as cards on a
 * phone (date · amount · payer · state) and on one line per value at 1440 px (no bank-account
 * column), the dashboard's cards as links (overdue invoices oldest due first, invoices), the
 * notifications read from the dashboard, no bulk action on a payment's page, an over-allocation
 * said in a sentence, a confirmation modal titled in French. Screenshots in test-results/e2e/lists/.
 */
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { assertNoEnglish, assertNoHorizontalScroll } from './guards.js'
import { ROOT, useHost } from './host.js'

const SHOTS = join(ROOT, 'test-results', 'e2e', 'lists')
const MAUD = ['maud@agence-glow.fr', 'demo-maud-2026'] as const
const WIDE = { width: 1440, height: 1000 }
const PHONE = { width: 390, height: 844 }
const env = useHost(SHOTS)
const shoot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}-${page.viewportSize()!.width}.png`), fullPage: true })
const ROW = '[data-css="TransactionQonto-table-row"]'

/** Each visible cell of the first payment row: its property, text, and whether it is on one line. */
const firstRowCells = (page: Page) =>
  page.locator(ROW).first().evaluate((row) =>
    Array.from(row.querySelectorAll('td[data-property-name]')).map((td) => {
      const cell = td as HTMLElement
      const style = getComputedStyle(cell)
      // The lines its text takes: the distinct tops of the text's boxes.
      const tops = new Set<number>()
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT)
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const range = document.createRange()
        range.selectNodeContents(node)
        for (const rect of Array.from(range.getClientRects())) if (rect.width > 0) tops.add(Math.round(rect.top))
      }
      const lines = tops.size
      return { name: cell.dataset.propertyName!, shown: style.display !== 'none', text: cell.innerText.trim(), lines, title: cell.querySelector('[title]')?.getAttribute('title') ?? null }
    }),
  )

describe('lists that read, and no dead ends', () => {
  it('the payments list: cards at 390 px, one line per value at 1440 px, no empty bank-account column', async () => {
    for (const viewport of [PHONE, WIDE]) {
      const page = await env.host.newPage(viewport)
      await env.host.login(page, ...MAUD)
      await page.goto(`${env.host.base}/admin/resources/TransactionQonto`)
      await page.waitForSelector(ROW)
      const cells = await firstRowCells(page)
      const shown = new Map(cells.filter((c) => c.shown).map((c) => [c.name, c]))
      for (const name of ['dateTransaction', 'montant', 'emetteur', 'statut']) expect(shown.get(name)?.text, `${name} at ${viewport.width} px`).toBeTruthy()
      expect(cells.some((c) => c.name === 'compteBancaireId')).toBe(false)
      if (viewport === WIDE) {
        for (const name of ['dateTransaction', 'montant', 'emetteur', 'reference', 'statut']) expect(shown.get(name)!.lines, `${name} on one line`).toBe(1)
        expect(shown.get('emetteur')!.title).toBe(shown.get('emetteur')!.text)
        expect(await page.locator('th').allInnerTexts()).not.toContain('Compte bancaire')
      } else {
        await assertNoHorizontalScroll(page)
      }
      await assertNoEnglish(page)
      await shoot(page, '1-transactions')
      await page.goto(`${env.host.base}/admin/resources/QontoEmailOutbox`)
      await page.waitForLoadState('networkidle')
      if (viewport === PHONE) await assertNoHorizontalScroll(page)
      await shoot(page, '2-emails')
      await page.close()
    }
  })

  it('the dashboard cards are links: overdue invoices oldest due first with what is owed; the notifications read from the counter', async () => {
    const page = await env.host.newPage(WIDE)
    await env.host.login(page, ...MAUD)
    expect(await page.getByTestId('stat-awaiting').getAttribute('href')).toMatch(/\/admin\/resources\/Document$/)
    await page.getByTestId('stat-overdue').click()
    await page.waitForSelector('[data-testid=overdue-invoice]')
    const owed = await page.getByTestId('overdue-owed').allInnerTexts()
    expect(owed.length).toBe(Number(await page.getByTestId('stat-overdue-count').innerText()))
    expect(owed.every((t) => /^reste dû \d/.test(t))).toBe(true)
    const days = (await page.getByTestId('overdue-invoice').allInnerTexts()).map((t) => Number(/\((\d+) jours? de retard\)/.exec(t)![1]))
    expect(days).toEqual([...days].sort((a, b) => b - a))
    await shoot(page, '3-overdue')

    // A bulk run (one summary notification), then the counter opens the list; "Tout marquer comme lu".
    const post = (body: object) => page.request.post(`${env.host.base}/admin/api/resources/TransactionQonto/actions/rapprocherTout`, { data: { body: JSON.stringify(body) } })
    const { preview } = await (await post({ preview: true })).json()
    expect((await (await post({ confirm: true, expectedCount: preview.count, expectedFingerprint: preview.fingerprint })).json()).ok).toBe(true)
    await page.reload()
    await page.getByTestId('unread-notifications-open').click()
    await page.waitForSelector('[data-testid=notification]')
    expect(await page.locator('[data-testid=notification][data-read=false]').filter({ hasText: 'Rapprochement automatique' }).count()).toBe(1)
    await shoot(page, '4-notifications')
    await page.getByTestId('notifications-read-all').click()
    await expect.poll(() => page.locator('[data-testid=notification][data-read=false]').count()).toBe(0)
    await page.reload()
    await page.waitForSelector('[data-testid=dashboard]')
    expect(await page.getByTestId('unread-notifications').count()).toBe(0)
    await page.close()
  })

  it("a payment's page offers no bulk action; an over-allocation is said in a sentence; the delete modal is titled in French", async () => {
    const page = await env.host.newPage(WIDE)
    await env.host.login(page, ...MAUD)
    const queue = (await (await page.request.get(`${env.host.base}/admin/api/resources/TransactionQonto/actions/fileRapprochement?perPage=100`)).json()).queue
    const payment = queue.items.find((i: { amountCents: number; best: unknown }) => i.amountCents >= 50_000)
    await page.goto(`${env.host.base}/admin/resources/TransactionQonto/records/${payment.id}/show`)
    await page.waitForSelector('[data-css="TransactionQonto-show-drawer-content"], section')
    await page.waitForLoadState('networkidle')
    expect(await page.getByText('Tout rapprocher automatiquement').count()).toBe(0)
    await page.goto(`${env.host.base}/admin/resources/TransactionQonto/records/${payment.id}/associer`)
    await page.waitForSelector('[data-testid=add-invoice]')
    expect(await page.getByText('Tout rapprocher automatiquement').count()).toBe(0)
    await page.getByTestId('add-invoice').first().click()
    await page.getByTestId('selection-amount').first().fill(String(Math.ceil(payment.amountCents / 100) + 275))
    const sentence = await page.getByTestId('over-allocation').innerText()
    expect(sentence).toMatch(/Vous affectez .* de plus que les .* qui restent sur ce paiement/)
    await shoot(page, '5-over-allocation')

    const paid = await (await page.request.get(`${env.host.base}/admin/api/resources/Document/actions/list?filters.statut=PAYE`)).json()
    await page.goto(`${env.host.base}/admin/resources/Document/records/${paid.records[0].id}/show`)
    await page.waitForLoadState('networkidle')
    const remove = page.locator('[data-testid=action-delete], button:has-text("Supprimer"), a:has-text("Supprimer")').first()
    await remove.click()
    await page.getByText('Voulez-vous vraiment supprimer cet élément ?').waitFor()
    expect(await page.locator('body').innerText()).not.toMatch(/\bConfirm\b/)
    expect(await page.getByText('Confirmation', { exact: true }).count()).toBe(1)
    await shoot(page, '6-delete-modal')
    await page.close()
  })
})
