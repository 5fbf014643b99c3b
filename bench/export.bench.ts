/**
 * npm run bench:export — 100,000 payments in PostgreSQL, two shapes:
 *   A. every payment reconciled with one invoice (the export's worst case: one entry each);
 *   B. a real month-end mix: 60 % reconciled, 10 % explained without an invoice, 30 % unexplained,
 *      with debits in between and Qonto's settled balance on every movement.
 * Timed side by side in the same run: the FEC's first export (numbers every entry, in batches) next to
 * numbering in one go (the old way, on a wiped ledger: same numbers, peak memory compared), the next
 * export (reads the ledger), the CSV, all streamed to a null sink; the bank reconciliation statement
 * at a year-end and a mid-year date (aggregated in SQL), next to the naive way (load every payment
 * with its allocations through Prisma and add up in JavaScript). The bar: the statement on
 * 100,000 payments within 2 s and 200 MB. RSS is the process's; "+" is what the step added to it.
 */
import { Writable } from 'node:stream'
import { addDays, startOfDay } from '../src/domain/dates.js'
import { writeExport } from '../src/reconcile/export.service.js'
import { bringLedgerUpToDate } from '../src/reconcile/ledger.service.js'
import { reconciliationStatement } from '../src/reconcile/statement.service.js'
import { testContext } from '../test/helpers/app.js'
import { createTestDatabase, type TestDatabase } from '../test/helpers/databases.js'
import { seedBooks } from './books-data.js'

process.env.TEST_DATABASE_URL ??= 'postgresql://postgres@127.0.0.1:5432/postgres'
const PAYMENTS = Number(process.env.BENCH_PAYMENTS ?? 100_000)

const sink = () => new Writable({ write: (_chunk, _encoding, done) => done() })
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`

/** Runs `body`, sampling the RSS every 20 ms: seconds and peak RSS. */
async function measure<T>(body: () => Promise<T>): Promise<{ value: T; seconds: string; peak: string; before: string; grew: string }> {
  global.gc?.()
  const before = process.memoryUsage().rss
  let peak = before
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20)
  const start = performance.now()
  const value = await body()
  clearInterval(sampler)
  peak = Math.max(peak, process.memoryUsage().rss)
  return { value, seconds: ((performance.now() - start) / 1000).toFixed(2), peak: mb(peak), before: mb(before), grew: mb(peak - before) }
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
    // First, while the process is small: numbering every entry in batches, then the same in one go (the old way) on a wiped ledger.
    const first = await measure(() => writeExport(ctx, { format: 'fec', from: '2026-01-01', to: '2026-12-31' }, sink()))
    line(`FEC, first export (numbers in batches of 1000)`, first, `; ${first.value} entries`)
    const numbered = await db.sql.query(`SELECT count(*)::int AS n, max(numero) AS last FROM "qonto_ecritures"`)
    await db.sql.query(`DELETE FROM "qonto_ecritures"; DELETE FROM "qonto_sequences_ecritures"`)
    const oneGo = await measure(() => bringLedgerUpToDate(ctx, { batchSize: Infinity }))
    line(`numbering, naive (every entry built in one go)`, oneGo, `; ${oneGo.value.booked} entries`)
    const again = await db.sql.query(`SELECT count(*)::int AS n, max(numero) AS last FROM "qonto_ecritures"`)
    console.log(`  same numbers both ways: ${JSON.stringify(numbered[0]) === JSON.stringify(again[0]) ? 'yes' : 'NO'} (${JSON.stringify(again[0])})`)
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
