/**
 * Issue 20, "pages that open at once": the reference host (`npm start`, NODE_ENV=development) sends
 * AdminJS's production scripts, compressed, under hashed addresses the browser keeps, so the dashboard
 * costs under 3 MB of JavaScript the first time and none after. Timings are bench:bundle's business;
 * this checks the bytes, which do not depend on the machine's load.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { guardPage } from './guards.js'
import { networkMeter } from './network-meter.js'
import { launchChromium, MAUD, startPanel, type Panel } from './panel-server.js'

const MB = 1_000_000

describe('the panel\'s scripts (reference host, npm start)', () => {
  let panel: Panel
  let browser: Browser
  let context: BrowserContext
  let page: Page

  beforeAll(async () => {
    // The one end-to-end server started exactly as `npm start` on a new machine (empty database, watcher).
    panel = await startPanel({}, { asNpmStart: true })
    browser = await launchChromium()
    context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
    // Signed in without a page: the first page the browser loads is the dashboard, with an empty cache.
    const login = await context.request.post(`${panel.base}/admin/login`, { form: MAUD, maxRedirects: 0 })
    expect(login.status()).toBe(302)
    page = await context.newPage()
  })

  afterAll(async () => {
    await browser?.close()
    await panel?.stop()
  })

  async function openDashboard() {
    await page.goto('about:blank')
    meter.reset()
    await page.goto(`${panel.base}/admin`)
    await page.getByTestId('payment-row').first().waitFor({ timeout: 60_000 })
    await page.waitForLoadState('networkidle')
    return meter.read()
  }
  let meter: Awaited<ReturnType<typeof networkMeter>>

  it('sends the production scripts, compressed and cached for good: under 3 MB the first time, nothing after', async () => {
    const guard = guardPage(page, { base: panel.base })
    meter = await networkMeter(await context.newCDPSession(page))

    const cold = await openDashboard()
    expect(cold.jsRequests).toBe(4)
    expect(cold.jsWire).toBeLessThan(3 * MB)
    // AdminJS's development builds are 26 MB; its production ones and the minified components, about 3.5.
    expect(cold.jsDecoded).toBeLessThan(5 * MB)
    const sources = await page.locator('script[src]').evaluateAll((scripts) => scripts.map((s) => s.getAttribute('src')!))
    expect(sources).toHaveLength(4)
    for (const src of sources) expect(src).toMatch(/\/admin\/frontend\/assets\/[a-z-]+\.bundle\.js\?v=[0-9a-f]{16}$/)

    const warm = await openDashboard()
    expect(warm.jsRequests).toBe(4)
    expect(warm.jsFromNetwork).toBe(0)
    expect(warm.jsWire).toBe(0)
    guard.assertClean()
  })

  it('answers a script address without its hash, gzip-compressed, to be revalidated', async () => {
    const response = await fetch(`${panel.base}/admin/frontend/assets/app.bundle.js`, { headers: { 'Accept-Encoding': 'gzip' } })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-encoding')).toBe('gzip')
    expect(response.headers.get('cache-control')).toBe('no-cache')
    expect(Number(response.headers.get('content-length'))).toBeLessThan(0.3 * MB)
  })
})
