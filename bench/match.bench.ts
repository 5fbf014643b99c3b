/**
 * npm run bench:match — quality and speed of the matcher, side by side with:
 *  - the design note's rule as it is (suggests every invoice within 1 €, never applies anything);
 *  - a simple strong baseline (auto-apply on the full reference, or payer IBAN + exact amount).
 * On the generated labelled ledger and on the hand-written adversarial cases; then speed in-process
 * (20,000 payments × 40,000 open invoices, next to the naive loop) and of the whole `suggest` CLI.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { suggestMatches } from '../src/domain/matching/index.js'
import { evaluateAdversarial, type AdversarialQuality } from './adversarial.js'
import { designNoteRule, evaluate, runInBatches, simpleBaseline, type Matcher, type Quality } from './evaluate.js'
import { generateLedger } from './ledger.js'

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

const big = generateLedger({ clients: 2000, invoices: 60000, payments: 20000, seed: 11 })
const open = big.invoices.slice(0, 40000)
const payments = big.payments.map((p) => p.payment)
const bigLedger = { clients: big.clients, invoices: open, history: big.history }
suggestMatches({ ...bigLedger, invoices: open.slice(0, 2000) }, payments.slice(0, 2000)) // warm-up
const runs: number[] = []
for (let k = 0; k < 3; k += 1) {
  const start = performance.now()
  suggestMatches(bigLedger, payments)
  runs.push(performance.now() - start)
}
const oursMs = runs.sort((a, b) => a - b)[1]!
let start = performance.now()
designNoteRule(bigLedger, payments)
const naiveMs = performance.now() - start
const memory = process.memoryUsage()
console.log(`\nSpeed: ${payments.length} payments × ${open.length} open invoices, ${big.clients.length} clients`)
console.log(`  qonto-reconcile in-process (median of 3)     ${(oursMs / 1000).toFixed(2)} s`)
console.log(`  naive loop (1 € rule, payments × invoices)   ${(naiveMs / 1000).toFixed(2)} s   → ${(naiveMs / oursMs).toFixed(1)}× faster`)
console.log(`  bench process: heap used ${(memory.heapUsed / 2 ** 20).toFixed(0)} MiB, max RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`)

const dir = mkdtempSync(join(tmpdir(), 'qr-bench-'))
const inputFile = join(dir, 'input.json')
writeFileSync(inputFile, JSON.stringify({ clients: big.clients, invoices: open, history: big.history, transactions: payments }))
const root = join(import.meta.dirname, '..')
/** The whole CLI as a host runs it: the bin, on the built package (npm run build first; `npm ci` does it). */
const commands: Array<[string, string[]]> = [
  ['node bin/qonto-reconcile.js suggest --input FILE (dist)', [join(root, 'bin', 'qonto-reconcile.js'), 'suggest', '--input', inputFile]],
]
for (const [title, args] of commands) {
  const cliRuns: number[] = []
  let stats = ''
  for (let k = 0; k < 3; k += 1) {
    const t0 = performance.now()
    const child = spawnSync(process.execPath, args, {
      cwd: root,
      env: { ...process.env, LOG_LEVEL: 'silent', QONTO_RECONCILE_STATS: '1' },
      maxBuffer: 1024 * 2 ** 20,
      encoding: 'utf8',
    })
    cliRuns.push(performance.now() - t0)
    if (child.status !== 0) throw new Error(`suggest failed: ${child.stderr}`)
    stats = child.stderr.trim()
    if (k === 0) console.log(`  ${title}: ${(child.stdout.length / 2 ** 20).toFixed(1)} MiB of JSON, ${JSON.parse(child.stdout).results.length} results`)
  }
  console.log(`    whole CLI wall time (median of 3)   ${(cliRuns.sort((a, b) => a - b)[1]! / 1000).toFixed(2)} s`)
  console.log(`    phases of the last run: ${stats}`)
}
rmSync(dir, { recursive: true, force: true })
