/**
 * The reference host for end-to-end tests: the real `start` command on a fresh embedded database
 * with the demo month, Debian's Chromium through playwright-core, and a record of every host the
 * pages asked for (the panel must never call a third party).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'

export const ROOT = join(import.meta.dirname, '..', '..')
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']

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
  const port = 3400 + Math.floor(Math.random() * 500)
  const base = `http://127.0.0.1:${port}`
  const dataDir = mkdtempSync(join(tmpdir(), 'qr-e2e-'))
  const server: ChildProcess = spawn(process.execPath, ['--conditions=qonto-reconcile-source', '--import', 'tsx', join(ROOT, 'examples', 'src', 'cli.ts'), 'start'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'development', PORT: String(port), PGLITE_DIR: dataDir, LOG_LEVEL: 'warn', QONTO_SYNC_INTERVAL: '0', ADMIN_JS_TMP_DIR: join(dataDir, 'bundle') },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  await new Promise<void>((resolve, reject) => {
    let output = ''
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 150_000)
    server.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes('Back-office :')) {
        clearTimeout(timer)
        resolve()
      }
    })
    server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
    server.on('exit', (code) => reject(new Error(`server exited (${code}):\n${output}`)))
  })
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_FLAGS })
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
      server.kill('SIGTERM')
      await new Promise((resolve) => setTimeout(resolve, 500))
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
