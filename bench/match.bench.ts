/**
 * npm run bench:match — quality and speed of the matcher, side by side with:
 *  - the design note's rule as it is (suggests every invoice within 1 €, never applies anything);
 *  - a simple strong baseline (auto-apply on the full reference, or payer IBAN + exact amount).
 * On the generated labelled ledger and on the hand-written adversarial cases; then speed in-process
 * (20,000 payments × 40,000 open invoices, next to the naive loop) and of the whole `suggest` CLI.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { suggestMatches, type MatchResult } from '../src/domain/matching/index.js'
import { evaluateAdversarial, type AdversarialQuality } from './adversarial.js'
import { ambiguousTruths, designNoteRule, evaluate, runInBatches, simpleBaseline, type Matcher, type Quality } from './evaluate.js'
import { generateLedger, type LabelledPayment } from './ledger.js'
import { seedPage, seedSuggestions } from './naive.js'
import { generateShape, SHAPES, type ShapeName } from './shapes.js'

const { values: flags } = parseArgs({ options: { shapes: { type: 'string' }, 'speed-only': { type: 'boolean' } } })
const shapes = flags.shapes ? (flags.shapes.split(',') as ShapeName[]) : SHAPES
for (const shape of shapes) if (!SHAPES.includes(shape)) throw new Error(`unknown shape ${shape}; known: ${SHAPES.join(', ')}`)

const pct = (x: number) => `${(x * 100).toFixed(1)} %`
const engine: Matcher = (ledger, payments) => suggestMatches(ledger, payments)
const MATCHERS: Array<[string, Matcher]> = [['qonto-reconcile', engine], ["design note's 1 € rule", designNoteRule], ['simple baseline', simpleBaseline]]

function printQuality(title: string, q: Quality) {
  console.log(`  ${title.padEnd(24)} top-1 ${pct(q.top1).padStart(7)}   auto ${String(q.autoApplied).padStart(5)} (wrong ${q.autoApplied - q.autoCorrect})   precision ${pct(q.autoPrecision).padStart(7)}   coverage ${pct(q.autoCoverage).padStart(7)}`)
}
function printAdversarial(title: string, q: AdversarialQuality) {
  console.log(`  ${title.padEnd(24)} top-1 ${`${q.top1}/${q.withTop}`.padStart(6)} ${pct(q.top1 / q.withTop).padStart(7)}   auto ${String(q.autoApplied).padStart(3)} (wrong ${q.autoWrong})   coverage ${`${q.autoCorrect}/${q.autoAllowed}`.padStart(6)} ${pct(q.autoCorrect / q.autoAllowed).padStart(7)}`)
  if (q.wrongAutoCases.length > 0) console.log(`    wrong auto: ${q.wrongAutoCases.join(' | ')}`)
}

if (!flags['speed-only']) qualitySection()

function qualitySection() {
  const quality = generateLedger({ clients: 300, invoices: 6000, payments: 3000, seed: 7 })
  console.log(`Generated ledger: ${quality.clients.length} clients, ${quality.invoices.length} invoices, ${quality.payments.length} payments (seed 7)`)
  const results = new Map<string, Quality>()
  for (const [name, matcher] of MATCHERS) {
    const q = evaluate(quality.payments, runInBatches(quality, matcher))
    results.set(name, q)
    printQuality(name, q)
  }
  console.log('  by kind (qonto-reconcile):')
  for (const [kind, s] of Object.entries(results.get('qonto-reconcile')!.byKind).sort()) {
    console.log(`    ${kind.padEnd(16)} ${String(s.count).padStart(5)}  top-1 ${String(s.top1).padStart(5)}  auto ${String(s.auto).padStart(5)}  auto wrong ${s.autoWrong}`)
  }

  console.log('\nAdversarial hand-written cases (test/matching/adversarial-cases.ts):')
  for (const [name, matcher] of MATCHERS) printAdversarial(name, evaluateAdversarial(matcher))
}

const root = join(import.meta.dirname, '..')
assertDistFresh(root)
const dir = mkdtempSync(join(tmpdir(), 'qr-bench-'))
const rows: string[][] = []
console.log('\nSpeed on every shape (bench/shapes.ts): engine and simple baseline in-process, the whole CLI on the built package,')
console.log("the design note's loop as it is (bench/naive.ts). Quality columns: this one batch, truth of bench/shapes.ts.")
for (const shape of shapes) {
  const ledger = generateShape(shape)
  const ids = new Set(ledger.invoices.map((i) => i.id))
  const payments = ledger.payments.map((p) => p.payment)
  const matcherLedger = { clients: ledger.clients, invoices: ledger.invoices, history: ledger.history }
  suggestMatches({ ...matcherLedger, invoices: ledger.invoices.slice(0, 2000) }, payments.slice(0, 2000)) // warm-up
  const engineRuns: Timing[] = []
  let results: MatchResult[] = []
  for (let k = 0; k < 3; k += 1) engineRuns.push(timed(() => (results = suggestMatches(matcherLedger, payments))))
  const engine = medianTiming(engineRuns)
  let baselineResults: MatchResult[] = []
  const baseline = timed(() => (baselineResults = simpleBaseline(matcherLedger, payments)))
  const page = seedPage(ledger.clients, ledger.invoices, payments)
  const naive = timed(() => seedSuggestions(page))

  const inputFile = join(dir, `${shape}.json`)
  writeFileSync(inputFile, JSON.stringify({ clients: ledger.clients, invoices: ledger.invoices, history: ledger.history, transactions: payments }))
  const cli = runCli(root, inputFile)
  rmSync(inputFile)

  // Quality of this one batch, on the payments whose truth is in the ledger (the existing shape cuts its invoices).
  const kept = ledger.payments.map((p, i) => [p, i] as const).filter(([p]) => p.truth.every((t) => ids.has(t.invoiceId)))
  const q = (all: MatchResult[]) => evaluate(kept.map(([p]) => p as LabelledPayment), kept.map(([, i]) => all[i]!))
  const ours = q(results)
  const base = q(baselineResults)
  // Truths no matcher can know (another allocation of the payer fits exactly, nothing names either): counted apart.
  const ambiguous = ambiguousTruths(kept.map(([p]) => p), ledger.invoices)
  const clear = kept.filter((_, k) => !ambiguous.has(k))
  const qClear = (all: MatchResult[]) => evaluate(clear.map(([p]) => p), clear.map(([, i]) => all[i]!))
  rows.push([
    shape,
    `${payments.length}×${ledger.invoices.length}, ${ledger.clients.length} cl.`,
    both(engine),
    both(cli),
    `${cli.maxRss} MiB`,
    both(naive),
    `${ratio(naive.wallMs, cli.wallMs)} / ${ratio(naive.cpuMs, cli.cpuMs)}`,
    `${ratio(naive.wallMs, engine.wallMs)} / ${ratio(naive.cpuMs, engine.cpuMs)}`,
    both(baseline),
    `${pct(ours.top1)} / ${ours.autoApplied - ours.autoCorrect}`,
    `${pct(base.top1)} / ${base.autoApplied - base.autoCorrect}`,
    `${ambiguous.size}: ${pct(qClear(results).top1)} / ${pct(qClear(baselineResults).top1)}`,
  ])
  console.log(`  ${shape}: ${rows.at(-1)!.join(' | ')}\n    CLI phases ${cli.stats}`)
}
rmSync(dir, { recursive: true, force: true })
console.log('\nTimes are wall / CPU (user + system, every thread of the process: GC included); ratios likewise. On a shared,')
console.log('busy machine the wall time follows the load; the CPU time does not.')
printTable(['shape', 'size', 'engine', 'whole CLI', 'CLI max RSS', 'naive loop', 'naive/CLI', 'naive/engine', 'baseline', 'engine top-1 / wrong auto', 'baseline top-1 / wrong auto', 'ambiguous truths: top-1 without them (engine / baseline)'], rows)

interface Timing {
  wallMs: number
  cpuMs: number
}
function timed(run: () => unknown): Timing {
  const cpu = process.cpuUsage()
  const t0 = performance.now()
  run()
  const wallMs = performance.now() - t0
  const used = process.cpuUsage(cpu)
  return { wallMs, cpuMs: (used.user + used.system) / 1000 }
}
function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
}
function medianTiming(runs: Timing[]): Timing {
  return { wallMs: median(runs.map((r) => r.wallMs)), cpuMs: median(runs.map((r) => r.cpuMs)) }
}
function both({ wallMs, cpuMs }: Timing): string {
  return `${(wallMs / 1000).toFixed(2)} / ${(cpuMs / 1000).toFixed(2)} s`
}
function ratio(naiveMs: number, oursMs: number): string {
  return `${(naiveMs / oursMs).toFixed(1)}×`
}

/** The whole CLI as a host runs it: the bin on the built package, median wall time of 3 runs, with its own phases and peak memory. */
function runCli(cwd: string, inputFile: string): Timing & { maxRss: number; stats: string } {
  const runs: Timing[] = []
  let stats = ''
  for (let k = 0; k < 3; k += 1) {
    const t0 = performance.now()
    const child = spawnSync(process.execPath, [join(cwd, 'bin', 'qonto-reconcile.js'), 'suggest', '--input', inputFile], {
      cwd,
      env: { ...process.env, LOG_LEVEL: 'silent', QONTO_RECONCILE_STATS: '1' },
      maxBuffer: 1024 * 2 ** 20,
      encoding: 'utf8',
    })
    const wallMs = performance.now() - t0
    if (child.status !== 0) throw new Error(`suggest failed: ${child.stderr}`)
    stats = child.stderr.trim()
    runs.push({ wallMs, cpuMs: Number(/CPU (\d+) ms/.exec(stats)?.[1] ?? NaN) })
  }
  const maxRss = Number(/max RSS (\d+) MiB/.exec(stats)?.[1] ?? NaN)
  return { ...medianTiming(runs), maxRss, stats }
}

/** The CLI runs from dist/: refuse to time a build older than the sources. */
function assertDistFresh(rootDir: string): void {
  const newest = (path: string): number =>
    statSync(path).isDirectory() ? Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name)))) : statSync(path).mtimeMs
  const built = (() => {
    try {
      return statSync(join(rootDir, 'dist', 'cli', 'suggest.command.js')).mtimeMs
    } catch {
      return 0
    }
  })()
  if (built < newest(join(rootDir, 'src', 'domain')) || built < newest(join(rootDir, 'src', 'cli'))) {
    throw new Error('dist/ is older than src/: run `npm run build` first (the whole-CLI figures time the built package)')
  }
}

function printTable(header: string[], body: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)))
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`
  console.log(`\n${line(header)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`)
  for (const r of body) console.log(line(r))
}
