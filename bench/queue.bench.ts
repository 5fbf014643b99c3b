/**
 * npm run bench:queue — the work queue's suggestions on the panel data (100,000 transactions, 50,000
 * invoices, PostgreSQL): a page of 20 and of 100 the way it is done (one history query for the page's
 * payers, one candidates query for the page) next to the former per-row way (a history query and a
 * candidates query per payment, all at once), then the whole queue page through the service.
 */
import { buildLedgerIndex, extractReferenceKeys, suggestMatches } from '../src/domain/matching/index.js'
import { resolveClient } from '../src/domain/matching/client-resolution.js'
import type { ReconciliationContext } from '../src/context.js'
import { loadClients, loadHistory, suggestionsForRows, toInvoice, toPayment, TRANSACTION_SELECT, type TransactionRow } from '../src/reconcile/matching-data.service.js'
import { unreconciledCreditWhere } from '../src/reconcile/dashboard.service.js'
import { workQueue } from '../src/reconcile/work-queue.service.js'
import { testContext } from '../test/helpers/app.js'
import { createTestDatabase } from '../test/helpers/databases.js'
import { seedPanelData, timed } from './panel-data.js'

process.env.TEST_DATABASE_URL ??= 'postgresql://postgres@127.0.0.1:5432/postgres'
const db = await createTestDatabase('postgresql')
await seedPanelData(db)
const ctx = testContext(db, { NODE_ENV: 'test', LOG_LEVEL: 'silent' })

/** The former path: per payment, its payer's history then its candidates, every payment at once. */
async function perRow(ctx: ReconciliationContext, rows: TransactionRow[]) {
  const clients = await loadClients(ctx)
  return Promise.all(
    rows.map(async (row) => {
      const payment = toPayment(row)
      const history = await loadHistory(ctx, { name: row.emetteur, iban: row.emetteurIban })
      const resolution = resolveClient(payment, buildLedgerIndex(clients, [], history))
      const invoices = await ctx.invoices.candidates(ctx.prisma, {
        keys: [...extractReferenceKeys(row.reference, row.libelle).full], clientId: resolution?.clientId ?? null, amountCents: payment.amountCents, limit: 500,
      })
      return suggestMatches({ clients, invoices: invoices.map(toInvoice), history }, [payment], { ...ctx.matchOptions, maxSuggestions: 1 })[0]!
    }),
  )
}

for (const perPage of [20, 100]) {
  const rows = await db.prisma.transactionQonto.findMany({ where: unreconciledCreditWhere, orderBy: [{ dateTransaction: 'asc' }, { id: 'asc' }], take: perPage, select: TRANSACTION_SELECT })
  const same = JSON.stringify((await perRow(ctx, rows)).map((r) => r.suggestions[0] ?? null)) === JSON.stringify((await suggestionsForRows(ctx, rows, { maxSuggestions: 1 })).map((r) => r.suggestions[0] ?? null))
  console.log(`\n${perPage} payments to reconcile (same best suggestions both ways: ${same ? 'yes' : 'NO'})`)
  await timed(`  former: 2 queries per payment (${2 * perPage + 1} queries)`, () => perRow(ctx, rows))
  await timed('  now: clients + payers\' history + one candidates query (3 queries)', () => suggestionsForRows(ctx, rows, { maxSuggestions: 1 }))
  await timed(`  whole queue page through the service (perPage=${perPage})`, () => workQueue(ctx, { perPage }))
}

await db.close()
