/**
 * npm run bench:panel — with 100,000 transactions and 50,000 invoices, on PostgreSQL and on PGlite,
 * in two shapes of data (bench/panel-data.ts): the transactions list, the dashboard, the work queue
 * (first page, a late page, filters) and one transaction's suggestions, timed through the real HTTP
 * API (median and p95), next to the former way (a COUNT per state, the page matched at read time)
 * and the design note's naive way (load everything, filter in JS), in the same run.
 *
 * BENCH_DATABASES=postgresql,pglite  BENCH_SHAPES=mixed,backlog  BENCH_SAMPLES=20 (defaults).
 */
import request from 'supertest'
import { toCents } from '../src/domain/money.js'
import { dashboardStats, unreconciledCreditWhere } from '../src/reconcile/dashboard.service.js'
import { suggestionsForRows, TRANSACTION_SELECT } from '../src/reconcile/matching-data.service.js'
import { paymentCounts } from '../src/reconcile/payment-counts.service.js'
import { workQueue } from '../src/reconcile/work-queue.service.js'
import { ADMIN, createTestApp, loggedInAgent, testContext } from '../test/helpers/app.js'
import { createTestDatabase, type DatabaseKind } from '../test/helpers/databases.js'
import { PANEL_SHAPES, seedPanelData, timed, type PanelShape } from './panel-data.js'

process.env.TEST_DATABASE_URL ??= 'postgresql://postgres@127.0.0.1:5432/postgres'
const databases = (process.env.BENCH_DATABASES ?? 'postgresql,pglite').split(',') as DatabaseKind[]
const shapes = (process.env.BENCH_SHAPES ?? PANEL_SHAPES.join(',')).split(',') as PanelShape[]
const QUEUE = '/admin/api/resources/TransactionQonto/actions/fileRapprochement'
const summary: string[] = []

for (const kind of databases) {
  for (const shape of shapes) {
    console.log(`\n=== ${kind}, ${shape} ===`)
    const db = await createTestDatabase(kind)
    await seedPanelData(db, shape)
    const env = { NODE_ENV: 'test', LOG_LEVEL: 'silent' }
    const app = createTestApp(db, env)
    const ctx = testContext(db, env)
    const agent = await loggedInAgent(app.app, ADMIN)

    console.log('\nqonto-reconcile (through HTTP, logged in as the admin)')
    await timed('transactions list, page 1 (GET …/TransactionQonto/actions/list)', () => agent.get('/admin/api/resources/TransactionQonto/actions/list').expect(200))
    await timed('transactions list, page 500', () => agent.get('/admin/api/resources/TransactionQonto/actions/list?page=500').expect(200))
    // The first load after the payments arrived matches the page once and stores the best suggestions.
    const cold = performance.now()
    await agent.get('/admin/api/dashboard').expect(200)
    console.log(`  ${'dashboard, first load (matches and stores the first page)'.padEnd(62)} once   ${(performance.now() - cold).toFixed(0).padStart(5)} ms`)
    const dashboard = await timed('dashboard: counts + the queue\'s first page (20 with their best suggestion)', () => agent.get('/admin/api/dashboard').expect(200))
    const queue = await timed('work queue "à rapprocher", page 1 (oldest first, 20 + suggestions)', () => agent.get(QUEUE).expect(200))
    await timed('work queue "à rapprocher", page 3000 (late page, matched once)', () => agent.get(`${QUEUE}?page=3000`).expect(200))
    await timed('work queue "tous", page 1, 100 per page', () => agent.get(`${QUEUE}?etat=tous&perPage=100`).expect(200))
    await timed('work queue, filters: days + amounts + payer "client 42"', () =>
      agent.get(`${QUEUE}?du=2026-01-10&au=2026-02-20&minCents=100000&maxCents=600000&payeur=client%2042`).expect(200),
    )
    await timed('suggestions for one transaction (POST …/associer op=suggest)', () =>
      agent.post('/admin/api/resources/TransactionQonto/records/t12346/associer').send({ body: JSON.stringify({ op: 'suggest' }) }).expect(200),
    )

    console.log('\n  of which, service level:')
    await timed('  dashboard counts and sums (one aggregate)', () => dashboardStats(ctx))
    const counts = await timed('  the payments\' counts alone (one aggregate, FILTER clauses)', () => paymentCounts(ctx.prisma))
    await timed('  work queue page 1 (20 with their stored best suggestion)', () => workQueue(ctx, {}))

    console.log('\nformer way (a COUNT per state, the page matched at read time)')
    const formerCounts = await timed('  the payments\' counts: 6 COUNT / aggregate queries', () =>
      Promise.all([
        db.prisma.transactionQonto.aggregate({ where: unreconciledCreditWhere, _count: true, _sum: { montant: true, montantAlloue: true } }),
        db.prisma.transactionQonto.aggregate({ where: { sens: 'CREDIT', associe: true }, _count: true, _sum: { montant: true } }),
        db.prisma.transactionQonto.count({ where: { aVerifier: true } }),
        db.prisma.transactionQonto.aggregate({ where: { sens: 'CREDIT', statut: 'SETTLED', ignoreCategorie: { not: null } }, _count: true, _sum: { montant: true } }),
        db.prisma.transactionQonto.count({ where: { sens: 'CREDIT', statut: 'SETTLED' } }),
        db.prisma.transactionQonto.count({ where: { sens: 'CREDIT', statut: 'SETTLED', OR: [{ associe: true }, { ignoreCategorie: { not: null } }] } }),
      ]),
    )
    const firstPage = await db.prisma.transactionQonto.findMany({ where: unreconciledCreditWhere, orderBy: [{ dateTransaction: 'asc' }, { id: 'asc' }], take: 20, select: TRANSACTION_SELECT })
    const formerMatching = await timed('  the first page\'s 20 best suggestions matched at read time', () => suggestionsForRows(ctx, firstPage, { maxSuggestions: 1 }), 5)

    console.log('\ndesign note (load everything, filter in JS)')
    // Tens of seconds a run on PGlite: fewer samples there.
    const naiveSamples = kind === 'pglite' ? 1 : 3
    const naiveDashboard = await timed('/reconciliation data: every transaction + every open invoice', async () => {
      const transactions = await db.prisma.transactionQonto.findMany({ orderBy: { dateTransaction: 'desc' }, include: { facture: true } })
      const invoices = await db.prisma.document.findMany({ where: { type: 'FACTURE', statut: { in: ['ENVOYE', 'EN_ATTENTE'] } }, include: { marque: true } })
      const unmatched = transactions.filter((t) => !t.associe)
      return unmatched.slice(0, 15).map((t) => invoices.filter((i) => Math.abs(toCents(i.montantTTC) - toCents(t.montant)) < 100))
    }, naiveSamples)
    const naiveQueue = await timed('work queue the naive way: every transaction, filter, sort and page in JS', async () => {
      const transactions = await db.prisma.transactionQonto.findMany({ include: { facture: true } })
      const toReconcile = transactions.filter((t) => t.sens === 'CREDIT' && t.statut === 'SETTLED' && !t.associe && t.ignoreCategorie === null)
      toReconcile.sort((a, b) => a.dateTransaction.getTime() - b.dateTransaction.getTime())
      return { total: toReconcile.length, page: toReconcile.slice(0, 20) }
    }, naiveSamples)

    const ms = (t: { median: number }) => `${t.median.toFixed(0).padStart(6)} ms`
    summary.push(
      `${`${kind}, ${shape}`.padEnd(20)} dashboard ${ms(dashboard)} | queue p.1 ${ms(queue)} | counts ${ms(counts)} vs former ${ms(formerCounts)} | page's suggestions stored vs matched ${ms(formerMatching)} | naive: dashboard data ${ms(naiveDashboard)}, queue ${ms(naiveQueue)}`,
    )
    await app.close()
    await db.close()
  }
}

console.log('\nsummary (medians; target: dashboard and queue page 1 under 300 ms)')
for (const line of summary) console.log(`  ${line}`)
