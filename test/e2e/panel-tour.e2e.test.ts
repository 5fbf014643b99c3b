/**
 * Every screen of the panel, as Maud (ADMIN) and as the read-only accountant, at 1440 px and 390 px:
 * no console error, no request to another host, no English UI string, no sideways scroll on a phone.
 * Screenshots in test-results/e2e/tour/ (look at them).
 */
import { appendFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signPayload } from '../../src/webhooks/signature.js'
import { assertNoEnglish, assertNoHorizontalScroll, guardPage, type PageGuard } from './guards.js'
import { ACCOUNTANT, launchChromium, login, MAUD, ROOT, startPanel, type Panel } from './panel-server.js'

const SHOTS = join(ROOT, 'test-results', 'e2e', 'tour')
const WIDTHS = [1440, 390] as const
const WEBHOOK_SECRET = 'whsec-tour-0123456789abcdef0123456789'

/** A new payment through the signed webhook, as Qonto sends it: the admins get a « Nouveau paiement » notification with its link. */
async function deliverPayment(): Promise<void> {
  const sample = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'qonto', 'webhook-v1-transactions.body.json'), 'utf8'))
  const body = JSON.stringify({ ...sample, id: `evt-tour-${Date.now()}`, data: { ...sample.data, id: `tx-tour-${Date.now()}`, amount: 1234.56, clean_counterparty_name: 'Atelier Verde' } })
  const t = Math.floor(Date.now() / 1000)
  const response = await fetch(`${panel.base}/api/webhooks/qonto`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Qonto-Signature': `t=${t},v1=${signPayload(WEBHOOK_SECRET, t, body)}` },
    body,
  })
  if (response.status !== 200) throw new Error(`webhook answered ${response.status}`)
}

let panel: Panel
let browser: Browser

interface Screen {
  name: string
  /** Opens the screen (and whatever it must show: the filter drawer, the date picker…). */
  open(page: Page): Promise<void>
}

/** One record id of a resource's list (optionally filtered), through AdminJS's own API. */
async function firstRecordId(page: Page, resourceId: string, query = ''): Promise<string> {
  const response = await page.request.get(`${panel.base}/admin/api/resources/${resourceId}/actions/list?perPage=1${query}`)
  const body = (await response.json()) as { records: Array<{ id: string }> }
  if (!body.records[0]) throw new Error(`no ${resourceId} record for ${query}`)
  return body.records[0].id
}

const settle = async (page: Page) => {
  // AdminJS fetches an action's data after the page itself (a busy machine may take a while: no failure here,
  // the checks below look at whatever is on the screen).
  await page.waitForLoadState('networkidle', { timeout: 20_000 }).catch(() => undefined)
  await page.waitForTimeout(300)
}

const goto = (path: string) => async (page: Page) => {
  await page.goto(`${panel.base}${path}`)
  await settle(page)
}

function screensFor(role: 'maud' | 'accountant', ids: { transaction: string; reconciled: string; allocation: string | null; audit: string | null; document: string; marque: string; notification: string | null }): Screen[] {
  const screens: Screen[] = [
    { name: 'dashboard', open: goto('/admin') },
    { name: 'page-rapprochement', open: goto('/admin/pages/rapprochement') },
    { name: 'transactions-list', open: goto('/admin/resources/TransactionQonto') },
    {
      name: 'transactions-filter',
      async open(page) {
        await goto('/admin/resources/TransactionQonto')(page)
        await page.locator('[data-css$=filter-button]').first().click()
        await page.waitForTimeout(400)
        // A select of the filter opened: its texts (react-select) must be French too.
        await page.locator('.adminjs_Select').first().click()
        await page.waitForTimeout(300)
      },
    },
    { name: 'transaction-show', open: goto(`/admin/resources/TransactionQonto/records/${ids.transaction}/show`) },
    { name: 'transaction-reconciled-show', open: goto(`/admin/resources/TransactionQonto/records/${ids.reconciled}/show`) },
    { name: 'associer-reconciled', open: goto(`/admin/resources/TransactionQonto/records/${ids.reconciled}/associer`) },
    { name: 'allocations-list', open: goto('/admin/resources/QontoAllocation') },
    ...(ids.allocation ? [{ name: 'allocation-show', open: goto(`/admin/resources/QontoAllocation/records/${ids.allocation}/show`) }] : []),
    { name: 'audit-list', open: goto('/admin/resources/QontoAuditLog') },
    ...(ids.audit ? [{ name: 'audit-show', open: goto(`/admin/resources/QontoAuditLog/records/${ids.audit}/show`) }] : []),
    { name: 'documents-list', open: goto('/admin/resources/Document') },
    { name: 'document-show', open: goto(`/admin/resources/Document/records/${ids.document}/show`) },
    { name: 'marques-list', open: goto('/admin/resources/Marque') },
    { name: 'marque-show', open: goto(`/admin/resources/Marque/records/${ids.marque}/show`) },
    { name: 'notifications-list', open: goto('/admin/resources/Notification') },
    ...(ids.notification
      ? [{
          name: 'notification-show',
          async open(page: Page) {
            await goto(`/admin/resources/Notification/records/${ids.notification}/show`)(page)
            // The notification's link is a link, to a page of this back-office.
            const href = await page.getByTestId('link-value').getAttribute('href')
            if (!href?.startsWith('/admin')) throw new Error(`the notification's link is not a link to the panel: ${href}`)
          },
        }]
      : []),
    {
      name: 'exporter-format-cleared',
      async open(page) {
        await goto('/admin/resources/TransactionQonto/actions/exporter')(page)
        await page.getByTestId('export-format').locator('[class*=control]').click()
        await page.keyboard.press('Backspace')
        await page.getByTestId('export-from').locator('input').fill('')
        await page.waitForTimeout(300)
      },
    },
  ]
  if (role === 'maud') {
    screens.push(
      {
        name: 'document-edit-datepicker',
        async open(page) {
          await goto(`/admin/resources/Document/records/${ids.document}/edit`)(page)
          await page.locator('.react-datepicker-wrapper input').first().click()
          await page.waitForSelector('.react-datepicker__month')
          await page.waitForTimeout(200)
        },
      },
      {
        name: 'document-edit-select',
        async open(page) {
          await goto(`/admin/resources/Document/records/${ids.document}/edit`)(page)
          // The client (a reference) select, opened and typed into: its search texts in French.
          const control = page.locator('.adminjs_Select').nth(1)
          await control.click()
          await page.keyboard.type('zzzz')
          await page.waitForTimeout(800)
        },
      },
      { name: 'users-list', open: goto('/admin/resources/User') },
    )
  } else {
    screens.push(
      // Forbidden for the read-only role: a page in words, not AdminJS's placeholders.
      { name: 'forbidden-associer', open: goto(`/admin/resources/TransactionQonto/records/${ids.transaction}/associer`) },
      { name: 'forbidden-document-edit', open: goto(`/admin/resources/Document/records/${ids.document}/edit`) },
      { name: 'forbidden-users', open: goto('/admin/resources/User') },
    )
  }
  return screens
}

async function tour(role: 'maud' | 'accountant', width: number): Promise<string[]> {
  const findings: string[] = []
  {
    const page = await browser.newPage({ viewport: { width, height: width > 800 ? 1000 : 844 } })
    const guard: PageGuard = guardPage(page, { base: panel.base })
    await page.goto(`${panel.base}/admin/login`)
    await page.screenshot({ path: join(SHOTS, `${role}-${width}-login.png`), fullPage: true })
    await assertNoEnglish(page).catch((error: Error) => findings.push(`${role} ${width}px login: ${error.message}`))
    await login(page, panel.base, role === 'maud' ? MAUD : ACCOUNTANT)
    const ids = {
      transaction: await firstRecordId(page, 'TransactionQonto', '&filters.associe=false&filters.sens=CREDIT'),
      reconciled: await firstRecordId(page, 'TransactionQonto', '&filters.associe=true'),
      allocation: await firstRecordId(page, 'QontoAllocation').catch(() => null),
      audit: await firstRecordId(page, 'QontoAuditLog').catch(() => null),
      document: await firstRecordId(page, 'Document', '&filters.statut=ENVOYE'),
      marque: await firstRecordId(page, 'Marque'),
      notification: await firstRecordId(page, 'Notification').catch(() => null),
    }
    for (const screen of screensFor(role, ids)) {
      const where = `${role} ${width}px ${screen.name}`
      try {
        await screen.open(page)
      } catch (error) {
        findings.push(`${where}: could not open: ${(error as Error).message.split('\n')[0]}`)
        appendFileSync(join(SHOTS, 'findings.txt'), `${where}: could not open: ${(error as Error).message.split('\n')[0]}\n`)
      }
      await page.screenshot({ path: join(SHOTS, `${role}-${width}-${screen.name}.png`), fullPage: true })
      for (const check of [
        () => guard.assertClean(where),
        () => assertNoEnglish(page),
        ...(width < 500 ? [() => assertNoHorizontalScroll(page)] : []),
      ]) {
        try {
          await check()
        } catch (error) {
          findings.push(`${where}: ${(error as Error).message}`)
          appendFileSync(join(SHOTS, 'findings.txt'), `${where}: ${(error as Error).message}\n`)
        }
      }
    }
    await page.close()
  }
  return findings
}

describe('a tour of every screen of the panel', () => {
  beforeAll(async () => {
    rmSync(SHOTS, { recursive: true, force: true })
    mkdirSync(SHOTS, { recursive: true })
    panel = await startPanel({ QONTO_WEBHOOK_SECRET: WEBHOOK_SECRET })
    browser = await launchChromium()
    await deliverPayment()
  })
  afterAll(async () => {
    await browser?.close()
    await panel?.stop()
  })

  for (const width of WIDTHS) {
    it(`Maud visits every screen at ${width} px: French only, no console error, nothing from another host${width < 500 ? ', no sideways scroll' : ''}`, async () => {
      expect(await tour('maud', width)).toEqual([])
    }, 300_000)

    it(`the read-only accountant visits every screen at ${width} px, forbidden ones included: French only, no console error, nothing from another host`, async () => {
      expect(await tour('accountant', width)).toEqual([])
    }, 300_000)
  }
})

describe('the guards themselves', () => {
  it('catch a console error, a third-party request, an English string, an unfilled placeholder and a sideways scroll', async () => {
    const chromium = await launchChromium()
    const page = await chromium.newPage({ viewport: { width: 390, height: 844 } })
    const guard = guardPage(page, { base: 'http://127.0.0.1:9' })
    await page.route('**/*', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<p>ok</p>' }))
    await page.goto('http://127.0.0.1:9/')
    await page.evaluate(() => {
      console.error('boom')
      document.body.innerHTML = '<p>Select...</p><p>Vous ne pouvez pas {{actionName}}</p><input placeholder="Search"><div style="width:800px">large</div>'
      void fetch('http://fonts.example.com/x.css').catch(() => undefined)
    })
    await page.waitForTimeout(300)
    expect(() => guard.assertClean()).toThrow(/console error.*boom[\s\S]*third-party host.*fonts\.example\.com/)
    await expect(assertNoEnglish(page)).rejects.toThrow(/« Select\.\.\. »[\s\S]*« Search »[\s\S]*« \{\{ »/)
    await expect(assertNoHorizontalScroll(page)).rejects.toThrow(/horizontal scroll/)
    // French text with words close to English ones passes.
    await page.evaluate(() => (document.body.innerHTML = '<p>Liste des factures — Filtrer — Nom — Annuler — Détail</p>'))
    await assertNoEnglish(page)
    await chromium.close()
  })
})
