/**
 * The reference host's real `start` command on an embedded database with the demo month, and
 * Debian's Chromium through playwright-core: what every end-to-end test of the panel starts from.
 *
 *   const panel = await startPanel()            // { base, stop() }
 *   const browser = await launchChromium()
 *   await login(page, panel.base, MAUD)
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { inject } from 'vitest'
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

/** What the end-to-end global setup prepared once (test/e2e/global-setup.ts). */
export interface PanelTemplate {
  /** An embedded database already migrated and seeded with the demo month, closed. */
  dataDir: string
  /** The components bundle AdminJS's watcher wrote for these sources. */
  bundleDir: string
  /** Written once both are there. */
  ready: string
  /** Written instead if the template's start failed: why. */
  failed: string
}

/** Waits for the run's template (built in the background by the global setup). */
async function templateReady(template: PanelTemplate): Promise<void> {
  const deadline = Date.now() + 300_000
  while (!existsSync(template.ready)) {
    if (existsSync(template.failed)) throw new Error(`the end-to-end template did not start: ${readFileSync(template.failed, 'utf8')}`)
    if (Date.now() > deadline) throw new Error('the end-to-end template was not ready after 5 minutes')
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

export interface StartPanelOptions {
  /**
   * Start exactly as `npm start` on a new machine: an empty embedded database (migrated and seeded by the
   * start) and AdminJS's watcher bundling the components. Otherwise the server starts on a copy of the
   * run's template database and serves the run's components bundle (AdminJS's ADMIN_JS_SKIP_BUNDLE), the
   * same `start` command doing everything else: about 6 s of CPU less per server.
   */
  asNpmStart?: boolean
}

/**
 * The server listens on a port the system picks (PORT=0) and says which. A server that must be told
 * its public URL before it starts is reached through a front (test/helpers/front.ts).
 */
export async function startPanel(env: NodeJS.ProcessEnv = {}, { asNpmStart = false }: StartPanelOptions = {}): Promise<Panel> {
  const dataDir = mkdtempSync(join(tmpdir(), 'qr-e2e-'))
  const template = asNpmStart ? undefined : inject('e2eTemplate')
  const PGLITE_DIR = join(dataDir, 'pglite')
  if (template) {
    await templateReady(template)
    cpSync(template.dataDir, PGLITE_DIR, { recursive: true })
  }
  const bundle = template ? { ADMIN_JS_TMP_DIR: template.bundleDir, ADMIN_JS_SKIP_BUNDLE: 'true' } : { ADMIN_JS_TMP_DIR: join(dataDir, 'bundle') }
  const server = await spawnPanel({ PGLITE_DIR, ...bundle, ...env })
  return {
    ...server,
    async stop() {
      await server.stop()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** The reference host's `npm start` (on the library's sources) in a child process, once its banner is out. */
export async function spawnPanel(env: NodeJS.ProcessEnv): Promise<Panel> {
  const server: ChildProcess = spawn(process.execPath, ['--conditions=qonto-reconcile-source', '--import', 'tsx', join(ROOT, 'examples', 'src', 'cli.ts'), 'start'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'development', PORT: '0', LOG_LEVEL: 'warn', QONTO_SYNC_INTERVAL: '0', ...env },
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

declare module 'vitest' {
  export interface ProvidedContext {
    /** Set by test/e2e/global-setup.ts. */
    e2eTemplate: PanelTemplate
  }
}
