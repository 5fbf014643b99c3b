/**
 * npm run bench:bundle — what a page of the panel costs the browser, and what a host's start spends
 * bundling components, before and after the panel's production bundles, side by side in one run.
 *
 * 1. Host start, component bundling (`admin.initialize()` with NODE_ENV=production, as a host calls it
 *    at every start), for the extension's components as they reach a host:
 *    - from the TypeScript sources (the reference host, or any host given .tsx);
 *    - as the package shipped them before: each file compiled alone (tsc's output, here by esbuild),
 *      installed under node_modules;
 *    - as the package ships them now: prebuilt at `npm run build` (dist/components), installed likewise.
 * 2. The reference host's `npm start` (NODE_ENV=development, demo data), in Chromium:
 *    - before: PANEL_BUNDLES=adminjs, AdminJS serving its own (development) scripts, as it did;
 *    - after: the default, production scripts compressed and cached under hashed addresses.
 *    For each: time to listen and to the components bundle, then the dashboard until usable (its
 *    queue's first row shown; of which the page and its scripts, until DOMContentLoaded, the rest
 *    being the dashboard's API calls and rendering) cold (empty cache, 3 runs) and warm (5 more
 *    navigations, same browser),
 *    with the JavaScript transferred (bytes on the wire, headers included, as DevTools counts them)
 *    and decoded.
 *
 * Needs `npm run build` first (dist/components). BENCH_RUNS=1 for a quick look.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'esbuild'
import { chromium, type Browser, type BrowserContext } from 'playwright-core'
import { networkMeter, type ScriptTraffic } from '../test/e2e/network-meter.js'
import { CHROMIUM_FLAGS, MAUD, ROOT } from '../test/e2e/panel-server.js'
import { announcedPort } from '../test/helpers/announced-port.js'

const COLD_RUNS = Number(process.env.BENCH_RUNS ?? 3)
const WARM_RUNS = COLD_RUNS === 1 ? 2 : 5
// Inside the repository (scratch/ is ignored): a host folder's tools (Babel's plugins) resolve from its parents' node_modules.
mkdirSync(join(ROOT, 'scratch'), { recursive: true })
const work = mkdtempSync(join(ROOT, 'scratch', 'bench-bundle-'))
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!
const mb = (bytes: number) => `${(bytes / 1_000_000).toFixed(2)} MB`
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`

if (!existsSync(join(ROOT, 'dist', 'components', 'Dashboard.js'))) throw new Error('bench:bundle: run `npm run build` first (dist/components)')

// ---------------------------------------------------------------------------------------------
// 1. Host start: component bundling

/** An installed copy of the package's component loader and components, under <work>/<name>/node_modules. */
async function installedLoader(name: string, components: 'prebuilt' | 'compiled-alone'): Promise<{ cwd: string; loader: string }> {
  const cwd = join(work, name)
  const dist = join(cwd, 'node_modules', 'qonto-reconcile', 'dist')
  mkdirSync(join(dist, 'admin'), { recursive: true })
  cpSync(join(ROOT, 'dist', 'admin', 'component-loader.js'), join(dist, 'admin', 'component-loader.js'))
  if (components === 'prebuilt') {
    cpSync(join(ROOT, 'dist', 'components'), join(dist, 'components'), { recursive: true })
  } else {
    // What tsc emitted before: every file on its own, JSX and types removed, imports kept.
    const sources = ['components', 'domain', 'i18n'].flatMap((dir) =>
      readdirSync(join(ROOT, 'src', dir), { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts')).map((f) => join(ROOT, 'src', dir, f)),
    )
    await build({ entryPoints: sources, outbase: join(ROOT, 'src'), outdir: dist, bundle: false, format: 'esm', target: 'es2022', jsx: 'transform', logLevel: 'error' })
    // Its npm imports resolve from the host's node_modules.
    symlinkSync(join(ROOT, 'node_modules', 'date-fns'), join(cwd, 'node_modules', 'date-fns'))
  }
  return { cwd, loader: join(dist, 'admin', 'component-loader.js') }
}

function bundleAtStart(cwd: string, loader: string, tmpDir: string): { ms: number; bytes: number } {
  // tsx by its address: the child runs from a host folder that does not have it.
  const output = execFileSync(process.execPath, ['--import', import.meta.resolve('tsx'), join(ROOT, 'bench', 'bundle-start.child.ts'), loader], {
    cwd,
    env: { ...process.env, ADMIN_JS_TMP_DIR: tmpDir },
    encoding: 'utf8',
    timeout: 600_000,
  })
  return JSON.parse(output.trim().split('\n').pop()!) as { ms: number; bytes: number }
}

console.log('\n1. Host start: bundling the components (admin.initialize(), NODE_ENV=production)')
const variants = [
  { label: "the host's own component alone (the floor)", cwd: ROOT, loader: 'none' },
  { label: 'TypeScript sources (reference host, .tsx through Babel)', ...{ cwd: ROOT, loader: join(ROOT, 'src', 'admin', 'component-loader.ts') } },
  { label: 'before: package files compiled one by one (tsc output), installed', ...(await installedLoader('compiled-alone', 'compiled-alone')) },
  { label: 'after: package components prebuilt at pack time, installed', ...(await installedLoader('prebuilt', 'prebuilt')) },
]
for (const variant of variants) {
  const runs = Array.from({ length: Math.min(COLD_RUNS, 2) }, (_, i) => bundleAtStart(variant.cwd, variant.loader, join(work, `bundle-${variants.indexOf(variant)}-${i}`)))
  console.log(`  ${variant.label.padEnd(62)} ${seconds(median(runs.map((r) => r.ms))).padStart(8)}   components bundle ${mb(runs[0]!.bytes)}`)
}

// ---------------------------------------------------------------------------------------------
// 2. The reference host in Chromium

interface Server { base: string; child: ChildProcess; listenMs: number; componentsMs: number; output: () => string }

async function startHost(env: NodeJS.ProcessEnv): Promise<Server> {
  const dataDir = mkdtempSync(join(work, 'host-'))
  const started = performance.now()
  const child = spawn(process.execPath, ['--conditions=qonto-reconcile-source', '--import', 'tsx', join(ROOT, 'examples', 'src', 'cli.ts'), 'start'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'development', PORT: '0', PGLITE_DIR: join(dataDir, 'db'), LOG_LEVEL: 'warn', QONTO_SYNC_INTERVAL: '0', ADMIN_JS_TMP_DIR: join(dataDir, 'bundle'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const until = async (done: () => boolean, what: string) => {
    while (!done()) {
      if (child.exitCode !== null) throw new Error(`host exited:\n${output}`)
      if (performance.now() - started > 600_000) throw new Error(`host: no ${what} after 10 min:\n${output}`)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    return performance.now() - started
  }
  const listenMs = await until(() => output.includes('Back-office :'), 'listening')
  const componentsMs = await until(() => existsSync(join(dataDir, 'bundle', 'bundle.js')) && output.includes('Finish bundling'), 'components bundle')
  // It listens on a port the system gave it (PORT=0), and says which.
  return { base: `http://127.0.0.1:${announcedPort(output)}`, child, listenMs, componentsMs, output: () => output }
}

async function stopHost(server: Server): Promise<void> {
  const exited = new Promise((resolve) => server.child.once('exit', resolve))
  server.child.kill('SIGTERM')
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 6000))])
}

interface Load extends ScriptTraffic {
  ms: number
  /** Navigation to DOMContentLoaded: the page and its four (blocking) scripts fetched and run. */
  scriptsMs: number
}

async function loggedInContext(browser: Browser, base: string): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
  const login = await context.request.post(`${base}/admin/login`, { form: MAUD, maxRedirects: 0 })
  if (login.status() !== 302) throw new Error(`login: HTTP ${login.status()}`)
  return context
}

/** From the navigation to the dashboard's queue showing its first payment. */
async function dashboard(context: BrowserContext, base: string, runs: number, fresh: boolean): Promise<Load[]> {
  const page = await context.newPage()
  const meter = await networkMeter(await context.newCDPSession(page))
  const loads: Load[] = []
  for (let i = 0; i < runs; i++) {
    await page.goto('about:blank')
    meter.reset()
    const started = performance.now()
    await page.goto(`${base}/admin`, { timeout: 300_000 })
    await page.locator('[data-testid=payment-row]').first().waitFor({ timeout: 300_000 })
    const ms = performance.now() - started
    await page.waitForLoadState('networkidle').catch(() => undefined)
    const scriptsMs = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd)
    loads.push({ ms, scriptsMs, ...meter.read() })
    if (fresh) break
  }
  await page.close()
  return loads
}

async function measure(label: string, env: NodeJS.ProcessEnv, browser: Browser) {
  const server = await startHost(env)
  try {
    // A first page outside the figures: AdminJS's development route and the page's own caches warm up as after any start.
    const cold: Load[] = []
    for (let i = 0; i < COLD_RUNS; i++) {
      const context = await loggedInContext(browser, server.base)
      cold.push(...(await dashboard(context, server.base, 1, true)))
      await context.close()
    }
    const context = await loggedInContext(browser, server.base)
    await dashboard(context, server.base, 1, true)
    const warm = await dashboard(context, server.base, WARM_RUNS, false)
    await context.close()
    return { label, listenMs: server.listenMs, componentsMs: server.componentsMs, cold, warm }
  } finally {
    await stopHost(server)
  }
}

console.log(`\n2. Reference host (npm start, demo data) in Chromium: dashboard until its queue shows (cold: empty cache, median of ${COLD_RUNS}; warm: median of ${WARM_RUNS})`)
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_FLAGS })
try {
  const results: Array<Awaited<ReturnType<typeof measure>>> = []
  for (const [label, env] of [
    ['before: AdminJS development scripts (PANEL_BUNDLES=adminjs)', { PANEL_BUNDLES: 'adminjs' }],
    ['after: production scripts, compressed, hashed + immutable', {}],
  ] as const) {
    results.push(await measure(label, env, browser))
  }
  const row = (cells: string[]) => console.log(`  ${cells[0]!.padEnd(30)}${cells.slice(1).map((c) => c.padStart(30)).join('')}`)
  row(['', ...results.map((r) => r.label.split(':')[0]!)])
  row(['start: listening', ...results.map((r) => seconds(r.listenMs))])
  row(['start: components bundled', ...results.map((r) => seconds(r.componentsMs))])
  for (const [name, pick] of [['cold', (r: (typeof results)[number]) => r.cold], ['warm', (r: (typeof results)[number]) => r.warm]] as const) {
    row([`${name}: time to usable`, ...results.map((r) => seconds(median(pick(r).map((l) => l.ms))))])
    row([`${name}:   of which scripts run`, ...results.map((r) => seconds(median(pick(r).map((l) => l.scriptsMs))))])
    row([`${name}: JS transferred`, ...results.map((r) => mb(median(pick(r).map((l) => l.jsWire))))])
    row([`${name}: JS decoded`, ...results.map((r) => mb(median(pick(r).map((l) => l.jsDecoded))))])
    row([`${name}: JS from network`, ...results.map((r) => `${median(pick(r).map((l) => l.jsFromNetwork))} of ${median(pick(r).map((l) => l.jsRequests))} scripts`)])
    row([`${name}: everything transferred`, ...results.map((r) => mb(median(pick(r).map((l) => l.allWire))))])
  }
  for (const r of results) console.log(`  ${r.label}`)
} finally {
  await browser.close()
  rmSync(work, { recursive: true, force: true })
}
