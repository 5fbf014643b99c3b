/**
 * npm run bench:export — 100,000 payments in PostgreSQL, two shapes:
 *   A. every payment reconciled with one invoice (the export's worst case: one entry each);
 *   B. a real month-end mix: 60 % reconciled, 10 % explained without an invoice, 30 % unexplained,
 *      with debits in between and Qonto's settled balance on every movement.
 * Timed side by side in the same run: the FEC's first export (numbers every entry, in batches), then
 * the same numbering on a wiped ledger in a child process with a 200 MB heap, in batches and in one go
 * (the old way): which fits, and the numbers are the same; the next
 * export (reads the ledger), the CSV, all streamed to a null sink; the bank reconciliation statement
 * at a year-end and a mid-year date (aggregated in SQL), next to the naive way (load every payment
 * with its allocations through Prisma and add up in JavaScript). The issue's bar: the statement on
 * 100,000 payments within 2 s and 200 MB. RSS is the process's; "+" is what the step added to it.
 */
import { spawnSync } from 'node:child_process'
import { Writable } from 'node:stream'
import { addDays, startOfDay } from '../src/domain/dates.js'
import { writeExport } from '../src/reconcile/export.service.js'
import { bringLedgerUpToDate } from '../src/reconcile/ledger.service.js'
import { reconciliationStatement } from '../src/reconcile/statement.service.js'
import { testContext } from '../test/helpers/app.js'
import { createTestDatabase, type TestDatabase } from '../test/helpers/databases.js'
import { seedBooks } from './books-data.js'
import { sampleMemory } from './memory-sampler.js'

process.env.TEST_DATABASE_URL ??= 'postgresql://postgres@127.0.0.1:5432/postgres'
const PAYMENTS = Number(process.env.BENCH_PAYMENTS ?? 100_000)
const HEAP_LIMIT_MB = Number(process.env.BENCH_HEAP_MB ?? 200)

const sink = () => new Writable({ write: (_chunk, _encoding, done) => done() })
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`

/** Runs `body`, sampling the RSS every 20 ms: seconds and peak RSS. */
async function measure<T>(body: () => Promise<T>): Promise<{ value: T; seconds: string; peak: string; before: string; grew: string }> {
  global.gc?.()
  const before = process.memoryUsage().rss
  const stop = sampleMemory()
  const start = performance.now()
  const value = await body()
  const { rss } = stop()
  return { value, seconds: ((performance.now() - start) / 1000).toFixed(2), peak: mb(rss), before: mb(before), grew: mb(rss - before) }
}

/** The naive statement: every settled movement with its allocations through Prisma, added up in JavaScript. */
async function naiveStatement(db: TestDatabase, end: Date) {
  const all = await db.prisma.transactionQonto.findMany({ where: { statut: 'SETTLED', dateTransaction: { lt: end } }, include: { allocations: true } })
  let reconciled = 0
  let ignored = 0
  let unexplained = 0
  let debits = 0
  let last: { at: Date; balance: number } | null = null
  for (const t of all) {
    const cents = Math.round(Number(t.montant) * 100)
    const balance = (t.metadata as { settled_balance_cents?: number } | null)?.settled_balance_cents
    if (balance !== undefined && (!last || t.dateTransaction > last.at)) last = { at: t.dateTransaction, balance }
    if (t.sens === 'DEBIT') debits += cents
    else if (t.ignoreCategorie) ignored += cents
    else {
      const allocated = t.allocations.reduce((s, a) => s + Math.round(Number(a.montant) * 100), 0)
      reconciled += allocated
      unexplained += cents - allocated
    }
  }
  return { count: all.length, reconciled, ignored, unexplained, debits, balance: last?.balance ?? null }
}

const line = (label: string, m: { seconds: string; before: string; peak: string; grew: string }, extra = '') =>
  console.log(`  ${label.padEnd(52)} ${m.seconds.padStart(6)} s, RSS ${m.before} → peak ${m.peak} (+${m.grew})${extra}`)

console.log(`Exports and bank reconciliation statement on ${PAYMENTS.toLocaleString('fr-FR')} payments (PostgreSQL, this machine)`)
for (const shape of ['A', 'B'] as const) {
  const db = await createTestDatabase('postgresql')
  try {
    await seedBooks(db, shape, PAYMENTS)
    const ctx = testContext(db)
    console.log(`\nShape ${shape}: ${shape === 'A' ? 'every payment reconciled' : '60 % reconciled, 10 % without invoice, 30 % unexplained, debits, settled balances'}`)
    const first = await measure(() => writeExport(ctx, { format: 'fec', from: '2026-01-01', to: '2026-12-31' }, sink()))
    line(`FEC, first export (numbers in batches of 1000)`, first, `; ${first.value} entries`)
    const numbered = await db.sql.query(`SELECT count(*)::int AS n, max(numero) AS last FROM "qonto_ecritures"`)
    // The same numbering in a child process with a small heap, in batches and in one go (the old way): which one fits.
    for (const batch of ['1000', 'Infinity']) {
      const child = spawnSync(process.execPath, [`--max-old-space-size=${HEAP_LIMIT_MB}`, '--conditions=qonto-reconcile-source', '--import', 'tsx', 'bench/ledger-memory.ts', db.url!, batch], { encoding: 'utf8' })
      const result = child.status === 0 ? (JSON.parse(child.stdout.trim().split('\n').pop()!) as { booked: number; seconds: string; rss: number; heap: number }) : null
      console.log(`  numbering ${batch === 'Infinity' ? 'in one go (naive)  ' : 'in batches of 1000 '} with a ${HEAP_LIMIT_MB} MB heap: ` +
        (result ? `${result.booked} entries in ${result.seconds} s, peak heap ${result.heap} MB, peak RSS ${result.rss} MB` : `failed (${/heap out of memory/i.test(child.stderr) ? 'JavaScript heap out of memory' : `exit ${child.status}`})`))
    }
    // A child that ran out of heap rolled its transaction back: the ledger is numbered again here.
    if ((await db.sql.query(`SELECT count(*)::int AS n FROM "qonto_ecritures"`))[0]!.n === 0) await bringLedgerUpToDate(ctx)
    const again = await db.sql.query(`SELECT count(*)::int AS n, max(numero) AS last FROM "qonto_ecritures"`)
    console.log(`  same numbers every way: ${JSON.stringify(numbered[0]) === JSON.stringify(again[0]) ? 'yes' : 'NO'} (${JSON.stringify(again[0])})`)
    await db.sql.query('VACUUM ANALYZE "qonto_ecritures"')
    const second = await measure(() => writeExport(ctx, { format: 'fec', from: '2026-01-01', to: '2026-12-31' }, sink()))
    line(`FEC, next export (reads the ledger)`, second, `; ${second.value} entries`)
    for (const date of ['2026-12-31', '2026-06-30'] as const) {
      const statement = await measure(() => reconciliationStatement(ctx, date))
      const a = statement.value.accounts[0]!
      line(`statement at ${date} (SQL, ledger checked first)`, statement, `; balance ${a.bankBalanceCents}, ` +
        `reconciled ${a.reconciled.cents}, ignored ${a.ignored.cents}, unexplained ${a.unexplained.cents}, debits ${a.debits.cents}, gap ${a.gapCents}`)
      const aggregates = await measure(() => reconciliationStatement(ctx, date, { bookFirst: false }))
      line(`statement at ${date}, aggregates alone`, aggregates)
      const end = startOfDay(addDays(date, 1), ctx.timeZone)
      const naive = await measure(() => naiveStatement(db, end))
      const n = naive.value
      line(`statement at ${date}, naive (Prisma, sum in JS)`, naive, `; balance ${n.balance}, ` +
        `reconciled ${n.reconciled}, ignored ${n.ignored}, unexplained ${n.unexplained}, debits ${n.debits} (${n.count} rows)`)
    }
    const csv = await measure(() => writeExport(ctx, { format: 'csv', from: '2026-01-01', to: '2026-12-31' }, sink()))
    line(`CSV (streamed)`, csv, `; ${csv.value} payments`)
  } finally {
    await db.close()
  }
}
