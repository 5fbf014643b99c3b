/**
 * npm run bench:panel — with 100,000 transactions and 50,000 invoices in PostgreSQL: the transactions
 * list page, the dashboard, the work queue (first page, a late page, filters) and one transaction's suggestions, timed through the real HTTP API
 * (median and p95 of 20 requests), next to the design note's way (load everything, filter in JS).
 */
import request from 'supertest'
import { toCents } from '../src/domain/money.js'
import { dashboardStats } from '../src/reconcile/dashboard.service.js'
import { workQueue } from '../src/reconcile/work-queue.service.js'
import { ADMIN, createTestApp, loggedInAgent, testContext } from '../test/helpers/app.js'
import { createTestDatabase } from '../test/helpers/databases.js'
import { seedPanelData, timed } from './panel-data.js'

process.env.TEST_DATABASE_URL ??= 'postgresql://postgres@127.0.0.1:5432/postgres'

const db = await createTestDatabase('postgresql')
await seedPanelData(db)

const env = { NODE_ENV: 'test', LOG_LEVEL: 'silent' }
const app = createTestApp(db, env)
const ctx = testContext(db, env)
const agent = await loggedInAgent(app.app, ADMIN)

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
