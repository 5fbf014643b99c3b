/**
 * The reference host for end-to-end tests: the real `start` command on a fresh embedded database
 * with the demo month, Debian's Chromium through playwright-core, and a record of every host the
 * pages asked for (the panel must never call a third party).
 */
import { mkdirSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect } from 'vitest'
import { launchChromium, startPanel } from './panel-server.js'

export { ROOT } from './panel-server.js'

export interface Host {
  base: string
  port: number
  browser: Browser
  requestedHosts: Set<string>
  /** Console errors and failed page scripts, per page. */
  errors: string[]
  newPage(viewport?: { width: number; height: number }): Promise<Page>
  login(page: Page, email: string, password: string): Promise<void>
  close(): Promise<void>
}

export async function startHost(): Promise<Host> {
  const panel = await startPanel()
  const { base, port } = panel
  const browser = await launchChromium()
  const requestedHosts = new Set<string>()
  const errors: string[] = []
  return {
    base,
    port,
    browser,
    requestedHosts,
    errors,
    async newPage(viewport = { width: 1440, height: 1000 }) {
      const page = await browser.newPage({ viewport })
      page.on('request', (r) => requestedHosts.add(new URL(r.url()).host))
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(`${page.url()}: ${message.text()}`)
      })
      page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`))
      return page
    },
    async login(page, email, password) {
      await page.goto(`${base}/admin/login`)
      await page.fill('input[name=email]', email)
      await page.fill('input[name=password]', password)
      await page.getByRole('button', { name: 'Se connecter' }).click()
      await page.waitForSelector('[data-testid=stat-to-reconcile-count]', { timeout: 60_000 })
    },
    async close() {
      await browser.close()
      await panel.stop()
    },
  }
}

/**
 * One reference host for a test file: started before its tests (screenshots folder created), and
 * after them checked (no request to another host, no console error but the login page's favicon
 * 404) and stopped.
 */
export function useHost(shots: string): { readonly host: Host } {
  let host: Host | undefined
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true })
    host = await startHost()
  })
  afterAll(async () => {
    if (!host) return
    expect([...host.requestedHosts]).toEqual([`127.0.0.1:${host.port}`])
    expect(host.errors.filter((e) => !/\/admin\/login: Failed to load resource: .* 404/.test(e))).toEqual([])
    await host.close()
  })
  return {
    get host() {
      if (!host) throw new Error('the host is not started yet')
      return host
    },
  }
}
