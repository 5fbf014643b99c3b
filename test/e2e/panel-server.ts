/**
 * The reference host's real `start` command on a fresh embedded database with the demo month, and
 * Debian's Chromium through playwright-core: what every end-to-end test of the panel starts from.
 *
 *   const panel = await startPanel()            // { base, stop() }
 *   const browser = await launchChromium()
 *   await login(page, panel.base, MAUD)
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { announcedPort } from '../helpers/announced-port.js'

export const ROOT = join(import.meta.dirname, '..', '..')
export const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']

export const MAUD = { email: 'maud@agence-glow.fr', password: 'demo-maud-2026' }
export const ACCOUNTANT = { email: 'comptable@agence-glow.fr', password: 'demo-lecture-2026' }

export interface Panel {
  base: string
  port: number
  /** Everything the server wrote so far (stdout and stderr). */
  output(): string
  stop(): Promise<void>
}

/**
 * The server listens on a port the system picks (PORT=0) and says which. A server that must be told
 * its public URL before it starts is reached through a front (test/helpers/front.ts).
 */
export async function startPanel(env: NodeJS.ProcessEnv = {}): Promise<Panel> {
  const dataDir = mkdtempSync(join(tmpdir(), 'qr-e2e-'))
  // The reference host's `npm start`, on the library's sources.
  const server: ChildProcess = spawn(process.execPath, ['--conditions=qonto-reconcile-source', '--import', 'tsx', join(ROOT, 'examples', 'src', 'cli.ts'), 'start'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'development', PORT: '0', PGLITE_DIR: dataDir, LOG_LEVEL: 'warn', QONTO_SYNC_INTERVAL: '0', ADMIN_JS_TMP_DIR: join(dataDir, 'bundle'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  server.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 170_000)
    const onData = () => {
      if (output.includes('Back-office :')) {
        clearTimeout(timer)
        resolve()
      }
    }
    server.stdout!.on('data', onData)
    server.on('exit', (code) => reject(new Error(`server exited (${code}):\n${output}`)))
  })
  const listening = announcedPort(output)
  return {
    base: `http://127.0.0.1:${listening}`,
    port: listening,
    output: () => output,
    async stop() {
      const exited = new Promise((resolve) => server.once('exit', resolve))
      server.kill('SIGTERM')
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 6000))])
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_FLAGS })
}

/** Signs in through the login form and waits for the panel (the sidebar) to be there. */
export async function login(page: Page, base: string, user: { email: string; password: string }): Promise<void> {
  await page.goto(`${base}/admin/login`)
  await page.fill('input[name=email]', user.email)
  await page.fill('input[name=password]', user.password)
  await page.getByRole('button', { name: 'Se connecter' }).click()
  await page.waitForURL((url) => !url.pathname.endsWith('/login'), { timeout: 60_000 })
  await page.waitForSelector('[data-css=sidebar], section[data-css], nav', { timeout: 60_000 })
}
