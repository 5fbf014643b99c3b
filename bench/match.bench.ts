/**
 * npm run bench:match — quality of the matcher next to the design note's 1 € rule on a generated
 * labelled ledger, then speed: 20,000 payments against 40,000 open invoices, next to the naive loop.
 */
import { suggestMatches } from '../src/domain/matching/index.js'
import { evaluate, oneEuroRule, runInBatches, type Quality } from './evaluate.js'
import { generateLedger } from './ledger.js'

const pct = (x: number) => `${(x * 100).toFixed(1)} %`

function printQuality(title: string, q: Quality) {
  console.log(`${title.padEnd(22)} top-1 ${pct(q.top1).padStart(8)}   auto-apply precision ${pct(q.autoPrecision).padStart(8)}   coverage ${pct(q.autoCoverage).padStart(8)}   (${q.autoApplied} auto, ${q.autoApplied - q.autoCorrect} wrong)`)
}

const quality = generateLedger({ clients: 300, invoices: 6000, payments: 3000, seed: 7 })
const ours = evaluate(
  quality.payments,
  runInBatches(quality, (invoices, payments) => suggestMatches({ clients: quality.clients, invoices, history: quality.history }, payments)),
)
const naive = evaluate(quality.payments, runInBatches(quality, oneEuroRule))
console.log(`Quality: ${quality.clients.length} clients, ${quality.invoices.length} invoices, ${quality.payments.length} payments (seed 7)`)
printQuality('qonto-reconcile', ours)
printQuality('design note (1 € rule)', naive)
console.log('\nBy kind (qonto-reconcile):')
for (const [kind, s] of Object.entries(ours.byKind).sort()) {
  console.log(`  ${kind.padEnd(16)} ${String(s.count).padStart(5)}  top-1 ${String(s.top1).padStart(5)}  auto ${String(s.auto).padStart(5)}  auto wrong ${s.autoWrong}`)
}

const big = generateLedger({ clients: 2000, invoices: 60000, payments: 20000, seed: 11 })
const open = big.invoices.slice(0, 40000)
const payments = big.payments.map((p) => p.payment)
let start = performance.now()
suggestMatches({ clients: big.clients, invoices: open, history: big.history }, payments)
const oursMs = performance.now() - start
start = performance.now()
oneEuroRule(open, payments)
const naiveMs = performance.now() - start
console.log(`\nSpeed: ${payments.length} payments × ${open.length} open invoices`)
console.log(`  qonto-reconcile (indexed, full scoring)   ${(oursMs / 1000).toFixed(2)} s`)
console.log(`  naive loop (1 € rule, payments × invoices) ${(naiveMs / 1000).toFixed(2)} s`)
