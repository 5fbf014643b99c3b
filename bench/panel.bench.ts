/**
 * npm run bench:panel — with 100,000 transactions and 50,000 invoices in PostgreSQL: the transactions
 * list page, the dashboard, the work queue (first page, a late page, filters) and one transaction's suggestions, timed through the real HTTP API
 * (median and p95 of 20 requests), next to the design note's way (load everything, filter in JS).
 */
import request from 'supertest'
import { toCents } from '../src/domain/money.js'
import { dashboardStats } from '../src/services/dashboard.service.js'
import { workQueue } from '../src/services/work-queue.service.js'
import { ADMIN, createTestApp, createTestUsers, loggedInAgent, testContext } from '../test/helpers/app.js'
import { createTestDatabase } from '../test/helpers/databases.js'

process.env.TEST_DATABASE_URL ??= 'postgresql://postgres@127.0.0.1:5432/postgres'
const TRANSACTIONS = 100_000
const INVOICES = 50_000
const CLIENTS = 500

const db = await createTestDatabase('postgresql')
await createTestUsers(db)
let start = performance.now()
await db.sql.query(`
  INSERT INTO marques (id, nom, ibans, "updatedAt")
  SELECT 'c' || i, 'Client ' || i || ' SAS', ARRAY['FR76' || lpad(i::text, 23, '0')], now() FROM generate_series(1, ${CLIENTS}) i`)
await db.sql.query(`
  INSERT INTO documents (id, reference, type, "montantTTC", "montantPaye", statut, "dateEmission", "dateEcheance", "marqueId", "updatedAt")
  SELECT 'd' || i, 'FACT-2026-' || lpad(i::text, 6, '0'), 'FACTURE', (500 + (i % 40) * 250)::numeric, 0,
         (CASE WHEN i % 3 = 0 THEN 'PAYE' ELSE 'ENVOYE' END)::"StatutDocument",
         date '2026-01-01' + (i % 300), date '2026-01-31' + (i % 300), 'c' || (1 + i % ${CLIENTS}), now()
  FROM generate_series(1, ${INVOICES}) i`)
await db.sql.query(`UPDATE documents SET "montantPaye" = "montantTTC" WHERE statut = 'PAYE'`)
await db.sql.query(`
  INSERT INTO transactions_qonto (id, "qontoId", montant, "montantAlloue", libelle, reference, "dateTransaction", emetteur, "emetteurIban",
                                  statut, sens, "qontoUpdatedAt", associe, "updatedAt")
  SELECT 't' || i, 'q' || i, (500 + (i % 40) * 250)::numeric, 0, 'CLIENT ' || (1 + i % ${CLIENTS}),
         CASE WHEN i % 2 = 0 THEN 'VIR FACT-2026-' || lpad((i % ${INVOICES} + 1)::text, 6, '0') ELSE 'Paiement' END,
         timestamp '2026-01-01' + (i || ' minutes')::interval, 'CLIENT ' || (1 + i % ${CLIENTS}) || ' SAS', 'FR76' || lpad((1 + i % ${CLIENTS})::text, 23, '0'),
         'SETTLED', (CASE WHEN i % 10 = 0 THEN 'DEBIT' ELSE 'CREDIT' END)::"QontoSens", now(), i % 4 = 0, now()
  FROM generate_series(1, ${TRANSACTIONS}) i`)
await db.sql.query(`UPDATE transactions_qonto SET "montantAlloue" = montant WHERE associe`)
await db.sql.query('ANALYZE')
console.log(`Seeded ${TRANSACTIONS} transactions, ${INVOICES} invoices, ${CLIENTS} clients in ${((performance.now() - start) / 1000).toFixed(1)} s`)

const env = { NODE_ENV: 'test', LOG_LEVEL: 'silent' }
const app = createTestApp(db, env)
const ctx = testContext(db, env)
const agent = await loggedInAgent(app.app, ADMIN)

async function timed(label: string, run: () => Promise<unknown>, times = 20): Promise<void> {
  await run()
  const samples: number[] = []
  for (let i = 0; i < times; i += 1) {
    const t = performance.now()
    await run()
    samples.push(performance.now() - t)
  }
  samples.sort((a, b) => a - b)
  const median = samples[Math.floor(times / 2)]!
  const p95 = samples[Math.floor(times * 0.95) - 1]!
  console.log(`  ${label.padEnd(62)} median ${median.toFixed(0).padStart(5)} ms   p95 ${p95.toFixed(0).padStart(5)} ms`)
}

const someCredit = 't12346'
console.log('\nqonto-reconcile (through HTTP, logged in as the admin)')
await timed('transactions list, page 1 (GET …/TransactionQonto/actions/list)', () => agent.get('/admin/api/resources/TransactionQonto/actions/list').expect(200))
await timed('transactions list, page 500', () => agent.get('/admin/api/resources/TransactionQonto/actions/list?page=500').expect(200))
await timed('dashboard: counts + the queue\'s first page (20 with their best suggestion)', () => agent.get('/admin/api/dashboard').expect(200))
const QUEUE = '/admin/api/resources/TransactionQonto/actions/fileRapprochement'
await timed('work queue "à rapprocher", page 1 (oldest first, 20 + suggestions)', () => agent.get(QUEUE).expect(200))
await timed('work queue "à rapprocher", page 3000 (late page)', () => agent.get(`${QUEUE}?page=3000`).expect(200))
await timed('work queue "tous", page 1, 100 per page', () => agent.get(`${QUEUE}?etat=tous&perPage=100`).expect(200))
await timed('work queue, filters: days + amounts + payer "client 42"', () =>
  agent.get(`${QUEUE}?du=2026-01-10&au=2026-02-20&minCents=100000&maxCents=600000&payeur=client%2042`).expect(200),
)
await timed('suggestions for one transaction (POST …/associer op=suggest)', () =>
  agent.post(`/admin/api/resources/TransactionQonto/records/${someCredit}/associer`).send({ body: JSON.stringify({ op: 'suggest' }) }).expect(200),
)

console.log('\n  of which, service level:')
await timed('  dashboard counts and sums (5 aggregates)', () => dashboardStats(ctx))
await timed('  work queue page 1 (20 with their best suggestion)', () => workQueue(ctx, {}))
await timed('  work queue page 3000, "rapprochés" (no suggestions)', () => workQueue(ctx, { etat: 'rapproches', page: 1000 }))

console.log('\ndesign note (load everything, filter in JS)')
await timed('/reconciliation data: every transaction + every open invoice', async () => {
  const transactions = await db.prisma.transactionQonto.findMany({ orderBy: { dateTransaction: 'desc' }, include: { facture: true } })
  const invoices = await db.prisma.document.findMany({ where: { type: 'FACTURE', statut: { in: ['ENVOYE', 'EN_ATTENTE'] } }, include: { marque: true } })
  const unmatched = transactions.filter((t) => !t.associe)
  return unmatched.slice(0, 15).map((t) => invoices.filter((i) => Math.abs(toCents(i.montantTTC) - toCents(t.montant)) < 100))
}, 3)
await timed('work queue the naive way: every transaction, filter, sort and page in JS', async () => {
  const transactions = await db.prisma.transactionQonto.findMany({ include: { facture: true } })
  const toReconcile = transactions.filter((t) => t.sens === 'CREDIT' && t.statut === 'SETTLED' && !t.associe && t.ignoreCategorie === null)
  toReconcile.sort((a, b) => a.dateTransaction.getTime() - b.dateTransaction.getTime())
  return { total: toReconcile.length, page: toReconcile.slice(59_980, 60_000) }
}, 3)

await app.close()
await db.close()
