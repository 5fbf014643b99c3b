/**
 * The panel benchmarks' data: 100,000 transactions, 50,000 invoices and 500 clients with an IBAN each,
 * in one of two shapes:
 * - `mixed` (a running agency): a quarter of the payments reconciled, one in ten a debit, half naming
 *   an invoice; a third of the invoices paid;
 * - `backlog` (the day the bank is connected): nothing reconciled yet, every invoice open, one payment
 *   in ten naming its invoice (the matcher has the most candidates to weigh).
 */
import { createTestUsers } from '../test/helpers/app.js'
import type { TestDatabase } from '../test/helpers/databases.js'

export const TRANSACTIONS = 100_000
export const INVOICES = 50_000
export const CLIENTS = 500

export type PanelShape = 'mixed' | 'backlog'
export const PANEL_SHAPES: readonly PanelShape[] = ['mixed', 'backlog']

export async function seedPanelData(db: TestDatabase, shape: PanelShape = 'mixed'): Promise<void> {
  const backlog = shape === 'backlog'
  await createTestUsers(db)
  const start = performance.now()
  await db.sql.query(`
    INSERT INTO marques (id, nom, ibans, "updatedAt")
    SELECT 'c' || i, 'Client ' || i || ' SAS', ARRAY['FR76' || lpad(i::text, 23, '0')], now() FROM generate_series(1, ${CLIENTS}) i`)
  await db.sql.query(`
    INSERT INTO documents (id, reference, type, "montantTTC", "montantPaye", statut, "dateEmission", "dateEcheance", "marqueId", "updatedAt")
    SELECT 'd' || i, 'FACT-2026-' || lpad(i::text, 6, '0'), 'FACTURE', (500 + (i % 40) * 250)::numeric, 0,
           (CASE WHEN ${backlog ? 'false' : 'i % 3 = 0'} THEN 'PAYE' ELSE 'ENVOYE' END)::"StatutDocument",
           date '2026-01-01' + (i % 300), date '2026-01-31' + (i % 300), 'c' || (1 + i % ${CLIENTS}), now()
    FROM generate_series(1, ${INVOICES}) i`)
  await db.sql.query(`UPDATE documents SET "montantPaye" = "montantTTC" WHERE statut = 'PAYE'`)
  await db.sql.query(`
    INSERT INTO transactions_qonto (id, "qontoId", montant, "montantAlloue", libelle, reference, "dateTransaction", emetteur, "emetteurIban",
                                    statut, sens, "qontoUpdatedAt", associe, "updatedAt")
    SELECT 't' || i, 'q' || i, (500 + (i % 40) * 250)::numeric, 0, 'CLIENT ' || (1 + i % ${CLIENTS}),
           CASE WHEN i % ${backlog ? 10 : 2} = 0 THEN 'VIR FACT-2026-' || lpad((i % ${INVOICES} + 1)::text, 6, '0') ELSE 'Paiement' END,
           timestamp '2026-01-01' + (i || ' minutes')::interval, 'CLIENT ' || (1 + i % ${CLIENTS}) || ' SAS', 'FR76' || lpad((1 + i % ${CLIENTS})::text, 23, '0'),
           'SETTLED', (CASE WHEN i % 10 = 0 THEN 'DEBIT' ELSE 'CREDIT' END)::"QontoSens", now(), ${backlog ? 'false' : 'i % 4 = 0'}, now()
    FROM generate_series(1, ${TRANSACTIONS}) i`)
  await db.sql.query(`UPDATE transactions_qonto SET "montantAlloue" = montant WHERE associe`)
  await db.sql.query('ANALYZE')
  console.log(`Seeded ${TRANSACTIONS} transactions, ${INVOICES} invoices, ${CLIENTS} clients (${shape}) in ${((performance.now() - start) / 1000).toFixed(1)} s`)
}

/** Median and p95 of `times` runs (after one warm-up run), printed on one line. */
export async function timed(label: string, run: () => Promise<unknown>, times = Number(process.env.BENCH_SAMPLES ?? 20)): Promise<{ median: number; p95: number }> {
  await run()
  const samples: number[] = []
  for (let i = 0; i < times; i += 1) {
    const t = performance.now()
    await run()
    samples.push(performance.now() - t)
  }
  samples.sort((a, b) => a - b)
  const median = samples[Math.floor(times / 2)]!
  const p95 = samples[Math.max(0, Math.ceil(times * 0.95) - 1)]!
  console.log(`  ${label.padEnd(62)} median ${median.toFixed(0).padStart(5)} ms   p95 ${p95.toFixed(0).padStart(5)} ms`)
  return { median, p95 }
}
