/**
 * npm run bench:export — 100,000 reconciled payments in PostgreSQL exported as CSV and FEC, streamed
 * to a null sink, next to loading everything through Prisma and building the file in memory.
 */
import { Writable } from 'node:stream'
import { writeExport } from '../src/reconcile/export.service.js'
import { testContext } from '../test/helpers/app.js'
import { createTestDatabase } from '../test/helpers/databases.js'

process.env.TEST_DATABASE_URL ??= 'postgresql://postgres@127.0.0.1:5432/postgres'
const PAYMENTS = 100_000

const db = await createTestDatabase('postgresql')
await db.sql.query(`INSERT INTO marques (id, nom, "updatedAt") SELECT 'c' || i, 'Client ' || i || ' SAS', now() FROM generate_series(1, 500) i`)
await db.sql.query(`
  INSERT INTO documents (id, reference, type, "montantTTC", "montantPaye", statut, "dateEmission", "marqueId", "updatedAt")
  SELECT 'd' || i, 'FACT-2026-' || lpad(i::text, 6, '0'), 'FACTURE', (500 + (i % 40) * 250)::numeric, (500 + (i % 40) * 250)::numeric, 'PAYE', date '2026-01-01', 'c' || (1 + i % 500), now()
  FROM generate_series(1, ${PAYMENTS}) i`)
await db.sql.query(`
  INSERT INTO transactions_qonto (id, "qontoId", montant, "montantAlloue", reference, "dateTransaction", emetteur, statut, sens, "qontoUpdatedAt", associe, "updatedAt")
  SELECT 't' || i, 'q' || i, (500 + (i % 40) * 250)::numeric, (500 + (i % 40) * 250)::numeric, 'VIR FACT ' || i,
         timestamp '2026-01-01' + ((i * 5) || ' minutes')::interval, 'CLIENT ' || (1 + i % 500), 'SETTLED', 'CREDIT', now(), true, now()
  FROM generate_series(1, ${PAYMENTS}) i`)
await db.sql.query(`
  INSERT INTO qonto_allocations (id, "transactionId", "factureId", montant, mode, "createdAt")
  SELECT 'a' || i, 't' || i, 'd' || i, (500 + (i % 40) * 250)::numeric, 'AUTOMATIQUE', timestamp '2026-01-02' + ((i * 5) || ' minutes')::interval
  FROM generate_series(1, ${PAYMENTS}) i`)
await db.sql.query('ANALYZE')

const sink = () => new Writable({ write: (_chunk, _encoding, done) => done() })
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`
const ctx = testContext(db)
console.log(`Export of ${PAYMENTS} reconciled payments (PostgreSQL, this machine)`)
for (const format of ['csv', 'fec'] as const) {
  const rssBefore = process.memoryUsage().rss
  let peak = rssBefore
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50)
  const start = performance.now()
  const count = await writeExport(ctx, { format, from: '2026-01-01', to: '2026-12-31' }, sink())
  clearInterval(sampler)
  console.log(`  qonto-reconcile ${format.toUpperCase()} (streamed)        ${count} payments in ${((performance.now() - start) / 1000).toFixed(1)} s, RSS ${mb(rssBefore)} → peak ${mb(peak)}`)
}
const rssBefore = process.memoryUsage().rss
const start = performance.now()
const all = await db.prisma.transactionQonto.findMany({ where: { associe: true }, include: { allocations: { include: { facture: { include: { marque: true } } } } } })
const text = all.map((t) => t.allocations.map((a) => [t.dateTransaction.toISOString(), t.qontoId, t.emetteur, a.facture.reference, String(a.montant), a.facture.marque?.nom].join(';')).join('\n')).join('\n')
console.log(`  naive (load everything, build in memory)  ${all.length} payments in ${((performance.now() - start) / 1000).toFixed(1)} s, ${mb(text.length)} string, RSS ${mb(rssBefore)} → ${mb(process.memoryUsage().rss)}`)
await db.close()
