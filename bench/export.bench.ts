/**
 * npm run bench:export — 100,000 payments in PostgreSQL, two shapes:
 *   A. every payment reconciled with one invoice (the export's worst case: one entry each);
 *   B. a real month-end mix: 60 % reconciled, 10 % explained without an invoice, 30 % unexplained,
 *      with debits in between and Qonto's settled balance on every movement.
 * Timed side by side in the same run: the CSV and the FEC (first export, which numbers every entry,
 * then a second one that only reads the ledger), streamed to a null sink; the bank reconciliation
 * statement at a date (aggregated in SQL), next to the naive way (load every payment with its
 * allocations through Prisma and add up in JavaScript). The bar: the statement on 100,000
 * payments within 2 s and 200 MB.
 */
import { Writable } from 'node:stream'
import { writeExport } from '../src/reconcile/export.service.js'
import { reconciliationStatement } from '../src/reconcile/statement.service.js'
import { testContext } from '../test/helpers/app.js'
import { createTestDatabase, type TestDatabase } from '../test/helpers/databases.js'

process.env.TEST_DATABASE_URL ??= 'postgresql://postgres@127.0.0.1:5432/postgres'
const PAYMENTS = Number(process.env.BENCH_PAYMENTS ?? 100_000)

const sink = () => new Writable({ write: (_chunk, _encoding, done) => done() })
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`

/** Runs `body`, sampling the RSS every 20 ms: seconds and peak RSS. */
async function measure<T>(body: () => Promise<T>): Promise<{ value: T; seconds: string; peak: string; before: string }> {
  global.gc?.()
  const before = process.memoryUsage().rss
  let peak = before
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20)
  const start = performance.now()
  const value = await body()
  clearInterval(sampler)
  peak = Math.max(peak, process.memoryUsage().rss)
  return { value, seconds: ((performance.now() - start) / 1000).toFixed(2), peak: mb(peak), before: mb(before) }
}

async function seed(db: TestDatabase, shape: 'A' | 'B') {
  await db.sql.query(`INSERT INTO qonto_bank_accounts (id, name, iban, main, reconcile, "updatedAt") VALUES ('acc', 'Compte principal', 'FR7616958000013234567890102', true, true, now())`)
  await db.sql.query(`INSERT INTO marques (id, nom, "updatedAt") SELECT 'c' || i, 'Client ' || i || ' SAS', now() FROM generate_series(1, 500) i`)
  // Shape B: i % 10 in 0..5 reconciled, 6 ignored, 7..9 unexplained; a debit every 7th movement.
  const reconciled = shape === 'A' ? 'true' : '(i % 10) < 6'
  await db.sql.query(`
    INSERT INTO documents (id, reference, type, "montantTTC", "montantPaye", statut, "dateEmission", "marqueId", "updatedAt")
    SELECT 'd' || i, 'FACT-2026-' || lpad(i::text, 6, '0'), 'FACTURE', (500 + (i % 40) * 250)::numeric,
           CASE WHEN ${reconciled} THEN (500 + (i % 40) * 250)::numeric ELSE 0 END, (CASE WHEN ${reconciled} THEN 'PAYE' ELSE 'ENVOYE' END)::"StatutDocument",
           date '2026-01-01', 'c' || (1 + i % 500), now()
    FROM generate_series(1, ${PAYMENTS}) i`)
  await db.sql.query(`
    WITH m AS (
      SELECT i, CASE WHEN ${shape === 'B' ? 'i % 7 = 0' : 'false'} THEN 'DEBIT' ELSE 'CREDIT' END AS sens, (500 + (i % 40) * 250)::bigint * 100 AS cents
      FROM generate_series(1, ${PAYMENTS}) i)
    INSERT INTO transactions_qonto (id, "qontoId", montant, "montantAlloue", reference, "dateTransaction", emetteur, statut, sens, "qontoUpdatedAt", associe,
                                    "ignoreCategorie", "compteBancaireId", metadata, "updatedAt")
    SELECT 't' || i, 'q' || i, cents / 100.0, CASE WHEN sens = 'CREDIT' AND ${reconciled} THEN cents / 100.0 ELSE 0 END, 'VIR FACT ' || i,
           timestamp '2026-01-01' + ((i * 5) || ' minutes')::interval, 'CLIENT ' || (1 + i % 500), 'SETTLED', sens::"QontoSens", now(),
           sens = 'CREDIT' AND ${reconciled}, CASE WHEN sens = 'CREDIT' AND ${shape === 'B' ? 'i % 10 = 6' : 'false'} THEN 'REMBOURSEMENT'::"QontoCategorieIgnore" END, 'acc',
           jsonb_build_object('settled_balance_cents', 1000000 + sum(CASE WHEN sens = 'CREDIT' THEN cents ELSE -cents END) OVER (ORDER BY i)), now()
    FROM m`)
  await db.sql.query(`
    INSERT INTO qonto_allocations (id, "transactionId", "factureId", montant, mode, "createdAt")
    SELECT 'a' || t.id, t.id, 'd' || substr(t.id, 2), t."montantAlloue", 'AUTOMATIQUE', t."dateTransaction" + interval '1 day'
    FROM transactions_qonto t WHERE t."montantAlloue" > 0`)
  await db.sql.query('ANALYZE')
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

console.log(`Exports and bank reconciliation statement on ${PAYMENTS.toLocaleString('fr-FR')} payments (PostgreSQL, this machine)`)
for (const shape of ['A', 'B'] as const) {
  const db = await createTestDatabase('postgresql')
  try {
    await seed(db, shape)
    const ctx = testContext(db)
    console.log(`\nShape ${shape}: ${shape === 'A' ? 'every payment reconciled' : '60 % reconciled, 10 % without invoice, 30 % unexplained, debits, settled balances'}`)
    const csv = await measure(() => writeExport(ctx, { format: 'csv', from: '2026-01-01', to: '2026-12-31' }, sink()))
    console.log(`  CSV (streamed)                               ${csv.value} payments in ${csv.seconds} s, RSS ${csv.before} → peak ${csv.peak}`)
    const first = await measure(() => writeExport(ctx, { format: 'fec', from: '2026-01-01', to: '2026-12-31' }, sink()))
    console.log(`  FEC, first export (numbers every entry)      ${first.value} entries in ${first.seconds} s, RSS ${first.before} → peak ${first.peak}`)
    const second = await measure(() => writeExport(ctx, { format: 'fec', from: '2026-01-01', to: '2026-12-31' }, sink()))
    console.log(`  FEC, next export (reads the ledger)          ${second.value} entries in ${second.seconds} s, RSS ${second.before} → peak ${second.peak}`)
    const date = '2026-12-31'
    const statement = await measure(() => reconciliationStatement(ctx, date))
    const a = statement.value.accounts[0]!
    console.log(`  statement at ${date} (SQL aggregates)      ${statement.seconds} s, RSS ${statement.before} → peak ${statement.peak}; balance ${a.bankBalanceCents}, ` +
      `reconciled ${a.reconciled.cents}, ignored ${a.ignored.cents}, unexplained ${a.unexplained.cents}, debits ${a.debits.cents}, gap ${a.gapCents}`)
    const aggregates = await measure(() => reconciliationStatement(ctx, date, { bookFirst: false }))
    console.log(`  statement, aggregates alone (ledger current) ${aggregates.seconds} s, RSS ${aggregates.before} → peak ${aggregates.peak}`)
    const end = new Date('2027-01-01T00:00:00+01:00')
    const naive = await measure(() => naiveStatement(db, end))
    const n = naive.value
    console.log(`  statement, naive (Prisma, sum in JS)         ${naive.seconds} s, RSS ${naive.before} → peak ${naive.peak}; balance ${n.balance}, ` +
      `reconciled ${n.reconciled}, ignored ${n.ignored}, unexplained ${n.unexplained}, debits ${n.debits} (${n.count} rows)`)
  } finally {
    await db.close()
  }
}
