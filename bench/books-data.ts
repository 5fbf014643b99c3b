/**
 * The books benches' data, in SQL (seconds for 100,000 payments): one Qonto account, 500 clients, one
 * invoice per payment, Qonto's settled balance on every movement. Shape A: every payment reconciled.
 * Shape B: 60 % reconciled, 10 % explained without an invoice, 30 % unexplained, a debit every 7th movement.
 */
import type { TestDatabase } from '../test/helpers/databases.js'

export async function seedBooks(db: TestDatabase, shape: 'A' | 'B', PAYMENTS: number): Promise<void> {
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

